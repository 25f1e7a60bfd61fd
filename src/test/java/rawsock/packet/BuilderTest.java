package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Builders rebuild real captured packets from the field values tcpdump printed for them; the
 * bytes (including every length and checksum) must equal what was on the wire.
 */
class BuilderTest {
    private static final byte[] LOCALHOST = TestBytes.ip(127, 0, 0, 1);

    private static void assertBytes(byte[] expected, ByteBuffer out) {
        assertEquals(TestBytes.hex(expected), TestBytes.hex(TestBytes.written(out)));
    }

    @Test
    void pingRequest() {
        ByteBuffer payload = TestBytes.slice(Captures.PING_REQUEST, 28, 84);
        IcmpBuilder icmp = new IcmpBuilder().type(IcmpTypes.ECHO_REQUEST).id(40234).seq(1);
        Ipv4Builder ip = new Ipv4Builder().id(0xd2f2).df(true).protocol(IpProtocol.ICMP).src(LOCALHOST).dst(LOCALHOST);
        ByteBuffer out = ByteBuffer.allocate(200);
        assertEquals(20, ip.build().emit(out, icmp.build().headerLength() + payload.remaining()));
        assertEquals(64, icmp.build().emit(out, payload));
        assertEquals(28, payload.position(), "payload position untouched");
        assertBytes(Captures.PING_REQUEST, out);
    }

    @Test
    void pingReply() {
        ByteBuffer payload = TestBytes.slice(Captures.PING_REPLY, 28, 84);
        ByteBuffer out = ByteBuffer.allocateDirect(84);
        new Ipv4Builder().id(0xd2f3).protocol(IpProtocol.ICMP).src(LOCALHOST).dst(LOCALHOST).build().emit(out, 64);
        new IcmpBuilder().type(IcmpTypes.ECHO_REPLY).id(40234).seq(1).build().emit(out, payload);
        assertBytes(Captures.PING_REPLY, out);
    }

    @Test
    void tcpSynWithOptions() {
        byte[] src = TestBytes.ip(10, 9, 0, 89);
        byte[] dst = TestBytes.ip(10, 10, 64, 176);
        TcpBuilder tcp = new TcpBuilder().sport(57778).dport(2222).seq(2193701138L).flags("S").window(64240)
                .options(TestBytes.hex("0204 05b4 0402 080a 2faf a4ef 0000 0000 0103 0307"));
        Ipv4Builder ip = new Ipv4Builder().id(1352).df(true).ttl(64).protocol(IpProtocol.TCP).src(src).dst(dst);
        ByteBuffer out = ByteBuffer.allocate(60);
        ip.build().emit(out, tcp.build().headerLength());
        assertEquals(40, tcp.build().emit(out, null, src, dst));
        assertBytes(Captures.TCP_SYN, out);
    }

    @Test
    void tcpSynAck() {
        byte[] src = TestBytes.ip(10, 10, 64, 176);
        byte[] dst = TestBytes.ip(10, 9, 0, 89);
        TcpBuilder tcp = new TcpBuilder().sport(2222).dport(57778).seq(435169494L).ack(2193701139L)
                .flags(TcpFlags.SYN | TcpFlags.ACK).window(62643)
                .options(TestBytes.hex("0204 0506 0402 080a 28cf e33d 2faf a4ef 0103 0307"));
        ByteBuffer out = ByteBuffer.allocate(100);
        new Ipv4Builder().df(true).ttl(63).protocol(IpProtocol.TCP).src(src).dst(dst).build().emit(out, tcp.build().headerLength());
        tcp.build().emit(out, ByteBuffer.allocate(0), src, dst);
        assertBytes(Captures.TCP_SYN_ACK, out);
    }

    @Test
    void udpDnsResponse() {
        byte[] src = TestBytes.ip(183, 60, 83, 19);
        byte[] dst = TestBytes.ip(172, 17, 0, 4);
        ByteBuffer payload = TestBytes.slice(Captures.DNS_RESPONSE, 28, 112);
        ByteBuffer out = ByteBuffer.allocate(112);
        new Ipv4Builder().id(0xc6cb).df(true).ttl(60).protocol(IpProtocol.UDP).src(src).dst(dst).build().emit(out, 92);
        assertEquals(92, new UdpBuilder().sport(53).dport(39962).build().emit(out, payload, src, dst));
        assertBytes(Captures.DNS_RESPONSE, out);
    }

    /** tcpdump: "[bad udp cksum 0xb6a9 -> 0xef02!]": the builder computes what tcpdump says is right. */
    @Test
    void udpChecksumAsTcpdumpComputedIt() {
        byte[] src = TestBytes.ip(172, 17, 0, 4);
        byte[] dst = TestBytes.ip(183, 60, 83, 19);
        ByteBuffer out = ByteBuffer.allocate(64);
        new UdpBuilder().sport(49216).dport(53).build().emit(out, TestBytes.slice(Captures.DNS_QUERY_OFFLOADED, 28, 71), src, dst);
        assertEquals(0xef02, out.getShort(Udp.CHECKSUM_OFFSET) & 0xffff);
    }

    /** IPv6 UDP: "fe80::1270:fdff:fe48:1077.9091 > ...1087.44339: [udp sum ok] UDP, length 3", 0x0b4b. */
    @Test
    void udpOverIpv6() {
        byte[] src = TestBytes.hex("fe80 0000 0000 0000 1270 fdff fe48 1077");
        byte[] dst = TestBytes.hex("fe80 0000 0000 0000 1270 fdff fe48 1087");
        ByteBuffer out = ByteBuffer.allocate(11);
        new UdpBuilder().sport(9091).dport(44339).build().emit(out, ByteBuffer.wrap("xdp".getBytes()), src, dst);
        assertEquals("2383ad33000b0b4b786470", TestBytes.hex(TestBytes.written(out)));
    }

    /** RFC 768: a computed checksum of zero goes out as all ones. */
    @Test
    void udpZeroChecksumIsSentAsAllOnes() {
        // Choose a payload word that makes the sum 0xffff: compute with a zero word, then put its complement there.
        byte[] src = TestBytes.ip(10, 0, 0, 1);
        byte[] dst = TestBytes.ip(10, 0, 0, 2);
        ByteBuffer out = ByteBuffer.allocate(10);
        new UdpBuilder().sport(1).dport(2).build().emit(out, ByteBuffer.wrap(new byte[2]), src, dst);
        int c = out.getShort(6) & 0xffff; // = ~sum, so a payload word of c makes the new sum 0xffff
        out.clear();
        new UdpBuilder().sport(1).dport(2).build().emit(out, ByteBuffer.wrap(new byte[] {(byte) (c >>> 8), (byte) c}), src, dst);
        assertEquals(0xffff, out.getShort(6) & 0xffff);
        out.clear();
        new UdpBuilder().checksum(0).build().emit(out, null, null, null);
        assertEquals(0, out.getShort(6));
    }

    @Test
    void icmpPortUnreachableQuotingTheDatagram() {
        ByteBuffer quoted = ByteBuffer.wrap(Captures.TRACEROUTE_UDP);
        ByteBuffer out = ByteBuffer.allocate(88);
        new Ipv4Builder().tos(0xc0).id(0x7d86).protocol(IpProtocol.ICMP).src(LOCALHOST).dst(LOCALHOST).build().emit(out, 68);
        new IcmpBuilder().type(IcmpTypes.DEST_UNREACH).code(IcmpTypes.CODE_PORT_UNREACH).build().emit(out, quoted);
        assertBytes(Captures.PORT_UNREACHABLE, out);
        assertArrayEquals(Captures.TRACEROUTE_UDP, TestBytes.hex(TestBytes.hex(Captures.TRACEROUTE_UDP)));
    }

    @Test
    void igmpV2ReportWithRouterAlert() {
        byte[] group = TestBytes.ip(239, 255, 255, 253);
        IgmpBuilder igmp = IgmpBuilder.reportV2(group);
        ByteBuffer out = ByteBuffer.allocate(32);
        new Ipv4Builder().id(0x79f0).ttl(1).protocol(IpProtocol.IGMP).src(TestBytes.ip(10, 60, 5, 103)).dst(group)
                .options(IgmpBuilder.ROUTER_ALERT).build().emit(out, igmp.build().length());
        igmp.build().emit(out);
        assertBytes(Captures.IGMP_V2_REPORT, out);
    }

    @Test
    void igmpV1ReportAndV2Query() {
        ByteBuffer out = ByteBuffer.allocate(8);
        IgmpBuilder.reportV1(TestBytes.ip(224, 0, 1, 60)).build().emit(out);
        assertEquals(TestBytes.hex(Captures.IGMP_V1_REPORT_PADDED).substring(40, 56), TestBytes.hex(TestBytes.written(out)));
        out.clear();
        IgmpBuilder.query(new byte[4], 100).build().emit(out);
        assertEquals(TestBytes.hex(Captures.IGMP_V2_QUERY).substring(40), TestBytes.hex(TestBytes.written(out)));
    }

    @Test
    void igmpV3QueryAndReport() {
        ByteBuffer out = ByteBuffer.allocate(48);
        IgmpBuilder.queryV3(new byte[4], 0x18).qrv(2).qqic(20).build().emit(out);
        assertEquals(TestBytes.hex(Captures.IGMP_V3_QUERY).substring(48), TestBytes.hex(TestBytes.written(out)));
        out.clear();
        IgmpBuilder.reportV3().record(IgmpBuilder.MODE_IS_EXCLUDE, TestBytes.ip(239, 195, 7, 2))
                .record(IgmpBuilder.MODE_IS_EXCLUDE, TestBytes.ip(239, 255, 255, 250)).build().emit(out);
        assertEquals(TestBytes.hex(Captures.IGMP_V3_REPORT).substring(48), TestBytes.hex(TestBytes.written(out)));
    }

    @Test
    void emitWritesAtPositionAndReturnsLength() {
        ByteBuffer out = ByteBuffer.allocate(100);
        out.position(7);
        assertEquals(24, new Ipv4Builder().options(new byte[] {1}).build().emit(out, 0));
        assertEquals(31, out.position());
        assertEquals(0x46, out.get(7));
        assertEquals("01000000", TestBytes.hex(out, 27, 31), "options padded with EOL");
        assertEquals(24, out.getShort(9), "total length = header only");
    }

    @Test
    void overridesAreWrittenAsGiven() {
        ByteBuffer out = ByteBuffer.allocate(100);
        new Ipv4Builder().version(5).ihl(3).totalLength(9999).checksum(0x1234).reservedFlag(true).mf(true)
                .fragmentOffset(185).build().emit(out, 10);
        assertEquals(0x53, out.get(0));
        assertEquals(9999, out.getShort(2));
        assertEquals(0x8000 | 0x2000 | 185, out.getShort(6) & 0xffff);
        assertEquals(0x1234, out.getShort(10));

        out.clear();
        new TcpBuilder().dataOffset(15).checksum(0xbeef).flags(TcpFlags.AE | TcpFlags.FIN).build().emit(out, null, null, null);
        assertEquals((15 << 4) | 1, out.get(12) & 0xff);
        assertEquals(TcpFlags.FIN, out.get(13));
        assertEquals(0xbeef, out.getShort(16) & 0xffff);
        assertEquals(TcpFields.DEFAULT_WINDOW, out.getShort(14) & 0xffff);

        out.clear();
        new UdpBuilder().length(3).checksum(0x4321).build().emit(out, null, null, null);
        assertEquals(3, out.getShort(4));
        assertEquals(0x4321, out.getShort(6));
    }

    @Test
    void icmpRestOfHeaderVariants() {
        ByteBuffer out = ByteBuffer.allocate(8);
        new IcmpBuilder().type(3).code(4).mtu(1400).build().emit(out, null);
        assertEquals(1400, out.getInt(4));
        out.clear();
        new IcmpBuilder().type(5).code(1).gateway(TestBytes.ip(10, 0, 0, 1)).build().emit(out, null);
        assertEquals("0a000001", TestBytes.hex(out, 4, 8));
        out.clear();
        new IcmpBuilder().type(12).pointer(20).build().emit(out, null);
        assertEquals("14000000", TestBytes.hex(out, 4, 8));
        out.clear();
        new IcmpBuilder().restOfHeader(0xfedcba98L).checksum(7).build().emit(out, null);
        assertEquals("fedcba98", TestBytes.hex(out, 4, 8));
        assertEquals(7, out.getShort(2));
    }

    @Test
    void timestampPayload() {
        // 1970-01-02T00:00:01.500Z is 1500 ms after midnight UT.
        assertEquals(1500, IcmpFields.millisSinceMidnightUtc(86_400_000L + 1500));
        assertEquals(86_399_999, IcmpFields.millisSinceMidnightUtc(-1));
        assertEquals("000005dc0000000000000000", TestBytes.hex(IcmpFields.timestampPayload(86_400_000L + 1500)));
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Ipv4Builder().ttl(256).build());
        assertTrue(e.getMessage().contains("TTL") && e.getMessage().contains("256"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Builder().options(new byte[41]).build());
        new Ipv4Builder().options(new byte[40]).build();
        assertThrows(IllegalArgumentException.class, () -> new TcpBuilder().options(new byte[41]).build());
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Builder().fragmentOffset(8192).build());
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Builder().src(new byte[16]).build());
        assertThrows(IllegalArgumentException.class, () -> new TcpBuilder().seq(-1).build());
        assertThrows(IllegalArgumentException.class, () -> new TcpBuilder().seq(0x100000000L).build());
        assertThrows(IllegalArgumentException.class, () -> new IcmpBuilder().id(65536));
        assertThrows(IllegalArgumentException.class, () -> new UdpBuilder().build().emit(ByteBuffer.allocate(8), null, null, null),
                "a computed checksum needs the addresses");
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Builder().build().emit(ByteBuffer.allocate(20), 65516));
        assertThrows(java.nio.BufferOverflowException.class, () -> new Ipv4Builder().build().emit(ByteBuffer.allocate(19), 0));
    }
}
