package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives on a raw socket, decoding and printing it must not throw: every prefix of the
 * real captures, thousands of bit-flipped and random packets, and views wrapped at silly offsets.
 */
class HostileBytesTest {
    private final PacketDecoder decoder = new PacketDecoder();

    /** Decodes and exercises every layer's output; returns the layer count. */
    private int exercise(byte[] bytes, LinkType link) {
        DecodedPacket p = decoder.decode(ByteBuffer.wrap(bytes), link);
        assertTrue(p.size() <= DecodedPacket.MAX_LAYERS);
        assertTrue(p.quotedStart() <= p.size());
        p.truncated();
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

    /** The getters send/recv code calls directly, beyond fields() and describe(). */
    private static void getters(Layer layer) {
        if (layer instanceof Ipv4) {
            Ipv4 ip = (Ipv4) layer;
            ip.checksumOk();
            ip.payloadLength();
            ip.declaredPayloadLength();
            ip.srcText();
            ip.malformed();
            ip.pseudoHeaderSum(6, ip.declaredPayloadLength());
        } else if (layer instanceof Tcp) {
            Tcp tcp = (Tcp) layer;
            tcp.mss();
            tcp.windowScale();
            tcp.checksumOk();
            tcp.payloadLength();
            tcp.malformed();
        } else if (layer instanceof Udp) {
            ((Udp) layer).checksumOk();
            ((Udp) layer).payloadLength();
            ((Udp) layer).malformed();
        } else if (layer instanceof Icmp) {
            ((Icmp) layer).checksumOk();
            ((Icmp) layer).restOfHeader();
        } else if (layer instanceof Igmp) {
            ((Igmp) layer).checksumOk();
            ((Igmp) layer).maxRespTenths();
        }
    }

    /** An option kind in the last header byte, its length byte beyond the captured bytes. */
    @Test
    void optionKindAtTheVeryEnd() {
        byte[] src = TestBytes.ip(1, 2, 3, 4);
        for (String options : new String[] {"0101 0102", "0101 0103", "0101 0108"}) {
            TcpBuilder tcp = new TcpBuilder().options(TestBytes.hex(options));
            ByteBuffer out = ByteBuffer.allocate(44);
            new Ipv4Builder().protocol(6).src(src).dst(src).emit(out, 24);
            tcp.emit(out, null, src, src);
            assertDoesNotThrow(() -> exercise(out.array(), LinkType.RAW));
            Tcp view = new Tcp().wrap(ByteBuffer.wrap(out.array()), 20, 24);
            org.junit.jupiter.api.Assertions.assertEquals(-1, view.mss());
            org.junit.jupiter.api.Assertions.assertEquals(-1, view.windowScale());
        }
    }

    @Test
    void everyPrefixOfEveryCapture() {
        assertDoesNotThrow(() -> {
            for (byte[] capture : Captures.all()) {
                for (int length = 0; length <= capture.length; length++) {
                    byte[] prefix = Arrays.copyOf(capture, length);
                    exercise(prefix, LinkType.RAW);
                    exercise(prefix, LinkType.ETHERNET);
                }
            }
        });
    }

    @Test
    void bitFlippedCaptures() {
        Random random = new Random(20240601);
        assertDoesNotThrow(() -> {
            for (byte[] capture : Captures.all()) {
                for (int n = 0; n < 400; n++) {
                    byte[] bytes = capture.clone();
                    int flips = 1 + random.nextInt(4);
                    for (int f = 0; f < flips; f++) {
                        int bit = random.nextInt(bytes.length * 8);
                        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                    }
                    // keep the version nibble 4 most of the time so the IPv4 path is what gets hit
                    if (random.nextInt(8) != 0) {
                        bytes[0] = (byte) (0x40 | (bytes[0] & 0x0f));
                    }
                    exercise(bytes, LinkType.RAW);
                    exercise(Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)), LinkType.RAW);
                }
            }
        });
    }

    /** Random bytes behind plausible IPv4 headers, including ICMP errors quoting random packets. */
    @Test
    void randomPackets() {
        Random random = new Random(791);
        int[] protocols = {IpProtocol.ICMP, IpProtocol.TCP, IpProtocol.UDP, IpProtocol.IGMP, IpProtocol.GRE, 0, 255};
        assertDoesNotThrow(() -> {
            for (int n = 0; n < 3000; n++) {
                byte[] bytes = new byte[random.nextInt(120)];
                random.nextBytes(bytes);
                if (bytes.length > 0 && random.nextBoolean()) {
                    bytes[0] = (byte) (0x40 | random.nextInt(16));
                }
                if (bytes.length > 9 && random.nextBoolean()) {
                    bytes[9] = (byte) protocols[random.nextInt(protocols.length)];
                }
                if (bytes.length > 7 && random.nextBoolean()) {
                    bytes[6] &= (byte) 0x20; // no fragment offset, so transports are decoded
                    bytes[7] = 0;
                }
                if (bytes.length > 3 && random.nextBoolean()) {
                    bytes[2] = (byte) (bytes.length >>> 8);
                    bytes[3] = (byte) bytes.length;
                }
                exercise(bytes, LinkType.RAW);
                exercise(bytes, LinkType.ETHERNET);
                exercise(icmpErrorAround(bytes, random), LinkType.RAW);
            }
        });
    }

    private static byte[] icmpErrorAround(byte[] quoted, Random random) {
        ByteBuffer out = ByteBuffer.allocate(28 + quoted.length);
        new Ipv4Builder().protocol(IpProtocol.ICMP).emit(out, 8 + quoted.length);
        int[] errorTypes = {3, 4, 5, 11, 12};
        new IcmpBuilder().type(errorTypes[random.nextInt(errorTypes.length)]).code(random.nextInt(16))
                .emit(out, ByteBuffer.wrap(quoted));
        return out.array();
    }

    /** Views wrapped directly with offsets and lengths that make no sense. */
    @Test
    void viewsAtSillyOffsets() {
        ByteBuffer buf = ByteBuffer.wrap(Captures.TCP_SYN);
        int[] offsets = {-5, -1, 0, 1, 20, 59, 60, 61, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int[] lengths = {-1, 0, 1, 8, 20, 60, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE};
        assertDoesNotThrow(() -> {
            for (int offset : offsets) {
                for (int length : lengths) {
                    for (Layer layer : new Layer[] {
                        new Ipv4().wrap(buf, offset, length),
                        new Ipv4().wrap(buf, offset, length).quoted(true),
                        new Icmp().wrap(buf, offset, length, length),
                        new Udp().wrap(buf, offset, length, 7).pseudoHeaderSum(12345),
                        new Tcp().wrap(buf, offset, length).pseudoHeaderSum(0),
                        new Tcp().wrap(buf, offset, length).quoted(true),
                        new Igmp().wrap(buf, offset, length, 12),
                        new RawPayload().wrap(buf, offset, length),
                        new Ipv4().wrap(null, offset, length),
                    }) {
                        layer.truncated();
                        getters(layer);
                        TestBytes.Fields.of(layer);
                        layer.describe(new StringBuilder());
                    }
                }
            }
        });
    }
}
