package rawsock.packet;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import rawsock.fuzz.Exercise;
import rawsock.testing.LayerGetters;
import rawsock.testing.RecordedFields;

/**
 * The corpora and shapes of the hostile-bytes tests (IPv4, IPv6, link layer). What "nothing
 * breaks" means is the fuzz harness's {@link Exercise#check}, once: these tests differ only in
 * the bytes they make.
 */
final class HostileBytes {
    private final Exercise exercise = new Exercise();

    /** Decodes {@code bytes} and checks the packet and every layer as the fuzz tests do; returns the layer count. */
    int exercise(byte[] bytes, LinkType link) {
        return exercise.check(bytes, link).size();
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
