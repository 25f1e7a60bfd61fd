package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import rawsock.testing.RecordedFields;

/** Real captures decoded field by field; expected values are the ones tcpdump printed. */
class DecoderTest {
    private final PacketDecoder decoder = new PacketDecoder();

    private DecodedPacket decode(byte[] bytes) {
        return decoder.decode(ByteBuffer.wrap(bytes), LinkType.RAW);
    }

    private static RecordedFields fields(DecodedPacket p, int index) {
        return RecordedFields.of(p.layer(index));
    }

    @Test
    void aFirstFragmentWithMoreToComeGetsNoChecksumVerdict() {
        // A real DNS answer whose checksum verifies, turned into a first fragment (MF set) of a
        // larger datagram: its checksum covers bytes this fragment does not hold.
        byte[] fragment = Captures.DNS_RESPONSE.clone();
        fragment[6] |= 0x20;
        RecordedFields whole = fields(decode(Captures.DNS_RESPONSE), 1);
        assertEquals(true, whole.get("checksum_ok"));
        RecordedFields first = fields(decode(fragment), 1);
        assertNull(first.get("checksum_ok"), "no verdict on part of a datagram");
        StringBuilder text = new StringBuilder();
        decode(fragment).layer(1).describe(text);
        assertFalse(text.toString().contains("bad cksum"), text.toString());
    }

    @Test
    void anIcmpMessageInAFirstFragmentGetsNoChecksumVerdictEither() {
        byte[] fragment = Captures.PING_REQUEST.clone();
        fragment[6] |= 0x20; // more fragments: the echo's checksum covers data still to come
        assertEquals(true, fields(decode(Captures.PING_REQUEST), 1).get("checksum_ok"));
        RecordedFields first = fields(decode(fragment), 1);
        assertEquals("echo-request", first.get("type_name"));
        assertNull(first.get("checksum_ok"), "no verdict on part of a message");
        assertFalse(((rawsock.packet.Icmp) decode(fragment).layer(1)).checksumOk());
    }

    @Test
    void pingRequest() {
        DecodedPacket p = decode(Captures.PING_REQUEST);
        assertEquals(2, p.size());
        assertEquals("127.0.0.1", p.src());
        assertEquals("127.0.0.1", p.dst());
        assertEquals("icmp", p.proto());
        assertFalse(p.truncated());
        assertEquals(p.size(), p.quotedStart());

        RecordedFields ip = fields(p, 0);
        assertEquals("ip", p.layer(0).name());
        assertEquals(4L, ip.get("version"));
        assertEquals(5L, ip.get("ihl"));
        assertEquals(0L, ip.get("tos"));
        assertEquals(84L, ip.get("len"));
        assertEquals(54002L, ip.get("id"));
        assertEquals("DF", ip.get("flags"));
        assertEquals(0L, ip.get("frag_offset"));
        assertEquals(64L, ip.get("ttl"));
        assertEquals(1L, ip.get("proto"));
        assertEquals(0x69b4L, ip.get("checksum"));
        assertEquals(true, ip.get("checksum_ok"));
        assertEquals("127.0.0.1", ip.get("src"));
        assertEquals("127.0.0.1", ip.get("dst"));
        assertNull(ip.get("truncated"));
        assertNull(ip.get("options"));

        RecordedFields icmp = fields(p, 1);
        assertEquals("icmp", p.layer(1).name());
        assertEquals(8L, icmp.get("type"));
        assertEquals("echo-request", icmp.get("type_name"));
        assertEquals(0L, icmp.get("code"));
        assertEquals(0x307cL, icmp.get("checksum"));
        assertEquals(true, icmp.get("checksum_ok"));
        assertEquals(40234L, icmp.get("id"));
        assertEquals(1L, icmp.get("seq"));
        assertEquals("IP 127.0.0.1 > 127.0.0.1 ttl 64 id 54002 len 84 DF: ICMP echo request, id 40234, seq 1, length 64",
                TestBytes.describe(p));
    }

    @Test
    void pingReply() {
        DecodedPacket p = decode(Captures.PING_REPLY);
        assertEquals("", fields(p, 0).get("flags"));
        assertEquals("echo-reply", fields(p, 1).get("type_name"));
        assertEquals(true, fields(p, 1).get("checksum_ok"));
        assertEquals("IP 127.0.0.1 > 127.0.0.1 ttl 64 id 54003 len 84: ICMP echo reply, id 40234, seq 1, length 64",
                TestBytes.describe(p));
    }

    @Test
    void tcpSyn() {
        DecodedPacket p = decode(Captures.TCP_SYN);
        assertEquals(2, p.size());
        assertEquals("tcp", p.proto());
        assertEquals("10.9.0.89", p.src());
        assertEquals("10.10.64.176", p.dst());
        RecordedFields tcp = fields(p, 1);
        assertEquals(57778L, tcp.get("sport"));
        assertEquals(2222L, tcp.get("dport"));
        assertEquals(2193701138L, tcp.get("seq"));
        assertEquals(0L, tcp.get("ack"));
        assertEquals("S", tcp.get("flags"));
        assertEquals(64240L, tcp.get("win"));
        assertEquals(0L, tcp.get("urg"));
        assertEquals(10L, tcp.get("data_offset"));
        assertEquals(0x7d20L, tcp.get("checksum"));
        assertEquals(true, tcp.get("checksum_ok"));
        assertEquals("mss 1460,sackOK,TS val 800040175 ecr 0,nop,wscale 7", tcp.get("options"));
        Tcp view = (Tcp) p.layer(1);
        assertEquals(1460, view.mss());
        assertEquals(7, view.windowScale());
        assertEquals(0, view.payloadLength());
        assertEquals("IP 10.9.0.89 > 10.10.64.176 ttl 64 id 1352 len 60 DF: TCP 57778 > 2222 Flags [S], seq 2193701138,"
                + " win 64240, options [mss 1460,sackOK,TS val 800040175 ecr 0,nop,wscale 7], length 0",
                TestBytes.describe(p));
    }

    @Test
    void tcpSynAck() {
        DecodedPacket p = decode(Captures.TCP_SYN_ACK);
        assertEquals("S.", fields(p, 1).get("flags"));
        assertEquals(true, fields(p, 1).get("checksum_ok"));
        assertEquals("TCP 2222 > 57778 Flags [S.], seq 435169494, ack 2193701139, win 62643, options [mss 1286,"
                + "sackOK,TS val 684712765 ecr 800040175,nop,wscale 7], length 0", TestBytes.describe(p.layer(1)));
    }

    @Test
    void tcpOptionsWithManyNops() {
        DecodedPacket p = decode(Captures.TCP_SYN_ACK_NOPS);
        RecordedFields tcp = fields(p, 1);
        assertEquals(true, tcp.get("checksum_ok"));
        assertEquals(1024829215L, tcp.get("seq"));
        assertEquals(4174926009L, tcp.get("ack"));
        assertEquals(8192L, tcp.get("win"));
        assertEquals("mss 1424,sackOK,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,wscale 5", tcp.get("options"));
    }

    /** tcpdump: "cksum 0xfe30 (incorrect -> 0xc989)". */
    @Test
    void tcpBadChecksumIsShownNotThrown() {
        DecodedPacket p = decode(Captures.TCP_SYN_OFFLOADED);
        assertEquals(false, fields(p, 1).get("checksum_ok"));
        assertEquals(true, fields(p, 0).get("checksum_ok"));
        assertTrue(TestBytes.describe(p.layer(1)).contains("bad cksum 0xfe30"), TestBytes.describe(p.layer(1)));
        assertFalse(p.truncated());
    }

    @Test
    void udpDnsResponse() {
        DecodedPacket p = decode(Captures.DNS_RESPONSE);
        assertEquals("udp", p.proto());
        RecordedFields udp = fields(p, 1);
        assertEquals("udp", p.layer(1).name());
        assertEquals(53L, udp.get("sport"));
        assertEquals(39962L, udp.get("dport"));
        assertEquals(92L, udp.get("len"));
        assertEquals(0xc213L, udp.get("checksum"));
        assertEquals(true, udp.get("checksum_ok"));
        assertEquals("IP 183.60.83.19 > 172.17.0.4 ttl 60 id 50891 len 112 DF: UDP 53 > 39962, length 84",
                TestBytes.describe(p));
        Udp view = (Udp) p.layer(1);
        assertEquals(28, view.payloadOffset());
        assertEquals(84, view.payloadLength());
    }

    /** tcpdump: "[bad udp cksum 0xb6a9 -> 0xef02!] ... (43)". */
    @Test
    void udpBadChecksum() {
        DecodedPacket p = decode(Captures.DNS_QUERY_OFFLOADED);
        assertEquals(false, fields(p, 1).get("checksum_ok"));
        assertEquals("UDP 49216 > 53, length 43, bad cksum 0xb6a9", TestBytes.describe(p.layer(1)));
    }

    @Test
    void icmpPortUnreachableQuotesTheDatagram() {
        DecodedPacket p = decode(Captures.PORT_UNREACHABLE);
        assertEquals(4, p.size());
        assertEquals(2, p.quotedStart());
        assertEquals("icmp", p.proto());
        assertFalse(p.truncated(), "a quote cut short by design is not a truncated capture");
        RecordedFields icmp = fields(p, 1);
        assertEquals(3L, icmp.get("type"));
        assertEquals("dest-unreach", icmp.get("type_name"));
        assertEquals(3L, icmp.get("code"));
        assertEquals("port-unreachable", icmp.get("code_name"));
        assertEquals(0xd30eL, icmp.get("checksum"));
        assertEquals(true, icmp.get("checksum_ok"));
        RecordedFields quotedIp = fields(p, 2);
        assertEquals("ip", p.layer(2).name());
        assertEquals(1L, quotedIp.get("ttl"));
        assertEquals(17L, quotedIp.get("proto"));
        assertEquals(true, quotedIp.get("checksum_ok"));
        RecordedFields quotedUdp = fields(p, 3);
        assertEquals(46058L, quotedUdp.get("sport"));
        assertEquals(33434L, quotedUdp.get("dport"));
        assertEquals(40L, quotedUdp.get("len"));
        assertNull(quotedUdp.get("checksum_ok"), "a quote is not verified");
        assertEquals("IP 127.0.0.1 > 127.0.0.1 ttl 64 id 32134 len 88 tos 0xc0: ICMP port unreachable, length 68"
                + ": IP 127.0.0.1 > 127.0.0.1 ttl 1 id 32133 len 60: UDP 46058 > 33434, length 32",
                TestBytes.describe(p));
    }

    /** RFC 792 quotes only the IP header and 8 bytes: ports and sequence of a TCP header. */
    @Test
    void timeExceededQuotingEightBytesOfTcp() {
        DecodedPacket p = decode(icmpError(11, 0, 0, TestBytes.slice(Captures.TCP_SYN, 0, 28)));
        assertEquals(4, p.size());
        assertEquals(2, p.quotedStart());
        assertFalse(p.truncated());
        RecordedFields tcp = fields(p, 3);
        assertEquals(57778L, tcp.get("sport"));
        assertEquals(2222L, tcp.get("dport"));
        assertEquals(2193701138L, tcp.get("seq"));
        assertNull(tcp.get("ack"));
        assertNull(tcp.get("truncated"));
        assertEquals("ICMP time exceeded in-transit, length 36: IP 10.9.0.89 > 10.10.64.176 ttl 64 id 1352 len 60 DF"
                + ": TCP 57778 > 2222, seq 2193701138", TestBytes.describe(p).substring(TestBytes.describe(p).indexOf("ICMP")));
    }

    @Test
    void errorQuotingAnEchoDoesNotRecurse() {
        DecodedPacket p = decode(icmpError(3, 1, 0, TestBytes.slice(Captures.PING_REQUEST, 0, 28)));
        assertEquals(4, p.size());
        assertEquals("icmp", p.layer(3).name());
        assertEquals(40234L, fields(p, 3).get("id"));
        assertTrue(TestBytes.describe(p).endsWith("ICMP host unreachable, length 36: IP 127.0.0.1 > 127.0.0.1 ttl 64 id 54002"
                + " len 84 DF: ICMP echo request, id 40234, seq 1"), TestBytes.describe(p));
    }

    @Test
    void errorQuotingGarbage() {
        DecodedPacket p = decode(icmpError(3, 3, 0, ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertEquals(3, p.size());
        assertEquals("raw", p.layer(2).name());
        assertEquals(2, p.quotedStart());
    }

    @Test
    void icmpErrorVariants() {
        ByteBuffer quote = TestBytes.slice(Captures.TRACEROUTE_UDP, 0, 28);
        DecodedPacket p = decode(icmpErrorWith(new IcmpBuilder().type(3).code(4).mtu(1400), quote));
        assertEquals(1400L, fields(p, 1).get("mtu"));
        assertEquals("ICMP frag needed, mtu 1400, length 36", TestBytes.describe(p.layer(1)));

        p = decode(icmpErrorWith(new IcmpBuilder().type(5).code(1).gateway(TestBytes.ip(10, 0, 0, 1)), quote));
        assertEquals("10.0.0.1", fields(p, 1).get("gateway"));
        assertEquals("ICMP redirect host to 10.0.0.1, length 36", TestBytes.describe(p.layer(1)));

        p = decode(icmpErrorWith(new IcmpBuilder().type(12).pointer(20), quote));
        assertEquals(20L, fields(p, 1).get("pointer"));
        assertEquals("ICMP parameter problem, pointer 20, length 36", TestBytes.describe(p.layer(1)));

        p = decode(icmpErrorWith(new IcmpBuilder().type(4), quote));
        assertEquals("ICMP source quench, length 36", TestBytes.describe(p.layer(1)));
        assertEquals(4, p.size());

        p = decode(icmpErrorWith(new IcmpBuilder().type(42).code(7), null));
        assertEquals("ICMP type 42, code 7, length 8", TestBytes.describe(p.layer(1)));
        assertEquals("42", fields(p, 1).get("type_name"));

        p = decode(icmpErrorWith(new IcmpBuilder().type(13).id(1).seq(2),
                ByteBuffer.wrap(IcmpFields.timestampPayload(86_400_000L + 1500))));
        assertEquals("ICMP time stamp query id 1 seq 2, length 20", TestBytes.describe(p.layer(1)));
        assertEquals(1500L, fields(p, 1).get("originate"));
    }

    @Test
    void igmpV1ReportWithEthernetPadding() {
        DecodedPacket p = decode(Captures.IGMP_V1_REPORT_PADDED);
        assertEquals("igmp", p.proto());
        assertFalse(p.truncated());
        Ipv4 ip = (Ipv4) p.layer(0);
        assertEquals(8, ip.payloadLength(), "padding after the total length is not payload");
        RecordedFields igmp = fields(p, 1);
        assertEquals(0x12L, igmp.get("type"));
        assertEquals("v1-report", igmp.get("type_name"));
        assertEquals(0L, igmp.get("max_resp"));
        assertEquals(0x0cc3L, igmp.get("checksum"));
        assertEquals(true, igmp.get("checksum_ok"));
        assertEquals("224.0.1.60", igmp.get("group"));
        assertEquals("IP 10.60.0.132 > 224.0.1.60 ttl 1 id 27263 len 28: IGMP v1 report 224.0.1.60", TestBytes.describe(p));
    }

    @Test
    void igmpV2() {
        DecodedPacket p = decode(Captures.IGMP_V2_QUERY);
        assertEquals("membership-query", fields(p, 1).get("type_name"));
        assertEquals(100L, fields(p, 1).get("max_resp"));
        assertEquals("0.0.0.0", fields(p, 1).get("group"));
        assertEquals("IGMP query v2, max resp 10.0s", TestBytes.describe(p.layer(1)));

        p = decode(Captures.IGMP_V2_REPORT);
        assertEquals("RA", fields(p, 0).get("options"));
        assertEquals(6L, fields(p, 0).get("ihl"));
        assertEquals(true, fields(p, 1).get("checksum_ok"));
        assertEquals("IP 10.60.5.103 > 239.255.255.253 ttl 1 id 31216 len 32 options [RA]: IGMP v2 report 239.255.255.253",
                TestBytes.describe(p));
    }

    @Test
    void igmpV3() {
        DecodedPacket p = decode(Captures.IGMP_V3_QUERY);
        RecordedFields igmp = fields(p, 1);
        assertEquals(24L, igmp.get("max_resp"));
        assertEquals(3L, igmp.get("version"));
        assertEquals(2L, igmp.get("qrv"));
        assertEquals(20L, igmp.get("qqic"));
        assertEquals(0L, igmp.get("sources"));
        assertEquals(true, igmp.get("checksum_ok"));
        assertEquals("IGMP query v3, max resp 2.4s, 0 source(s)", TestBytes.describe(p.layer(1)));

        p = decode(Captures.IGMP_V3_REPORT);
        assertEquals(2L, fields(p, 1).get("records"));
        assertEquals(true, fields(p, 1).get("checksum_ok"));
        assertEquals("IGMP v3 report, 2 group record(s)", TestBytes.describe(p.layer(1)));
    }

    /** gopacket's IPv4 option vectors: a security option then EOL; an option of length 0. */
    @Test
    void ipv4Options() {
        DecodedPacket p = decode(TestBytes.hex("4800002803040000fe01c1e0af2db00095ab7e0b820b00000000000000000000"));
        RecordedFields ip = fields(p, 0);
        assertEquals("SEC 000000000000000000,EOL", ip.get("options"));
        assertEquals(true, ip.get("truncated"), "total length 40, 32 bytes present");
        assertNull(ip.get("malformed"));

        p = decode(TestBytes.hex("460000705f5b0000ff114e02af2db00295ab7e0f88001234"));
        ip = fields(p, 0);
        assertEquals("bad option length", ip.get("malformed"));
        assertEquals("[bad opt]", ip.get("options"));

        ByteBuffer out = ByteBuffer.allocate(64);
        new Ipv4Builder().options(TestBytes.hex("0107 0b04 0a00 0001 0a00 0002 0194 0400 00")).build().emit(out, 0);
        assertEquals("NOP,RR 10.0.0.1 10.0.0.2,NOP,RA,EOL", fields(decode(TestBytes.written(out)), 0).get("options"));
    }

    @Test
    void tcpOptionEdgeCases() {
        assertEquals("nop,nop,sack 2 {1000:2000}{3000:4000}",
                tcpOptions("0101 0512 0000 03e8 0000 07d0 0000 0bb8 0000 0fa0"));
        assertEquals("unknown-254 0xabcd", tcpOptions("fe04 abcd"));
        assertEquals("nop,eol", tcpOptions("0100 0204"));
        assertEquals("mss [len 3] 0x05,eol", tcpOptions("0203 0500"));
        assertEquals("tfo cookiereq,nop,nop", tcpOptions("2202 0101"));
        assertEquals("[bad opt]", tcpOptions("0200 0000"), "length 0 stops the walk");
        assertEquals("nop,nop,nop,[bad opt]", tcpOptions("0101 0108 01"));
        assertEquals("wscale 7,[bad opt]", tcpOptions("0303 0708"), "kind at the last byte has no length");
        assertEquals("[bad opt]", tcpOptions("0805 0000"), "length runs past the header");
        DecodedPacket p = decode(tcpWithOptions("0200 0000"));
        assertEquals("bad option length", fields(p, 1).get("malformed"));
    }

    private byte[] tcpWithOptions(String hex) {
        byte[] src = TestBytes.ip(1, 2, 3, 4);
        TcpBuilder tcp = new TcpBuilder().sport(1).dport(2).options(TestBytes.hex(hex));
        ByteBuffer out = ByteBuffer.allocate(100);
        new Ipv4Builder().protocol(6).src(src).dst(src).build().emit(out, tcp.build().headerLength());
        tcp.build().emit(out, null, src, src);
        return TestBytes.written(out);
    }

    private String tcpOptions(String hex) {
        return (String) fields(decode(tcpWithOptions(hex)), 1).get("options");
    }

    @Test
    void nonFirstFragmentIsNotDecodedAsTransport() {
        ByteBuffer out = ByteBuffer.allocate(64);
        new Ipv4Builder().protocol(IpProtocol.UDP).mf(true).fragmentOffset(185).id(7).build().emit(out, 16);
        out.put(new byte[16]);
        DecodedPacket p = decode(TestBytes.written(out));
        assertEquals(2, p.size());
        assertEquals("udp", p.proto());
        assertEquals("raw", p.layer(1).name());
        RecordedFields raw = fields(p, 1);
        assertEquals("udp", raw.get("proto"));
        assertEquals("fragment", raw.get("note"));
        assertEquals(16L, raw.get("len"));
        assertEquals("MF", fields(p, 0).get("flags"));
        assertEquals(185L, fields(p, 0).get("frag_offset"));
        assertEquals("IP 0.0.0.0 > 0.0.0.0 ttl 64 id 7 len 36 MF frag off 185: proto udp, fragment, length 16",
                TestBytes.describe(p));
    }

    @Test
    void protocolWithoutDecoder() {
        ByteBuffer out = ByteBuffer.allocate(64);
        new Ipv4Builder().protocol(IpProtocol.GRE).build().emit(out, 4);
        out.putInt(0x00000800);
        DecodedPacket p = decode(TestBytes.written(out));
        assertEquals("47", p.proto());
        assertEquals("IP 0.0.0.0 > 0.0.0.0 ttl 64 id 0 len 24 proto gre: proto gre, length 4", TestBytes.describe(p));
    }

    @Test
    void ethernetIsAnExtensionPointForNow() {
        DecodedPacket p = decoder.decode(ByteBuffer.wrap(new byte[60]), LinkType.ETHERNET);
        assertEquals(1, p.size());
        assertEquals(0L, fields(p, 0).get("len"), "60 zero bytes: an 802.3 frame of length 0");
        assertEquals(0, decode(new byte[0]).size());
        assertEquals(0, decoder.decode(null, LinkType.RAW).size());
    }

    @Test
    void truncatedTcp() {
        DecodedPacket p = decode(java.util.Arrays.copyOf(Captures.TCP_SYN, 30));
        assertTrue(p.truncated());
        assertEquals(2, p.size());
        RecordedFields tcp = fields(p, 1);
        assertEquals(true, tcp.get("truncated"));
        assertEquals(57778L, tcp.get("sport"));
        assertEquals(2193701138L, tcp.get("seq"));
        assertNull(tcp.get("ack"));
        assertNull(tcp.get("checksum_ok"));
        assertEquals("[truncated tcp] 57778 > 2222", TestBytes.describe(p.layer(1)));
        assertEquals("IP 10.9.0.89 > 10.10.64.176 ttl 64 id 1352 len 60 DF [30 bytes missing]", TestBytes.describe(p.layer(0)));
        assertEquals(true, fields(p, 0).get("truncated"));
    }

    @Test
    void truncatedIpHeader() {
        DecodedPacket p = decode(java.util.Arrays.copyOf(Captures.PING_REQUEST, 13));
        assertEquals(1, p.size());
        assertNull(p.src());
        assertEquals("icmp", p.proto());
        RecordedFields ip = fields(p, 0);
        assertEquals(true, ip.get("truncated"));
        assertEquals(64L, ip.get("ttl"));
        assertEquals(0x69b4L, ip.get("checksum"));
        assertNull(ip.get("src"));
        assertNull(ip.get("checksum_ok"));
        assertEquals("[truncated ip]", TestBytes.describe(p.layer(0)));
    }

    @Test
    void malformedIhl() {
        byte[] bytes = Captures.PING_REQUEST.clone();
        bytes[0] = 0x43;
        DecodedPacket p = decode(bytes);
        assertEquals(1, p.size());
        assertEquals("header length below 20", fields(p, 0).get("malformed"));
        assertTrue(TestBytes.describe(p).contains("[malformed: header length below 20]"), TestBytes.describe(p));
    }

    /** Linux shows GSO/TSO packets before segmentation with total length 0; tcpdump uses the captured length. */
    @Test
    void zeroTotalLengthMeansCapturedLength() {
        ByteBuffer buf = ByteBuffer.wrap(Captures.TCP_SYN.clone());
        buf.putShort(Ipv4.TOTAL_LENGTH_OFFSET, (short) 0);
        Ipv4.updateHeaderChecksum(buf, 0);
        DecodedPacket p = decoder.decode(buf, LinkType.RAW);
        assertFalse(p.truncated());
        assertEquals(true, fields(p, 1).get("checksum_ok"));
    }

    /** Decoding honours position and limit: bytes around the packet change nothing, and nothing moves. */
    @Test
    void decodesBetweenPositionAndLimit() {
        PositionAndLimit.assertHonoured(Captures.all(), LinkType.RAW, 17);
    }

    @Test
    void decoderReusesItsViews() {
        DecodedPacket first = decode(Captures.PING_REQUEST);
        Layer ip = first.layer(0);
        DecodedPacket second = decode(Captures.TCP_SYN);
        assertSame(first, second);
        assertSame(ip, second.layer(0));
        assertEquals("tcp", second.proto());
        assertEquals(2, second.size());
    }

    private static byte[] icmpError(int type, int code, int rest, ByteBuffer quote) {
        return icmpErrorWith(new IcmpBuilder().type(type).code(code).restOfHeader(rest), quote);
    }

    private static byte[] icmpErrorWith(IcmpBuilder icmp, ByteBuffer quote) {
        ByteBuffer out = ByteBuffer.allocate(200);
        int quoteLength = quote == null ? 0 : quote.remaining();
        new Ipv4Builder().protocol(IpProtocol.ICMP).src(TestBytes.ip(192, 0, 2, 1)).dst(TestBytes.ip(192, 0, 2, 2))
                .build().emit(out, 8 + quoteLength);
        icmp.build().emit(out, quote);
        return TestBytes.written(out);
    }
}
