package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rawsock.testing.RecordedFields;

/** Real IPv6 captures decoded field by field; expected values are the ones tcpdump printed (Captures6). */
class Ipv6DecoderTest {
    private final PacketDecoder decoder = new PacketDecoder();

    private DecodedPacket decode(byte[] bytes) {
        return decoder.decode(ByteBuffer.wrap(bytes), LinkType.RAW);
    }

    private static RecordedFields fields(DecodedPacket p, int index) {
        return RecordedFields.of(p.layer(index));
    }

    @Test
    void echoRequestOnLoopback() {
        DecodedPacket p = decode(Captures6.ECHO_REQUEST_LOOPBACK);
        assertEquals(2, p.size());
        assertEquals("::1", p.src());
        assertEquals("::1", p.dst());
        assertEquals("icmp6", p.proto());
        assertFalse(p.truncated());
        assertEquals(p.size(), p.quotedStart());

        RecordedFields ip = fields(p, 0);
        assertEquals("ip6", p.layer(0).name());
        assertEquals(6L, ip.get("version"));
        assertEquals(0L, ip.get("tclass"));
        assertEquals(0x0a182L, ip.get("flow"));
        assertEquals(16L, ip.get("plen"));
        assertEquals(58L, ip.get("nxt"));
        assertEquals(64L, ip.get("hlim"));
        assertEquals("::1", ip.get("src"));
        assertEquals("::1", ip.get("dst"));
        assertEquals(58L, ip.get("proto"));
        assertEquals("icmp6", ip.get("proto_name"));
        assertNull(ip.get("ext"));
        assertNull(ip.get("malformed"));
        assertNull(ip.get("truncated"));

        RecordedFields icmp = fields(p, 1);
        assertEquals("icmp6", p.layer(1).name());
        assertEquals(128L, icmp.get("type"));
        assertEquals("echo-request", icmp.get("type_name"));
        assertEquals(0L, icmp.get("code"));
        assertEquals(0x99b9L, icmp.get("checksum"));
        assertEquals(true, icmp.get("checksum_ok"));
        assertEquals(19782L, icmp.get("id"));
        assertEquals(0L, icmp.get("seq"));
        assertEquals("IP6 ::1 > ::1 hlim 64 plen 16 flow 0x0a182: ICMP6 echo request, id 19782, seq 0, length 16",
                TestBytes.describe(p));
    }

    @Test
    void echoRequestAndReply() {
        DecodedPacket p = decode(Captures6.ECHO_REQUEST);
        assertEquals("fd00:fde8::15:33", p.src());
        assertEquals("fd00:fde8::15:35", p.dst());
        assertEquals(0L, fields(p, 0).get("flow"));
        assertEquals(0x8836L, fields(p, 1).get("checksum"));
        assertEquals(true, fields(p, 1).get("checksum_ok"));
        assertEquals("IP6 fd00:fde8::15:33 > fd00:fde8::15:35 hlim 64 plen 20: ICMP6 echo request, id 0, seq 0, length 20",
                TestBytes.describe(p));

        p = decode(Captures6.ECHO_REPLY);
        RecordedFields ip = fields(p, 0);
        assertEquals(0xc4a45L, ip.get("flow"));
        assertEquals(63L, ip.get("hlim"));
        assertEquals(129L, fields(p, 1).get("type"));
        assertEquals(true, fields(p, 1).get("checksum_ok"));
        assertEquals("IP6 fd00:fde8::15:35 > fd00:fde8::15:33 hlim 63 plen 20 flow 0xc4a45: ICMP6 echo reply, id 0, seq 0, length 20",
                TestBytes.describe(p));
    }

    @Test
    void neighborSolicitationWithSourceLinkLayerAddress() {
        DecodedPacket p = decode(Captures6.NEIGHBOR_SOLICITATION);
        assertEquals("fe80::a4e:bfff:fe30:6448", p.src());
        assertEquals("ff02::1:ffcd:679a", p.dst());
        assertEquals(255L, fields(p, 0).get("hlim"));
        RecordedFields icmp = fields(p, 1);
        assertEquals(135L, icmp.get("type"));
        assertEquals("neighbor-solicit", icmp.get("type_name"));
        assertEquals(0xee32L, icmp.get("checksum"));
        assertEquals(true, icmp.get("checksum_ok"));
        assertEquals("fe80::e89:5a83:fccd:679a", icmp.get("target"));
        assertEquals("slla 08:4e:bf:30:64:48", icmp.get("options"));
        assertEquals("08:4e:bf:30:64:48", ((Icmpv6) p.layer(1)).linkLayerAddress());
        assertNull(icmp.get("id"));
        assertEquals("ICMP6 neighbor solicitation, who has fe80::e89:5a83:fccd:679a, options [slla 08:4e:bf:30:64:48], length 32",
                TestBytes.describe(p.layer(1)));
    }

    @Test
    void neighborAdvertisement() {
        DecodedPacket p = decode(Captures6.NEIGHBOR_ADVERTISEMENT);
        RecordedFields icmp = fields(p, 1);
        assertEquals(136L, icmp.get("type"));
        assertEquals(true, icmp.get("checksum_ok"));
        assertEquals("fe80::e89:5a83:fccd:679a", icmp.get("target"));
        assertEquals("S,O", icmp.get("flags"));
        assertEquals("tlla 28:d2:44:40:b9:66", icmp.get("options"));
        assertEquals("28:d2:44:40:b9:66", ((Icmpv6) p.layer(1)).linkLayerAddress());
        assertEquals("ICMP6 neighbor advertisement, tgt is fe80::e89:5a83:fccd:679a, Flags [solicited, override],"
                + " options [tlla 28:d2:44:40:b9:66], length 32", TestBytes.describe(p.layer(1)));
    }

    @Test
    void duplicateAddressDetectionFromTheUnspecifiedAddress() {
        DecodedPacket p = decode(Captures6.NEIGHBOR_SOLICITATION_DAD);
        assertEquals("::", p.src());
        assertEquals(true, fields(p, 1).get("checksum_ok"));
        assertNull(fields(p, 1).get("options"));
        assertNull(((Icmpv6) p.layer(1)).linkLayerAddress());
        assertEquals("IP6 :: > ff02::1:ff0e:4c67 hlim 255 plen 24: ICMP6 neighbor solicitation, who has"
                + " fe80::20c:29ff:fe0e:4c67, length 24", TestBytes.describe(p));
    }

    @Test
    void routerAdvertisement() {
        DecodedPacket p = decode(Captures6.ROUTER_ADVERTISEMENT);
        RecordedFields ip = fields(p, 0);
        assertEquals(0xe0L, ip.get("tclass"));
        assertEquals(255L, ip.get("hlim"));
        assertEquals("ff02::1", p.dst());
        RecordedFields icmp = fields(p, 1);
        assertEquals(134L, icmp.get("type"));
        assertEquals(true, icmp.get("checksum_ok"));
        assertEquals(64L, icmp.get("hop_limit"));
        assertEquals("", icmp.get("flags"));
        assertEquals(1800L, icmp.get("lifetime"));
        assertEquals(0L, icmp.get("reachable"));
        assertEquals(0L, icmp.get("retrans"));
        assertEquals("slla c2:00:54:f5:00:00,mtu 1500,prefix 2001:db8:0:1::/64 flags LA valid 2592000s pref 604800s",
                icmp.get("options"));
        assertEquals("IP6 fe80::c000:54ff:fef5:0 > ff02::1 hlim 255 plen 64 tclass 0xe0: ICMP6 router advertisement,"
                + " hop limit 64, router lifetime 1800s, options [slla c2:00:54:f5:00:00,mtu 1500,"
                + "prefix 2001:db8:0:1::/64 flags LA valid 2592000s pref 604800s], length 64", TestBytes.describe(p));
    }

    @Test
    void mldv2ReportBehindHopByHopRouterAlert() {
        DecodedPacket p = decode(Captures6.MLDV2_REPORT_HOP_BY_HOP);
        assertEquals(2, p.size());
        assertEquals("icmp6", p.proto());
        Ipv6 ip = (Ipv6) p.layer(0);
        assertEquals(1, ip.extensionCount());
        assertEquals(IpProtocol.HOPOPT, ip.extensionType(0));
        assertEquals(40, ip.extensionOffset(0));
        assertEquals(8, ip.extensionLength(0));
        assertEquals(IpProtocol.ICMP6, ip.upperProtocol());
        assertEquals(48, ip.upperOffset());
        assertEquals(128, ip.upperLength());
        RecordedFields f = fields(p, 0);
        assertEquals(0L, f.get("nxt"));
        assertEquals(58L, f.get("proto"));
        assertEquals(1L, f.get("hlim"));
        assertEquals("hop-by-hop(rtalert 0)", f.get("ext"));
        RecordedFields icmp = fields(p, 1);
        assertEquals(143L, icmp.get("type"));
        assertEquals("mldv2-report", icmp.get("type_name"));
        assertEquals(true, icmp.get("checksum_ok"));
        assertEquals(6L, icmp.get("records"));
        assertEquals("IP6 :: > ff02::16 hlim 1 plen 136 ext [hop-by-hop(rtalert 0)]: ICMP6 multicast listener report v2,"
                + " 6 group record(s), length 128", TestBytes.describe(p));
    }

    @Test
    void tcpSyn() {
        DecodedPacket p = decode(Captures6.TCP_SYN);
        assertEquals("tcp", p.proto());
        assertEquals("fdb5:481:10ce:0:8c41:aaff:fea9:f674", p.src());
        assertEquals("fec0::105", p.dst());
        RecordedFields tcp = fields(p, 1);
        assertEquals(52190L, tcp.get("sport"));
        assertEquals(54322L, tcp.get("dport"));
        assertEquals(3748496178L, tcp.get("seq"));
        assertEquals(64800L, tcp.get("win"));
        assertEquals(0x535fL, tcp.get("checksum"));
        assertEquals(true, tcp.get("checksum_ok"));
        assertEquals("mss 1440,sackOK,TS val 3095133499 ecr 0,nop,wscale 7", tcp.get("options"));
        assertEquals("IP6 fdb5:481:10ce:0:8c41:aaff:fea9:f674 > fec0::105 hlim 64 plen 40 flow 0xa1f94: TCP 52190 > 54322"
                + " Flags [S], seq 3748496178, win 64800, options [mss 1440,sackOK,TS val 3095133499 ecr 0,nop,wscale 7],"
                + " length 0", TestBytes.describe(p));
    }

    /** tcpdump: "cksum 0x0030 (incorrect -> 0x7d18)". */
    @Test
    void tcpBadChecksumOnLoopback() {
        DecodedPacket p = decode(Captures6.TCP_SYN_LOOPBACK_OFFLOADED);
        assertEquals(false, fields(p, 1).get("checksum_ok"));
        assertEquals(65476, ((Tcp) p.layer(1)).mss());
        assertEquals(10, ((Tcp) p.layer(1)).windowScale());
        assertTrue(TestBytes.describe(p.layer(1)).contains("bad cksum 0x0030"), TestBytes.describe(p.layer(1)));
    }

    @Test
    void udpOverIpv6() {
        DecodedPacket p = decode(Captures6.UDP_XDP);
        assertEquals("udp", p.proto());
        RecordedFields udp = fields(p, 1);
        assertEquals(9091L, udp.get("sport"));
        assertEquals(44339L, udp.get("dport"));
        assertEquals(11L, udp.get("len"));
        assertEquals(0x0b4bL, udp.get("checksum"));
        assertEquals(true, udp.get("checksum_ok"));
        assertEquals("UDP 9091 > 44339, length 3", TestBytes.describe(p.layer(1)));
    }

    /** RFC 8200 8.1: a zero UDP checksum is not "none" over IPv6 but wrong. */
    @Test
    void zeroUdpChecksumIsWrongOverIpv6() {
        byte[] bytes = Captures6.UDP_XDP.clone();
        bytes[46] = 0;
        bytes[47] = 0;
        DecodedPacket p = decode(bytes);
        assertEquals(false, fields(p, 1).get("checksum_ok"));
        assertTrue(TestBytes.describe(p.layer(1)).endsWith("bad cksum 0x0000"), TestBytes.describe(p.layer(1)));
    }

    @Test
    void dnsQueryAndThePortUnreachableQuotingIt() {
        DecodedPacket p = decode(Built6.dnsQuery());
        assertEquals("IP6 2001:db8::1 > 2001:db8::53 hlim 64 plen 37 flow 0x12345: UDP 40000 > 53, length 29",
                TestBytes.describe(p));
        assertEquals(true, fields(p, 1).get("checksum_ok"));

        p = decode(Built6.portUnreachable());
        assertEquals(4, p.size());
        assertEquals(2, p.quotedStart());
        assertFalse(p.truncated(), "a quote is not a truncated capture");
        assertEquals("icmp6", p.proto());
        RecordedFields icmp = fields(p, 1);
        assertEquals(1L, icmp.get("type"));
        assertEquals("dest-unreach", icmp.get("type_name"));
        assertEquals(4L, icmp.get("code"));
        assertEquals("port-unreachable", icmp.get("code_name"));
        assertEquals(true, icmp.get("checksum_ok"));
        assertEquals("ip6", p.layer(2).name());
        assertEquals(0x12345L, fields(p, 2).get("flow"));
        RecordedFields quotedUdp = fields(p, 3);
        assertEquals(40000L, quotedUdp.get("sport"));
        assertEquals(53L, quotedUdp.get("dport"));
        assertNull(quotedUdp.get("checksum_ok"), "a quote is not verified");
        assertEquals("IP6 2001:db8::53 > 2001:db8::1 hlim 64 plen 85: ICMP6 destination unreachable, unreachable port, length 85"
                + ": IP6 2001:db8::1 > 2001:db8::53 hlim 64 plen 37 flow 0x12345: UDP 40000 > 53, length 29",
                TestBytes.describe(p));
    }

    @Test
    void otherErrors() {
        DecodedPacket p = decode(Built6.packetTooBig());
        assertEquals(1280L, fields(p, 1).get("mtu"));
        assertEquals(true, fields(p, 1).get("checksum_ok"));
        assertEquals(4, p.size());
        assertEquals("icmp6", p.layer(3).name());
        assertEquals(0L, fields(p, 3).get("id"));
        assertTrue(TestBytes.describe(p).contains("ICMP6 packet too big, mtu 1280, length 68: IP6 fd00:fde8::15:33"),
                TestBytes.describe(p));

        p = decode(Built6.timeExceeded());
        assertEquals("hop-limit-exceeded", fields(p, 1).get("code_name"));
        assertEquals("tcp", p.layer(3).name());
        assertEquals(52190L, fields(p, 3).get("sport"));
        assertTrue(TestBytes.describe(p).contains("ICMP6 time exceeded in-transit, length "), TestBytes.describe(p));

        p = decode(Built6.paramProblem());
        assertEquals(6L, fields(p, 1).get("pointer"));
        assertEquals("unrecognized-next-header", fields(p, 1).get("code_name"));
        assertEquals(3, p.size(), "the quoted packet's next header 253 has nothing decodable after it");
        assertTrue(TestBytes.describe(p).contains("ICMP6 parameter problem, unrecognized next header, pointer 6"),
                TestBytes.describe(p));
    }

    @Test
    void fragments() {
        DecodedPacket p = decode(Built6.firstFragment());
        Ipv6 ip = (Ipv6) p.layer(0);
        assertTrue(ip.fragmented());
        assertTrue(ip.firstFragment());
        assertTrue(ip.moreFragments());
        assertEquals(0, ip.fragmentOffset());
        assertEquals(0x1234L, ip.fragmentId());
        assertEquals("fragment(off 0,M,id 0x1234)", fields(p, 0).get("ext"));
        assertEquals("udp", p.layer(1).name(), "the first fragment holds the UDP header");
        assertEquals(5000L, fields(p, 1).get("sport"));
        assertNull(fields(p, 1).get("checksum_ok"), "the checksum covers the reassembled datagram");

        p = decode(Built6.lastFragment());
        ip = (Ipv6) p.layer(0);
        assertFalse(ip.firstFragment());
        assertFalse(ip.moreFragments());
        assertEquals(3, ip.fragmentOffset());
        assertEquals(2, p.size());
        assertEquals("udp", p.proto());
        RecordedFields raw = fields(p, 1);
        assertEquals("raw", p.layer(1).name());
        assertEquals("udp", raw.get("proto"));
        assertEquals("fragment", raw.get("note"));
        assertEquals(24L, raw.get("len"));
        assertEquals("IP6 2001:db8::1 > 2001:db8::53 hlim 64 plen 32 ext [fragment(off 3,id 0x1234)]: proto udp,"
                + " fragment, length 24", TestBytes.describe(p));
    }

    @Test
    void segmentRoutingHeaderChecksumUsesTheFinalDestination() {
        DecodedPacket p = decode(Built6.udpWithSegmentRouting());
        assertEquals("routing(type 4,segleft 1)", fields(p, 0).get("ext"));
        assertEquals(true, fields(p, 1).get("checksum_ok"));
        assertEquals("2001:db8::fe", p.dst(), "the destination field, as tcpdump shows it");
    }

    /** A chain of every walkable kind: hop-by-hop, dstopts, routing, fragment, AH (its own length unit), then TCP. */
    @Test
    void longChainIsWalked() {
        byte[] hbh = {IpProtocol.IPV6_OPTS, 0, 1, 4, 0, 0, 0, 0};
        byte[] dst = {IpProtocol.IPV6_ROUTE, 1, (byte) 0xc9, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] rt = {IpProtocol.IPV6_FRAG, 0, 0, 0, 0, 0, 0, 0};
        byte[] frag = Ipv6Builder.fragmentHeader(IpProtocol.AH, 0, false, 0xabcdef01L);
        byte[] ah = new byte[24];
        ah[0] = IpProtocol.TCP;
        ah[1] = 4; // (4 + 2) * 4 = 24 bytes
        ah[7] = 1; // SPI 1
        byte[] ext = concat(hbh, dst, rt, frag, ah);
        ByteBuffer out = ByteBuffer.allocate(200);
        byte[] a = Built6.CLIENT;
        byte[] b = Built6.SERVER;
        TcpBuilder tcp = new TcpBuilder().sport(1).dport(2);
        new Ipv6Builder().nextHeader(IpProtocol.HOPOPT).src(a).dst(b).extensionHeaders(ext).build().emit(out, tcp.build().headerLength());
        tcp.build().emit(out, null, a, b);
        DecodedPacket p = decode(TestBytes.written(out));
        Ipv6 ip = (Ipv6) p.layer(0);
        assertEquals(5, ip.extensionCount());
        assertTrue(ip.chainComplete());
        assertEquals(IpProtocol.TCP, ip.upperProtocol());
        assertEquals(40 + ext.length, ip.upperOffset());
        assertEquals("hop-by-hop,dstopts(len 16,opt 0xc9),routing(type 0,segleft 0),fragment(off 0,id 0xabcdef01),"
                + "ah(len 24,spi 0x1)", fields(p, 0).get("ext"));
        assertEquals("tcp", p.layer(1).name());
        assertEquals(true, fields(p, 1).get("checksum_ok"));
        assertNull(fields(p, 0).get("malformed"));
    }

    @Test
    void espAndNoNextHeaderStopTheWalk() {
        ByteBuffer out = ByteBuffer.allocate(100);
        new Ipv6Builder().nextHeader(IpProtocol.IPV6_OPTS).extensionHeaders(new byte[] {IpProtocol.ESP, 0, 1, 4, 0, 0, 0, 0})
                .build().emit(out, 16);
        out.put(new byte[16]);
        DecodedPacket p = decode(TestBytes.written(out));
        assertEquals(IpProtocol.ESP, ((Ipv6) p.layer(0)).upperProtocol());
        assertEquals("50", p.proto());
        assertEquals("esp", fields(p, 1).get("proto"));
        assertTrue(TestBytes.describe(p).startsWith("IP6 :: > :: hlim 64 plen 24 ext [dstopts] proto esp: proto esp, length 16"),
                TestBytes.describe(p));

        out.clear();
        new Ipv6Builder().build().emit(out, 0);
        p = decode(TestBytes.written(out));
        assertEquals(1, p.size());
        assertEquals("59", p.proto());
        assertEquals("IP6 :: > :: hlim 64 plen 0 no next header", TestBytes.describe(p));
    }

    @Test
    void malformedChains() {
        // 17 destination-options headers: one more than the walk follows
        byte[] ext = new byte[17 * 8];
        for (int i = 0; i < 17; i++) {
            ext[i * 8] = (byte) (i < 16 ? IpProtocol.IPV6_OPTS : IpProtocol.UDP);
            ext[i * 8 + 2] = 1;
            ext[i * 8 + 3] = 4;
        }
        DecodedPacket p = decode(packet(IpProtocol.IPV6_OPTS, ext, 8));
        Ipv6 ip = (Ipv6) p.layer(0);
        assertEquals(Ipv6.MAX_EXTENSION_HEADERS, ip.extensionCount());
        assertFalse(ip.chainComplete());
        assertEquals(1, p.size());
        assertEquals("too many extension headers", fields(p, 0).get("malformed"));

        // an extension header whose length runs past the payload length
        p = decode(packet(IpProtocol.IPV6_ROUTE, new byte[] {IpProtocol.UDP, (byte) 255, 0, 0, 0, 0, 0, 0}, 8));
        assertEquals("extension header beyond payload length", fields(p, 0).get("malformed"));
        assertEquals(1, p.size());

        // hop-by-hop after another header
        p = decode(packet(IpProtocol.IPV6_OPTS, concat(new byte[] {0, 0, 1, 4, 0, 0, 0, 0},
                new byte[] {IpProtocol.IPV6_NONXT, 0, 1, 4, 0, 0, 0, 0}), 0));
        assertEquals("hop-by-hop not first", fields(p, 0).get("malformed"));

        // an option whose length runs past its header
        p = decode(packet(IpProtocol.HOPOPT, new byte[] {IpProtocol.IPV6_NONXT, 0, 5, 9, 0, 0, 0, 0}, 0));
        assertEquals("bad option length", fields(p, 0).get("malformed"));
        assertEquals("hop-by-hop([bad opt])", fields(p, 0).get("ext"));
    }

    @Test
    void truncatedChainAndHeader() {
        byte[] whole = Built6.firstFragment();
        DecodedPacket p = decode(Arrays.copyOf(whole, 44));
        assertEquals(1, p.size());
        assertTrue(p.truncated());
        assertNull(fields(p, 0).get("malformed"), "the capture ended, the header did not lie");
        assertTrue(TestBytes.describe(p).endsWith(" [truncated fragment]"), TestBytes.describe(p));

        p = decode(Arrays.copyOf(Captures6.TCP_SYN, 60));
        assertTrue(TestBytes.describe(p.layer(0)).endsWith(" [20 bytes missing]"), TestBytes.describe(p.layer(0)));
        assertEquals(true, fields(p, 1).get("truncated"));

        p = decode(Arrays.copyOf(Captures6.TCP_SYN, 39));
        assertEquals(1, p.size());
        assertNull(p.src());
        assertEquals("tcp", p.proto());
        assertEquals("[truncated ip6]", TestBytes.describe(p));
        assertEquals(64L, fields(p, 0).get("hlim"));
        assertNull(fields(p, 0).get("dst"));
    }

    @Test
    void versionNibbleOtherThanSixViaTheViewDirectly() {
        byte[] bytes = Captures6.ECHO_REQUEST.clone();
        bytes[0] = 0x70;
        Ipv6 ip = new Ipv6().wrap(ByteBuffer.wrap(bytes), 0, bytes.length);
        assertEquals("version is not 6", ip.malformed());
        assertEquals(7L, RecordedFields.of(ip).get("version"));
    }

    /** Decoding honours position and limit: bytes around the packet change nothing, and nothing moves. */
    @Test
    void decodesBetweenPositionAndLimit() {
        PositionAndLimit.assertHonoured(Captures6.all(), LinkType.RAW, 13);
    }

    private static byte[] packet(int nextHeader, byte[] ext, int payload) {
        ByteBuffer out = ByteBuffer.allocate(40 + ext.length + payload);
        new Ipv6Builder().nextHeader(nextHeader).extensionHeaders(ext).build().emit(out, payload);
        return out.array();
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
