package rawsock.net;

import java.nio.ByteBuffer;

/**
 * Remembers the native address of the last direct buffer seen, so a send or receive loop that
 * reuses one buffer (the normal case) asks JNR-FFI for it once, not per packet.
 */
final class DirectAddresses {
    private ByteBuffer last;
    private long lastAddress;

    long of(ByteBuffer direct) {
        if (direct != last) {
            lastAddress = Native.address(direct);
            last = direct;
        }
        return lastAddress;
    }
}
