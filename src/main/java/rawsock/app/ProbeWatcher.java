package rawsock.app;

import java.io.IOException;

/**
 * The receiving half of {@code send --wait}, as the send loop drives it: told when each probe
 * left, polled while the loop waits for its next slot, asked for the summary and exit status at
 * the end. What differs between watchers is only where answers come from and how one is
 * recognised: {@link ReplyWatcher} watches IP probes, {@link ArpWatcher} ARP requests.
 */
abstract class ProbeWatcher implements AutoCloseable {
    /** The longest single poll: a signal is noticed within it. */
    private static final int POLL_SLICE_MILLIS = 50;

    final ProbeTable table;
    final ReplyPrinter printer;
    private final long startNanos = System.nanoTime();

    ProbeWatcher(ProbeTable table, ReplyPrinter printer) {
        this.table = table;
        this.printer = printer;
    }

    /** Records that probe {@code index} left at {@code realtimeNanos}. */
    final void sent(long index, long realtimeNanos) {
        table.sent(index, realtimeNanos);
    }

    /**
     * Handles replies until {@code deadline} (System.nanoTime scale), or until every probe is
     * settled when {@code stopWhenAnswered}. Returns false if a signal came.
     */
    final boolean watchUntil(long deadline, boolean stopWhenAnswered, Interrupts interrupts) throws IOException {
        while (!interrupts.requested()) {
            if (stopWhenAnswered && table.allAnswered()) {
                return true;
            }
            long remaining = deadline - System.nanoTime();
            // poll() counts in milliseconds: below one, the pacer's finer wait takes over.
            if (remaining < 1_000_000) {
                return true;
            }
            if (poll((int) Math.min(remaining / 1_000_000, POLL_SLICE_MILLIS))) {
                readReady();
            }
        }
        return false;
    }

    /** Waits up to {@code millis} for an answer on the watcher's sockets; true when one is ready. */
    abstract boolean poll(int millis) throws IOException;

    /** Reads and handles what the last {@link #poll} found ready. */
    abstract void readReady() throws IOException;

    /** Prints the summary; returns the exit status: 0 when any probe was answered, 1 when none (errors are no answer). */
    int finish() throws IOException {
        printer.summary(table, (System.nanoTime() - startNanos) / 1_000_000);
        return table.received() > 0 ? ExitStatus.OK : ExitStatus.NOT_MET;
    }

    @Override
    public abstract void close();
}
