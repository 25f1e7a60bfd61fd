package rawsock.net;

import java.nio.ByteBuffer;

/**
 * Where a capture loop gets its packets, a batch at a time: {@link BatchSource} (recvmmsg into
 * buffers of our own) or {@link PacketRing} (blocks of a TPACKET_V3 ring the kernel fills in
 * shared memory). Both reuse everything: nothing is allocated per packet.
 */
public interface PacketSource extends AutoCloseable {
    /**
     * Waits (at most the wake interval the source was made with) for packets. Returns how many
     * are ready, an upper bound: {@link #next} may end the batch sooner. 0 when nothing came in
     * time or a signal interrupted the wait.
     */
    int receive() throws NativeException;

    /**
     * The next packet of the batch {@link #receive} announced, described in {@code info}: a buffer
     * whose position is the packet's first byte and whose limit follows its last captured byte,
     * valid until the next call. Null when the batch holds no more packets.
     */
    ByteBuffer next(ReceiveInfo info);

    /** Frees what the source holds (not the socket). */
    @Override
    void close();
}
