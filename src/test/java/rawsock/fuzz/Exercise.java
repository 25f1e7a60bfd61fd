package rawsock.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import rawsock.packet.DecodedPacket;
import rawsock.packet.Ethernet;
import rawsock.packet.Layer;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.testing.LayerGetters;
import rawsock.testing.RecordedFields;

/**
 * What "decoding never breaks" means, through the public API only, for the fuzz tests and the
 * hostile-bytes tests of rawsock.packet alike: the one exerciser of decoded packets. Decode the
 * bytes, then use the packet and every layer the way the writers and the send/recv code do.
 * Besides "nothing throws" it checks what the decoder promises: the input's position, limit and
 * content are left alone; bytes around the packet change nothing; one decoder reused for many
 * packets says of a packet what a new one says (no state leaks from packet to packet); every
 * layer views bytes inside the packet; field names are unique, non-empty, with non-null texts;
 * descriptions are not empty and one line. Views wrapped by hand ({@link #checkViews}) are held
 * to the same per-layer checks.
 */
public final class Exercise {
    /** Reused for every packet, as a capture loop reuses its decoder. */
    private final PacketDecoder reused = new PacketDecoder();

    /** A decoded packet written out in full: layers with their fields and descriptions. */
    public record Snapshot(int size, int quotedStart, boolean truncated, String src, String dst, String proto,
                           List<String> layers) {
        @Override
        public String toString() {
            return "size " + size + " quoted@" + quotedStart + " truncated " + truncated + " " + src + " > " + dst
                    + " " + proto + " " + layers;
        }
    }

    /**
     * Decodes {@code bytes} three ways (a heap buffer at 0 with the reused decoder; a direct buffer
     * among filler bytes, position and limit around the packet, with a new decoder; the heap buffer
     * again after the other) and checks each; returns the snapshot, the same for all three.
     */
    public Snapshot check(byte[] bytes, LinkType link) {
        byte[] original = bytes.clone();

        ByteBuffer heap = ByteBuffer.wrap(bytes);
        Snapshot alone = decodeAndCheck(reused, heap, link);
        assertEquals(0, heap.position(), "position moved");
        assertEquals(bytes.length, heap.limit(), "limit moved");
        assertArrayEquals(original, bytes, "the decoder wrote into the packet");

        int before = 1 + bytes.length % 13;
        ByteBuffer direct = ByteBuffer.allocateDirect(before + bytes.length + 29);
        for (int i = 0; i < direct.capacity(); i++) {
            direct.put(i, (byte) (0x5a ^ i));
        }
        direct.put(before, bytes);
        direct.position(before).limit(before + bytes.length);
        Snapshot among = decodeAndCheck(new PacketDecoder(), direct, link);
        assertEquals(before, direct.position(), "position moved");
        assertEquals(before + bytes.length, direct.limit(), "limit moved");
        assertEquals(alone, among, "bytes around the packet (or a new decoder) changed the result");

        Snapshot again = decodeAndCheck(reused, ByteBuffer.wrap(bytes), link);
        assertEquals(alone, again, "decoding the same bytes again gave another result");
        return alone;
    }

    /** {@link #check} of every prefix of every packet, from the empty one to the whole packet, for each link type. */
    public void checkEveryPrefix(List<byte[]> packets, LinkType... links) {
        for (byte[] packet : packets) {
            for (int length = 0; length <= packet.length; length++) {
                byte[] prefix = Arrays.copyOf(packet, length);
                for (LinkType link : links) {
                    check(prefix, link);
                }
            }
        }
    }

    /**
     * Views wrapped directly, not by the decoder, with every pair of {@code offsets} and
     * {@code lengths} over {@code buf} (or over no buffer), as {@code views} makes them: each is
     * held to the checks of a decoded layer ({@link #checkLayer}), viewing nothing outside
     * {@code buf}, and writing nothing into it.
     */
    public static void checkViews(ByteBuffer buf, int[] offsets, int[] lengths,
            BiFunction<Integer, Integer, Layer[]> views) {
        ByteBuffer original = ByteBuffer.allocate(buf.limit()).put(buf.duplicate().position(0)).flip();
        for (int offset : offsets) {
            for (int length : lengths) {
                for (Layer layer : views.apply(offset, length)) {
                    String where = layer.getClass().getSimpleName() + " wrapped at " + offset + ", " + length + ": ";
                    try {
                        String once = checkLayer(layer, 0, buf.limit());
                        assertEquals(once, checkLayer(layer, 0, buf.limit()), where + "a second look differs");
                    } catch (RuntimeException | AssertionError e) {
                        throw new AssertionError(where + e, e);
                    }
                }
            }
        }
        assertEquals(original, buf.duplicate().position(0).limit(buf.limit()), "a view wrote into the bytes");
    }

    /** Decodes once with {@code decoder} and checks the packet and every layer. */
    public static Snapshot decodeAndCheck(PacketDecoder decoder, ByteBuffer buf, LinkType link) {
        int start = buf.position();
        int end = buf.limit();
        DecodedPacket p = decoder.decode(buf, link);
        assertTrue(p.size() <= DecodedPacket.MAX_LAYERS, "too many layers");
        assertTrue(p.quotedStart() >= 0 && p.quotedStart() <= p.size(), "quotedStart out of range");
        if (end > start) {
            assertTrue(p.size() >= 1, "non-empty bytes decoded to no layer");
            if (link == LinkType.ETHERNET) {
                assertTrue(p.layer(0) instanceof Ethernet, "a frame starts with an Ethernet layer");
            }
        } else {
            assertEquals(0, p.size(), "empty bytes decoded to a layer");
        }
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            layers.add(checkLayer(p.layer(i), start, end));
        }
        return new Snapshot(p.size(), p.quotedStart(), p.truncated(), p.src(), p.dst(), p.proto(), layers);
    }

    /**
     * Uses one layer as the writers do (name, truncated(), every getter, fields(), describe()) and
     * checks it: a name, bytes viewed only within [{@code start}, {@code end}), a one-line
     * description. Returns the layer written out in full, for a {@link Snapshot}.
     */
    static String checkLayer(Layer layer, int start, int end) {
        String name = layer.name();
        assertTrue(name != null && !name.isEmpty(), "layer without a name");
        boolean truncated = layer.truncated();
        LayerGetters.callAll(layer);
        LayerGetters.Span span = LayerGetters.span(layer);
        if (span != null && span.available() > 0) {
            assertTrue(span.offset() >= start && span.offset() + span.available() <= end,
                    name + " views [" + span.offset() + ", " + (span.offset() + span.available())
                            + ") outside the packet [" + start + ", " + end + ")");
        }
        RecordedFields fields = RecordedFields.of(layer);
        StringBuilder text = new StringBuilder();
        layer.describe(text);
        assertTrue(text.length() > 0, "empty description of " + name);
        assertFalse(text.indexOf("\n") >= 0, "a description spans lines: " + text);
        return name + (truncated ? "!" : "") + fields.values + " \"" + text + "\"";
    }
}
