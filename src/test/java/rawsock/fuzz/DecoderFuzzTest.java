package rawsock.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

import rawsock.packet.DecodedPacket;
import rawsock.packet.EtherType;
import rawsock.packet.IpProtocol;
import rawsock.packet.Layer;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.testing.RecordedFields;

/**
 * PacketDecoder.decode on hostile bytes, for both link types: random bytes (some shaped like the
 * start of an IPv4 or IPv6 header or an Ethernet frame, so the deeper decoders are reached), and
 * real packets built with the project's builders, then damaged ({@link Mutations}). Whatever the
 * bytes, {@link Exercise#check} holds: no exception, every layer's fields and description
 * complete, position, limit and content of the input unchanged, the same result among other bytes
 * and from a reused decoder; every try runs within {@link Bounded#SECONDS}.
 */
class DecoderFuzzTest {
    private final Exercise exercise = new Exercise();

    @Property
    void randomBytesAsIp(@ForAll("shapedIp") byte[] bytes) {
        Bounded.run(() -> exercise.check(bytes, LinkType.RAW));
    }

    @Property
    void randomBytesAsFrames(@ForAll("shapedFrame") byte[] bytes) {
        Bounded.run(() -> exercise.check(bytes, LinkType.ETHERNET));
    }

    @Property
    void damagedIpv4(@ForAll("ipv4") PacketGen.Built packet, @ForAll("damage") List<Mutations.Mutation> damage) {
        check(packet, damage);
    }

    @Property
    void damagedIpv6(@ForAll("ipv6") PacketGen.Built packet, @ForAll("damage") List<Mutations.Mutation> damage) {
        check(packet, damage);
    }

    @Property
    void damagedFrames(@ForAll("frames") PacketGen.Built packet, @ForAll("damage") List<Mutations.Mutation> damage) {
        check(packet, damage);
    }

    /**
     * No false alarms: packets a correct stack may send (IPv4 and IPv6 with every decoded transport,
     * IGMP, neighbour discovery, fragments, extension headers, ICMP errors quoting such packets;
     * frames with VLAN tags and ARP) decode with no layer malformed, every checksum that could be
     * checked right, and nothing truncated but the quoted packet of an ICMP error.
     */
    @Property
    void cleanPacketsRaiseNoComplaint(@ForAll("clean") PacketGen.Built packet) {
        Statistics.label("packet").collect(packet.label());
        Bounded.run(() -> {
            exercise.check(packet.bytes(), packet.link());
            DecodedPacket p = new PacketDecoder().decode(ByteBuffer.wrap(packet.bytes()), packet.link());
            for (int i = 0; i < p.size(); i++) {
                Layer layer = p.layer(i);
                RecordedFields f = RecordedFields.of(layer);
                int index = i;
                assertNull(f.get("malformed"), () -> "layer " + index + " (" + layer.name() + ") malformed: " + f.values);
                assertNotEquals(false, f.ofAnyLayer("checksum_ok"), () -> "layer " + index + " (" + layer.name() + "): " + f.values);
                if (i < p.quotedStart()) {
                    assertFalse(layer.truncated(), () -> "layer " + index + " (" + layer.name() + ") truncated: " + f.values);
                }
            }
        });
    }

    @Provide
    Arbitrary<PacketGen.Built> clean() {
        return Arbitraries.oneOf(PacketGen.cleanIpv4(2), PacketGen.cleanIpv6(2), PacketGen.cleanFrame());
    }

    private void check(PacketGen.Built packet, List<Mutations.Mutation> damage) {
        byte[] bytes = Mutations.apply(packet.bytes(), packet.lengths(), damage);
        Statistics.label("packet").collect(packet.label());
        Bounded.run(() -> {
            exercise.check(bytes, packet.link());
            // The same bytes seen from the other side of the link layer: a frame read as IP, IP read as a frame.
            exercise.check(bytes, packet.link() == LinkType.RAW ? LinkType.ETHERNET : LinkType.RAW);
        });
    }

    @Provide
    Arbitrary<PacketGen.Built> ipv4() {
        return PacketGen.anyIpv4(2);
    }

    @Provide
    Arbitrary<PacketGen.Built> ipv6() {
        return PacketGen.anyIpv6(2);
    }

    @Provide
    Arbitrary<PacketGen.Built> frames() {
        return PacketGen.anyFrame();
    }

    /** Up to four mutations, or none (the packet as built must decode cleanly too). */
    @Provide
    Arbitrary<List<Mutations.Mutation>> damage() {
        return Mutations.mutation().list().ofMaxSize(4);
    }

    private static Arbitrary<byte[]> randomBytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }

    /**
     * Random bytes; random bytes behind an IPv4 version nibble with a chosen IHL, protocol, total
     * length and fragment offset; random bytes behind an IPv6 version nibble with a chosen next
     * header (extension headers included) and payload length.
     */
    @Provide
    Arbitrary<byte[]> shapedIp() {
        Arbitrary<Integer> lengthMode = Arbitraries.integers().between(0, 3);
        Arbitrary<byte[]> v4 = Combinators.combine(randomBytes(20, 140), Arbitraries.integers().between(0, 15),
                Arbitraries.oneOf(PacketGen.u8(), Arbitraries.of(IpProtocol.ICMP, IpProtocol.TCP, IpProtocol.UDP,
                        IpProtocol.IGMP)), Arbitraries.of(false, true), lengthMode)
                .as((b, ihl, proto, fragment, mode) -> {
                    b[0] = (byte) (0x40 | ihl);
                    b[9] = (byte) (int) proto;
                    if (!fragment) {
                        b[6] &= (byte) 0xe0;
                        b[7] = 0;
                    }
                    setLength(b, 2, mode, b.length);
                    return b;
                });
        Arbitrary<byte[]> v6 = Combinators.combine(randomBytes(40, 200),
                Arbitraries.oneOf(PacketGen.u8(), Arbitraries.of(0, 43, 44, 50, 51, 59, 60, 135, 139, 140, 253, 254,
                        IpProtocol.ICMP6, IpProtocol.TCP, IpProtocol.UDP)), lengthMode)
                .as((b, next, mode) -> {
                    b[0] = (byte) (0x60 | (b[0] & 0x0f));
                    b[6] = (byte) (int) next;
                    setLength(b, 4, mode, b.length - 40);
                    return b;
                });
        return Arbitraries.frequencyOf(Tuple.of(2, randomBytes(0, 120)), Tuple.of(3, v4), Tuple.of(3, v6));
    }

    /** Random bytes behind a chosen EtherType, sometimes several VLAN tags deep. */
    @Provide
    Arbitrary<byte[]> shapedFrame() {
        Arbitrary<Integer> types = Arbitraries.oneOf(PacketGen.u16(), Arbitraries.of(EtherType.IPV4, EtherType.IPV6,
                EtherType.ARP, EtherType.VLAN, EtherType.QINQ, EtherType.QINQ_9100, EtherType.LLDP, 0x05dc, 0x0600, 0));
        Arbitrary<byte[]> shaped = Combinators.combine(randomBytes(12, 160), types.list().ofMinSize(1).ofMaxSize(6))
                .as((b, chain) -> {
                    // the type field at 12, then one tag (TCI + type) per further entry
                    for (int i = 0; i < chain.size() && 12 + 4 * i + 2 <= b.length; i++) {
                        int at = 12 + 4 * i;
                        int type = i + 1 < chain.size() ? EtherType.VLAN : chain.get(i);
                        b[at] = (byte) (type >>> 8);
                        b[at + 1] = (byte) type;
                    }
                    return b;
                });
        return Arbitraries.frequencyOf(Tuple.of(1, randomBytes(0, 80)), Tuple.of(3, shaped));
    }

    /** The length field at {@code at}: random (0), the right value (1), zero (2), or one too many (3). */
    private static void setLength(byte[] b, int at, int mode, int right) {
        int value;
        switch (mode) {
            case 0:
                return;
            case 1:
                value = right;
                break;
            case 2:
                value = 0;
                break;
            default:
                value = right + 1;
                break;
        }
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }
}
