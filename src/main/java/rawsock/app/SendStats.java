package rawsock.app;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Counts what a send loop sent and prints the summary line (and, on a terminal, a live status
 * line refreshed every second) on stderr.
 */
final class SendStats {
    private static final long PROGRESS_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final boolean live;
    private final long start = System.nanoTime();
    private long packets;
    private long bytes;
    private long nextProgress = start + PROGRESS_NANOS;
    private boolean progressShown;

    SendStats(PrintWriter err, boolean live) {
        this.err = err;
        this.live = live;
    }

    void sent(int length) {
        sent(1, length);
    }

    /** {@code count} packets of {@code length} bytes each. */
    void sent(int count, int length) {
        packets += count;
        bytes += (long) count * length;
        if (live) {
            long now = System.nanoTime();
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
        err.println(line(System.nanoTime()) + suffix);
        err.flush();
    }

    private String line(long now) {
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? packets / seconds : 0;
        return String.format(Locale.ROOT, "sent %d packet%s, %d bytes in %.3f s (%.1f packets/s)",
                packets, packets == 1 ? "" : "s", bytes, seconds, rate);
    }
}
