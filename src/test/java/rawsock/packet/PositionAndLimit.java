package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The check the IPv4, IPv6 and link-layer decoder tests each make: decoding honours a buffer's
 * position and limit, so bytes around the packet change nothing, and moves neither. The buffer is
 * direct, as a capture loop's is, so nothing relies on a backing array.
 */
final class PositionAndLimit {
    private PositionAndLimit() {
    }

    /** Each packet placed at {@code at} among filler bytes decodes as it does alone. */
    static void assertHonoured(byte[][] packets, LinkType link, int at) {
        PacketDecoder decoder = new PacketDecoder();
        for (byte[] packet : packets) {
            String alone = TestBytes.describe(decoder.decode(ByteBuffer.wrap(packet), link));
            byte[] big = new byte[packet.length + 40];
            Arrays.fill(big, (byte) 0x5a);
            System.arraycopy(packet, 0, big, at, packet.length);
            ByteBuffer buf = ByteBuffer.allocateDirect(big.length);
            buf.put(big).position(at).limit(at + packet.length);
            assertEquals(alone, TestBytes.describe(decoder.decode(buf, link)));
            assertEquals(at, buf.position());
            assertEquals(at + packet.length, buf.limit());
        }
    }
}
