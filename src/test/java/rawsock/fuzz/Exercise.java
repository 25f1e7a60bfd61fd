package rawsock.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import rawsock.packet.Arp;
import rawsock.packet.DecodedPacket;
import rawsock.packet.Ethernet;
import rawsock.packet.Icmp;
import rawsock.packet.Icmpv6;
import rawsock.packet.Igmp;
import rawsock.packet.Ipv4;
import rawsock.packet.Ipv6;
import rawsock.packet.Layer;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.packet.RawPayload;
import rawsock.packet.Tcp;
import rawsock.packet.Udp;
import rawsock.packet.Vlan;
import rawsock.testing.LayerGetters;
import rawsock.testing.RecordedFields;

/**
 * What "decoding never breaks" means, through the public API only, for the fuzz tests and the
 * hostile-bytes tests of rawsock.packet alike: decode the bytes, then use the packet and every layer the way
 * the writers and the send/recv code do. Besides "nothing throws" it checks what the decoder
 * promises: the input's position, limit and content are left alone; bytes around the packet change
 * nothing; one decoder reused for many packets says of a packet what a new one says (no state
 * leaks from packet to packet); every layer views bytes inside the packet; field names are unique,
 * non-empty, with non-null texts; descriptions are not empty.
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
            Layer layer = p.layer(i);
            String name = layer.name();
            assertTrue(name != null && !name.isEmpty(), "layer without a name");
            boolean truncated = layer.truncated();
            LayerGetters.callAll(layer);
            int[] span = span(layer);
            if (span != null && span[1] > 0) {
                assertTrue(span[0] >= start && span[0] + span[1] <= end,
                        name + " views [" + span[0] + ", " + (span[0] + span[1]) + ") outside the packet ["
                                + start + ", " + end + ")");
            }
            RecordedFields fields = RecordedFields.of(layer);
            StringBuilder text = new StringBuilder();
            layer.describe(text);
            assertTrue(text.length() > 0, "empty description of " + name);
            assertFalse(text.indexOf("\n") >= 0, "a description spans lines: " + text);
            layers.add(name + (truncated ? "!" : "") + fields.values + " \"" + text + "\"");
        }
        return new Snapshot(p.size(), p.quotedStart(), p.truncated(), p.src(), p.dst(), p.proto(), layers);
    }

    /** [offset, available] of a layer's view; null for layers that are not views of this project. */
    static int[] span(Layer layer) {
        if (layer instanceof Ipv4 l) {
            return new int[] {l.offset(), l.available()};
        } else if (layer instanceof Ipv6 l) {
            return new int[] {l.offset(), l.available()};
        } else if (layer instanceof Tcp l) {
            return new int[] {l.offset(), l.available()};
        } else if (layer instanceof Udp l) {
            return new int[] {l.offset(), l.available()};
        } else if (layer instanceof Icmp l) {
            return new int[] {l.offset(), l.available()};
        } else if (layer instanceof Icmpv6 l) {
            return new int[] {l.offset(), l.available()};
        } else if (layer instanceof Igmp l) {
            return new int[] {l.offset(), l.available()};
        } else if (layer instanceof Ethernet l) {
            return new int[] {l.offset(), l.available()};
        } else if (layer instanceof Vlan l) {
            return new int[] {l.offset(), l.available()};
        } else if (layer instanceof Arp l) {
            return new int[] {l.offset(), l.available()};
        } else if (layer instanceof RawPayload l) {
            return new int[] {l.offset(), l.available()};
        }
        return null;
    }
}
