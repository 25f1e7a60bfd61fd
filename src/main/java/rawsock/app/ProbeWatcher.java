package rawsock.app;

import java.io.IOException;
import rawsock.net.Poller;

/**
 * The receiving half of {@code send --wait}, as the send loop drives it: told when each probe
 * left, polled while the loop waits for its next slot, asked for the summary and exit status at
 * the end. {@link ReplyWatcher} watches IP probes, {@link ArpWatcher} ARP requests.
 */
interface ProbeWatcher extends AutoCloseable {
    /** Records that probe {@code index} left at {@code realtimeNanos}. */
    void sent(long index, long realtimeNanos);

    /**
     * Handles replies until {@code deadline} (System.nanoTime scale), or until every probe is
     * answered when {@code stopWhenAnswered}. Returns false if a signal came.
     */
    boolean watchUntil(long deadline, boolean stopWhenAnswered, Interrupts interrupts) throws IOException;

    /** Prints the summary; returns the exit status: 0 when any probe was answered, 1 when none. */
    int finish() throws IOException;

    @Override
    void close();

    /** Reads what the poller found ready. */
    @FunctionalInterface
    interface Ready {
        void read() throws IOException;
    }

    /**
     * The wait every watcher does: polls its sockets and reads what is ready until {@code deadline}
     * (System.nanoTime scale), or until every probe of {@code table} is settled when
     * {@code stopWhenAnswered}. Returns false if a signal came.
     */
    static boolean pollUntil(long deadline, boolean stopWhenAnswered, Interrupts interrupts, ProbeTable table,
            Poller poller, Ready ready) throws IOException {
        while (!interrupts.requested()) {
            if (stopWhenAnswered && table.allAnswered()) {
                return true;
            }
            long remaining = deadline - System.nanoTime();
            // poll() counts in milliseconds: below one, the pacer's finer wait takes over.
            if (remaining < 1_000_000) {
                return true;
            }
            if (poller.poll((int) Math.min(remaining / 1_000_000, 50)) > 0) {
                ready.read();
            }
        }
        return false;
    }
}
