package rawsock.app;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What each probe position of a scan drew, over all rounds: an answer (open or closed), an ICMP
 * error (named), or nothing yet. A position keeps its most telling result: an answer over an
 * error over silence. Round-trip statistics are kept per target for answered ICMP probes.
 * Positions past {@link #LIMIT} are not kept (a summary of sixteen million probes is no summary).
 */
final class ScanResults {
    static final int LIMIT = 1 << 24;

    static final byte SILENT = 0;
    static final byte ERROR = 1;
    static final byte CLOSED = 2;
    static final byte OPEN = 3;

    private byte[] states = new byte[1024];
    private final Map<Long, String> errorNames = new HashMap<>();
    private final Map<Long, double[]> rtts = new HashMap<>();

    /** Records the reply to the probe at {@code position} of its round, aimed at target {@code target}. */
    void record(long position, long target, Reply reply) {
        if (position >= LIMIT) {
            return;
        }
        int at = (int) position;
        if (at >= states.length) {
            states = Arrays.copyOf(states, (int) Math.min(LIMIT, Math.max(at + 1L, 2L * states.length)));
        }
        byte state = reply.error ? ERROR : "closed".equals(reply.state) ? CLOSED : OPEN;
        if (state > states[at]) {
            states[at] = state;
        }
        if (state == ERROR) {
            errorNames.putIfAbsent(position, reply.kind);
        } else if (reply.dport < 0) {
            double[] s = rtts.computeIfAbsent(target, k -> new double[] {0, Double.MAX_VALUE, 0, 0, 0});
            s[0]++;
            s[1] = Math.min(s[1], reply.rttMillis);
            s[2] = Math.max(s[2], reply.rttMillis);
            s[3] += reply.rttMillis;
            s[4] += reply.rttMillis * reply.rttMillis;
        }
    }

    byte state(long position) {
        return position < states.length ? states[(int) position] : SILENT;
    }

    /** The ICMP error a position drew (when its state is {@link #ERROR}). */
    String errorName(long position) {
        return errorNames.get(position);
    }

    /** {count, min, max, sum, sum of squares} of a target's round-trip times in ms, or null when none. */
    double[] rtt(long target) {
        return rtts.get(target);
    }
}
