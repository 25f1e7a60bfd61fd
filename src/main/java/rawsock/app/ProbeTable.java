package rawsock.app;

/**
 * What was sent when, and what was answered: the probes of a --wait run, with round-trip
 * statistics as ping reports them (min/avg/max/mdev). A reply names its probe by a key that
 * counts up per probe in a cyclic space (an ICMP sequence number, a source port); the newest
 * probe with that key is the one answered. ICMP errors (a router's "unreachable", "time
 * exceeded") are counted apart, as ping's "+N errors": they are no reply and have no place in
 * the round-trip statistics, but a probe that drew one is settled, so the wait ends.
 */
final class ProbeTable {
    /** Probes remembered; older ones can no longer be matched. */
    private static final int WINDOW = 1 << 16;

    private final long keySpan;
    private final long[] sentAt = new long[WINDOW];
    private final boolean[] answered = new boolean[WINDOW];
    private final boolean[] settled = new boolean[WINDOW];
    private long transmitted;
    private long received;
    private long errors;
    private long settledCount;
    private long newestAnswered = -1;
    private double minMillis = Double.MAX_VALUE;
    private double maxMillis;
    private double sumMillis;
    private double sumSquares;

    /** @param keySpan how many keys there are before they wrap (65536 for ICMP sequence numbers) */
    ProbeTable(long keySpan) {
        this.keySpan = keySpan;
    }

    void sent(long index, long realtimeNanos) {
        int slot = (int) (index % WINDOW);
        sentAt[slot] = realtimeNanos;
        answered[slot] = false;
        settled[slot] = false;
        transmitted = index + 1;
    }

    /** The probe a key offset names: the newest one sent with it, or -1. */
    long indexOf(long keyOffset) {
        if (transmitted == 0) {
            return -1;
        }
        long newest = transmitted - 1;
        long index = newest - Math.floorMod(newest - keyOffset, keySpan);
        return index < 0 || newest - index >= WINDOW ? -1 : index;
    }

    /** Records a reply to probe {@code index} received at {@code realtimeNanos}; fills {@code reply}. */
    void answer(long index, long realtimeNanos, long waitNanos, Reply reply) {
        int slot = (int) (index % WINDOW);
        long rtt = realtimeNanos - sentAt[slot];
        reply.index = index;
        reply.rttMillis = rtt / 1e6;
        reply.duplicate = answered[slot];
        reply.late = rtt > waitNanos;
        reply.outOfOrder = !reply.duplicate && index < newestAnswered;
        if (reply.duplicate) {
            return;
        }
        answered[slot] = true;
        settle(slot);
        newestAnswered = Math.max(newestAnswered, index);
        received++;
        minMillis = Math.min(minMillis, reply.rttMillis);
        maxMillis = Math.max(maxMillis, reply.rttMillis);
        sumMillis += reply.rttMillis;
        sumSquares += reply.rttMillis * reply.rttMillis;
    }

    /** Records an ICMP error about probe {@code index} received at {@code realtimeNanos}; fills {@code reply}. */
    void error(long index, long realtimeNanos, long waitNanos, Reply reply) {
        int slot = (int) (index % WINDOW);
        reply.index = index;
        reply.rttMillis = (realtimeNanos - sentAt[slot]) / 1e6;
        reply.late = realtimeNanos - sentAt[slot] > waitNanos;
        errors++;
        settle(slot);
    }

    private void settle(int slot) {
        if (!settled[slot]) {
            settled[slot] = true;
            settledCount++;
        }
    }

    /** True when every probe sent has drawn a reply or an error: nothing more to wait for. */
    boolean allAnswered() {
        return settledCount == transmitted;
    }

    /** ICMP errors about our probes (each one, as ping counts them). */
    long errors() {
        return errors;
    }

    long transmitted() {
        return transmitted;
    }

    long received() {
        return received;
    }

    double lossPercent() {
        return transmitted == 0 ? 0 : 100.0 * (transmitted - received) / transmitted;
    }

    double minMillis() {
        return received == 0 ? 0 : minMillis;
    }

    double maxMillis() {
        return maxMillis;
    }

    double avgMillis() {
        return received == 0 ? 0 : sumMillis / received;
    }

    /** Mean deviation as ping computes it: sqrt(mean of squares - square of mean). */
    double mdevMillis() {
        if (received == 0) {
            return 0;
        }
        double avg = avgMillis();
        return Math.sqrt(Math.max(0, sumSquares / received - avg * avg));
    }
}
