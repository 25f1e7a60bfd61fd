package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rawsock.testing.Background;
import rawsock.testing.Lab;
import rawsock.testing.LabExtension;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;

/**
 * arping's habits and VLAN tags between two hosts of a private LAB.lab() (namespaces joined by a veth
 * pair, no route out), judged by observers independent of rawsock: B's kernel (its ARP replies,
 * its neighbour table), the system's arping, and tcpdump on B reading the frames' fields.
 */
@RequiresRoot
class ArpVlanIT {
    private static final String ABSENT_IP = "169.254.99.50";
    private static final String REPLY_LINE = "Unicast reply from 169\\.254\\.99\\.2 \\[02:00:00:00:99:02\\]  [0-9]+\\.[0-9]{3}ms";
    @RegisterExtension
    static final LabExtension LAB = new LabExtension(Lab::up);


    private static List<String> rawsock(String... args) {
        return ToolProcess.command(args);
    }

    /** rawsock send on host A through veth-a, with {@code args} after the interface. */
    private static Object[] sendFromA(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("send", "--link", "-I", "veth-a"));
        command.addAll(Arrays.asList(args));
        return LAB.lab().exec("a", rawsock(command.toArray(new String[0])));
    }

    /** tcpdump -e on B, started and listening: from then on it misses no frame. */
    private static Background tcpdumpOnB(int count, String filter) throws Exception {
        Background tcpdump = Background.start(LAB.lab().on("b", List.of("tcpdump", "-i", "veth-b", "-e", "-nn", "-l", "-c",
                String.valueOf(count), filter)));
        assertTrue(tcpdump.awaitStderr("listening on", 30_000), "never listened: " + tcpdump.stderr());
        return tcpdump;
    }

    @Test
    void anArpingStyleProbeIsAnsweredByBsKernel() throws Exception {
        Object[] run = sendFromA("-p", "arp", "-d", Lab.B_IP, "-c", "3", "-i", "100ms", "--wait");
        assertEquals(0, run[0], (String) run[2]);
        List<String> lines = ((String) run[1]).lines().toList();
        assertEquals(3, lines.size(), (String) run[1]);
        lines.forEach(line -> assertTrue(line.matches(REPLY_LINE), line));
        assertTrue(((String) run[2]).contains("3 probes transmitted, 3 received, 0% loss"), (String) run[2]);
        assertTrue(((String) run[2]).matches("(?s).*rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms.*"),
                (String) run[2]);

        Object[] json = sendFromA("-p", "arp", "-d", Lab.B_IP, "-c", "2", "-i", "100ms", "--wait", "-f", "json");
        assertEquals(0, json[0], (String) json[2]);
        List<String> objects = ((String) json[1]).lines().toList();
        assertEquals(3, objects.size(), (String) json[1]);
        for (int probe = 1; probe <= 2; probe++) {
            assertTrue(objects.get(probe - 1).matches("\\{\"probe\":" + probe + ",\"from\":\"169\\.254\\.99\\.2\","
                    + "\"mac\":\"02:00:00:00:99:02\",\"rtt_ms\":[0-9.]+,\"type\":\"arp-reply\",\"unicast\":true,"
                    + "\"dup\":false,\"late\":false\\}"), objects.get(probe - 1));
        }
        assertTrue(objects.get(2).contains("\"transmitted\":2,\"received\":2"), objects.get(2));
    }

    @Test
    void anUnansweredProbeExitsOneAsArpingDoes() throws Exception {
        Object[] run = sendFromA("-p", "arp", "-d", ABSENT_IP, "-c", "2", "-i", "100ms", "--wait=300ms");
        assertEquals(1, run[0], (String) run[2]);
        assertEquals("", run[1]);
        assertTrue(((String) run[2]).contains("2 probes transmitted, 0 received, 100% loss"), (String) run[2]);
    }

    /** The system's arping (iputils) on the same target prints the same reply line, RTT aside, and the same exit. */
    @Test
    void theSystemsArpingAgrees() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/arping")), "arping is not installed (Debian: iputils-arping)");
        Object[] arping = LAB.lab().exec("a", List.of("arping", "-c", "2", "-I", "veth-a", Lab.B_IP));
        assumeTrue(((String) arping[1]).contains("Unicast reply from"), "not iputils' arping: " + arping[1]);
        Object[] ours = sendFromA("-p", "arp", "-d", Lab.B_IP, "-c", "2", "-i", "100ms", "--wait");
        assertEquals(arping[0], ours[0]);
        assertEquals(withoutTimes(((String) arping[1]).lines().filter(line -> line.contains(" reply from ")).toList()),
                withoutTimes(((String) ours[1]).lines().toList()));
        Object[] arpingAbsent = LAB.lab().exec("a", List.of("arping", "-c", "1", "-w", "1", "-I", "veth-a", ABSENT_IP));
        Object[] oursAbsent = sendFromA("-p", "arp", "-d", ABSENT_IP, "--wait=300ms");
        assertEquals(arpingAbsent[0], oursAbsent[0], "both exit 1 without an answer");
    }

    private static List<String> withoutTimes(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll("  [0-9.]+ms$", "")).toList();
    }

    /**
     * ARP replies that are not answers to our request, sent from B all through our probe: one from
     * the address we ask for but to another MAC, one to us but from another address. Neither
     * counts; the same forgery addressed right does, so the refusal is the matching's.
     */
    @Test
    void onlyRepliesToOurRequestCount() throws Exception {
        String otherMac = "02:00:00:00:99:0b";
        try (Background toAnotherMac = forgedRepliesFromB(ABSENT_IP, otherMac);
                Background fromAnotherAddress = forgedRepliesFromB(Lab.B_IP, Lab.A_MAC)) {
            Object[] run = sendFromA("-p", "arp", "-d", ABSENT_IP, "-c", "3", "-i", "100ms", "--wait=300ms");
            assertTrue(alive(toAnotherMac) && alive(fromAnotherAddress), "the forged replies ran all through the probe");
            assertEquals(1, run[0], run[1] + " / " + run[2]);
            assertEquals("", run[1]);
        }
        try (Background ours = forgedRepliesFromB(ABSENT_IP, Lab.A_MAC)) {
            Object[] run = sendFromA("-p", "arp", "-d", ABSENT_IP, "-c", "3", "-i", "100ms", "--wait=300ms");
            assertTrue(alive(ours));
            assertEquals(0, run[0], (String) run[2]);
            assertTrue(((String) run[1]).startsWith("Unicast reply from " + ABSENT_IP + " [02:00:00:00:99:02]"),
                    (String) run[1]);
        }
    }

    /** B sends "SPA is-at B's MAC" to A every 25 ms (20 s at most), target MAC {@code tha}; returns once it sends. */
    private static Background forgedRepliesFromB(String spa, String tha) throws Exception {
        Background sender = Background.start(LAB.lab().on("b", rawsock("send", "-v", "--link", "-I", "veth-b", "-p", "arp",
                "--arp-op", "reply", "-d", Lab.A_IP, "--arp-spa", spa, "--arp-tha", tha, "--dst-mac", Lab.A_MAC, "-c",
                "800", "-i", "25ms")));
        assertTrue(sender.awaitStderr("sending", 30_000), "never sent: " + sender.stderr());
        return sender;
    }

    private static boolean alive(Background process) {
        return ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void aGratuitousArpUpdatesBsNeighbourTable() throws Exception {
        String announced = "169.254.99.77";
        String newMac = "02:00:00:00:99:77";
        // B knows the address at an old MAC; locktime 0 lets an announcement replace it at once.
        assertEquals(0, LAB.lab().exec("b", List.of("ip", "neigh", "replace", announced, "lladdr", "02:00:00:00:99:66", "dev",
                "veth-b", "nud", "stale"))[0]);
        assertEquals(0, LAB.lab().exec("b", List.of("sysctl", "-qw", "net.ipv4.neigh.veth-b.locktime=0"))[0]);
        Object[] run = sendFromA("-p", "arp", "-d", announced, "--arp-spa", announced, "--arp-sha", newMac);
        assertEquals(0, run[0], (String) run[2]);
        String neighbours = "";
        long deadline = System.currentTimeMillis() + 10_000;
        for (int i = 0; i < 100 && System.currentTimeMillis() < deadline && !neighbours.contains(newMac); i++) {
            neighbours = (String) LAB.lab().exec("b", List.of("ip", "neigh", "show", announced))[1];
            if (!neighbours.contains(newMac)) {
                Thread.sleep(100);
            }
        }
        assertTrue(neighbours.contains("lladdr " + newMac), neighbours);
    }

    @Test
    void vlanTaggedFramesAreSeenByTcpdumpOnB() throws Exception {
        int id = Marks.id();
        try (Background tcpdump = tcpdumpOnB(2, "vlan 100")) {
            assertEquals(0, sendFromA("--vlan", "100", "--vlan-prio", "5", "-p", "arp", "-d", Lab.B_IP)[0]);
            Object[] icmp = sendFromA("--vlan", "100", "-d", Lab.B_IP, "--dst-mac", Lab.B_MAC, "--icmp-id",
                    String.valueOf(id));
            assertEquals(0, icmp[0], (String) icmp[2]);
            assertEquals(0, tcpdump.await(30), tcpdump.stderr());
            String seen = tcpdump.stdout();
            assertTrue(seen.contains(Lab.A_MAC + " > ff:ff:ff:ff:ff:ff, ethertype 802.1Q (0x8100), length 46: vlan 100, "
                    + "p 5, ethertype ARP (0x0806), Request who-has " + Lab.B_IP + " tell " + Lab.A_IP), seen);
            assertTrue(seen.contains(Lab.A_MAC + " > " + Lab.B_MAC + ", ethertype 802.1Q (0x8100)"), seen);
            assertTrue(seen.contains("vlan 100, p 0, ethertype IPv4 (0x0800)"), seen);
            assertTrue(seen.contains(Lab.A_IP + " > " + Lab.B_IP + ": ICMP echo request, id " + id), seen);
        }
    }

    @Test
    void twoVlansAreQinqWithAn8021adOuterTag() throws Exception {
        try (Background tcpdump = tcpdumpOnB(1, "vlan 200")) {
            assertEquals(0, sendFromA("--vlan", "200,100", "-p", "arp", "-d", Lab.B_IP)[0]);
            assertEquals(0, tcpdump.await(30), tcpdump.stderr());
            assertTrue(tcpdump.stdout().contains("ethertype 802.1Q-QinQ (0x88a8), length 50: vlan 200, p 0, "
                    + "ethertype 802.1Q (0x8100), vlan 100, p 0, ethertype ARP (0x0806), Request who-has"), tcpdump.stdout());
        }
    }

    /**
     * B's kernel answers over VLAN 100 through a VLAN interface: the ARP reply is ours, and then
     * an ICMP echo request in a tagged frame draws a tagged echo reply.
     */
    @Test
    void bsVlanInterfaceAnswersTaggedFrames() throws Exception {
        Object[] added = LAB.lab().exec("b", List.of("ip", "link", "add", "link", "veth-b", "name", "veth-b.100", "type",
                "vlan", "id", "100"));
        assumeTrue((int) added[0] == 0, "this kernel makes no VLAN interfaces (CONFIG_VLAN_8021Q): " + added[2]);
        assertEquals(0, LAB.lab().exec("b", List.of("ip", "addr", "add", "169.254.100.2/24", "dev", "veth-b.100"))[0]);
        assertEquals(0, LAB.lab().exec("b", List.of("ip", "link", "set", "veth-b.100", "up"))[0]);
        Object[] arp = sendFromA("--vlan", "100", "-p", "arp", "-d", "169.254.100.2", "--arp-spa", "169.254.100.1",
                "-c", "2", "-i", "100ms", "--wait");
        assertEquals(0, arp[0], (String) arp[2]);
        assertTrue(((String) arp[1]).startsWith("Unicast reply from 169.254.100.2 [" + Lab.B_MAC + "]"), (String) arp[1]);
        // B learnt 169.254.100.1 at A's MAC from the request: its echo reply needs no ARP of its own.
        int id = Marks.id();
        try (Background tcpdump = tcpdumpOnB(2, "vlan 100 and icmp")) {
            Object[] icmp = sendFromA("--vlan", "100", "-d", "169.254.100.2", "--src", "169.254.100.1", "--dst-mac",
                    Lab.B_MAC, "--icmp-id", String.valueOf(id));
            assertEquals(0, icmp[0], (String) icmp[2]);
            assertEquals(0, tcpdump.await(30), tcpdump.stderr());
            assertTrue(tcpdump.stdout().contains("169.254.100.2 > 169.254.100.1: ICMP echo reply, id " + id),
                    tcpdump.stdout());
        }
    }
}
