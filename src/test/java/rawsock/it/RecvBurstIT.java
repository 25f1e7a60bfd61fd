package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import rawsock.testing.Background;
import rawsock.testing.NetNs;
import rawsock.testing.PcapFiles;
import rawsock.testing.Processes;
import rawsock.testing.RequiresRoot;

/**
 * A burst that begins the moment recv's socket exists, in a private network namespace (nothing
 * else on its lo): the C sender of the benchmarks (bench/sender.c) sends ICMP echo requests to
 * 127.0.0.1 with sendmmsg; recv sees each request and the kernel's reply. What recv wrote is
 * counted (lines, or pcap records) against what the namespace's kernel delivered (Icmp InEchos +
 * InEchoReps in its /proc/net/snmp), never against rawsock's own summary.
 */
@RequiresRoot
class RecvBurstIT {
    private static final int ECHOES = 20_000;
    private static Path sender;

    @TempDir
    static Path dir;

    @BeforeAll
    static void compileSender() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")) || Files.isExecutable(Path.of("/usr/bin/cc")),
                "needs a C compiler for the burst sender");
        sender = dir.resolve("sender");
        Object[] gcc = Processes.run(List.of("cc", "-O2", "-o", sender.toString(), "bench/sender.c"), 120);
        assertEquals(0, gcc[0], () -> "cc: " + gcc[2]);
    }

    /**
     * The shell script run inside the namespace: recv in the background, the burst as soon as its
     * raw socket is listed in /proc/PID/net/raw (bounded wait), then the kernel's counters.
     */
    private static String script(String recvArgs, Path out) {
        return script(ToolProcess.shell(recvArgs) + " > " + out + " 2> " + out + ".err &\npid=$!\n", "");
    }

    /**
     * {@code start} runs recv in the background and sets $pid; {@code afterBurst} runs once the
     * sender is done.
     */
    private static String script(String start, String afterBurst) {
        return start
                + "for i in $(seq 3000); do\n"
                + "  for ino in $(find /proc/$pid/fd -lname 'socket:*' -printf '%l\\n' 2>/dev/null | tr -dc '0-9\\n'); do\n"
                + "    awk -v i=$ino 'NR > 1 && $10 == i { f = 1 } END { exit !f }' /proc/$pid/net/raw && break 2\n"
                + "  done\n"
                + "  sleep 0.01\n"
                + "done\n"
                + sender + " icmp sendmmsg " + ECHOES + " 56 -t 60 >/dev/null\n"
                + afterBurst
                + "wait $pid\n"
                + "echo status=$?\n"
                + "cat /proc/net/snmp\n";
    }

    /** Packets the namespace's kernel delivered to lo's listeners: echo requests and replies. */
    private static long delivered(String snmp) {
        List<String> icmp = snmp.lines().filter(l -> l.startsWith("Icmp:")).toList();
        List<String> names = List.of(icmp.get(0).split("\\s+"));
        String[] values = icmp.get(1).split("\\s+");
        return Long.parseLong(values[names.indexOf("InEchos")]) + Long.parseLong(values[names.indexOf("InEchoReps")]);
    }

    private static int status(String output) {
        Matcher m = Pattern.compile("status=(\\d+)").matcher(output);
        assertTrue(m.find(), output);
        return Integer.parseInt(m.group(1));
    }

    private static String run(NetNs ns, String script) throws Exception {
        Object[] result = Processes.run(ns.inside("sh", "-c", script), 180);
        assertEquals(0, result[0], () -> "script failed: " + result[2]);
        return (String) result[1];
    }

    @ParameterizedTest
    @ValueSource(strings = {"hex", "pcap", "json", "text"})
    void aBurstFromTheFirstMomentIsKeptWhole(String format) throws Exception {
        Path out = dir.resolve("burst." + format);
        try (NetNs ns = NetNs.create()) {
            String output = run(ns, script("-q recv --proto icmp --count " + 2 * ECHOES + " --timeout 60s -f " + format,
                    out));
            long delivered = delivered(output);
            String stderr = Files.readString(Path.of(out + ".err"));
            long kept = format.equals("pcap") ? PcapFiles.wholeRecords(out)
                    : Files.readAllLines(out, StandardCharsets.UTF_8).size();
            assertEquals(0, status(output), format + ": recv reached its count (kept " + kept + " of " + delivered
                    + " delivered); " + stderr);
            assertEquals(2L * ECHOES, delivered, "the namespace's kernel delivered every request and reply");
            assertEquals(delivered, kept, format + ": every delivered packet is in the output; " + stderr);
        }
    }

    /**
     * A writer that cannot write (its reader waits until the burst has left the socket) while a 2 MiB queue
     * fills: the capture thread keeps taking packets from the kernel, counts those it has no room
     * for as rawsock's drops, and writes the rest once the reader reads. Every delivered packet
     * is either in the output or in one of the summary's two counts.
     */
    @Test
    void packetsTheQueueHasNoRoomForAreCountedAsRawsocksDrops() throws Exception {
        Path out = dir.resolve("full.hex");
        Path done = dir.resolve("burst-done");
        try (NetNs ns = NetNs.create()) {
            String reader = "(i=0; while [ ! -e " + done + " ] && [ $i -lt 6000 ]; do sleep 0.01; i=$((i+1)); done; cat > "
                    + out + ")";
            Path pidFile = dir.resolve("recv.pid");
            String start = "{ " + ToolProcess.shell("recv --proto icmp --count " + 2 * ECHOES + " --timeout 6s -f hex "
                    + "--buffer 2M") + " 2> " + out + ".err & echo $! > " + pidFile + "; wait; } | " + reader + " &\n"
                    + "while [ ! -s " + pidFile + " ]; do sleep 0.01; done\n"
                    + "pid=$(cat " + pidFile + ")\n";
            // The reader starts once the capture thread has emptied the socket: all of it went to the queue or was dropped.
            String drained = "for i in $(seq 3000); do\n"
                    + "  awk -v i=$ino 'NR > 1 && $10 == i && $5 ~ /:00000000$/ { f = 1 } END { exit !f }' /proc/$pid/net/raw && break\n"
                    + "  sleep 0.01\n"
                    + "done\n"
                    + "touch " + done + "\n";
            String output = run(ns, script(start, drained).replace("wait $pid\n", "wait\n"));
            String stderr = Files.readString(Path.of(out + ".err"));
            long delivered = delivered(output);
            Matcher summary = Pattern.compile("(\\d+) packets received, (\\d+) dropped by the kernel, (\\d+) dropped by "
                    + "rawsock \\(queue peak [0-9.]+ [KMG]?i?B of 2 MiB\\)").matcher(stderr);
            assertTrue(summary.find(), stderr);
            long received = Long.parseLong(summary.group(1));
            long kernel = Long.parseLong(summary.group(2));
            long rawsock = Long.parseLong(summary.group(3));
            assertEquals(received, Files.readAllLines(out).size(), stderr);
            assertTrue(rawsock > 0, "the queue overflowed: " + stderr);
            assertTrue(received + rawsock <= delivered, delivered + " delivered; " + stderr);
            assertTrue(delivered - received - rawsock <= kernel, "the rest is the kernel's count: " + delivered
                    + " delivered; " + stderr);
        }
    }

    /**
     * SIGINT in the middle of a burst: recv stops taking packets, writes everything it already
     * took, and leaves a complete pcap whose records are exactly the "received" of its summary,
     * which names both places a packet can be lost.
     */
    @Test
    void sigintMidBurstLeavesACompletePcapOfWhatWasReceived() throws Exception {
        Path out = dir.resolve("interrupted.pcap");
        try (NetNs ns = NetNs.create();
                Background recv = Background.start(ns.inside(ToolProcess.command("-v", "recv", "--proto", "icmp",
                        "--timeout", "60s", "-w", out.toString()).toArray(new String[0])))) {
            assertTrue(recv.awaitStderr("listening on", 60_000), recv.stderr());
            // A paced burst (100,000 packets/s for two seconds): still coming when the signal goes.
            Process burst = new ProcessBuilder(ns.inside(sender.toString(), "icmp", "sendmmsg", String.valueOf(10 * ECHOES),
                    "56", "-r", "100000", "-t", "60")).redirectErrorStream(true).start();
            try {
                for (int i = 0; i < 3000 && PcapFiles.wholeRecords(out) < 1000; i++) {
                    Thread.sleep(10);
                }
                assertTrue(burst.isAlive(), "the burst is still on");
                Processes.run(List.of("kill", "-INT", String.valueOf(recv.pid())), 10);
                assertEquals(130, recv.await(60), recv.stderr());
            } finally {
                burst.destroy();
                burst.waitFor();
            }
            String stderr = recv.stderr();
            Matcher summary = Pattern.compile("(\\d+) packets received, (\\d+) dropped by the kernel, (\\d+) dropped by "
                    + "rawsock \\(queue peak [0-9.]+ [KMG]?i?B of 256 MiB\\)").matcher(stderr);
            assertTrue(summary.find(), stderr);
            long received = Long.parseLong(summary.group(1));
            assertTrue(received >= 1000 && received < 20L * ECHOES, stderr);
            assertEquals(received, PcapFiles.wholeRecords(out), "every packet received is in the pcap; " + stderr);
            assertEquals(Files.size(out), PcapFiles.wholeLength(out), "the pcap ends with a whole record");
        }
    }
}
