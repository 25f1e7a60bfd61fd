package rawsock.output;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;
import rawsock.packet.DecodedPacket;
import rawsock.packet.PacketMeta;

/**
 * Writes received packets in one output format. A writer sees only the capture metadata, the
 * captured bytes (from {@code packet.position()} to {@code packet.limit()}, which it must not
 * move) and the decoded layers.
 */
public interface PacketWriter extends Flushable, Closeable {
    void write(PacketMeta meta, ByteBuffer packet, DecodedPacket decoded) throws IOException;

    /**
     * Called once after the last packet, before {@link #close}: formats that record capture
     * statistics (pcapng) add them. {@code kernelDrops} is the kernel's count of packets it
     * dropped, or -1 when unknown. Does nothing by default.
     */
    default void endOfCapture(long kernelDrops) throws IOException {
    }
}
