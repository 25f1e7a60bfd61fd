package rawsock.output;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import rawsock.packet.DecodedPacket;
import rawsock.packet.PacketMeta;

/**
 * One line of lowercase hex per packet: the captured bytes from the first header, nothing else,
 * ending in '\n'. {@code xxd -r -p} turns a line back into the packet, and
 * {@code rawsock send --stdin-hex} ({@link HexLineReader}) reads the lines as they are. A
 * zero-length packet gives an empty line (which the reader skips).
 */
public final class HexWriter extends BufferedPacketWriter {
    public HexWriter(OutputStream out, boolean flushEachPacket) {
        super(out, flushEachPacket);
    }

    @Override
    void encode(PacketMeta meta, ByteBuffer packet, DecodedPacket decoded) {
        int n = packet.remaining();
        byte[] b = ensure(n * 2 + 1);
        int p = Hex.encode(packet, b, position());
        b[p++] = '\n';
        position(p);
    }
}
