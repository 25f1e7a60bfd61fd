package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import rawsock.testing.CliRun;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;
import rawsock.testing.Tcpdump;

/**
 * {@code send -p icmp --icmp-type timestamp --wait}: Linux answers timestamp requests on lo, and
 * the reply line shows the kernel's three timestamps (like hping3 --icmp-ts), the same that
 * tcpdump -v reads from the same reply; JSON gives them as numbers (ms since midnight UT).
 */
@RequiresRoot
class TimestampReplyTest {
    private static final Pattern TIMES = Pattern.compile("org=(\\S+) recv=(\\S+) xmit=(\\S+)$");
    private static final Pattern TCPDUMP = Pattern.compile("time stamp reply id (\\d+) seq 1: org (\\S+), recv (\\S+), xmit (\\S+),");

    @Test
    void theReplyLineShowsTheTimestampsTcpdumpReads() throws Exception {
        int id = Marks.id();
        try (Tcpdump tcpdump = Tcpdump.start("lo", "icmp[0] == 14 and icmp[4:2] == " + id)) {
            CliRun run = CliRun.run("send", "-p", "icmp", "--icmp-type", "timestamp", "-d", "127.0.0.1",
                    "--icmp-id", String.valueOf(id), "--wait");
            assertEquals(0, run.status, run.toString());
            String line = run.out().strip();
            assertTrue(line.startsWith("127.0.0.1: seq=1 timestamp-reply ttl=64 time="), line);
            Matcher ours = TIMES.matcher(line);
            assertTrue(ours.find(), line);
            List<String> lines = tcpdump.awaitLines("time stamp reply id " + id, 1, 10_000);
            Matcher theirs = TCPDUMP.matcher(String.join("\n", lines));
            assertTrue(theirs.find(), "tcpdump saw the reply: " + lines);
            assertEquals(String.valueOf(id), theirs.group(1));
            assertEquals(theirs.group(2) + " " + theirs.group(3) + " " + theirs.group(4),
                    ours.group(1) + " " + ours.group(2) + " " + ours.group(3), line + "\n" + lines);
        }
    }

    @Test
    void jsonGivesTheKernelsTimestampsAsNumbers() throws Exception {
        long before = millisSinceMidnightUtc();
        CliRun run = CliRun.run("send", "-p", "icmp", "--icmp-type", "timestamp", "-d", "127.0.0.1",
                "--icmp-id", String.valueOf(Marks.id()), "--wait", "-f", "json");
        long after = millisSinceMidnightUtc();
        assertEquals(0, run.status, run.toString());
        Map<String, String> reply = RecvTest.topLevelScalars(run.out().lines().findFirst().orElseThrow());
        assertEquals("timestamp-reply", reply.get("type"));
        long originate = Long.parseLong(reply.get("originate"));
        long receive = Long.parseLong(reply.get("receive"));
        long transmit = Long.parseLong(reply.get("transmit"));
        // the kernel stamps receive and transmit with its own clock, while we waited (around midnight, skip)
        if (after >= before) {
            assertTrue(before <= receive && receive <= after, before + " <= " + receive + " <= " + after);
            assertTrue(before <= originate && originate <= receive, before + " <= " + originate + " <= " + receive);
        }
        assertTrue(receive <= transmit, receive + " <= " + transmit);
    }

    /**
     * The originate timestamp says when each request left, not when the packet was built: the
     * kernel's receive timestamp on lo follows it within a few milliseconds, for the second packet
     * (sent 200 ms after the first) as for the first.
     */
    @Test
    void eachRequestIsStampedWhenItIsSent() throws Exception {
        long before = millisSinceMidnightUtc();
        CliRun run = CliRun.run("send", "-p", "icmp", "--icmp-type", "timestamp", "-d", "127.0.0.1",
                "--icmp-id", String.valueOf(Marks.id()), "-c", "2", "-i", "200ms", "--wait", "-f", "json");
        long after = millisSinceMidnightUtc();
        assertEquals(0, run.status, run.toString());
        List<String> lines = run.out().lines().filter(l -> l.contains("\"timestamp-reply\"")).toList();
        assertEquals(2, lines.size(), run.toString());
        long previousOriginate = -1;
        for (String line : lines) {
            Map<String, String> reply = RecvTest.topLevelScalars(line);
            long originate = Long.parseLong(reply.get("originate"));
            long receive = Long.parseLong(reply.get("receive"));
            if (after >= before) { // not across midnight
                assertTrue(originate <= receive && receive - originate < 20, "originate " + originate
                        + ", kernel received at " + receive + ": " + line);
                assertTrue(previousOriginate < 0 || originate - previousOriginate >= 150,
                        "the second request was stamped when it left, 200 ms after the first: " + lines);
            }
            previousOriginate = originate;
        }
    }

    private static long millisSinceMidnightUtc() {
        return Math.floorMod(Instant.now().toEpochMilli(), 86_400_000L);
    }
}
