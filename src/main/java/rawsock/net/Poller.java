package rawsock.net;

import java.nio.ByteBuffer;
import jnr.ffi.Pointer;

/**
 * Waits for any of a few sockets to have a packet (poll(2) with POLLIN), the pollfd array built
 * once in native memory.
 */
public final class Poller {
    private final RawSocket[] sockets;
    private final ByteBuffer fds;
    private final Pointer pointer;

    public Poller(RawSocket... sockets) {
        this.sockets = sockets.clone();
        this.fds = Native.allocate(Math.max(1, sockets.length) * Layouts.POLLFD_SIZE);
        this.pointer = Native.pointer(fds);
        for (int i = 0; i < sockets.length; i++) {
            fds.putInt(i * Layouts.POLLFD_SIZE, sockets[i].fd());
            fds.putShort(i * Layouts.POLLFD_SIZE + Layouts.POLLFD_EVENTS, LinuxConstants.POLLIN);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (0 = just look). Returns how many sockets are readable
     * (0 on timeout or a signal); {@link #readable} then tells which.
     */
    public int poll(int timeoutMillis) throws NativeException {
        for (int i = 0; i < sockets.length; i++) {
            fds.putShort(i * Layouts.POLLFD_SIZE + Layouts.POLLFD_REVENTS, (short) 0);
        }
        long rc = Native.waited(Native.extra().poll(pointer, sockets.length, timeoutMillis), "poll");
        return rc == Native.NOTHING ? 0 : (int) rc;
    }

    /** Whether socket {@code index} (in the constructor's order) was readable at the last poll. */
    public boolean readable(int index) {
        return (fds.getShort(index * Layouts.POLLFD_SIZE + Layouts.POLLFD_REVENTS) & LinuxConstants.POLLIN) != 0;
    }

    /** Whether socket {@code index} reported an error (POLLERR) at the last poll. */
    public boolean failed(int index) {
        return (fds.getShort(index * Layouts.POLLFD_SIZE + Layouts.POLLFD_REVENTS) & LinuxConstants.POLLERR) != 0;
    }

    public RawSocket socket(int index) {
        return sockets[index];
    }

    public int size() {
        return sockets.length;
    }
}
