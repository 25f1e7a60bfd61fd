package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import rawsock.testing.Background;
import rawsock.testing.Lab;
import rawsock.testing.LabExtension;
import rawsock.testing.Marks;
import rawsock.testing.Processes;
import rawsock.testing.RequiresRoot;

/**
 * The link layer between two hosts of a private LAB.lab() (network namespaces joined by a veth pair,
 * no route out): frames really cross a wire, and the other host's kernel answers.
 */
@RequiresRoot
class LinkLayerIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension(Lab::up);


    private static List<String> rawsock(String... args) {
        return ToolProcess.command(args);
    }

    /**
     * Starts a command on a host in the background and waits for its "listening on" line
     * (tcpdump's, or rawsock recv's with -v): from then on it misses nothing.
     */
    private static Background listening(String host, List<String> command) throws Exception {
        Background background = Background.start(LAB.lab().on(host, command));
        assertTrue(background.awaitStderr("listening on", 30_000), "never listened: " + background.stderr());
        return background;
    }

    @Test
    void anArpRequestFromAIsAnsweredByBsKernel() throws Exception {
        // -t only bounds a broken run: the window opens before the sender's JVM starts.
        Background recv = listening("a", rawsock("recv", "-v", "--link", "-I", "veth-a", "--filter", "arp", "-c", "2",
                "-t", "60s", "-f", "json"));
        Object[] send = LAB.lab().exec("a", rawsock("send", "--link", "-I", "veth-a", "-p", "arp", "-d", Lab.B_IP));
        assertEquals(0, send[0], (String) send[2]);
        assertEquals(0, recv.await(90), recv.stderr());
        String json = recv.stdout();
        assertTrue(json.contains("\"direction\":\"out\""), json);
        assertTrue(json.matches("(?s).*\"arp\":\\{[^}]*\"op\":2.*"), json);
        assertTrue(json.contains(Lab.B_MAC), json);
        // B's kernel learnt A's address from the request: an observer independent of rawsock.
        Object[] neighbours = LAB.lab().exec("b", List.of("ip", "neigh", "show", Lab.A_IP));
        assertTrue(((String) neighbours[1]).contains(Lab.A_MAC), (String) neighbours[1]);
    }

    @Test
    void icmpBoundToAnInterfaceReachesBAndIsAnswered() throws Exception {
        int id = Marks.id();
        Background tcpdump = listening("a", List.of("tcpdump", "-i", "veth-a", "-nn", "-l", "-c", "2",
                "icmp and icmp[4:2] == " + id));
        Object[] send = LAB.lab().exec("a", rawsock("send", "-I", "veth-a", "-d", Lab.B_IP, "--icmp-id", String.valueOf(id)));
        assertEquals(0, send[0], (String) send[2]);
        assertEquals(0, tcpdump.await(20), "tcpdump saw request and reply: " + tcpdump.stderr());
        String seen = tcpdump.stdout();
        assertTrue(seen.contains(Lab.B_IP + " > " + Lab.A_IP + ": ICMP echo reply, id " + id), seen);
    }

    @Test
    void recvLinkInBCapturesASessionFromAAndTcpdumpReadsItAsEthernet(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("b.pcap");
        // A long -t only bounds a broken run: SIGINT ends the capture once the whole session is in
        // the file, however long the four JVMs below take to start one after another.
        try (Background recv = listening("b", rawsock("recv", "-v", "--link", "-I", "veth-b", "-w", pcap.toString(),
                    "-t", "120s", "--filter", "not ip6"))) {
            List<List<String>> session = List.of(
                    rawsock("send", "--link", "-I", "veth-a", "-p", "arp", "-d", Lab.B_IP),
                    rawsock("send", "-I", "veth-a", "-d", Lab.B_IP, "--data", "ping"),
                    rawsock("send", "-I", "veth-a", "-p", "udp", "-d", Lab.B_IP, "--dport", "9999", "--data", "udp"),
                    rawsock("send", "-I", "veth-a", "-p", "tcp", "-d", Lab.B_IP, "--dport", "22", "--flags", "S"));
            for (List<String> command : session) {
                Object[] result = LAB.lab().exec("a", command);
                assertEquals(0, result[0], String.join(" ", command) + ": " + result[2]);
            }
            String aToB = Lab.A_MAC + " > " + Lab.B_MAC;
            String bToA = Lab.B_MAC + " > " + Lab.A_MAC;
            List<Predicate<String>> frames = List.of(
                    text -> text.contains("Request who-has " + Lab.B_IP + " tell " + Lab.A_IP),
                    text -> text.contains(bToA + ", ethertype ARP"),
                    text -> has(text, aToB, "ICMP echo request") && has(text, bToA, "ICMP echo reply"),
                    text -> has(text, aToB, Lab.B_IP + ".9999: UDP"),
                    text -> has(text, bToA, "udp port 9999 unreachable"),
                    text -> has(text, aToB, Lab.B_IP + ".22: Flags [S]") && has(text, bToA, "Flags [R.]"));
            // Poll the file being written (bounded) until tcpdump finds every frame in it.
            long deadline = System.currentTimeMillis() + 60_000;
            for (int i = 0; i < 600 && System.currentTimeMillis() < deadline; i++) {
                String sofar = tcpdumpRead(pcap)[0];
                if (frames.stream().allMatch(frame -> frame.test(sofar))) {
                    break;
                }
                Thread.sleep(100);
            }
            signal("INT", recv.pid());
            assertEquals(130, recv.await(30), recv.stderr());
            String[] read = tcpdumpRead(pcap);
            String text = read[0];
            String errors = read[1];
            assertTrue(errors.contains("link-type EN10MB"), errors);
            for (Predicate<String> frame : frames) {
                assertTrue(frame.test(text), text);
            }
        }
    }

    /** tcpdump -e -nn -r on a pcap (bounded): {stdout, stderr}. */
    private static String[] tcpdumpRead(Path pcap) throws Exception {
        Process read = new ProcessBuilder("tcpdump", "-e", "-nn", "-r", pcap.toString()).start();
        read.getOutputStream().close();
        String[] streams = new String[2];
        Thread errors = new Thread(() -> streams[1] =
                new String(Processes.readAll(read.getErrorStream()), StandardCharsets.UTF_8));
        errors.start();
        streams[0] = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        errors.join(30_000);
        assertTrue(read.waitFor(30, TimeUnit.SECONDS));
        return streams;
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());
    }

    @Test
    void wholeFramesAreReplayedOnTheWire() throws Exception {
        int id = Marks.id();
        // An echo request frame from A to B, as one line of hex (what recv -f hex prints).
        Background capture = listening("a", rawsock("recv", "-v", "--link", "-I", "veth-a", "--filter", "icmp", "-c",
                "1", "-t", "60s", "-f", "hex"));
        LAB.lab().exec("a", rawsock("send", "--link", "-I", "veth-a", "-d", Lab.B_IP, "--dst-mac", Lab.B_MAC, "--icmp-id",
                String.valueOf(id)));
        assertEquals(0, capture.await(90), capture.stderr());
        String hex = capture.stdout().strip();
        assertTrue(hex.matches("[0-9a-f]+"), "one frame in hex: " + hex);
        Background tcpdump = listening("a", List.of("tcpdump", "-i", "veth-a", "-nn", "-l", "-c", "2",
                "icmp and icmp[4:2] == " + id));
        List<String> replay = new ArrayList<>(LAB.lab().on("a", rawsock("send", "--link", "-I", "veth-a", "--stdin-hex")));
        Process sender = new ProcessBuilder(replay).start();
        sender.getOutputStream().write((hex + "\n").getBytes(StandardCharsets.US_ASCII));
        sender.getOutputStream().close();
        assertTrue(sender.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, sender.exitValue(), new String(sender.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, tcpdump.await(20), "B answered the replayed frame: " + tcpdump.stderr());
        assertTrue(tcpdump.stdout().contains("ICMP echo reply, id " + id), tcpdump.stdout());
    }

    /**
     * B's kernel takes the 802.1Q tag out of an arriving frame before packet sockets see it; both
     * receive paths (the ring's tp_vlan_tci, recvmmsg's PACKET_AUXDATA) must put it back, so B
     * prints the very frame A sent.
     */
    @Test
    void aTaggedFrameIsCapturedWithItsTagOnBothReceivePaths() throws Exception {
        String mark = rawsock.output.Hex.encode(Marks.payload().getBytes(StandardCharsets.US_ASCII));
        String frame = Lab.B_MAC.replace(":", "") + Lab.A_MAC.replace(":", "") + "8100" + "a064" + "88b5" + mark;
        // -t only bounds a broken run: the ring's window opens before two more JVMs start.
        List<String> capture = List.of("recv", "-v", "--link", "-I", "veth-b", "--filter", "vlan 100", "-c", "1", "-t",
                "90s", "-f", "hex");
        Background ring = listening("b", rawsock(capture.toArray(new String[0])));
        List<String> old = new ArrayList<>(capture);
        old.add("--no-ring");
        Background recvmmsg = listening("b", rawsock(old.toArray(new String[0])));
        Process sender = new ProcessBuilder(LAB.lab().on("a", rawsock("send", "--link", "-I", "veth-a", "--stdin-hex"))).start();
        sender.getOutputStream().write((frame + "\n").getBytes(StandardCharsets.US_ASCII));
        sender.getOutputStream().close();
        assertTrue(sender.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, sender.exitValue(), new String(sender.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, ring.await(120), ring.stderr());
        assertEquals(0, recvmmsg.await(120), recvmmsg.stderr());
        assertEquals(frame, ring.stdout().strip(), "the ring");
        assertEquals(frame, recvmmsg.stdout().strip(), "recvmmsg");
    }

    /**
     * A QinQ capture (802.1ad outside 802.1Q) of a UDP datagram from A to B whose checksums are
     * wrong, as a capture of offloaded traffic has them: replayed whole with --fix-checksums, the
     * frame crosses the wire with both tags and the IP and UDP checksums that tcpdump on B verifies.
     */
    @Test
    void aQinQCaptureIsReplayedWholeWithItsChecksumsRepaired(@TempDir Path dir) throws Exception {
        int port = 20000 + Marks.id() % 20000;
        byte[] payload = Marks.payload().getBytes(StandardCharsets.US_ASCII);
        byte[] packet = rawsock.testing.InetChecksum.udpPacket(java.net.InetAddress.getByName(Lab.A_IP).getAddress(),
                java.net.InetAddress.getByName(Lab.B_IP).getAddress(), 5557, port, payload);
        packet[10] ^= 0x5a; // the IPv4 header checksum, wrong
        packet[26] = (byte) 0xde; // the UDP checksum, wrong
        packet[27] = (byte) 0xad;
        String frame = Lab.B_MAC.replace(":", "") + Lab.A_MAC.replace(":", "") + "88a8" + "0064" + "8100" + "00c8"
                + "0800" + rawsock.output.Hex.encode(packet);
        Path capture = dir.resolve("qinq.pcap");
        java.nio.file.Files.write(capture, rawsock.testing.PcapFiles.of(1, 0, rawsock.output.Hex.decode(frame)));
        Background tcpdump = listening("b", List.of("tcpdump", "-i", "veth-b", "-e", "-nn", "-vv", "-l", "-c", "1",
                "vlan 100 and vlan 200 and udp dst port " + port));
        Object[] sent = LAB.lab().exec("a", rawsock("send", "--link", "-I", "veth-a", "--read-pcap", capture.toString(),
                "--fix-checksums"));
        assertEquals(0, sent[0], (String) sent[2]);
        assertEquals(0, tcpdump.await(30), tcpdump.stderr());
        String seen = tcpdump.stdout();
        assertTrue(seen.contains("vlan 100") && seen.contains("vlan 200"), seen);
        assertTrue(seen.contains("[udp sum ok]"), seen);
        assertTrue(!seen.contains("bad cksum"), seen);
    }

    @Test
    void promiscuousModeIsOnWhileCapturingAndOffAfter() throws Exception {
        // A long -t only bounds a broken run: SIGINT ends this one once promiscuity is checked.
        try (Background recv = listening("b", rawsock("recv", "-v", "--link", "--promisc", "-I", "veth-b", "-t", "120s",
                    "-f", "hex"))) {
            // The kernel's own count of promiscuous users of the interface, independent of rawsock.
            Object[] during = LAB.lab().exec("b", List.of("ip", "-d", "link", "show", "veth-b"));
            assertTrue(((String) during[1]).contains("promiscuity 1"), (String) during[1]);
            signal("INT", recv.pid());
            assertEquals(130, recv.await(30), recv.stderr());
            Object[] after = LAB.lab().exec("b", List.of("ip", "-d", "link", "show", "veth-b"));
            assertTrue(((String) after[1]).contains("promiscuity 0"), (String) after[1]);
        }
    }

    @Test
    void aDownInterfaceIsNamedWithExitFour() throws Exception {
        // A veth pair left down (the dummy driver may be missing from the kernel).
        LAB.lab().exec("a", List.of("ip", "link", "add", "dummy-down", "type", "veth", "peer", "name", "dummy-peer"));
        Object[] result = LAB.lab().exec("a", rawsock("send", "--link", "-I", "dummy-down", "-p", "arp", "-d", Lab.B_IP,
                "--src", Lab.A_IP));
        assertEquals(4, result[0], (String) result[2]);
        assertTrue(((String) result[2]).contains("ENETDOWN"), (String) result[2]);
        assertTrue(((String) result[2]).contains("dummy-down"), (String) result[2]);
        Object[] missing = LAB.lab().exec("a", rawsock("send", "--link", "-I", "nosuch0", "-p", "arp", "-d", Lab.B_IP));
        assertEquals(2, missing[0], (String) missing[2]);
        // the interfaces of the namespace the command runs in, not the host's
        String listed = (String) missing[2];
        assertTrue(listed.contains("no such interface: nosuch0 (this host has ") && listed.contains("veth-a")
                && !listed.matches("(?s).*\\beth0\\b.*"), listed);
    }

    private static boolean has(String text, String macs, String what) {
        return text.lines().anyMatch(line -> line.contains(macs) && line.contains(what));
    }
}
