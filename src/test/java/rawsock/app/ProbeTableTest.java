package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Round-trip bookkeeping: statistics as ping computes them; duplicates, late and out-of-order replies. */
class ProbeTableTest {
    private static final long MS = 1_000_000L;

    @Test
    void statisticsMatchPingsFormulas() {
        ProbeTable table = new ProbeTable(65536);
        long[] rtts = {1 * MS, 2 * MS, 4 * MS};
        for (int i = 0; i < rtts.length; i++) {
            table.sent(i, 1000 * MS * i);
        }
        Reply reply = new Reply();
        for (int i = 0; i < rtts.length; i++) {
            table.answer(i, 1000 * MS * i + rtts[i], 1000 * MS, reply);
        }
        assertEquals(3, table.received());
        assertEquals(0.0, table.lossPercent());
        assertEquals(1.0, table.minMillis(), 1e-9);
        assertEquals(4.0, table.maxMillis(), 1e-9);
        assertEquals(7.0 / 3, table.avgMillis(), 1e-9);
        // mdev = sqrt(mean(x^2) - mean(x)^2) = sqrt(21/3 - 49/9)
        assertEquals(Math.sqrt(7 - 49.0 / 9), table.mdevMillis(), 1e-9);
        assertTrue(table.allAnswered());
    }

    @Test
    void aSecondReplyIsADuplicateAndNotCountedTwice() {
        ProbeTable table = new ProbeTable(65536);
        table.sent(0, 0);
        Reply reply = new Reply();
        table.answer(0, MS, 1000 * MS, reply);
        assertFalse(reply.duplicate);
        table.answer(0, 2 * MS, 1000 * MS, reply);
        assertTrue(reply.duplicate);
        assertEquals(1, table.received());
        assertEquals(1.0, table.maxMillis(), 1e-9);
    }

    @Test
    void lateAndOutOfOrderRepliesAreFlagged() {
        ProbeTable table = new ProbeTable(65536);
        table.sent(0, 0);
        table.sent(1, 10 * MS);
        Reply reply = new Reply();
        table.answer(1, 11 * MS, 5 * MS, reply);
        assertFalse(reply.late);
        assertFalse(reply.outOfOrder);
        table.answer(0, 12 * MS, 5 * MS, reply);
        assertTrue(reply.late, "12 ms after a 5 ms wait");
        assertTrue(reply.outOfOrder, "probe 0 answered after probe 1");
        assertEquals(2, table.received());
    }

    @Test
    void keysThatWrapNameTheNewestProbe() {
        ProbeTable table = new ProbeTable(65536);
        for (long i = 0; i < 70_000; i++) {
            table.sent(i, i);
        }
        // Key offset 5 was used by probe 5 and again by probe 65541, the newest.
        assertEquals(65541, table.indexOf(5));
        assertEquals(69999, table.indexOf(69999 % 65536));
        assertEquals(-1, new ProbeTable(65536).indexOf(0), "nothing sent, nothing to answer");
        assertEquals(100.0 * 70_000 / 70_000, table.lossPercent());
    }

    @Test
    void anErrorSettlesItsProbeButIsNoReplyAndStaysOutOfTheStatistics() {
        ProbeTable table = new ProbeTable(65536);
        table.sent(0, 0);
        table.sent(1, 1000 * MS);
        Reply reply = new Reply();
        table.error(0, 3 * MS, 1000 * MS, reply);
        assertEquals(0, table.received());
        assertEquals(1, table.errors());
        assertEquals(100.0, table.lossPercent());
        assertFalse(table.allAnswered(), "probe 1 is still open");
        table.answer(1, 1001 * MS, 1000 * MS, reply);
        assertEquals(1, table.received());
        assertEquals(1.0, table.avgMillis(), 1e-9, "the error's 3 ms is not in the statistics");
        assertTrue(table.allAnswered());
    }
}
