package rawsock.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rawsock.packet.Arp;
import rawsock.packet.DecodedPacket;
import rawsock.packet.Ethernet;
import rawsock.packet.FieldSink;
import rawsock.packet.Icmp;
import rawsock.packet.Icmpv6;
import rawsock.packet.Igmp;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4;
import rawsock.packet.Ipv6;
import rawsock.packet.Layer;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.packet.RawPayload;
import rawsock.packet.Tcp;
import rawsock.packet.Udp;
import rawsock.packet.Vlan;

/**
 * What "decoding never breaks" means, through the public API only (the harness of the packet
 * tests is package-private there): decode the bytes, then use the packet and every layer the way
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
            getters(layer);
            int[] span = span(layer);
            if (span != null && span[1] > 0) {
                assertTrue(span[0] >= start && span[0] + span[1] <= end,
                        name + " views [" + span[0] + ", " + (span[0] + span[1]) + ") outside the packet ["
                                + start + ", " + end + ")");
            }
            Fields fields = Fields.of(layer);
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

    /** The getters that send/recv code calls (or may) besides fields() and describe(). */
    static void getters(Layer layer) {
        if (layer instanceof Ipv4 ip) {
            ip.version();
            ip.headerLength();
            ip.checksumOk();
            ip.firstFragment();
            ip.payloadOffset();
            ip.payloadLength();
            ip.declaredPayloadLength();
            ip.srcText();
            ip.dstText();
            ip.malformed();
            ip.headerComplete();
            ip.pseudoHeaderSum(IpProtocol.TCP, ip.declaredPayloadLength());
        } else if (layer instanceof Ipv6 ip) {
            ip.malformed();
            ip.srcText();
            ip.dstText();
            ip.upperLength();
            ip.declaredUpperLength();
            ip.upperOffset();
            ip.upperProtocol();
            ip.fragmentId();
            ip.fragmentOffset();
            ip.moreFragments();
            ip.firstFragment();
            ip.extensionsText();
            for (int i = -1; i <= ip.extensionCount(); i++) {
                ip.extensionType(i);
                ip.extensionOffset(i);
                ip.extensionLength(i);
            }
            ip.pseudoHeaderSum(IpProtocol.UDP, ip.declaredUpperLength());
        } else if (layer instanceof Tcp tcp) {
            tcp.mss();
            tcp.windowScale();
            tcp.checksumOk();
            tcp.payloadOffset();
            tcp.payloadLength();
            tcp.headerComplete();
            tcp.malformed();
        } else if (layer instanceof Udp udp) {
            udp.checksumOk();
            udp.payloadOffset();
            udp.payloadLength();
            udp.malformed();
        } else if (layer instanceof Icmp icmp) {
            icmp.checksumOk();
            icmp.restOfHeader();
            icmp.isError();
            icmp.quotedOffset();
            icmp.quotedLength();
            icmp.gateway();
            icmp.mtu();
            icmp.pointer();
        } else if (layer instanceof Icmpv6 icmp) {
            icmp.checksumOk();
            icmp.malformed();
            icmp.targetText();
            icmp.groupText();
            icmp.linkLayerAddress();
            icmp.mtu();
            icmp.pointer();
            icmp.advertFlags();
            icmp.curHopLimit();
            icmp.routerLifetime();
            icmp.isError();
            icmp.quotedOffset();
            icmp.quotedLength();
        } else if (layer instanceof Igmp igmp) {
            igmp.checksumOk();
            igmp.maxRespTenths();
            igmp.maxRespCode();
            igmp.group();
            igmp.isV3Query();
            igmp.queryVersion();
            igmp.sourceCount();
            igmp.recordCount();
        } else if (layer instanceof Ethernet eth) {
            eth.dst();
            eth.src();
            eth.dstText();
            eth.srcText();
            eth.etherType();
            eth.is8023();
            eth.malformed();
            eth.payloadOffset();
            eth.payloadLength();
        } else if (layer instanceof Vlan vlan) {
            vlan.vid();
            vlan.pcp();
            vlan.dei();
            vlan.etherType();
            vlan.malformed();
            vlan.payloadLength();
        } else if (layer instanceof Arp arp) {
            arp.length();
            arp.complete();
            arp.isEthernetIpv4();
            arp.senderIpText();
            arp.targetIpText();
            arp.senderMacText();
            arp.targetMacText();
        } else if (layer instanceof RawPayload raw) {
            raw.length();
        }
    }

    /** Records a layer's fields in order; a missing or repeated name or a null text fails (JSON keys must be unique). */
    public static final class Fields implements FieldSink {
        public final Map<String, Object> values = new LinkedHashMap<>();

        private void put(String name, Object value) {
            if (name == null || name.isEmpty()) {
                throw new AssertionError("field without a name");
            }
            if (values.containsKey(name)) {
                throw new AssertionError("field written twice: " + name);
            }
            values.put(name, value);
        }

        @Override
        public void number(String name, long value) {
            put(name, value);
        }

        @Override
        public void text(String name, String value) {
            if (value == null) {
                throw new AssertionError("null text for " + name);
            }
            put(name, value);
        }

        @Override
        public void flag(String name, boolean value) {
            put(name, value);
        }

        public Object get(String name) {
            return values.get(name);
        }

        public static Fields of(Layer layer) {
            Fields f = new Fields();
            layer.fields(f);
            return f;
        }
    }
}
