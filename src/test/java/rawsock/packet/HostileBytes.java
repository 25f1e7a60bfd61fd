package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Consumer;

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
            getters(layer);
            TestBytes.Fields.of(layer); // also rejects duplicate or null field names
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
                    getters(layer);
                    TestBytes.Fields.of(layer);
                    layer.describe(new StringBuilder());
                }
            }
        }
    }

    /** The getters send/recv code calls directly (or may), beyond fields() and describe(). */
    static void getters(Layer layer) {
        if (layer instanceof Ipv4) {
            Ipv4 ip = (Ipv4) layer;
            ip.checksumOk();
            ip.payloadLength();
            ip.declaredPayloadLength();
            ip.srcText();
            ip.malformed();
            ip.pseudoHeaderSum(6, ip.declaredPayloadLength());
        } else if (layer instanceof Ipv6) {
            Ipv6 ip = (Ipv6) layer;
            ip.malformed();
            ip.srcText();
            ip.dstText();
            ip.upperLength();
            ip.declaredUpperLength();
            ip.fragmentId();
            ip.fragmentOffset();
            ip.moreFragments();
            ip.extensionsText();
            for (int i = -1; i <= ip.extensionCount(); i++) {
                ip.extensionType(i);
                ip.extensionOffset(i);
                ip.extensionLength(i);
            }
            ip.pseudoHeaderSum(IpProtocol.UDP, ip.declaredUpperLength());
        } else if (layer instanceof Tcp) {
            Tcp tcp = (Tcp) layer;
            tcp.mss();
            tcp.windowScale();
            tcp.checksumOk();
            tcp.payloadLength();
            tcp.malformed();
        } else if (layer instanceof Udp) {
            Udp udp = (Udp) layer;
            udp.checksumOk();
            udp.payloadLength();
            udp.malformed();
        } else if (layer instanceof Icmp) {
            ((Icmp) layer).checksumOk();
            ((Icmp) layer).restOfHeader();
        } else if (layer instanceof Icmpv6) {
            Icmpv6 icmp = (Icmpv6) layer;
            icmp.checksumOk();
            icmp.malformed();
            icmp.targetText();
            icmp.groupText();
            icmp.linkLayerAddress();
            icmp.mtu();
            icmp.pointer();
        } else if (layer instanceof Igmp) {
            ((Igmp) layer).checksumOk();
            ((Igmp) layer).maxRespTenths();
        } else if (layer instanceof Ethernet) {
            Ethernet eth = (Ethernet) layer;
            eth.dst();
            eth.src();
            eth.dstText();
            eth.srcText();
            eth.etherType();
            eth.is8023();
            eth.malformed();
            eth.payloadLength();
        } else if (layer instanceof Vlan) {
            Vlan vlan = (Vlan) layer;
            vlan.vid();
            vlan.pcp();
            vlan.dei();
            vlan.etherType();
            vlan.malformed();
            vlan.payloadLength();
        } else if (layer instanceof Arp) {
            Arp arp = (Arp) layer;
            arp.length();
            arp.complete();
            arp.isEthernetIpv4();
            arp.senderIpText();
            arp.targetIpText();
            arp.senderMacText();
            arp.targetMacText();
        }
    }
}
