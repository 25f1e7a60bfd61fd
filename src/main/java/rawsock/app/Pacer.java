package rawsock.app;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces packets on a monotonic schedule: packet i is due at start + i * interval, so sleeping
 * late once does not push every later packet back (no drift), and sub-millisecond intervals
 * hold on average. Waits in slices so a signal is noticed within a few milliseconds.
 */
public final class Pacer {
    /** Below this the pacer spins instead of parking: parkNanos oversleeps by ~50-100 us. */
    private static final long SPIN_NANOS = 100_000;
    private static final long SLICE_NANOS = 20_000_000;

    private final long intervalNanos;
    private final Interrupts interrupts;
    private long start;

    /** @param intervalNanos spacing between packets; 0 sends as fast as possible */
    public Pacer(long intervalNanos, Interrupts interrupts) {
        this.intervalNanos = intervalNanos;
        this.interrupts = interrupts;
    }

    /**
     * When packet {@code index} (0-based) is due, on the System.nanoTime scale; packet 0 is due
     * now and starts the schedule.
     */
    public long deadline(long index) {
        if (index == 0) {
            start = System.nanoTime();
        }
        return start + index * intervalNanos;
    }

    /** Waits until packet {@code index} (0-based) is due. Returns false if a signal came. */
    public boolean awaitSlot(long index) {
        return awaitUntil(deadline(index));
    }

    /** Waits until {@code deadline} (System.nanoTime scale). Returns false if a signal came. */
    public boolean awaitUntil(long deadline) {
        while (true) {
            if (interrupts.requested()) {
                return false;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            if (remaining > SPIN_NANOS) {
                LockSupport.parkNanos(Math.min(remaining - SPIN_NANOS, SLICE_NANOS));
            } else {
                Thread.onSpinWait();
            }
        }
    }

    public long intervalNanos() {
        return intervalNanos;
    }
}
