package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import rawsock.testing.CliRun;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;
import rawsock.testing.Tcpdump;

/**
 * {@code send --wait}: the kernel's own answers on 127.0.0.1 (echo replies, SYN-ACK from a JDK
 * ServerSocket's port, RST from a closed one, ICMP port unreachable) matched to their probes.
 */
@RequiresRoot
class ProbeTest {
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+): (seq|sport)=(\\d+) (\\S+)(?: flags=(\\S+))? ttl=(\\d+) time=(\\d+\\.\\d{3}) ms$");
    private static final ExecutorService POOL = Executors.newCachedThreadPool();

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void threeEchoProbesGiveThreeRepliesWithPositiveRoundTrips() {
        int id = Marks.id();
        CliRun run = CliRun.run("send", "-d", "127.0.0.1", "--icmp-id", String.valueOf(id), "-c", "3", "-i", "50ms",
                "--wait");
        assertEquals(0, run.status, run.toString());
        String[] lines = run.out().split("\n");
        assertEquals(3, lines.length, run.out());
        for (int i = 0; i < 3; i++) {
            Matcher m = LINE.matcher(lines[i]);
            assertTrue(m.matches(), lines[i]);
            assertEquals("127.0.0.1", m.group(1));
            assertEquals(String.valueOf(i + 1), m.group(3));
            assertEquals("echo-reply", m.group(4));
            assertTrue(Double.parseDouble(m.group(7)) > 0, lines[i]);
        }
        assertTrue(run.stderr.contains("3 probes transmitted, 3 received, 0% loss"), run.stderr);
        assertTrue(run.stderr.matches("(?s).*rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms.*"), run.stderr);
    }

    @Test
    void jsonGivesOneObjectPerReplyAndASummary() throws Exception {
        CliRun run = CliRun.run("send", "-d", "127.0.0.1", "--icmp-id", String.valueOf(Marks.id()), "-c", "2", "-i",
                "20ms", "--wait=500ms", "-f", "json");
        assertEquals(0, run.status, run.toString());
        String[] lines = run.out().split("\n");
        assertEquals(3, lines.length, run.out());
        Map<String, String> first = RecvTest.topLevelScalars(lines[0]);
        assertEquals("1", first.get("seq"));
        assertEquals("127.0.0.1", first.get("from"));
        assertEquals("echo-reply", first.get("type"));
        assertTrue(Double.parseDouble(first.get("rtt_ms")) > 0, lines[0]);
        assertTrue(lines[2].startsWith("{\"summary\":{"), lines[2]);
        assertTrue(lines[2].contains("\"transmitted\":2,\"received\":2"), lines[2]);
        assertEquals("", run.stderr.strip(), "with json the summary is data on stdout");
    }

    @Test
    void tcpSynMatchesTheSynAckOfAListeningPortAndTheRstOfAClosedOne() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            CliRun open = CliRun.run("send", "-p", "tcp", "-d", "127.0.0.1", "--dport",
                    String.valueOf(server.getLocalPort()), "-c", "2", "-i", "20ms", "--wait");
            assertEquals(0, open.status, open.toString());
            // The line names the port probed and what the answer says of it, as nmap and nping do.
            String openPrefix = "127.0.0.1:" + server.getLocalPort() + " syn-ack (open) sport=";
            assertEquals(2, open.out().lines().filter(l -> l.startsWith(openPrefix) && l.contains(" flags=S. "))
                    .count(), open.out());
            int closedPort = Marks.freeTcpPort();
            CliRun closed = CliRun.run("send", "-p", "tcp", "-d", "127.0.0.1", "--dport",
                    String.valueOf(closedPort), "-c", "2", "-i", "20ms", "--wait");
            assertEquals(0, closed.status, closed.toString());
            assertEquals(2, closed.out().lines().filter(l -> l.startsWith("127.0.0.1:" + closedPort + " rst (closed) ")
                    && l.contains(" flags=R. ")).count(), closed.out());
            CliRun json = CliRun.run("send", "-p", "tcp", "-d", "127.0.0.1", "--dport",
                    String.valueOf(server.getLocalPort()), "--wait", "-f", "json");
            assertEquals(0, json.status, json.toString());
            Map<String, String> reply = RecvTest.topLevelScalars(json.out().split("\n")[0]);
            assertEquals(String.valueOf(server.getLocalPort()), reply.get("dport"), json.out());
            assertEquals("open", reply.get("state"), json.out());
            assertTrue(Integer.parseInt(reply.get("sport")) > 0, json.out());
        }
    }

    @Test
    void theHostMayBeGivenWithoutAnOptionAsPingTakesIt() {
        CliRun run = CliRun.run("send", "127.0.0.1", "--icmp-id", String.valueOf(Marks.id()), "--wait");
        assertEquals(0, run.status, run.toString());
        assertEquals(1, run.out().lines().filter(l -> l.startsWith("127.0.0.1: seq=1 echo-reply")).count(), run.out());
    }

    @Test
    void quietHidesTheStatisticsOnStderrButNotTheReplies() {
        CliRun run = CliRun.run("-q", "send", "-d", "127.0.0.1", "--icmp-id", String.valueOf(Marks.id()), "-c", "2",
                "-i", "20ms", "--wait");
        assertEquals(0, run.status, run.toString());
        assertEquals(2, run.out().lines().filter(l -> l.contains("echo-reply")).count(), run.out());
        assertEquals("", run.stderr, "-q prints nothing on stderr but errors");
    }

    @Test
    void udpToAClosedPortMatchesThePortUnreachableThatQuotesIt() throws Exception {
        CliRun run = CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--dport", String.valueOf(Marks.freeUdpPort()),
                "-c", "2", "-i", "20ms", "--wait", "--data", Marks.payload());
        assertEquals(0, run.status, run.toString());
        assertEquals(2, run.out().lines().filter(l -> l.contains(" port-unreachable (closed) ")).count(), run.out());
        // Each probe has its own source port, so each reply names its probe.
        assertEquals(2, run.out().lines().map(l -> l.replaceAll(".*sport=(\\d+).*", "$1")).distinct().count());
    }

    @Test
    void icmp6EchoProbesOnLoopback() {
        CliRun run = CliRun.run("send", "-d", "::1", "--icmp-id", String.valueOf(Marks.id()), "-c", "2", "-i", "20ms",
                "--wait");
        assertEquals(0, run.status, run.toString());
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("::1: seq=") && l.contains("echo-reply")).count(),
                run.out());
    }

    @Test
    void twoConcurrentProbeRunsNeverSeeEachOthersReplies() throws Exception {
        int a = Marks.id();
        int b = (a + 1) % 0xffff + 1;
        Future<CliRun> first = POOL.submit(() -> CliRun.run("send", "-d", "127.0.0.1", "--icmp-id", String.valueOf(a),
                "-c", "5", "-i", "10ms", "--wait"));
        Future<CliRun> second = POOL.submit(() -> CliRun.run("send", "-d", "127.0.0.1", "--icmp-id",
                String.valueOf(b), "-c", "5", "-i", "10ms", "--wait"));
        for (CliRun run : new CliRun[] {first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS)}) {
            assertEquals(0, run.status, run.toString());
            assertEquals(5, run.out().lines().count(), run.out());
            assertTrue(!run.out().contains("DUP"), run.out());
            assertTrue(run.stderr.contains("5 probes transmitted, 5 received, 0% loss"), run.stderr);
        }
    }

    /**
     * The kernel answers each of these probes to a closed port with a reset (tcpdump sees it
     * leave port P): with ACK in the probe the reset's sequence number is the probe's ack, without
     * it the reset acknowledges the probe's sequence + length (RFC 793). Every probe is matched.
     */
    @Test
    void resetsToProbesWithAckOrFinAreMatchedByRfc793() throws Exception {
        int port = Marks.freeTcpPort();
        try (Tcpdump tcpdump = Tcpdump.start("lo", "tcp src port " + port + " and tcp[tcpflags] & tcp-rst != 0")) {
            String[][] probes = {{"SA", "--ack", "123456"}, {"FA", "--ack", "77"}, {"A", "--ack", "4000000000"},
                {"F"}, {"S"}, {"PA", "--data", "xyz"}, {"P", "--data", "xyz"}};
            int expectedResets = 0;
            for (String[] probe : probes) {
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("send", "-p", "tcp", "-d",
                        "127.0.0.1", "--dport", String.valueOf(port), "-c", "2", "-i", "20ms", "--wait=2s", "--flags",
                        probe[0]));
                args.addAll(java.util.Arrays.asList(probe).subList(1, probe.length));
                CliRun run = CliRun.run(args.toArray(new String[0]));
                expectedResets += 2;
                java.util.List<String> seen = tcpdump.awaitLines("> 127.0.0.1.", expectedResets, 10_000);
                assertEquals(expectedResets, seen.stream().filter(l -> l.contains("127.0.0.1." + port + " > ")).count(),
                        "tcpdump saw the kernel's resets: " + seen);
                assertEquals(0, run.status, String.join(" ", probe) + ": " + run);
                assertEquals(2, run.out().lines()
                        .filter(l -> l.contains(" rst (closed) sport=") && l.contains(" flags=R")).count(), run.out());
                assertTrue(run.stderr.contains("2 probes transmitted, 2 received"), run.stderr);
            }
        }
    }
}
