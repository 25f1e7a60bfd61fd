package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rawsock.testing.Processes;
import rawsock.testing.RequiresRoot;

/**
 * The marks scripts/bench startup-breakdown reads: with -Drawsock.timeline a one-shot send
 * prints each phase's end on stderr, in order and within the wall-clock span this test saw the
 * process take; without it, stderr stays empty under -q.
 */
@RequiresRoot
class TimelineIT {
    private static final List<String> PHASES = List.of("main", "model", "parse", "socket", "done");

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    @Test
    void aOneShotSendMarksEachPhaseInOrderWithinItsRun() throws Exception {
        List<String> command = new ArrayList<>(List.of(ToolProcess.javaBinary(), "-Drawsock.timeline", "-jar",
                ToolProcess.jar().toString(), "-q", "send", "-c", "1", "-d", "127.0.0.1"));
        long before = nowMicros();
        Object[] run = Processes.run(command, 60);
        long after = nowMicros();
        assertEquals(0, run[0], () -> "send: " + run[2]);
        List<String> lines = ((String) run[2]).lines().toList();
        assertEquals(PHASES.size(), lines.size(), (String) run[2]);
        long previous = before;
        for (int i = 0; i < PHASES.size(); i++) {
            String[] fields = lines.get(i).split(" ");
            assertEquals("timeline", fields[0], lines.get(i));
            assertEquals(PHASES.get(i), fields[1], lines.get(i));
            long at = Long.parseLong(fields[2]);
            assertTrue(at >= previous && at <= after, lines.get(i) + " outside " + previous + ".." + after);
            previous = at;
        }
    }

    @Test
    void withoutThePropertyNothingIsMarked() throws Exception {
        Object[] run = Processes.run(ToolProcess.command("-q", "send", "-c", "1", "-d", "127.0.0.1"), 60);
        assertEquals(0, run[0], () -> "send: " + run[2]);
        assertEquals("", run[2]);
    }
}
