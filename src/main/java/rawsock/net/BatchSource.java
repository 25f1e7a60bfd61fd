package rawsock.net;

import java.nio.ByteBuffer;

/** Packets from recvmmsg batches on an ordinary socket: what every mode but --link's ring uses. */
public final class BatchSource implements PacketSource {
    private final RawSocket socket;
    private final ReceiveBatch batch;
    private int count;
    private int index;

    /**
     * Receives through {@code socket} into {@code batch}; a receive waits at most
     * {@code wakeMicros} (SO_RCVTIMEO) so the caller can check for signals and deadlines.
     */
    public BatchSource(RawSocket socket, ReceiveBatch batch, long wakeMicros) throws NativeException {
        this.socket = socket;
        this.batch = batch;
        socket.setReceiveTimeout(wakeMicros);
    }

    @Override
    public int receive() throws NativeException {
        index = 0;
        count = socket.receive(batch);
        return count;
    }

    @Override
    public ByteBuffer next(ReceiveInfo info) {
        return index < count ? batch.packet(index++, info) : null;
    }

    @Override
    public void close() {
        count = 0;
    }
}
