package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.testing.Lab;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;

/**
 * The link layer between two hosts of a private lab (network namespaces joined by a veth pair,
 * no route out): frames really cross a wire, and the other host's kernel answers.
 */
@RequiresRoot
class LinkLayerIT {
    private static Lab lab;

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.up();
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private static List<String> rawsock(String... args) {
        return ToolProcess.command(args);
    }

    /** Starts a command on a host in the background, its stdout and stderr going to files. */
    private static Process background(String host, List<String> command, Path out, Path err) throws Exception {
        return new ProcessBuilder(lab.on(host, command)).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
    }

    /** Waits until a background rawsock has its socket open (its JVM started), bounded. */
    private static void settle() throws InterruptedException {
        Thread.sleep(1500);
    }

    @Test
    void anArpRequestFromAIsAnsweredByBsKernel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Process recv = background("a", rawsock("recv", "--link", "-I", "veth-a", "--filter", "arp", "-c", "2", "-t",
                "15s", "-f", "json"), out, dir.resolve("err"));
        settle();
        Object[] send = lab.exec("a", rawsock("send", "--link", "-I", "veth-a", "-p", "arp", "-d", Lab.B_IP));
        assertEquals(0, send[0], (String) send[2]);
        assertTrue(recv.waitFor(30, TimeUnit.SECONDS));
        String json = Files.readString(out);
        assertEquals(0, recv.exitValue(), json + Files.readString(dir.resolve("err")));
        assertTrue(json.contains("\"direction\":\"out\""), json);
        assertTrue(json.matches("(?s).*\"arp\":\\{[^}]*\"op\":2.*"), json);
        assertTrue(json.contains(Lab.B_MAC), json);
        // B's kernel learnt A's address from the request: an observer independent of rawsock.
        Object[] neighbours = lab.exec("b", List.of("ip", "neigh", "show", Lab.A_IP));
        assertTrue(((String) neighbours[1]).contains(Lab.A_MAC), (String) neighbours[1]);
    }

    @Test
    void icmpBoundToAnInterfaceReachesBAndIsAnswered(@TempDir Path dir) throws Exception {
        int id = Marks.id();
        Path out = dir.resolve("tcpdump");
        Process tcpdump = background("a", List.of("tcpdump", "-i", "veth-a", "-nn", "-l", "-c", "2",
                "icmp and icmp[4:2] == " + id), out, dir.resolve("err"));
        settle();
        Object[] send = lab.exec("a", rawsock("send", "-I", "veth-a", "-d", Lab.B_IP, "--icmp-id", String.valueOf(id)));
        assertEquals(0, send[0], (String) send[2]);
        assertTrue(tcpdump.waitFor(20, TimeUnit.SECONDS), "tcpdump saw request and reply");
        String seen = Files.readString(out);
        assertTrue(seen.contains(Lab.B_IP + " > " + Lab.A_IP + ": ICMP echo reply, id " + id), seen);
    }

    @Test
    void recvLinkInBCapturesASessionFromAAndTcpdumpReadsItAsEthernet(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("b.pcap");
        Process recv = background("b", rawsock("recv", "--link", "-I", "veth-b", "-w", pcap.toString(), "-t", "12s",
                "--filter", "not ip6"), dir.resolve("out"), dir.resolve("err"));
        settle();
        List<List<String>> session = List.of(
                rawsock("send", "--link", "-I", "veth-a", "-p", "arp", "-d", Lab.B_IP),
                rawsock("send", "-I", "veth-a", "-d", Lab.B_IP, "--data", "ping"),
                rawsock("send", "-I", "veth-a", "-p", "udp", "-d", Lab.B_IP, "--dport", "9999", "--data", "udp"),
                rawsock("send", "-I", "veth-a", "-p", "tcp", "-d", Lab.B_IP, "--dport", "22", "--flags", "S"));
        for (List<String> command : session) {
            Object[] result = lab.exec("a", command);
            assertEquals(0, result[0], String.join(" ", command) + ": " + result[2]);
        }
        assertTrue(recv.waitFor(30, TimeUnit.SECONDS));
        Process read = new ProcessBuilder("tcpdump", "-e", "-nn", "-r", pcap.toString()).start();
        String text = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(read.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(read.waitFor(30, TimeUnit.SECONDS));
        assertTrue(errors.contains("link-type EN10MB"), errors);
        String aToB = Lab.A_MAC + " > " + Lab.B_MAC;
        String bToA = Lab.B_MAC + " > " + Lab.A_MAC;
        assertTrue(text.contains("Request who-has " + Lab.B_IP + " tell " + Lab.A_IP), text);
        assertTrue(text.contains(bToA + ", ethertype ARP"), text);
        assertTrue(has(text, aToB, "ICMP echo request") && has(text, bToA, "ICMP echo reply"), text);
        assertTrue(has(text, aToB, Lab.B_IP + ".9999: UDP"), text);
        assertTrue(has(text, bToA, "udp port 9999 unreachable"), text);
        assertTrue(has(text, aToB, Lab.B_IP + ".22: Flags [S]") && has(text, bToA, "Flags [R.]"), text);
    }

    @Test
    void wholeFramesAreReplayedOnTheWire(@TempDir Path dir) throws Exception {
        int id = Marks.id();
        // An echo request frame from A to B, as one line of hex (what recv -f hex prints).
        Object[] frame = lab.exec("a", List.of("sh", "-c", String.join(" ", rawsock("recv", "--link", "-I", "veth-a",
                "--filter", "icmp", "-c", "1", "-t", "10s", "-f", "hex")) + " & sleep 1.5; "
                + String.join(" ", rawsock("send", "--link", "-I", "veth-a", "-d", Lab.B_IP, "--dst-mac", Lab.B_MAC,
                "--icmp-id", String.valueOf(id))) + " >/dev/null 2>&1; wait"));
        String hex = ((String) frame[1]).strip();
        assertTrue(hex.matches("[0-9a-f]+"), "one frame in hex: " + frame[1] + frame[2]);
        Path tcpdumpOut = dir.resolve("tcpdump");
        Process tcpdump = background("a", List.of("tcpdump", "-i", "veth-a", "-nn", "-l", "-c", "2",
                "icmp and icmp[4:2] == " + id), tcpdumpOut, dir.resolve("err"));
        settle();
        List<String> replay = new ArrayList<>(lab.on("a", rawsock("send", "--link", "-I", "veth-a", "--stdin-hex")));
        Process sender = new ProcessBuilder(replay).start();
        sender.getOutputStream().write((hex + "\n").getBytes(StandardCharsets.US_ASCII));
        sender.getOutputStream().close();
        assertTrue(sender.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, sender.exitValue(), new String(sender.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(tcpdump.waitFor(20, TimeUnit.SECONDS), "B answered the replayed frame");
        assertTrue(Files.readString(tcpdumpOut).contains("ICMP echo reply, id " + id), Files.readString(tcpdumpOut));
    }

    @Test
    void aDownInterfaceIsNamedWithExitFour() throws Exception {
        // A veth pair left down (the dummy driver may be missing from the kernel).
        lab.exec("a", List.of("ip", "link", "add", "dummy-down", "type", "veth", "peer", "name", "dummy-peer"));
        Object[] result = lab.exec("a", rawsock("send", "--link", "-I", "dummy-down", "-p", "arp", "-d", Lab.B_IP,
                "--src", Lab.A_IP));
        assertEquals(4, result[0], (String) result[2]);
        assertTrue(((String) result[2]).contains("ENETDOWN"), (String) result[2]);
        assertTrue(((String) result[2]).contains("dummy-down"), (String) result[2]);
        Object[] missing = lab.exec("a", rawsock("send", "--link", "-I", "nosuch0", "-p", "arp", "-d", Lab.B_IP));
        assertEquals(4, missing[0], (String) missing[2]);
        assertTrue(((String) missing[2]).contains("no such interface: nosuch0"), (String) missing[2]);
    }

    private static boolean has(String text, String macs, String what) {
        return text.lines().anyMatch(line -> line.contains(macs) && line.contains(what));
    }
}
