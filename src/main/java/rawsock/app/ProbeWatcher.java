package rawsock.app;

import java.io.IOException;

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
}
