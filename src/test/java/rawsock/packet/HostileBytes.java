package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import rawsock.testing.LayerGetters;
import rawsock.testing.RecordedFields;

/**
 * The harness of the hostile-bytes tests (IPv4, IPv6, link layer): decode whatever bytes and use
 * every layer the way the writers and the send/recv code do, asserting only that nothing breaks.
 * The tests differ in the bytes they make; what "nothing breaks" means is here, once.
 */
final class HostileBytes {
    private final PacketDecoder decoder = new PacketDecoder();

    /** Decodes {@code bytes} and exercises the packet and every layer's output; returns the layer count. */
    int exercise(byte[] bytes, LinkType link) {
        DecodedPacket p = decoder.decode(ByteBuffer.wrap(bytes), link);
        assertTrue(p.size() <= DecodedPacket.MAX_LAYERS);
        assertTrue(p.quotedStart() <= p.size());
        p.truncated();
        p.src();
        p.proto();
        for (int i = 0; i < p.size(); i++) {
            Layer layer = p.layer(i);
            assertTrue(layer.name() != null && !layer.name().isEmpty());
            layer.truncated();
            LayerGetters.callAll(layer);
            RecordedFields.of(layer); // also rejects duplicate or null field names
            StringBuilder text = new StringBuilder();
            layer.describe(text);
            assertTrue(text.length() > 0, "empty description of " + layer.name());
        }
        return p.size();
    }

    /** Every prefix of every packet, from the empty one to the whole packet, handed to {@code check}. */
    static void everyPrefix(List<byte[]> packets, Consumer<byte[]> check) {
        for (byte[] packet : packets) {
            for (int length = 0; length <= packet.length; length++) {
                check.accept(Arrays.copyOf(packet, length));
            }
        }
    }

    /** Flips 1 to 4 bits of {@code bytes} (not empty), each anywhere. */
    static void flipBits(byte[] bytes, Random random) {
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
            int bit = random.nextInt(bytes.length * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
    }

    /**
     * Views wrapped directly with every pair of {@code offsets} and {@code lengths}, as
     * {@code views} makes them: truncated(), the getters, fields() and describe() must not throw.
     */
    static void atSillyOffsets(int[] offsets, int[] lengths, BiFunction<Integer, Integer, Layer[]> views) {
        for (int offset : offsets) {
            for (int length : lengths) {
                for (Layer layer : views.apply(offset, length)) {
                    layer.truncated();
                    LayerGetters.callAll(layer);
                    RecordedFields.of(layer);
                    layer.describe(new StringBuilder());
                }
            }
        }
    }
}
