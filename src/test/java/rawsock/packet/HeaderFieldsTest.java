package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import rawsock.testing.InetChecksum;

/**
 * The header records against independent references: real captured packets (Captures,
 * Captures6, LinkCaptures: parse every layer, emit it again, and the bytes are the capture's,
 * wrong checksums of offloaded packets included), generated values (emit, parse: every field
 * comes back, and emitting what was parsed gives the same bytes), and the checksums the records
 * compute, verified by testing/InetChecksum, written apart from packet/Checksum.
 */
class HeaderFieldsTest {
    // ---- captures: parse, emit, the same bytes ----

    @Test
    void ipv4CapturesComeBackByteForByte() {
        for (byte[] packet : Captures.all()) {
            assertArrayEquals(packet, rebuildIpv4(packet), TestBytes.hex(packet));
        }
    }

    @Test
    void ipv6CapturesComeBackByteForByte() {
        for (byte[] packet : Captures6.all()) {
            assertArrayEquals(packet, rebuildIpv6(packet), TestBytes.hex(packet));
        }
    }

    @Test
    void framesComeBackByteForByte() {
        for (byte[] frame : LinkCaptures.all()) {
            ByteBuffer buf = ByteBuffer.wrap(frame);
            EthernetFrame walk = new EthernetFrame().walk(buf);
            EthernetFields ethernet = EthernetFields.parse(walk);
            assertNotNull(ethernet, TestBytes.hex(frame));
            ByteBuffer out = ByteBuffer.allocate(frame.length);
            ethernet.emit(out);
            int at = walk.payloadOffset();
            byte[] rest = Arrays.copyOfRange(frame, at, frame.length);
            if (walk.type() == EtherType.ARP) {
                ArpFields arp = ArpFields.parse(new Arp().wrap(buf, at, frame.length - at));
                arp.emit(out);
                out.put(rest, Arp.ETHERNET_IPV4_LENGTH, rest.length - Arp.ETHERNET_IPV4_LENGTH);
            } else if (walk.type() == EtherType.IPV4) {
                out.put(rebuildIpv4(rest));
            } else {
                out.put(rest);
            }
            assertArrayEquals(frame, out.array(), TestBytes.hex(frame));
        }
    }

    /** Every layer of an IPv4 packet parsed and emitted again; bytes past the IP total length (padding) copied. */
    private static byte[] rebuildIpv4(byte[] packet) {
        ByteBuffer buf = ByteBuffer.wrap(packet);
        Ipv4 view = new Ipv4().wrap(buf, 0, packet.length);
        Ipv4Fields ip = Ipv4Fields.parse(view);
        int start = view.payloadOffset();
        int length = view.payloadLength();
        ByteBuffer out = ByteBuffer.allocate(packet.length);
        ip.emit(out, length);
        emitTransport(ip.protocol(), buf, start, length, ip.src(), ip.pseudoHeaderDestination(), out);
        out.put(packet, out.position(), packet.length - out.position());
        return out.array();
    }

    private static byte[] rebuildIpv6(byte[] packet) {
        ByteBuffer buf = ByteBuffer.wrap(packet);
        Ipv6 view = new Ipv6().wrap(buf, 0, packet.length);
        Ipv6Fields ip = Ipv6Fields.parse(view);
        ByteBuffer out = ByteBuffer.allocate(packet.length);
        ip.emit(out, view.upperLength());
        assertEquals(view.upperOffset(), out.position(), "the extension headers are the record's");
        emitTransport(view.upperProtocol(), buf, view.upperOffset(), view.upperLength(), ip.src(), ip.dst(), out);
        out.put(packet, out.position(), packet.length - out.position());
        return out.array();
    }

    /** The transport header parsed at {@code start} and emitted with the bytes after it as payload. */
    private static void emitTransport(int protocol, ByteBuffer buf, int start, int length, byte[] src, byte[] dst,
            ByteBuffer out) {
        switch (protocol) {
            case IpProtocol.ICMP:
                IcmpFields.parse(new Icmp().wrap(buf, start, length)).emit(out, slice(buf, start + 8, length - 8));
                break;
            case IpProtocol.ICMP6:
                Icmpv6Fields icmp6 = Icmpv6Fields.parse(new Icmpv6().wrap(buf, start, length));
                icmp6.emit(out, slice(buf, start + icmp6.headerLength(), length - icmp6.headerLength()), src, dst);
                break;
            case IpProtocol.UDP:
                UdpFields.parse(new Udp().wrap(buf, start, length)).emit(out, slice(buf, start + 8, length - 8), src, dst);
                break;
            case IpProtocol.TCP:
                TcpFields tcp = TcpFields.parse(new Tcp().wrap(buf, start, length));
                tcp.emit(out, slice(buf, start + tcp.headerLength(), length - tcp.headerLength()), src, dst);
                break;
            case IpProtocol.IGMP:
                IgmpFields.parse(new Igmp().wrap(buf, start, length)).emit(out);
                break;
            default:
                out.put(slice(buf, start, length));
        }
    }

    private static ByteBuffer slice(ByteBuffer buf, int from, int length) {
        return buf.duplicate().position(from).limit(from + length);
    }

    // ---- generated values: emit, parse, the same fields and bytes; checksums by InetChecksum ----

    @Property(tries = 300)
    void ipv4(@ForAll @IntRange(max = 255) int tos, @ForAll @IntRange(max = 0xffff) int id, @ForAll boolean df,
            @ForAll boolean mf, @ForAll boolean evil, @ForAll @IntRange(max = 0x1fff) int fragmentOffset,
            @ForAll @IntRange(max = 255) int ttl, @ForAll @IntRange(max = 255) int protocol,
            @ForAll @Size(4) byte[] src, @ForAll @Size(4) byte[] dst, @ForAll @Size(max = 40) byte[] options,
            @ForAll @IntRange(max = 1400) int payloadLength) {
        Ipv4Fields sent = new Ipv4Fields(4, Ipv4Fields.COMPUTED, tos, Ipv4Fields.COMPUTED, id, evil, df, mf,
                fragmentOffset, ttl, protocol, Ipv4Fields.COMPUTED, src, dst, options);
        byte[] bytes = emitted(out -> sent.emit(out, payloadLength));
        Ipv4Fields back = Ipv4Fields.parse(new Ipv4().wrap(ByteBuffer.wrap(bytes), 0, bytes.length));
        assertEquals(0, InetChecksum.of(bytes), "the header checksum verifies");
        assertEquals(bytes.length / 4, back.ihl());
        assertEquals(bytes.length + payloadLength, back.totalLength());
        assertEquals(List.of(4, tos, id, evil, df, mf, fragmentOffset, ttl, protocol), List.of(back.version(),
                back.tos(), back.id(), back.reservedFlag(), back.df(), back.mf(), back.fragmentOffset(), back.ttl(),
                back.protocol()));
        assertArrayEquals(src, back.src());
        assertArrayEquals(dst, back.dst());
        assertArrayEquals(Arrays.copyOf(options, (options.length + 3) & ~3), back.options());
        assertArrayEquals(bytes, emitted(out -> back.emit(out, payloadLength)));
    }

    @Property(tries = 200)
    void ipv6(@ForAll @IntRange(max = 255) int trafficClass, @ForAll @IntRange(max = 0xfffff) int flowLabel,
            @ForAll @IntRange(max = 255) int hopLimit, @ForAll @Size(16) byte[] src, @ForAll @Size(16) byte[] dst,
            @ForAll @IntRange(max = 1400) int payloadLength, @ForAll boolean fragment) {
        byte[] extensions = fragment ? Ipv6Builder.fragmentHeader(IpProtocol.UDP, 3, true, 77) : null;
        Ipv6Fields sent = new Ipv6Fields(6, trafficClass, flowLabel, Ipv6Fields.COMPUTED,
                fragment ? IpProtocol.IPV6_FRAG : IpProtocol.UDP, hopLimit, src, dst, extensions);
        byte[] bytes = emitted(out -> sent.emit(out, payloadLength));
        Ipv6Fields back = Ipv6Fields.parse(new Ipv6().wrap(ByteBuffer.wrap(bytes), 0, bytes.length));
        assertEquals(bytes.length - 40 + payloadLength, back.payloadLength());
        assertEquals(new Ipv6Fields(6, trafficClass, flowLabel, back.payloadLength(), sent.nextHeader(), hopLimit,
                src, dst, extensions).headerLength(), back.headerLength());
        assertEquals(trafficClass, back.trafficClass());
        assertEquals(flowLabel, back.flowLabel());
        assertEquals(hopLimit, back.hopLimit());
        assertArrayEquals(src, back.src());
        assertArrayEquals(dst, back.dst());
        assertArrayEquals(extensions == null ? new byte[0] : extensions, back.extensions());
        assertArrayEquals(bytes, emitted(out -> back.emit(out, payloadLength)));
    }

    @Property(tries = 200)
    void icmp(@ForAll @IntRange(max = 255) int type, @ForAll @IntRange(max = 255) int code,
            @ForAll @LongRange(max = 0xffffffffL) long rest, @ForAll @Size(max = 100) byte[] payload) {
        IcmpFields sent = new IcmpFields(type, code, rest, IcmpFields.COMPUTED);
        byte[] bytes = emitted(out -> sent.emit(out, ByteBuffer.wrap(payload)));
        assertEquals(0, InetChecksum.of(bytes), "the checksum verifies");
        IcmpFields back = IcmpFields.parse(new Icmp().wrap(ByteBuffer.wrap(bytes), 0, bytes.length));
        assertEquals(new IcmpFields(type, code, rest, back.checksum()), back);
        assertArrayEquals(bytes, emitted(out -> back.emit(out, ByteBuffer.wrap(payload))));
    }

    @Property(tries = 200)
    void icmpv6(@ForAll @IntRange(max = 255) int type, @ForAll @IntRange(max = 255) int code,
            @ForAll @LongRange(max = 0xffffffffL) long rest, @ForAll @Size(16) byte[] src,
            @ForAll @Size(16) byte[] dst, @ForAll @Size(max = 64) byte[] body) {
        boolean nd = type >= Icmpv6Types.ROUTER_SOLICIT && type <= Icmpv6Types.REDIRECT;
        Icmpv6Fields sent = new Icmpv6Fields(type, code, rest, Icmpv6Fields.COMPUTED, nd ? body : null);
        ByteBuffer payload = ByteBuffer.wrap(nd ? new byte[0] : body);
        byte[] bytes = emitted(out -> sent.emit(out, payload, src, dst));
        assertEquals(0, InetChecksum.of(pseudoHeader(src, dst, IpProtocol.ICMP6, bytes.length), bytes));
        Icmpv6Fields back = Icmpv6Fields.parse(new Icmpv6().wrap(ByteBuffer.wrap(bytes), 0, bytes.length));
        assertEquals(type, back.type());
        assertEquals(code, back.code());
        assertEquals(rest, back.restOfHeader());
        assertArrayEquals(nd ? body : new byte[0], back.body());
        assertArrayEquals(bytes, emitted(out -> back.emit(out, payload, src, dst)));
    }

    @Property(tries = 200)
    void udp(@ForAll @IntRange(max = 0xffff) int sport, @ForAll @IntRange(max = 0xffff) int dport,
            @ForAll @Size(4) byte[] src, @ForAll @Size(4) byte[] dst, @ForAll @Size(max = 100) byte[] payload) {
        byte[] bytes = emitted(out -> new UdpFields(sport, dport, UdpFields.COMPUTED, UdpFields.COMPUTED)
                .emit(out, ByteBuffer.wrap(payload), src, dst));
        byte[] reference = InetChecksum.udpPacket(src, dst, sport, dport, payload);
        assertArrayEquals(Arrays.copyOfRange(reference, 20, reference.length), bytes, "as built by hand");
        UdpFields back = UdpFields.parse(new Udp().wrap(ByteBuffer.wrap(bytes), 0, bytes.length));
        assertEquals(new UdpFields(sport, dport, 8 + payload.length, back.checksum()), back);
        assertArrayEquals(bytes, emitted(out -> back.emit(out, ByteBuffer.wrap(payload), null, null)));
    }

    @Property(tries = 200)
    void tcp(@ForAll @IntRange(max = 0xffff) int sport, @ForAll @IntRange(max = 0xffff) int dport,
            @ForAll @LongRange(max = 0xffffffffL) long seq, @ForAll @LongRange(max = 0xffffffffL) long ack,
            @ForAll @IntRange(max = TcpFlags.ALL) int flags, @ForAll @IntRange(max = 0xffff) int window,
            @ForAll @IntRange(max = 0xffff) int urgent, @ForAll @Size(max = 40) byte[] options,
            @ForAll @Size(16) byte[] src, @ForAll @Size(16) byte[] dst, @ForAll @Size(max = 100) byte[] payload) {
        TcpFields sent = new TcpFields(sport, dport, seq, ack, TcpFields.COMPUTED, flags, window, urgent,
                TcpFields.COMPUTED, options);
        byte[] bytes = emitted(out -> sent.emit(out, ByteBuffer.wrap(payload), src, dst));
        assertEquals(0, InetChecksum.of(pseudoHeader(src, dst, IpProtocol.TCP, bytes.length), bytes));
        TcpFields back = TcpFields.parse(new Tcp().wrap(ByteBuffer.wrap(bytes), 0, bytes.length));
        assertEquals(sent.headerLength() / 4, back.dataOffset());
        assertEquals(List.of(sport, dport, seq, ack, flags, window, urgent), List.of(back.sourcePort(),
                back.destinationPort(), back.seq(), back.ack(), back.flags(), back.window(), back.urgent()));
        assertArrayEquals(Arrays.copyOf(options, (options.length + 3) & ~3), back.options());
        assertArrayEquals(bytes, emitted(out -> back.emit(out, ByteBuffer.wrap(payload), src, dst)));
    }

    @Property(tries = 100)
    void igmp(@ForAll @IntRange(max = 255) int type, @ForAll @IntRange(max = 255) int maxResp,
            @ForAll @Size(4) byte[] group, @ForAll @Size(max = 32) byte[] body) {
        byte[] bytes = emitted(new IgmpFields(type, maxResp, group, IgmpFields.COMPUTED, body)::emit);
        assertEquals(0, InetChecksum.of(bytes));
        IgmpFields back = IgmpFields.parse(new Igmp().wrap(ByteBuffer.wrap(bytes), 0, bytes.length));
        assertEquals(type, back.type());
        assertEquals(maxResp, back.maxResp());
        assertArrayEquals(group, back.group());
        assertArrayEquals(body, back.body());
        assertArrayEquals(bytes, emitted(back::emit));
    }

    @Property(tries = 100)
    void ethernet(@ForAll @Size(6) byte[] dst, @ForAll @Size(6) byte[] src, @ForAll @IntRange(max = 4) int tagCount,
            @ForAll @IntRange(max = Vlan.MAX_VID) int vid, @ForAll @IntRange(max = 7) int pcp,
            @ForAll @IntRange(min = 0x0600, max = 0xffff) int etherType) {
        int[] tags = new int[tagCount];
        for (int i = 0; i < tagCount; i++) {
            tags[i] = EthernetFields.tag(i == 0 && tagCount > 1 ? EthernetFields.TPID_8021AD : EthernetFields.TPID_8021Q,
                    pcp, i % 2 == 1, (vid + i) & Vlan.MAX_VID);
        }
        int type = etherType == EtherType.VLAN || etherType == EtherType.QINQ || etherType == EtherType.QINQ_9100
                ? EtherType.IPV4 : etherType;
        byte[] bytes = emitted(new EthernetFields(dst, src, tags, type)::emit);
        EthernetFields back = EthernetFields.parse(new EthernetFrame().walk(ByteBuffer.wrap(bytes)));
        assertArrayEquals(dst, back.dst());
        assertArrayEquals(src, back.src());
        assertArrayEquals(tags, back.tags());
        assertEquals(type, back.etherType());
        assertArrayEquals(bytes, emitted(back::emit));
    }

    @Property(tries = 100)
    void arp(@ForAll @IntRange(max = 0xffff) int operation, @ForAll @Size(6) byte[] senderMac,
            @ForAll @Size(4) byte[] senderIp, @ForAll @Size(6) byte[] targetMac, @ForAll @Size(4) byte[] targetIp) {
        ArpFields sent = new ArpFields(Arp.HTYPE_ETHERNET, EtherType.IPV4, 6, 4, operation, senderMac, senderIp,
                targetMac, targetIp);
        byte[] bytes = emitted(sent::emit);
        ArpFields back = ArpFields.parse(new Arp().wrap(ByteBuffer.wrap(bytes), 0, bytes.length));
        assertEquals(operation, back.operation());
        assertArrayEquals(senderMac, back.senderMac());
        assertArrayEquals(senderIp, back.senderIp());
        assertArrayEquals(targetMac, back.targetMac());
        assertArrayEquals(targetIp, back.targetIp());
        assertArrayEquals(bytes, emitted(back::emit));
    }

    // ---- what a cut header parses to, and what the records refuse ----

    @Test
    void aCutHeaderParsesToNull() {
        ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(Captures.TCP_SYN, 19));
        assertNull(Ipv4Fields.parse(new Ipv4().wrap(cut, 0, 19)));
        ByteBuffer options = ByteBuffer.wrap(Arrays.copyOf(Captures.TCP_SYN, 20 + 30));
        assertNull(TcpFields.parse(new Tcp().wrap(options, 20, 30)), "the SYN's options end past the bytes");
        assertNull(Ipv6Fields.parse(new Ipv6().wrap(ByteBuffer.wrap(new byte[39]), 0, 39)));
        assertNull(IcmpFields.parse(new Icmp().wrap(ByteBuffer.wrap(new byte[7]), 0, 7)));
        assertNull(Icmpv6Fields.parse(new Icmpv6().wrap(ByteBuffer.wrap(new byte[7]), 0, 7)));
        assertNull(UdpFields.parse(new Udp().wrap(ByteBuffer.wrap(new byte[7]), 0, 7)));
        assertNull(IgmpFields.parse(new Igmp().wrap(ByteBuffer.wrap(new byte[7]), 0, 7)));
        assertNull(ArpFields.parse(new Arp().wrap(ByteBuffer.wrap(new byte[27]), 0, 27)));
        assertNull(EthernetFields.parse(new EthernetFrame().walk(ByteBuffer.wrap(new byte[13]))));
        byte[] cutTag = TestBytes.hex("ffffffffffff 020000000001 8100 00");
        assertNull(EthernetFields.parse(new EthernetFrame().walk(ByteBuffer.wrap(cutTag))));
    }

    @Test
    void theDefaultsAreWhatSendSends() {
        assertEquals(64, Ipv4Fields.DEFAULT.ttl());
        assertEquals(64, Ipv6Fields.DEFAULT.hopLimit());
        assertEquals(IcmpTypes.ECHO_REQUEST, IcmpFields.DEFAULT.type());
        assertEquals(Icmpv6Types.ECHO_REQUEST, Icmpv6Fields.DEFAULT.type());
        assertEquals(TcpFlags.SYN, TcpFields.DEFAULT.flags());
        assertEquals(80, TcpFields.DEFAULT.destinationPort());
        assertEquals(65535, TcpFields.DEFAULT.window());
        assertEquals(0, UdpFields.DEFAULT.destinationPort());
        assertEquals(Igmp.MEMBERSHIP_QUERY, IgmpFields.DEFAULT.type());
        assertEquals(100, IgmpFields.DEFAULT.maxResp());
        assertEquals(Arp.REQUEST, ArpFields.DEFAULT.operation());
        assertEquals(EtherType.IPV4, EthernetFields.DEFAULT.etherType());
    }

    @Test
    void recordsKeepTheirOwnCopies() {
        byte[] src = {10, 0, 0, 1};
        Ipv4Fields ip = new Ipv4Fields(4, -1, 0, -1, 0, false, false, false, 0, 64, 1, -1, src, src, null);
        src[0] = 99;
        assertEquals(10, ip.src()[0]);
        assertEquals(10, ip.dst()[0]);
    }

    @Test
    void valuesTheirFieldsCannotHoldAreRefused() {
        Ipv4Fields d = Ipv4Fields.DEFAULT;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Ipv4Fields(4, -1, 0, -1,
                0, false, false, false, 0, 256, 0, -1, d.src(), d.dst(), null));
        assertEquals("IP TTL 256 is out of range 0..255", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Fields(4, -2, 0, -1, 0, false, false, false, 0, 1,
                0, -1, d.src(), d.dst(), null));
        assertThrows(IllegalArgumentException.class, () -> new UdpFields(0, 65536, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> new TcpFields(0, 0, 0, 0, 16, 0, 0, 0, -1, null));
        assertThrows(IllegalArgumentException.class, () -> new IcmpFields(0, 0, 1L << 32, -1));
        assertThrows(IllegalArgumentException.class, () -> new IgmpFields(0, 0, new byte[16], -1, null));
        assertThrows(IllegalArgumentException.class, () -> EthernetFields.tag(0x8100, 0, false, 4096));
        assertThrows(IllegalArgumentException.class, () -> new ArpFields(1, 0x800, 6, 4, 1, new byte[6], new byte[4],
                new byte[6], new byte[16]));
    }

    private static byte[] emitted(Consumer<ByteBuffer> emit) {
        ByteBuffer out = ByteBuffer.allocate(2048);
        emit.accept(out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** The pseudo-header of RFC 768 / RFC 8200 8.1, written out byte by byte. */
    private static byte[] pseudoHeader(byte[] src, byte[] dst, int protocol, int length) {
        ByteBuffer pseudo = ByteBuffer.allocate(src.length * 2 + (src.length == 4 ? 4 : 8));
        pseudo.put(src).put(dst);
        if (src.length == 4) {
            pseudo.put((byte) 0).put((byte) protocol).putShort((short) length);
        } else {
            pseudo.putInt(length).put(new byte[3]).put((byte) protocol);
        }
        return pseudo.array();
    }
}
