package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import rawsock.testing.Processes;
import rawsock.testing.RequiresRoot;

/**
 * Runs every recipe of the README's cookbook exactly as written (through scripts/rawsock, with
 * {@code sudo} a no-op since the tests run as root) and checks what each prints or delivers. A
 * recipe without a check here, or a check without its recipe, fails the test, so the README and
 * the tool cannot drift apart. Traffic goes to 127.0.0.1 and the lab namespaces only.
 */
@RequiresRoot
class CookbookIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final int SINK_PORT = 9999;
    private static final long RECIPE_TIMEOUT_MS = 60_000;

    private static Sink sink;

    @BeforeAll
    static void launcherIsFreshAndWarm() throws Exception {
        Path jar = ToolProcess.jar().toAbsolutePath();
        try (Stream<Path> sources = Stream.concat(Files.walk(ROOT.resolve("src/main")), Files.walk(ROOT.resolve("src/docs")))) {
            List<Path> newer = sources.filter(path -> path.toFile().lastModified() > jar.toFile().lastModified()).toList();
            assertTrue(newer.isEmpty(), "sources newer than " + jar + " (scripts/rawsock would rebuild): " + newer);
        }
        // The README's first command goes through this launcher; its first run records the AppCDS archive.
        Object[] version = ToolProcess.sh("cd " + ROOT + " && scripts/rawsock --version", 60);
        assertEquals(0, version[0], (String) version[2]);
        assertTrue(((String) version[1]).startsWith("rawsock "), (String) version[1]);
        sink = new Sink();
    }

    @AfterAll
    static void closeSink() {
        if (sink != null) {
            sink.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRecipeRunsAsWritten() throws IOException {
        Map<String, String> recipes = Recipes.fromReadme(ROOT.resolve("README.md"));
        Map<String, Check> checks = checks();
        assertEquals(new TreeSet<>(checks.keySet()), new TreeSet<>(recipes.keySet()),
                "every README recipe needs a check here, and every check its recipe");
        assertTrue(recipes.size() >= 12, "the cookbook promises at least 12 recipes: " + recipes.keySet());
        return recipes.entrySet().stream().map(recipe -> DynamicTest.dynamicTest(recipe.getKey(),
                () -> checks.get(recipe.getKey()).verify(recipe.getValue())));
    }

    private static Map<String, Check> checks() {
        return Map.ofEntries(
            Map.entry("spoofed-udp", script -> {
                Run run = run(script, Traffic.NONE);
                run.assertExit(0);
                assertTrue(run.delivered.contains(new Datagram("127.0.0.9", 5353, "hello")), run.toString());
            }),
            Map.entry("tcp-syn-probe", script -> {
                try (ServerSocket open = new ServerSocket(8080, 50, InetAddress.getLoopbackAddress())) {
                    Run run = run(script, Traffic.NONE);
                    run.assertExit(0);
                    run.assertStdoutLines(3, "127\\.0\\.0\\.1:8080 syn-ack \\(open\\) sport=\\d+ flags=S\\. ttl=64 time=[0-9.]+ ms");
                    assertTrue(run.stderr.contains("3 probes transmitted, 3 received, 0% loss"), run.toString());
                }
            }),
            Map.entry("port-scan", script -> {
                try (ServerSocket open = new ServerSocket(8080, 50, InetAddress.getLoopbackAddress())) {
                    Run run = run(script, Traffic.NONE);
                    run.assertExit(0);
                    assertEquals(List.of("127.0.0.1: 8080 open", "127.0.0.1: 8075-8079,8081-8085 closed"),
                            Recipes.lines(run.stdout), run.toString());
                }
            }),
            Map.entry("host-sweep", script -> {
                Run run = run(script, Traffic.NONE);
                run.assertExit(0);
                assertEquals(List.of("169.254.92.1"), Recipes.lines(run.stdout), run.toString());
            }),
            Map.entry("icmp-timestamp", script -> {
                Run run = run(script, Traffic.NONE);
                run.assertExit(0);
                run.assertStdoutLines(1, "\\{\"type\":\"timestamp-reply\",\"rtt_ms\":[0-9.]+,\"receive\":\\d+,\"transmit\":\\d+\\}");
            }),
            Map.entry("ipv6-ping", script -> {
                Run run = run(script, Traffic.NONE);
                run.assertExit(0);
                run.assertStdoutLines(3, "::1: seq=[123] echo-reply .* time=[0-9.]+ ms");
            }),
            Map.entry("udp-closed-port", script -> {
                Run run = runPastIcmpRateLimit(script);
                run.assertExit(0);
                run.assertStdoutLines(2, "127\\.0\\.0\\.1:\\d+ port-unreachable \\(closed\\) sport=\\d+ .* time=[0-9.]+ ms");
            }),
            Map.entry("traceroute-jq", script -> {
                Run run = run(script, Traffic.NONE);
                run.assertExit(0);
                run.assertStdoutLines(1, "\\{\"hop\":1,\"addresses\":\\[\"127\\.0\\.0\\.1\"\\],\"reached\":true\\}");
            }),
            Map.entry("pcap-pipe", script -> {
                Run run = run(script, Traffic.TO_SINK);
                run.assertExit(0);
                run.assertStdoutLines(3, "\\d\\d:\\d\\d:\\d\\d\\.\\d+ IP \\S+ > \\S+: UDP, length \\d+");
                assertTrue(run.stdout.contains(" > 127.0.0.1." + SINK_PORT + ": UDP"), run.toString());
            }),
            Map.entry("ndjson-jq", script -> {
                Run run = run(script, Traffic.TO_SINK);
                run.assertExit(0);
                run.assertStdoutLines(3, "\\{\"src\":\"[0-9.]+\",\"dst\":\"[0-9.]+\",\"dport\":\\d+,\"len\":\\d+\\}");
                assertTrue(run.stdout.contains("\"dport\":" + SINK_PORT), run.toString());
            }),
            Map.entry("kernel-filter", script -> {
                Run run = run(script, Traffic.TO_SINK_FROM_TWO_SOURCES);
                run.assertExit(0);
                run.assertStdoutLines(2, ".* IP 127\\.0\\.0\\.2 > 127\\.0\\.0\\.1 .*: UDP \\d+ > " + SINK_PORT + ", .*");
            }),
            Map.entry("hex-round-trip", script -> {
                Run run = run(script, Traffic.TO_SINK);
                run.assertExit(0);
                assertEquals("", run.stdout);
                assertEquals(1, run.payloadsDeliveredTwice(), run.toString());
            }),
            Map.entry("replay-tcpdump", script -> {
                Run run = run(script, Traffic.TO_SINK);
                run.assertExit(0);
                assertTrue(run.stderr.contains("sent 3 packets"), run.toString());
                assertEquals(3, run.payloadsDeliveredTwice(), run.toString());
            }),
            Map.entry("rate-and-flood", script -> {
                Run run = run(script, Traffic.NONE);
                run.assertExit(0);
                Matcher paced = Pattern.compile("sent 1000 packets, \\d+ bytes in ([0-9.]+) s").matcher(run.stderr);
                assertTrue(paced.find(), run.toString());
                // 1000 packets at 2000/s: the schedule cannot finish before 999 intervals of 0.5 ms.
                assertTrue(Double.parseDouble(paced.group(1)) >= 0.499, run.toString());
                assertEquals(1000, run.delivered.stream().filter(d -> d.payload.equals("paced")).count(), run.toString());
                assertTrue(run.stderr.contains("sent 100000 packets"), run.toString());
            }),
            Map.entry("arp-link", script -> {
                Run run = run(script, Traffic.NONE);
                run.assertExit(0);
                assertTrue(run.stdout.contains("lladdr 02:00:00:00:99:01"), run.toString());
            }),
            Map.entry("arping", script -> {
                Run run = run(script, Traffic.NONE);
                run.assertExit(0);
                run.assertStdoutLines(3, "Unicast reply from 169\\.254\\.99\\.2 \\[02:00:00:00:99:02\\]  [0-9]+\\.[0-9]{3}ms");
                assertTrue(run.stderr.contains("3 probes transmitted, 3 received, 0% loss"), run.toString());
            }),
            Map.entry("vlan-qinq", script -> {
                Run run = run(script, Traffic.NONE);
                run.assertExit(0);
                run.assertStdoutLines(2, ".* 02:00:00:00:99:01 > ff:ff:ff:ff:ff:ff, ethertype 802\\.1Q-QinQ \\(0x88a8\\), "
                        + "length 50: vlan 200, p 5, ethertype 802\\.1Q \\(0x8100\\), vlan 100, p 5, ethertype ARP "
                        + "\\(0x0806\\), Request who-has 169\\.254\\.99\\.2 tell 169\\.254\\.99\\.1, length 28");
            }),
            Map.entry("pcapng-file", script -> {
                Run run = run(script, Traffic.TO_SINK);
                run.assertExit(0);
                run.assertStdoutLines(5, "\\{\"iface\":\"lo\",\"src\":\"127\\.0\\.0\\.1\",\"dport\":" + SINK_PORT + "\\}");
                assertTrue(run.stderr.contains("5 packets read, 5 passed the filter"), run.toString());
            }),
            Map.entry("pcapng-tshark", script -> {
                Run run = run(script, Traffic.TO_SINK);
                run.assertExit(0);
                run.assertStdoutLines(3, "lo\t" + SINK_PORT);
            }),
            Map.entry("tcpdump-any-offline", script -> {
                Run run = run(script, Traffic.TO_SINK);
                run.assertExit(0);
                run.assertStdoutLines(4, ".* if\\d+ (out )?IP 127\\.0\\.0\\.1 > 127\\.0\\.0\\.1 .*: UDP \\d+ > " + SINK_PORT
                        + ", .*");
                assertTrue(run.stderr.contains("4 packets read"), run.toString());
            }),
            Map.entry("rotation-ring", script -> {
                Run run = run(script, Traffic.TO_SINK);
                run.assertExit(0);
                // 40 packets of about 70 bytes in files of 1 KiB: three files in the ring, each read whole.
                run.assertStdoutLines(3, "[1-9][0-9]?");
                assertTrue(run.stderr.contains("40 packets received"), run.toString());
            }),
            Map.entry("drop-privileges", script -> {
                Traffic.UidWatch watch = new Traffic.UidWatch();
                Run run = run(script, watch);
                run.assertExit(0);
                assertEquals("65534", watch.seenUid, "the capture never ran as nobody: " + run);
                run.assertStdoutLines(1, "\\{.*\"dport\":" + SINK_PORT + ".*\\}");
            }));
    }

    /**
     * Runs a recipe that needs the kernel's ICMP errors, again (at most twice, a second apart)
     * when the kernel's global ICMP rate limit (1000/s, burst 50) suppressed them, as another
     * process's flood on this machine can make it. Any other failure is reported at once.
     */
    private static Run runPastIcmpRateLimit(String script) throws Exception {
        Run run = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            long limitedBefore = icmpOutRateLimitGlobal();
            run = run(script, Traffic.NONE);
            if (run.exit == 0 || icmpOutRateLimitGlobal() == limitedBefore) {
                return run;
            }
            Thread.sleep(1000);
        }
        return run;
    }

    /** Icmp OutRateLimitGlobal from /proc/net/snmp (Linux 6.0+), or -1 where the kernel has none. */
    private static long icmpOutRateLimitGlobal() throws IOException {
        List<String> icmp = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Icmp: "))
                .toList();
        List<String> names = List.of(icmp.get(0).split(" "));
        int column = names.indexOf("OutRateLimitGlobal");
        return column < 0 ? -1 : Long.parseLong(icmp.get(1).split(" ")[column]);
    }

    /** Runs one recipe with bash from the project root, sending its traffic every 100 ms until it ends. */
    private static Run run(String script, Traffic traffic) throws Exception {
        sink.drain();
        Process process = new ProcessBuilder("bash", "-c", "sudo() { \"$@\"; }\n" + script).directory(ROOT.toFile())
                .start();
        process.getOutputStream().close();
        byte[][] streams = new byte[2][];
        Thread out = new Thread(() -> streams[0] = Processes.readAll(process.getInputStream()));
        Thread err = new Thread(() -> streams[1] = Processes.readAll(process.getErrorStream()));
        out.start();
        err.start();
        long deadline = System.currentTimeMillis() + RECIPE_TIMEOUT_MS;
        for (int tick = 0; !process.waitFor(100, TimeUnit.MILLISECONDS); tick++) {
            if (System.currentTimeMillis() > deadline) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("recipe still running after " + RECIPE_TIMEOUT_MS + " ms:\n" + script);
            }
            traffic.send(tick);
        }
        out.join();
        err.join();
        // Datagrams the recipe sent last may still be on their way through the sink's socket.
        return new Run(script, process.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8), sink.drainUntilQuiet(300, 5_000));
    }

    @FunctionalInterface
    private interface Check {
        void verify(String script) throws Exception;
    }

    private record Datagram(String source, int sourcePort, String payload) {
    }

    private record Run(String script, int exit, String stdout, String stderr, List<Datagram> delivered) {
        void assertExit(int expected) {
            assertEquals(expected, exit, toString());
        }

        void assertStdoutLines(int count, String regex) {
            List<String> lines = Recipes.lines(stdout);
            assertEquals(count, lines.size(), toString());
            for (String line : lines) {
                assertTrue(line.matches(regex), "line '" + line + "' does not match " + regex + "\n" + this);
            }
        }

        /** How many of the test's own payloads reached the sink twice: once sent, once replayed. */
        long payloadsDeliveredTwice() {
            Map<String, Long> counts = delivered.stream().filter(d -> d.payload.startsWith(Traffic.MARK))
                    .collect(Collectors.groupingBy(Datagram::payload, Collectors.counting()));
            assertFalse(counts.values().stream().anyMatch(n -> n > 2), counts.toString());
            return counts.values().stream().filter(n -> n == 2).count();
        }

        @Override
        public String toString() {
            return "recipe:\n" + script + "\nexit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr
                    + "\ndelivered: " + delivered.size() + " datagrams";
        }
    }

    /** What the test sends while a recipe runs, so that captures have something to capture. */
    private interface Traffic {
        String MARK = "cookbook-";

        Traffic NONE = tick -> { };
        Traffic TO_SINK = tick -> send("127.0.0.1", tick);
        Traffic TO_SINK_FROM_TWO_SOURCES = tick -> {
            send("127.0.0.1", tick);
            send("127.0.0.2", tick);
        };

        void send(int tick) throws IOException;

        static void send(String source, int tick) throws IOException {
            byte[] payload = (MARK + source + "-" + tick).getBytes(StandardCharsets.US_ASCII);
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(source, 0))) {
                socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), SINK_PORT));
            }
        }

        /**
         * Sends only once a process running {@code recv --user nobody} has dropped to uid 65534, so
         * the capture is seen as nobody before the packet it waits for lets it end.
         */
        final class UidWatch implements Traffic {
            String seenUid;

            @Override
            public void send(int tick) throws IOException {
                if (seenUid == null) {
                    seenUid = uidOfCaptureAsNobody();
                }
                if (seenUid != null) {
                    TO_SINK.send(tick);
                }
            }

            private static String uidOfCaptureAsNobody() throws IOException {
                try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                    for (Path process : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                        String uid = read(process, path -> {
                            String cmdline = new String(Files.readAllBytes(path.resolve("cmdline")), StandardCharsets.UTF_8);
                            if (!cmdline.contains("rawsock.jar") || !cmdline.contains("\0--user\0nobody\0")) {
                                return null;
                            }
                            return Files.readAllLines(path.resolve("status")).stream().filter(l -> l.startsWith("Uid:"))
                                    .map(l -> l.split("\\s+")[2]).findFirst().orElse(null); // the effective uid
                        });
                        if ("65534".equals(uid)) {
                            return uid;
                        }
                    }
                }
                return null;
            }

            private static String read(Path process, IoFunction<Path, String> reader) {
                try {
                    return reader.apply(process);
                } catch (IOException gone) {
                    return null; // the process ended while we looked
                }
            }
        }
    }

    @FunctionalInterface
    private interface IoFunction<T, R> {
        R apply(T t) throws IOException;
    }

    /** A UDP socket on 127.0.0.1:9999 that keeps everything it receives until drained. */
    private static final class Sink implements AutoCloseable {
        private final DatagramSocket socket;
        private final ConcurrentLinkedQueue<Datagram> received = new ConcurrentLinkedQueue<>();
        private final Thread reader;

        Sink() throws SocketException {
            socket = new DatagramSocket(null);
            socket.setReceiveBufferSize(8 << 20);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), SINK_PORT));
            reader = new Thread(this::receive, "cookbook-sink");
            reader.setDaemon(true);
            reader.start();
        }

        private void receive() {
            byte[] buffer = new byte[65535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            while (!socket.isClosed()) {
                try {
                    packet.setLength(buffer.length);
                    socket.receive(packet);
                    received.add(new Datagram(packet.getAddress().getHostAddress(), packet.getPort(),
                            new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8)));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        List<Datagram> drain() {
            List<Datagram> all = new ArrayList<>();
            for (Datagram d; (d = received.poll()) != null; ) {
                all.add(d);
            }
            return all;
        }

        /** Drains until nothing new came for {@code quietMillis}, or {@code maxMillis} passed. */
        List<Datagram> drainUntilQuiet(long quietMillis, long maxMillis) throws InterruptedException {
            List<Datagram> all = drain();
            long end = System.currentTimeMillis() + maxMillis;
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < quietMillis && System.currentTimeMillis() < end) {
                Thread.sleep(50);
                List<Datagram> more = drain();
                if (!more.isEmpty()) {
                    all.addAll(more);
                    quietSince = System.currentTimeMillis();
                }
            }
            return all;
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
