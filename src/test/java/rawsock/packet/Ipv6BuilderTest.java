package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import rawsock.testing.RecordedFields;

/**
 * The IPv6 builders rebuild real captured packets (Captures6) from the field values tcpdump
 * printed for them; the bytes, every length and checksum included, must equal what was on the wire.
 */
class Ipv6BuilderTest {
    private static final byte[] LOOPBACK = TestBytes.hex("0000 0000 0000 0000 0000 0000 0000 0001");
    private static final byte[] FD_33 = TestBytes.hex("fd00 fde8 0000 0000 0000 0000 0015 0033");
    private static final byte[] FD_35 = TestBytes.hex("fd00 fde8 0000 0000 0000 0000 0015 0035");

    private static void assertBytes(byte[] expected, ByteBuffer out) {
        assertEquals(TestBytes.hex(expected), TestBytes.hex(TestBytes.written(out)));
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    @Test
    void echoRequestOnLoopback() {
        ByteBuffer payload = TestBytes.slice(Captures6.ECHO_REQUEST_LOOPBACK, 48, 56);
        Icmpv6Builder icmp = new Icmpv6Builder().id(0x4d46).seq(0);
        Ipv6Builder ip = new Ipv6Builder().flowLabel(0x0a182).nextHeader(IpProtocol.ICMP6).src(LOOPBACK).dst(LOOPBACK);
        ByteBuffer out = ByteBuffer.allocate(100);
        assertEquals(40, ip.build().emit(out, icmp.build().headerLength() + payload.remaining()));
        assertEquals(16, icmp.build().emit(out, payload, LOOPBACK, LOOPBACK));
        assertEquals(48, payload.position(), "payload position untouched");
        assertBytes(Captures6.ECHO_REQUEST_LOOPBACK, out);
    }

    @Test
    void echoRequestAndReply() {
        byte[] data = "hackaton2025".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocateDirect(60);
        new Ipv6Builder().nextHeader(IpProtocol.ICMP6).src(FD_33).dst(FD_35).build().emit(out, 8 + data.length);
        new Icmpv6Builder().type(Icmpv6Types.ECHO_REQUEST).build().emit(out, ByteBuffer.wrap(data), FD_33, FD_35);
        assertBytes(Captures6.ECHO_REQUEST, out);

        out = ByteBuffer.allocate(60);
        new Ipv6Builder().flowLabel(0xc4a45).hopLimit(63).nextHeader(IpProtocol.ICMP6).src(FD_35).dst(FD_33)
                .build().emit(out, 8 + data.length);
        new Icmpv6Builder().type(Icmpv6Types.ECHO_REPLY).id(0).seq(0).build().emit(out, ByteBuffer.wrap(data), FD_35, FD_33);
        assertBytes(Captures6.ECHO_REPLY, out);
    }

    @Test
    void neighborSolicitationAndAdvertisement() {
        byte[] asker = slice(Captures6.NEIGHBOR_SOLICITATION, 8, 24);
        byte[] target = slice(Captures6.NEIGHBOR_SOLICITATION, 48, 64);
        byte[] group = Icmpv6Builder.solicitedNodeMulticast(target);
        assertArrayEquals(slice(Captures6.NEIGHBOR_SOLICITATION, 24, 40), group, "ff02::1:ffcd:679a as captured");
        Icmpv6Builder ns = new Icmpv6Builder().neighborSolicitation(target, TestBytes.hex("084e bf30 6448"));
        assertEquals(32, ns.build().headerLength());
        ByteBuffer out = ByteBuffer.allocate(72);
        new Ipv6Builder().hopLimit(255).nextHeader(IpProtocol.ICMP6).src(asker).dst(group).build().emit(out, ns.build().headerLength());
        ns.build().emit(out, null, asker, group);
        assertBytes(Captures6.NEIGHBOR_SOLICITATION, out);

        Icmpv6Builder na = new Icmpv6Builder().neighborAdvertisement(target, Icmpv6.NA_SOLICITED | Icmpv6.NA_OVERRIDE,
                TestBytes.hex("28d2 4440 b966"));
        out = ByteBuffer.allocate(72);
        new Ipv6Builder().hopLimit(255).nextHeader(IpProtocol.ICMP6).src(target).dst(asker).build().emit(out, na.build().headerLength());
        na.build().emit(out, null, target, asker);
        assertBytes(Captures6.NEIGHBOR_ADVERTISEMENT, out);
    }

    @Test
    void duplicateAddressDetectionWithoutOption() {
        byte[] target = slice(Captures6.NEIGHBOR_SOLICITATION_DAD, 48, 64);
        byte[] unspecified = new byte[16];
        byte[] group = Icmpv6Builder.solicitedNodeMulticast(target);
        Icmpv6Builder ns = new Icmpv6Builder().neighborSolicitation(target, null);
        ByteBuffer out = ByteBuffer.allocate(64);
        new Ipv6Builder().hopLimit(255).nextHeader(IpProtocol.ICMP6).src(unspecified).dst(group).build().emit(out, ns.build().headerLength());
        ns.build().emit(out, null, unspecified, group);
        assertBytes(Captures6.NEIGHBOR_SOLICITATION_DAD, out);
    }

    @Test
    void routerAdvertisementWithTrafficClass() {
        byte[] router = slice(Captures6.ROUTER_ADVERTISEMENT, 8, 24);
        byte[] allNodes = slice(Captures6.ROUTER_ADVERTISEMENT, 24, 40);
        // hop limit 64, no flags, lifetime 1800; body: reachable 0, retrans 0, then the options
        Icmpv6Builder ra = new Icmpv6Builder().type(Icmpv6Types.ROUTER_ADVERT).restOfHeader(0x40000708L)
                .body(slice(Captures6.ROUTER_ADVERTISEMENT, 48, 104));
        ByteBuffer out = ByteBuffer.allocate(104);
        new Ipv6Builder().trafficClass(0xe0).hopLimit(255).nextHeader(IpProtocol.ICMP6).src(router).dst(allNodes)
                .build().emit(out, ra.build().headerLength());
        ra.build().emit(out, null, router, allNodes);
        assertBytes(Captures6.ROUTER_ADVERTISEMENT, out);
    }

    @Test
    void mldv2ReportBehindHopByHopRouterAlert() {
        byte[] unspecified = new byte[16];
        byte[] mldRouters = slice(Captures6.MLDV2_REPORT_HOP_BY_HOP, 24, 40);
        ByteBuffer records = TestBytes.slice(Captures6.MLDV2_REPORT_HOP_BY_HOP, 56, 176);
        Icmpv6Builder report = new Icmpv6Builder().type(Icmpv6Types.MLDV2_REPORT).restOfHeader(6);
        Ipv6Builder ip = new Ipv6Builder().hopLimit(1).nextHeader(IpProtocol.HOPOPT).src(unspecified).dst(mldRouters)
                .extensionHeaders(Ipv6Builder.hopByHopRouterAlert(IpProtocol.ICMP6));
        assertEquals(48, ip.build().headerLength());
        ByteBuffer out = ByteBuffer.allocate(176);
        assertEquals(48, ip.build().emit(out, report.build().headerLength() + records.remaining()));
        report.build().emit(out, records, unspecified, mldRouters);
        assertBytes(Captures6.MLDV2_REPORT_HOP_BY_HOP, out);
    }

    @Test
    void tcpSynOverIpv6() {
        byte[] src = slice(Captures6.TCP_SYN, 8, 24);
        byte[] dst = slice(Captures6.TCP_SYN, 24, 40);
        TcpBuilder tcp = new TcpBuilder().sport(52190).dport(54322).seq(3748496178L).flags("S").window(64800)
                .options(TestBytes.hex("0204 05a0 0402 080a b87b fd3b 0000 0000 0103 0307"));
        ByteBuffer out = ByteBuffer.allocate(80);
        new Ipv6Builder().flowLabel(0xa1f94).nextHeader(IpProtocol.TCP).src(src).dst(dst).build().emit(out, tcp.build().headerLength());
        tcp.build().emit(out, null, src, dst);
        assertBytes(Captures6.TCP_SYN, out);
    }

    /** tcpdump: "cksum 0x0030 (incorrect -> 0x7d18)": the builder computes what tcpdump says is right. */
    @Test
    void tcpChecksumAsTcpdumpComputedIt() {
        ByteBuffer out = ByteBuffer.allocate(40);
        new TcpBuilder().sport(40844).dport(25000).seq(3416072505L).window(65476)
                .options(TestBytes.hex("0204 ffc4 0402 080a 3fd8 a329 0000 0000 0103 030a"))
                .build().emit(out, null, LOOPBACK, LOOPBACK);
        assertEquals(0x7d18, out.getShort(Tcp.CHECKSUM_OFFSET) & 0xffff);
    }

    @Test
    void udpOverIpv6() {
        byte[] src = slice(Captures6.UDP_XDP, 8, 24);
        byte[] dst = slice(Captures6.UDP_XDP, 24, 40);
        ByteBuffer out = ByteBuffer.allocate(51);
        new Ipv6Builder().nextHeader(IpProtocol.UDP).src(src).dst(dst).build().emit(out, 11);
        new UdpBuilder().sport(9091).dport(44339).build().emit(out, ByteBuffer.wrap("xdp".getBytes(StandardCharsets.US_ASCII)),
                src, dst);
        assertBytes(Captures6.UDP_XDP, out);
    }

    /** The receive side's reconstruction is the fixed header a sender's builder makes. */
    @Test
    void rebuiltHeaderEqualsTheCapturedOne() {
        ByteBuffer out = ByteBuffer.allocate(60);
        out.position(3);
        assertEquals(40, Ipv6Header.rebuild(out, 0, 0xc4a45, 20, IpProtocol.ICMP6, 63, FD_35, FD_33));
        assertEquals(43, out.position());
        assertEquals(TestBytes.hex(slice(Captures6.ECHO_REPLY, 0, 40)), TestBytes.hex(out, 3, 43));
        out.clear();
        Ipv6Header.rebuild(out, 0xe0, 0, 64, IpProtocol.ICMP6, 255, slice(Captures6.ROUTER_ADVERTISEMENT, 8, 24),
                slice(Captures6.ROUTER_ADVERTISEMENT, 24, 40));
        assertEquals(TestBytes.hex(slice(Captures6.ROUTER_ADVERTISEMENT, 0, 40)), TestBytes.hex(out, 0, 40));
        assertThrows(IllegalArgumentException.class,
                () -> Ipv6Header.rebuild(ByteBuffer.allocate(40), 0, 0x100000, 0, 58, 64, FD_33, FD_35));
        assertThrows(IllegalArgumentException.class,
                () -> Ipv6Header.rebuild(ByteBuffer.allocate(40), 0, 0, 0, 58, 64, new byte[4], FD_35));
        assertThrows(java.nio.BufferOverflowException.class,
                () -> Ipv6Header.rebuild(ByteBuffer.allocate(39), 0, 0, 0, 58, 64, FD_33, FD_35));
    }

    /** Build, decode: every field set comes back. */
    @Test
    void roundTrip() {
        byte[] payload = new byte[13];
        Icmpv6Builder icmp = new Icmpv6Builder().type(Icmpv6Types.PACKET_TOO_BIG).code(0).mtu(0x1_0000_0000L - 2);
        ByteBuffer out = ByteBuffer.allocate(200);
        new Ipv6Builder().trafficClass(0xb8).flowLabel(0xfffff).hopLimit(7).nextHeader(IpProtocol.IPV6_FRAG)
                .extensionHeaders(Ipv6Builder.fragmentHeader(IpProtocol.ICMP6, 0, false, 0xffffffffL)).src(FD_33).dst(FD_35)
                .build().emit(out, icmp.build().headerLength() + payload.length);
        icmp.build().emit(out, ByteBuffer.wrap(payload), FD_33, FD_35);
        DecodedPacket p = new PacketDecoder().decode(ByteBuffer.wrap(TestBytes.written(out)), LinkType.RAW);
        RecordedFields ip = RecordedFields.of(p.layer(0));
        assertEquals(0xb8L, ip.get("tclass"));
        assertEquals(0xfffffL, ip.get("flow"));
        assertEquals(7L, ip.get("hlim"));
        assertEquals(44L, ip.get("nxt"));
        assertEquals(58L, ip.get("proto"));
        assertEquals(29L, ip.get("plen"));
        assertEquals("fragment(off 0,id 0xffffffff)", ip.get("ext"));
        RecordedFields f = RecordedFields.of(p.layer(1));
        assertEquals(0xfffffffeL, f.get("mtu"));
        assertEquals(true, f.get("checksum_ok"));
    }

    @Test
    void overridesAreWrittenAsGiven() {
        ByteBuffer out = ByteBuffer.allocate(100);
        new Ipv6Builder().version(4).payloadLength(9999).build().emit(out, 10);
        assertEquals(0x40, out.get(0) & 0xff);
        assertEquals(9999, out.getShort(4));
        assertEquals(IpProtocol.IPV6_NONXT, out.get(6));
        assertEquals(Ipv6Fields.DEFAULT_HOP_LIMIT, out.get(7));

        out.clear();
        new Icmpv6Builder().type(1).code(4).checksum(0xbeef).restOfHeader(0x12345678L).build().emit(out, null, null, null);
        assertEquals("01 04 be ef 12 34 56 78".replace(" ", ""), TestBytes.hex(out, 0, 8));

        out.clear();
        new Icmpv6Builder().type(Icmpv6Types.PARAM_PROBLEM).pointer(40).checksum(0).build().emit(out, null, null, null);
        assertEquals(40, out.getInt(4));
        assertEquals("2c00000000001234", TestBytes.hex(Ipv6Builder.fragmentHeader(44, 0, false, 0x1234)));
        assertEquals("11000019deadbeef", TestBytes.hex(Ipv6Builder.fragmentHeader(17, 3, true, 0xdeadbeefL)));
        assertEquals(16, Ipv6Builder.padTo8(new byte[9]).length);
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Ipv6Builder().flowLabel(0x100000).build());
        assertTrue(e.getMessage().contains("flow label") && e.getMessage().contains("1048576"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Builder().hopLimit(256).build());
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Builder().trafficClass(-1).build());
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Builder().src(new byte[4]).build());
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Builder().build().emit(ByteBuffer.allocate(40), 65536));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Builder().extensionHeaders(new byte[65496]).build());
        new Ipv6Builder().payloadLength(0).build().emit(ByteBuffer.allocate(40), 70000); // a jumbogram's header: override allowed
        assertThrows(java.nio.BufferOverflowException.class, () -> new Ipv6Builder().build().emit(ByteBuffer.allocate(39), 0));
        e = assertThrows(IllegalArgumentException.class,
                () -> new Icmpv6Builder().build().emit(ByteBuffer.allocate(8), null, null, null));
        assertTrue(e.getMessage().contains("pseudo-header"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Icmpv6Builder().build().emit(ByteBuffer.allocate(8), null, new byte[4], new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv6Builder().id(65536));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv6Builder().mtu(-1));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv6Builder().neighborSolicitation(new byte[4], null));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv6Builder().neighborAdvertisement(new byte[16], 0x100, null));
        assertThrows(IllegalArgumentException.class, () -> Ipv6Builder.fragmentHeader(17, 8192, false, 0));
    }
}
