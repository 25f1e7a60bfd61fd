package rawsock.app;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Counts what a send loop sent and prints the summary line (and, on a terminal, a live status
 * line refreshed every second) on stderr. The rate is what a receiver sees: packets over the
 * time from the first send to the end of the last one's interval (n packets at a pace of one per
 * interval take n intervals), or to now when there is no pace; when a pace was asked for and the
 * run fell more than 5 % short of it, the summary says so.
 */
final class SendStats {
    private static final long PROGRESS_NANOS = 1_000_000_000L;

    /** Achieved rates below this share of the asked-for one are reported. */
    private static final double SHORTFALL = 0.95;

    private final PrintWriter err;
    private final boolean live;
    private final long intervalNanos;
    private final long created = System.nanoTime();
    private long first;
    private long last;
    private long packets;
    private long bytes;
    private long nextProgress = System.nanoTime() + PROGRESS_NANOS;
    private boolean progressShown;

    /** @param intervalNanos the pace asked for (one packet per interval), or 0 for none */
    SendStats(PrintWriter err, boolean live, long intervalNanos) {
        this.err = err;
        this.live = live;
        this.intervalNanos = intervalNanos;
    }

    void sent(int length) {
        sent(1, length);
    }

    /** {@code count} packets of {@code length} bytes each. */
    void sent(int count, int length) {
        long now = System.nanoTime();
        if (packets == 0) {
            first = now;
        }
        last = now;
        packets += count;
        bytes += (long) count * length;
        if (live) {
            if (now >= nextProgress) {
                nextProgress = now + PROGRESS_NANOS;
                err.print("\r" + line(now) + "   ");
                err.flush();
                progressShown = true;
            }
        }
    }

    long packets() {
        return packets;
    }

    /** Prints the final summary (replacing the live line). */
    void summary(String suffix) {
        if (progressShown) {
            err.print("\r");
        }
        long now = System.nanoTime();
        err.println(line(now) + suffix);
        if (intervalNanos > 0 && packets > 1) {
            double asked = 1e9 / intervalNanos;
            double achieved = rate(now);
            if (achieved < SHORTFALL * asked) {
                err.println(String.format(Locale.ROOT,
                        "rawsock send: warning: %.1f packets/s is %.0f%% short of the %.1f asked for", achieved,
                        100 * (1 - achieved / asked), asked));
            }
        }
        err.flush();
    }

    /** The time the packets took: first send to the end of the last interval, or start to now without a pace. */
    private long spanNanos(long now) {
        if (packets == 0) {
            return 0;
        }
        // One packet has no pace to speak of: its run took what it took.
        return intervalNanos > 0 && packets > 1 ? last - first + intervalNanos : now - created;
    }

    private double rate(long now) {
        long span = spanNanos(now);
        return span > 0 ? packets * 1e9 / span : 0;
    }

    private String line(long now) {
        return String.format(Locale.ROOT, "sent %d packet%s, %d bytes in %.3f s (%.1f packets/s)",
                packets, packets == 1 ? "" : "s", bytes, spanNanos(now) / 1e9, rate(now));
    }
}
