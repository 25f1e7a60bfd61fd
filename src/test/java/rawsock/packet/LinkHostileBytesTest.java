package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rawsock.fuzz.Exercise;

/**
 * {@link HostileBytesTest} for whole frames from a packet socket: every prefix of the real
 * frames, bit flips, random frames behind plausible Ethernet headers, long VLAN stacks and
 * hostile ARP lengths, and the link views wrapped at silly offsets. Decoding, fields() and
 * describe() never throw; the fuzz tests' {@link Exercise} is what checks that, for IPv4 and IPv6 too.
 */
class LinkHostileBytesTest {
    private final Exercise exercise = new Exercise();

    private int exercise(byte[] frame) {
        return exercise.check(frame, LinkType.ETHERNET).size();
    }

    @Test
    void everyPrefixOfEveryFrame() {
        assertDoesNotThrow(() -> exercise.checkEveryPrefix(List.of(LinkCaptures.all()), LinkType.ETHERNET));
    }

    @Test
    void bitFlippedFrames() {
        Random random = new Random(8021);
        assertDoesNotThrow(() -> {
            for (byte[] frame : LinkCaptures.all()) {
                for (int n = 0; n < 500; n++) {
                    byte[] bytes = frame.clone();
                    int flips = 1 + random.nextInt(4);
                    for (int f = 0; f < flips; f++) {
                        // most flips land in the headers, where the decisions are made
                        int limit = random.nextInt(4) == 0 ? bytes.length : Math.min(bytes.length, 48);
                        int bit = random.nextInt(limit * 8);
                        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                    }
                    exercise(bytes);
                    exercise(Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)));
                }
            }
        });
    }

    /** Random bytes behind Ethernet headers whose type fields lead into every branch. */
    @Test
    void randomFrames() {
        Random random = new Random(826);
        int[] types = {EtherType.IPV4, EtherType.IPV6, EtherType.ARP, EtherType.VLAN, EtherType.QINQ,
            EtherType.QINQ_9100, EtherType.LLDP, 0x0000, 0x0027, 0x05dc, 0x05ff, 0x0600, 0xffff};
        assertDoesNotThrow(() -> {
            for (int n = 0; n < 4000; n++) {
                byte[] bytes = new byte[random.nextInt(120)];
                random.nextBytes(bytes);
                // type fields at the Ethernet position and where up to five tags would put them
                for (int at = 12; at + 1 < bytes.length && at <= 12 + 4 * 5; at += 4) {
                    if (random.nextInt(3) != 0) {
                        int type = types[random.nextInt(types.length)];
                        bytes[at] = (byte) (type >>> 8);
                        bytes[at + 1] = (byte) type;
                    }
                }
                exercise(bytes);
            }
        });
    }

    /** Hostile hlen/plen: addresses placed past the frame, up to 8 + 2 * 510 bytes declared. */
    @Test
    void arpWithEveryLength() {
        assertDoesNotThrow(() -> {
            for (int hlen : new int[] {0, 1, 4, 6, 16, 255}) {
                for (int plen : new int[] {0, 3, 4, 16, 255}) {
                    for (int cut = 0; cut <= 60; cut += 3) {
                        byte[] frame = Arrays.copyOf(LinkCaptures.ARP_REQUEST, 14 + cut);
                        if (frame.length > 19) {
                            frame[18] = (byte) hlen;
                            frame[19] = (byte) plen;
                        }
                        exercise(frame);
                    }
                }
            }
        });
    }

    /** VLAN stacks of every depth, whole and cut anywhere: bounded, never more than 16 layers. */
    @Test
    void longVlanStacks() {
        assertDoesNotThrow(() -> {
            for (int depth = 0; depth <= 40; depth++) {
                EthernetBuilder eth = new EthernetBuilder().etherType(EtherType.IPV4);
                for (int i = 0; i < depth; i++) {
                    eth.vlan(i % 3 == 0 ? EtherType.QINQ : i % 3 == 1 ? EtherType.VLAN : EtherType.QINQ_9100, i % 8,
                            i % 2 == 0, i);
                }
                ByteBuffer out = ByteBuffer.allocate(eth.build().headerLength() + Captures.PORT_UNREACHABLE.length);
                eth.build().emit(out);
                out.put(Captures.PORT_UNREACHABLE);
                byte[] frame = TestBytes.written(out);
                int layers = exercise(frame);
                if (depth > PacketDecoder.MAX_VLAN_TAGS) {
                    assertEquals(1 + PacketDecoder.MAX_VLAN_TAGS + 1, layers, "eth, 4 tags, raw");
                } else {
                    assertEquals(1 + depth + 4, layers, "eth, tags, ip, icmp and the quoted ip and udp");
                }
                for (int cut = 0; cut < frame.length; cut += 5) {
                    exercise(Arrays.copyOf(frame, cut));
                }
            }
        });
    }

    /** Views wrapped directly with offsets and lengths that make no sense. */
    @Test
    void viewsAtSillyOffsets() {
        ByteBuffer buf = ByteBuffer.wrap(LinkCaptures.QINQ_ARP_REQUEST);
        int[] offsets = {-5, -1, 0, 1, 13, 14, 18, 22, 99, 100, 101, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int[] lengths = {-1, 0, 1, 3, 4, 8, 14, 28, 100, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE};
        assertDoesNotThrow(() -> Exercise.checkViews(buf, offsets, lengths, (offset, length) -> new Layer[] {
            new Ethernet().wrap(buf, offset, length),
            new Vlan().wrap(buf, offset, length, 0x88a8),
            new Vlan().wrap(buf, offset, length, -7),
            new Arp().wrap(buf, offset, length),
            new Ethernet().wrap(null, offset, length),
            new Arp().wrap(null, offset, length),
        }));
    }
}
