package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives on a raw socket, decoding and printing it must not throw: every prefix of the
 * real captures, thousands of bit-flipped and random packets, and views wrapped at silly offsets.
 * What "must not throw" checks is {@link HostileBytes}, shared with the IPv6 and link-layer tests.
 */
class HostileBytesTest {
    private final HostileBytes hostile = new HostileBytes();

    /** An option kind in the last header byte, its length byte beyond the captured bytes. */
    @Test
    void optionKindAtTheVeryEnd() {
        byte[] src = TestBytes.ip(1, 2, 3, 4);
        for (String options : new String[] {"0101 0102", "0101 0103", "0101 0108"}) {
            TcpBuilder tcp = new TcpBuilder().options(TestBytes.hex(options));
            ByteBuffer out = ByteBuffer.allocate(44);
            new Ipv4Builder().protocol(6).src(src).dst(src).emit(out, 24);
            tcp.emit(out, null, src, src);
            assertDoesNotThrow(() -> hostile.exercise(out.array(), LinkType.RAW));
            Tcp view = new Tcp().wrap(ByteBuffer.wrap(out.array()), 20, 24);
            org.junit.jupiter.api.Assertions.assertEquals(-1, view.mss());
            org.junit.jupiter.api.Assertions.assertEquals(-1, view.windowScale());
        }
    }

    @Test
    void everyPrefixOfEveryCapture() {
        assertDoesNotThrow(() -> HostileBytes.everyPrefix(List.of(Captures.all()), prefix -> {
            hostile.exercise(prefix, LinkType.RAW);
            hostile.exercise(prefix, LinkType.ETHERNET);
        }));
    }

    @Test
    void bitFlippedCaptures() {
        Random random = new Random(20240601);
        assertDoesNotThrow(() -> {
            for (byte[] capture : Captures.all()) {
                for (int n = 0; n < 400; n++) {
                    byte[] bytes = capture.clone();
                    HostileBytes.flipBits(bytes, random);
                    // keep the version nibble 4 most of the time so the IPv4 path is what gets hit
                    if (random.nextInt(8) != 0) {
                        bytes[0] = (byte) (0x40 | (bytes[0] & 0x0f));
                    }
                    hostile.exercise(bytes, LinkType.RAW);
                    hostile.exercise(Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)), LinkType.RAW);
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
                hostile.exercise(bytes, LinkType.RAW);
                hostile.exercise(bytes, LinkType.ETHERNET);
                hostile.exercise(icmpErrorAround(bytes, random), LinkType.RAW);
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
        assertDoesNotThrow(() -> HostileBytes.atSillyOffsets(offsets, lengths, (offset, length) -> new Layer[] {
            new Ipv4().wrap(buf, offset, length),
            new Ipv4().wrap(buf, offset, length).quoted(true),
            new Icmp().wrap(buf, offset, length, length),
            new Udp().wrap(buf, offset, length, 7).pseudoHeaderSum(12345),
            new Tcp().wrap(buf, offset, length).pseudoHeaderSum(0),
            new Tcp().wrap(buf, offset, length).quoted(true),
            new Igmp().wrap(buf, offset, length, 12),
            new RawPayload().wrap(buf, offset, length),
            new Ipv4().wrap(null, offset, length),
        }));
    }
}
