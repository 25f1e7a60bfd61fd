package rawsock.net;

import java.nio.ByteBuffer;
import jnr.ffi.Pointer;

/**
 * CLOCK_REALTIME in nanoseconds, the clock the kernel stamps received packets with
 * (SO_TIMESTAMPNS), so a send time read here and a receive timestamp subtract to a round-trip
 * time. Java's own clocks are either monotonic (another epoch) or microsecond-grained.
 */
public final class Clock {
    private static final int CLOCK_REALTIME = 0;
    private static final ThreadLocal<ByteBuffer> TIMESPEC = ThreadLocal.withInitial(
            () -> Native.allocate(Layouts.TIMESPEC_SIZE));
    private static final ThreadLocal<Pointer> POINTER = ThreadLocal.withInitial(() -> Native.pointer(TIMESPEC.get()));

    private Clock() {
    }

    public static long realtimeNanos() {
        ByteBuffer timespec = TIMESPEC.get();
        Native.extra().clock_gettime(CLOCK_REALTIME, POINTER.get());
        return timespec.getLong(0) * 1_000_000_000L + timespec.getLong(8);
    }
}
