package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rawsock.fuzz.Exercise;
import rawsock.fuzz.Mutations;
import org.junit.jupiter.api.Timeout;

/**
 * HostileBytesTest for IPv6: whatever arrives, decoding and printing must hold to the fuzz tests'
 * {@link Exercise} and terminate. Every prefix of the IPv6 captures, bit flips, random extension-header chains (long
 * ones, self-referencing and oversized lengths), ICMPv6 errors quoting random bytes, and views
 * wrapped at silly offsets.
 */
@Timeout(120)
class Ipv6HostileBytesTest {
    private static final int[] EXTENSIONS = {
        IpProtocol.HOPOPT, IpProtocol.IPV6_ROUTE, IpProtocol.IPV6_FRAG, IpProtocol.IPV6_OPTS, IpProtocol.AH, 135, 139,
        140, 253, 254,
    };
    private static final int[] UPPER = {IpProtocol.ICMP6, IpProtocol.TCP, IpProtocol.UDP, IpProtocol.ESP,
        IpProtocol.IPV6_NONXT, 0, 4, 41, 255};

    private final Exercise exercise = new Exercise();
    private final PacketDecoder decoder = new PacketDecoder();

    private static List<byte[]> corpus() {
        List<byte[]> all = new ArrayList<>(List.of(Captures6.all()));
        all.addAll(List.of(Built6.all()));
        return all;
    }

    private int exercise(byte[] bytes) {
        return exercise.check(bytes, LinkType.RAW).size();
    }

    @Test
    void everyPrefix() {
        assertDoesNotThrow(() -> exercise.checkEveryPrefix(corpus(), LinkType.RAW));
    }

    @Test
    void bitFlips() {
        Random random = new Random(8200);
        assertDoesNotThrow(() -> {
            for (byte[] packet : corpus()) {
                for (int n = 0; n < 400; n++) {
                    byte[] bytes = packet.clone();
                    Mutations.flipBits(bytes, random);
                    if (random.nextInt(8) != 0) {
                        bytes[0] = (byte) (0x60 | (bytes[0] & 0x0f)); // keep the IPv6 path the one hit
                    }
                    exercise(bytes);
                    exercise(Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)));
                }
            }
        });
    }

    /** Random chains of extension headers with random lengths, then random upper layers and bytes. */
    @Test
    void randomExtensionChains() {
        Random random = new Random(2460);
        assertDoesNotThrow(() -> {
            for (int n = 0; n < 3000; n++) {
                byte[] bytes = new byte[40 + random.nextInt(400)];
                random.nextBytes(bytes);
                bytes[0] = (byte) (0x60 | random.nextInt(16));
                if (random.nextBoolean()) {
                    int plen = bytes.length - 40 + random.nextInt(9) - 4;
                    bytes[4] = (byte) (plen >>> 8);
                    bytes[5] = (byte) plen;
                }
                int pos = 40;
                int at = 6;
                int headers = random.nextInt(24);
                for (int h = 0; h < headers && pos + 8 <= bytes.length; h++) {
                    int type = EXTENSIONS[random.nextInt(EXTENSIONS.length)];
                    bytes[at] = (byte) type;
                    int units = random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(3);
                    bytes[pos + 1] = (byte) units;
                    if (type == IpProtocol.IPV6_FRAG && random.nextBoolean()) {
                        bytes[pos + 2] = 0;
                        bytes[pos + 3] &= 1; // first fragment, so the walk goes on
                    }
                    at = pos;
                    pos += type == IpProtocol.IPV6_FRAG ? 8 : type == IpProtocol.AH ? (units + 2) * 4 : (units + 1) * 8;
                }
                if (at < bytes.length) {
                    bytes[at] = (byte) UPPER[random.nextInt(UPPER.length)];
                }
                exercise(bytes);
                exercise(icmpErrorAround(bytes, random));
            }
        });
    }

    /** Chains built to be as long as possible, and headers whose lengths point back at themselves or far beyond. */
    @Test
    void longAndSelfReferencingChains() {
        assertDoesNotThrow(() -> {
            for (int type : EXTENSIONS) {
                // 60 headers of one kind, each naming the same kind next: the walk stops at 16
                byte[] bytes = new byte[40 + 60 * 8 + 8];
                bytes[0] = 0x60;
                bytes[5] = (byte) (bytes.length - 40);
                bytes[6] = (byte) type;
                for (int pos = 40; pos + 8 <= bytes.length; pos += 8) {
                    bytes[pos] = (byte) type;
                    bytes[pos + 1] = 0; // the smallest length: 8 bytes each, AH included ((0 + 2) * 4)
                }
                Ipv6 ip = (Ipv6) decoder.decode(ByteBuffer.wrap(bytes), LinkType.RAW).layer(0);
                assertTrue(ip.extensionCount() <= Ipv6.MAX_EXTENSION_HEADERS);
                exercise(bytes);
                // every length byte at its maximum, payload length too
                byte[] big = bytes.clone();
                big[4] = (byte) 0xff;
                big[5] = (byte) 0xff;
                for (int pos = 40; pos + 2 <= big.length; pos += 8) {
                    big[pos + 1] = (byte) 0xff;
                }
                exercise(big);
                // a fragment header that claims to be a non-first fragment of itself
                byte[] frag = bytes.clone();
                frag[6] = (byte) IpProtocol.IPV6_FRAG;
                frag[40] = (byte) IpProtocol.IPV6_FRAG;
                frag[42] = (byte) 0xff;
                frag[43] = (byte) 0xf9;
                exercise(frag);
            }
            // a payload length of 0 (jumbogram or GSO) with a hop-by-hop jumbo option pointing far away
            byte[] jumbo = new byte[40 + 8 + 8];
            jumbo[0] = 0x60;
            jumbo[6] = 0;
            jumbo[40] = (byte) IpProtocol.UDP;
            jumbo[42] = (byte) 0xc2;
            jumbo[43] = 4;
            jumbo[44] = (byte) 0xff;
            exercise(jumbo);
        });
    }

    /** ND messages with every option length, including 0 (which would loop a naive walk forever). */
    @Test
    void neighbourDiscoveryOptions() {
        Random random = new Random(4861);
        int[] types = {Icmpv6Types.ROUTER_SOLICIT, Icmpv6Types.ROUTER_ADVERT, Icmpv6Types.NEIGHBOR_SOLICIT,
            Icmpv6Types.NEIGHBOR_ADVERT, Icmpv6Types.REDIRECT, Icmpv6Types.MLD_QUERY, Icmpv6Types.MLDV2_REPORT};
        byte[] a = Built6.CLIENT;
        assertDoesNotThrow(() -> {
            for (int n = 0; n < 3000; n++) {
                byte[] body = new byte[random.nextInt(120)];
                random.nextBytes(body);
                for (int i = 0; i + 1 < body.length; i += 8) {
                    if (random.nextInt(3) == 0) {
                        body[i + 1] = (byte) random.nextInt(3); // lengths 0, 1 and 2 units
                    }
                }
                Icmpv6Builder icmp = new Icmpv6Builder().type(types[random.nextInt(types.length)])
                        .restOfHeader(random.nextLong() & 0xffffffffL).body(body);
                ByteBuffer out = ByteBuffer.allocate(48 + body.length);
                new Ipv6Builder().nextHeader(IpProtocol.ICMP6).src(a).dst(a).build().emit(out, icmp.build().headerLength());
                icmp.build().emit(out, null, a, a);
                byte[] bytes = TestBytes.written(out);
                exercise(bytes);
                exercise(Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)));
            }
        });
    }

    private static byte[] icmpErrorAround(byte[] quoted, Random random) {
        Icmpv6Builder icmp = new Icmpv6Builder().type(1 + random.nextInt(4)).code(random.nextInt(8));
        ByteBuffer out = ByteBuffer.allocate(48 + quoted.length);
        new Ipv6Builder().nextHeader(IpProtocol.ICMP6).build().emit(out, 8 + quoted.length);
        icmp.build().emit(out, ByteBuffer.wrap(quoted), new byte[16], new byte[16]);
        return out.array();
    }

    @Test
    void viewsAtSillyOffsets() {
        ByteBuffer buf = ByteBuffer.wrap(Captures6.MLDV2_REPORT_HOP_BY_HOP);
        int[] offsets = {-5, -1, 0, 1, 40, 47, 48, 175, 176, 177, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int[] lengths = {-1, 0, 1, 8, 40, 48, 176, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE};
        assertDoesNotThrow(() -> Exercise.checkViews(buf, offsets, lengths, (offset, length) -> new Layer[] {
            new Ipv6().wrap(buf, offset, length),
            new Ipv6().wrap(buf, offset, length).quoted(true),
            new Icmpv6().wrap(buf, offset, length, length).pseudoHeaderSum(0),
            new Icmpv6().wrap(buf, offset, length, 7).quoted(true),
            new Udp().wrap(buf, offset, length, length).checksumRequired(true).pseudoHeaderSum(1),
            new Ipv6().wrap(null, offset, length),
            new Icmpv6().wrap(null, offset, length),
        }));
    }
}
