package rawsock.app;

/**
 * The probes of a trace and what answered them: probe {@code n} goes to hop {@code n / perHop + 1}.
 * A probe is settled when answered, or when its wait is over (then it is silent: "*"); a hop is
 * complete when all its probes are settled. The trace ends at the first complete hop where the
 * destination answered, or that only unreachables answered (traceroute's rule: all probes but
 * at most one), or at the last hop.
 */
final class TraceHops {
    private final int maxHops;
    private final int perHop;
    private final long waitNanos;
    /** When each probe left: the send socket's realtime clock (for RTTs against kernel receive stamps). */
    private final long[] sentRealtime;
    /** When each probe left on the monotonic clock (for its wait). */
    private final long[] sentNanos;
    private final TraceAnswer[] answers;
    private int sent;
    /** Probes at or past this one are not sent: the destination answered an earlier hop. */
    private int sendLimit;

    TraceHops(int maxHops, int perHop, long waitNanos) {
        this.maxHops = maxHops;
        this.perHop = perHop;
        this.waitNanos = waitNanos;
        int probes = maxHops * perHop;
        this.sentRealtime = new long[probes];
        this.sentNanos = new long[probes];
        this.answers = new TraceAnswer[probes];
        this.sendLimit = probes;
    }

    int probes() {
        return answers.length;
    }

    int perHop() {
        return perHop;
    }

    /** The hop (1-based) probe {@code n} tests: its TTL. */
    int hopOf(int n) {
        return n / perHop + 1;
    }

    /** The next probe to send, or -1 when every probe the trace needs has left. */
    int next() {
        return sent < sendLimit ? sent : -1;
    }

    void sent(int n, long realtimeNanos, long monotonicNanos) {
        sentRealtime[n] = realtimeNanos;
        sentNanos[n] = monotonicNanos;
        sent = n + 1;
    }

    /**
     * Records an answer to probe {@code n} received at {@code receivedRealtime}; returns false
     * (and records nothing) when it is a duplicate, comes after the probe's wait, or is for a
     * probe not sent.
     */
    boolean answer(int n, long receivedRealtime, TraceAnswer answer) {
        if (n < 0 || n >= sent || answers[n] != null) {
            return false;
        }
        long rtt = receivedRealtime - sentRealtime[n];
        if (rtt > waitNanos) {
            return false;
        }
        TraceAnswer kept = new TraceAnswer();
        kept.copyFrom(answer);
        kept.rttMillis = Math.max(0, rtt) / 1e6;
        answers[n] = kept;
        if (kept.reached) {
            // No probe beyond this hop is needed: the destination is this close.
            sendLimit = Math.min(sendLimit, hopOf(n) * perHop);
        }
        return true;
    }

    /** Probe {@code n}'s answer, or null when it had none (yet). */
    TraceAnswer answerOf(int n) {
        return answers[n];
    }

    private boolean settled(int n, long now) {
        return n < sent && (answers[n] != null || now - sentNanos[n] > waitNanos);
    }

    /** Probes sent and not settled at {@code now}: those in flight. */
    int inFlight(long now) {
        int count = 0;
        for (int n = 0; n < sent; n++) {
            if (!settled(n, now)) {
                count++;
            }
        }
        return count;
    }

    /** When the earliest probe in flight stops waiting (System.nanoTime scale), or Long.MAX_VALUE. */
    long nextExpiry(long now) {
        long earliest = Long.MAX_VALUE;
        for (int n = 0; n < sent; n++) {
            if (!settled(n, now)) {
                earliest = Math.min(earliest, sentNanos[n] + waitNanos + 1);
            }
        }
        return earliest;
    }

    /** True when every probe of {@code hop} (1-based) has left and is settled. */
    boolean complete(int hop, long now) {
        for (int n = (hop - 1) * perHop; n < hop * perHop; n++) {
            if (!settled(n, now)) {
                return false;
            }
        }
        return true;
    }

    /** True when the destination answered a probe of {@code hop}. */
    boolean reached(int hop) {
        for (int n = (hop - 1) * perHop; n < hop * perHop; n++) {
            if (answers[n] != null && answers[n].reached) {
                return true;
            }
        }
        return false;
    }

    /** True when the trace ends at {@code hop}: the destination answered, unreachables did, or no hop is left. */
    boolean last(int hop) {
        if (hop >= maxHops || reached(hop)) {
            return true;
        }
        int unreachables = 0;
        for (int n = (hop - 1) * perHop; n < hop * perHop; n++) {
            if (answers[n] != null && answers[n].mark != null) {
                unreachables++;
            }
        }
        return unreachables > 0 && unreachables >= perHop - 1;
    }
}
