package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import rawsock.testing.CliRun;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;

/**
 * The rate the summary reports is the one a receiver sees: a JDK socket timestamps the paced
 * datagrams as they arrive, and its rate ((n - 1) intervals between the first and the last, so
 * n packets per n intervals) must agree with ours; a pace the sender cannot keep is reported.
 */
@RequiresRoot
class RateTest {
    private static final Pattern SUMMARY = Pattern.compile("sent (\\d+) packets, \\d+ bytes in ([0-9.]+) s \\(([0-9.]+) packets/s\\)");

    @Test
    void pacedRateIsWhatTheReceiverSees() throws Exception {
        InetAddress localhost = InetAddress.getByName("127.0.0.1");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (DatagramSocket receiver = new DatagramSocket(0, localhost)) {
            String payload = Marks.payload();
            int count = 5;
            Future<long[]> arrivals = pool.submit(() -> {
                long[] at = new long[count];
                for (int i = 0; i < count; i++) {
                    SendTest.receive(receiver, payload);
                    at[i] = System.nanoTime();
                }
                return at;
            });
            CliRun run = CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--dport",
                    String.valueOf(receiver.getLocalPort()), "--data", payload, "--rate", "5", "-c", String.valueOf(count));
            assertEquals(0, run.status, run.toString());
            long[] at = arrivals.get(30, TimeUnit.SECONDS);
            double receiverRate = (count - 1) * 1e9 / (at[count - 1] - at[0]);
            Matcher m = SUMMARY.matcher(run.stderr);
            assertTrue(m.find(), run.stderr);
            double reported = Double.parseDouble(m.group(3));
            assertEquals(receiverRate, reported, receiverRate * 0.05,
                    "reported " + reported + " packets/s, the receiver saw " + receiverRate + ": " + run.stderr);
            assertEquals(count / reported, Double.parseDouble(m.group(2)), 0.01, "the time is the one the rate is over");
            assertTrue(!run.stderr.contains("short of"), run.stderr);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPaceTheSenderCannotKeepIsReportedOnStderr() {
        CliRun run = CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--dport", "9", "--data", Marks.payload(),
                "--rate", "100000000", "-c", "20000");
        assertEquals(0, run.status, run.toString());
        assertTrue(run.stderr.matches("(?s).*warning: [0-9.]+ packets/s is \\d+% short of the 100000000.0 asked for.*"),
                run.stderr);
        CliRun quiet = CliRun.run("-q", "send", "-p", "udp", "-d", "127.0.0.1", "--dport", "9", "--rate", "100000000",
                "-c", "2000");
        assertEquals("", quiet.stderr, "-q silences the warning with the summary");
    }
}
