package rawsock.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import rawsock.packet.Arp;
import rawsock.packet.ArpBuilder;
import rawsock.packet.DecodedPacket;
import rawsock.packet.Ethernet;
import rawsock.packet.EthernetBuilder;
import rawsock.packet.Icmp;
import rawsock.packet.IcmpBuilder;
import rawsock.packet.Icmpv6;
import rawsock.packet.Icmpv6Builder;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4;
import rawsock.packet.Ipv4Builder;
import rawsock.packet.Ipv6;
import rawsock.packet.Ipv6Builder;
import rawsock.packet.Layer;
import rawsock.packet.LinkType;
import rawsock.packet.MacAddress;
import rawsock.packet.PacketDecoder;
import rawsock.packet.Tcp;
import rawsock.packet.TcpBuilder;
import rawsock.packet.Udp;
import rawsock.packet.UdpBuilder;
import rawsock.packet.Vlan;
import rawsock.testing.RecordedFields;

/**
 * Valid packets built from generated field values (IPv4 and IPv6, each with ICMP/ICMPv6, UDP and
 * TCP with generated options; Ethernet with VLAN tags and ARP), decoded: every decoded field equals
 * the generated value, every checksum verifies, nothing is malformed or truncated; and building
 * again from the decoded values alone gives the same bytes. Addresses are compared through the
 * JDK's parser of the decoder's text, not through the project's own formatting.
 */
class RoundTripTest {
    private final PacketDecoder decoder = new PacketDecoder();

    // ---- IPv4 ------------------------------------------------------------------------------------

    @Property
    void ipv4Udp(@ForAll("ip4") PacketGen.Ip4 ip, @ForAll("udp") PacketGen.UdpSeg udp) {
        byte[] bytes = PacketGen.ipv4(ip, udp).bytes();
        DecodedPacket p = decode(bytes, LinkType.RAW, 2, "udp");
        Ipv4 ip4 = (Ipv4) p.layer(0);
        checkIpv4(ip4, ip, IpProtocol.UDP, bytes.length, p);
        checkUdp((Udp) p.layer(1), udp, bytes);
        assertArrayEquals(bytes, rebuildIpv4(ip4, bytes, rebuildUdp((Udp) p.layer(1), bytes)), "rebuilt from decoded values");
    }

    @Property
    void ipv4Tcp(@ForAll("ip4") PacketGen.Ip4 ip, @ForAll("tcp") PacketGen.TcpSeg tcp) {
        byte[] bytes = PacketGen.ipv4(ip, tcp).bytes();
        DecodedPacket p = decode(bytes, LinkType.RAW, 2, "tcp");
        Ipv4 ip4 = (Ipv4) p.layer(0);
        checkIpv4(ip4, ip, IpProtocol.TCP, bytes.length, p);
        checkTcp((Tcp) p.layer(1), tcp, bytes);
        assertArrayEquals(bytes, rebuildIpv4(ip4, bytes, rebuildTcp((Tcp) p.layer(1), bytes)), "rebuilt from decoded values");
    }

    @Property
    void ipv4Icmp(@ForAll("ip4") PacketGen.Ip4 ip, @ForAll("icmp") PacketGen.Echo echo) {
        byte[] bytes = PacketGen.ipv4(ip, echo).bytes();
        DecodedPacket p = decode(bytes, LinkType.RAW, 2, "icmp");
        Ipv4 ip4 = (Ipv4) p.layer(0);
        checkIpv4(ip4, ip, IpProtocol.ICMP, bytes.length, p);
        Icmp icmp = (Icmp) p.layer(1);
        assertEquals(echo.type(), icmp.type());
        assertEquals(echo.code(), icmp.code());
        assertEquals(echo.id(), icmp.id());
        assertEquals(echo.seq(), icmp.seq());
        assertEquals(8 + echo.payload().length, icmp.length());
        assertTrue(icmp.checksumOk(), "icmp checksum");
        assertFalse(icmp.truncated());
        RecordedFields f = RecordedFields.of(icmp);
        assertEquals(true, f.get("checksum_ok"));
        assertEquals((long) echo.id(), f.get("id"));
        assertEquals((long) echo.seq(), f.get("seq"));
        assertArrayEquals(echo.payload(), slice(bytes, icmp.quotedOffset(), icmp.quotedLength()));
        IcmpBuilder again = new IcmpBuilder().type(icmp.type()).code(icmp.code()).restOfHeader(icmp.restOfHeader());
        assertArrayEquals(bytes, rebuildIpv4(ip4, bytes, (src, dst) -> emit(out -> again.build().emit(out,
                ByteBuffer.wrap(slice(bytes, icmp.quotedOffset(), icmp.quotedLength()))))), "rebuilt from decoded values");
    }

    // ---- IPv6 ------------------------------------------------------------------------------------

    @Property
    void ipv6Udp(@ForAll("ip6") PacketGen.Ip6 ip, @ForAll("udp") PacketGen.UdpSeg udp) {
        byte[] bytes = PacketGen.ipv6(ip, udp).bytes();
        DecodedPacket p = decode(bytes, LinkType.RAW, 2, "udp");
        Ipv6 ip6 = (Ipv6) p.layer(0);
        checkIpv6(ip6, ip, IpProtocol.UDP, bytes.length, p);
        checkUdp((Udp) p.layer(1), udp, bytes);
        assertArrayEquals(bytes, rebuildIpv6(ip6, bytes, rebuildUdp((Udp) p.layer(1), bytes)), "rebuilt from decoded values");
    }

    @Property
    void ipv6Tcp(@ForAll("ip6") PacketGen.Ip6 ip, @ForAll("tcp") PacketGen.TcpSeg tcp) {
        byte[] bytes = PacketGen.ipv6(ip, tcp).bytes();
        DecodedPacket p = decode(bytes, LinkType.RAW, 2, "tcp");
        Ipv6 ip6 = (Ipv6) p.layer(0);
        checkIpv6(ip6, ip, IpProtocol.TCP, bytes.length, p);
        checkTcp((Tcp) p.layer(1), tcp, bytes);
        assertArrayEquals(bytes, rebuildIpv6(ip6, bytes, rebuildTcp((Tcp) p.layer(1), bytes)), "rebuilt from decoded values");
    }

    @Property
    void ipv6Icmpv6(@ForAll("ip6") PacketGen.Ip6 ip, @ForAll("icmp6") PacketGen.Echo echo) {
        byte[] bytes = PacketGen.ipv6(ip, echo).bytes();
        DecodedPacket p = decode(bytes, LinkType.RAW, 2, "icmp6");
        Ipv6 ip6 = (Ipv6) p.layer(0);
        checkIpv6(ip6, ip, IpProtocol.ICMP6, bytes.length, p);
        Icmpv6 icmp = (Icmpv6) p.layer(1);
        assertEquals(echo.type(), icmp.type());
        assertEquals(echo.code(), icmp.code());
        assertEquals(echo.id(), icmp.id());
        assertEquals(echo.seq(), icmp.seq());
        assertEquals(8 + echo.payload().length, icmp.length());
        assertTrue(icmp.checksumOk(), "icmp6 checksum");
        assertNull(icmp.malformed());
        assertFalse(icmp.truncated());
        RecordedFields f = RecordedFields.of(icmp);
        assertEquals(true, f.get("checksum_ok"));
        assertEquals((long) echo.id(), f.get("id"));
        assertEquals((long) echo.seq(), f.get("seq"));
        byte[] data = slice(bytes, icmp.quotedOffset(), icmp.quotedLength());
        assertArrayEquals(echo.payload(), data);
        Icmpv6Builder again = new Icmpv6Builder().type(icmp.type()).code(icmp.code()).restOfHeader(icmp.restOfHeader());
        assertArrayEquals(bytes, rebuildIpv6(ip6, bytes, (src, dst) -> emit(out -> again.build().emit(out, ByteBuffer.wrap(data), src, dst))),
                "rebuilt from decoded values");
    }

    // ---- Ethernet --------------------------------------------------------------------------------

    @Property
    void ethernetArp(@ForAll("eth") PacketGen.Eth eth, @ForAll("arp") PacketGen.ArpMsg msg) {
        byte[] bytes = PacketGen.frame(eth, rawsock.packet.EtherType.ARP, msg).bytes();
        DecodedPacket p = decode(bytes, LinkType.ETHERNET, 2 + eth.tags().size(), "arp");
        Ethernet e = checkEthernet(p, eth);
        Arp arp = (Arp) p.layer(1 + eth.tags().size());
        assertEquals(Arp.HTYPE_ETHERNET, arp.htype());
        assertEquals(rawsock.packet.EtherType.IPV4, arp.ptype());
        assertEquals(6, arp.hlen());
        assertEquals(4, arp.plen());
        assertEquals(msg.op(), arp.operation());
        assertTrue(arp.complete() && arp.isEthernetIpv4() && !arp.truncated());
        assertArrayEquals(msg.senderMac(), MacAddress.parse(arp.senderMacText()));
        assertArrayEquals(msg.targetMac(), MacAddress.parse(arp.targetMacText()));
        assertArrayEquals(msg.senderIp(), address(arp.senderIpText(), 4));
        assertArrayEquals(msg.targetIp(), address(arp.targetIpText(), 4));
        assertEquals(arp.senderIpText(), p.src());
        assertEquals(arp.targetIpText(), p.dst());
        RecordedFields f = RecordedFields.of(arp);
        assertEquals((long) msg.op(), f.get("op"));
        assertEquals(arp.senderMacText(), f.get("sender_hw"));
        assertEquals(arp.targetIpText(), f.get("target_proto"));

        ArpBuilder again = new ArpBuilder().operation(arp.operation())
                .senderMac(MacAddress.parse(arp.senderMacText())).senderIp(address(arp.senderIpText(), 4))
                .targetMac(MacAddress.parse(arp.targetMacText())).targetIp(address(arp.targetIpText(), 4));
        assertArrayEquals(bytes, rebuildFrame(p, e, bytes.length > arp.offset() + Arp.ETHERNET_IPV4_LENGTH, again.build()::emit),
                "rebuilt from decoded values");
    }

    /**
     * A valid IP packet in a frame with VLAN tags: the Ethernet and VLAN fields are the generated
     * ones, and the IP layers say exactly what they say of the packet alone, padding or not.
     */
    @Property
    void ethernetCarriesIpUnchanged(@ForAll("eth") PacketGen.Eth eth, @ForAll("validIp") PacketGen.Built ip) {
        int type = (ip.bytes()[0] & 0xf0) == 0x40 ? rawsock.packet.EtherType.IPV4 : rawsock.packet.EtherType.IPV6;
        byte[] frame = PacketGen.frame(eth, type, ip).bytes();
        Exercise.Snapshot alone = Exercise.decodeAndCheck(new PacketDecoder(), ByteBuffer.wrap(ip.bytes()), LinkType.RAW);
        DecodedPacket p = decoder.decode(ByteBuffer.wrap(frame), LinkType.ETHERNET);
        Ethernet e = checkEthernet(p, eth);
        List<String> ipLayers = Exercise.decodeAndCheck(new PacketDecoder(), ByteBuffer.wrap(frame), LinkType.ETHERNET)
                .layers().subList(1 + eth.tags().size(), p.size());
        assertEquals(alone.layers(), ipLayers);
        assertEquals(alone.src(), p.src());
        assertEquals(alone.dst(), p.dst());
        assertEquals(alone.proto(), p.proto());
        byte[] inner = slice(frame, e.payloadOffset() + 4 * eth.tags().size(), ip.bytes().length);
        assertArrayEquals(bytes(ip), inner);
        assertArrayEquals(frame, rebuildFrame(p, e, frame.length > e.payloadOffset() + 4 * eth.tags().size() + ip.bytes().length,
                out -> out.put(inner)), "rebuilt from decoded values");
    }

    private static byte[] bytes(PacketGen.Built b) {
        return b.bytes();
    }

    // ---- checks ----------------------------------------------------------------------------------

    private DecodedPacket decode(byte[] bytes, LinkType link, int layers, String proto) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        DecodedPacket p = decoder.decode(buf, link);
        assertEquals(layers, p.size(), () -> "layers of " + Hexes.of(bytes));
        assertEquals(p.size(), p.quotedStart(), "nothing quoted");
        assertFalse(p.truncated(), "truncated");
        assertEquals(proto, p.proto());
        for (int i = 0; i < p.size(); i++) {
            Layer layer = p.layer(i);
            RecordedFields f = RecordedFields.of(layer);
            assertNull(f.get("malformed"), () -> layer.name() + " malformed: " + f.values);
            assertNull(f.get("truncated"), () -> layer.name() + " truncated: " + f.values);
            assertNotEquals(false, f.ofAnyLayer("checksum_ok"), () -> layer.name() + " checksum: " + f.values);
        }
        return p;
    }

    private static void checkIpv4(Ipv4 ip, PacketGen.Ip4 spec, int protocol, int total, DecodedPacket p) {
        int optionBytes = (spec.options().length + 3) & ~3;
        assertEquals(4, ip.version());
        assertEquals(5 + optionBytes / 4, ip.ihl());
        assertEquals(spec.tos(), ip.tos());
        assertEquals(total, ip.totalLength());
        assertEquals(spec.id(), ip.id());
        assertEquals(spec.rf(), ip.reservedFlag());
        assertEquals(spec.df(), ip.df());
        assertFalse(ip.mf());
        assertEquals(0, ip.fragmentOffset());
        assertEquals(spec.ttl(), ip.ttl());
        assertEquals(protocol, ip.protocol());
        assertArrayEquals(spec.src(), address(ip.srcText(), 4));
        assertArrayEquals(spec.dst(), address(ip.dstText(), 4));
        assertTrue(ip.checksumOk(), "ip checksum");
        assertNull(ip.malformed());
        assertFalse(ip.truncated());
        assertEquals(total - 20 - optionBytes, ip.payloadLength());
        RecordedFields f = RecordedFields.of(ip);
        assertEquals(true, f.get("checksum_ok"));
        assertEquals((long) spec.ttl(), f.get("ttl"));
        assertEquals((long) spec.id(), f.get("id"));
        assertEquals((long) total, f.get("len"));
        assertEquals(optionBytes > 0, f.values.containsKey("options"));
        assertEquals(ip.srcText(), f.get("src"));
        assertEquals(ip.srcText(), p.src());
        assertEquals(ip.dstText(), p.dst());
    }

    private static void checkIpv6(Ipv6 ip, PacketGen.Ip6 spec, int protocol, int total, DecodedPacket p) {
        int extBytes = 0;
        for (PacketGen.Ext e : spec.exts()) {
            extBytes += e.bytes().length;
        }
        assertEquals(6, ip.version());
        assertEquals(spec.tclass(), ip.trafficClass());
        assertEquals(spec.flow(), ip.flowLabel());
        assertEquals(spec.hopLimit(), ip.hopLimit());
        assertEquals(total - 40, ip.payloadLength());
        assertEquals(spec.exts().isEmpty() ? protocol : spec.exts().get(0).type(), ip.nextHeader());
        assertArrayEquals(spec.src(), address(ip.srcText(), 16));
        assertArrayEquals(spec.dst(), address(ip.dstText(), 16));
        assertEquals(spec.exts().size(), ip.extensionCount());
        for (int i = 0; i < spec.exts().size(); i++) {
            assertEquals(spec.exts().get(i).type(), ip.extensionType(i));
            assertEquals(spec.exts().get(i).bytes().length, ip.extensionLength(i));
        }
        assertTrue(ip.chainComplete());
        assertEquals(protocol, ip.upperProtocol());
        assertEquals(ip.offset() + 40 + extBytes, ip.upperOffset());
        assertEquals(total - 40 - extBytes, ip.upperLength());
        assertEquals(total - 40 - extBytes, ip.declaredUpperLength());
        assertTrue(ip.firstFragment());
        assertFalse(ip.moreFragments());
        assertNull(ip.malformed());
        assertFalse(ip.truncated());
        RecordedFields f = RecordedFields.of(ip);
        assertEquals((long) spec.hopLimit(), f.get("hlim"));
        assertEquals((long) spec.flow(), f.get("flow"));
        assertEquals((long) protocol, f.get("proto"));
        assertEquals(ip.srcText(), p.src());
        assertEquals(ip.dstText(), p.dst());
    }

    private static void checkUdp(Udp udp, PacketGen.UdpSeg spec, byte[] bytes) {
        assertEquals(spec.sport(), udp.sport());
        assertEquals(spec.dport(), udp.dport());
        assertEquals(8 + spec.payload().length, udp.length());
        assertTrue(udp.checksumOk(), "udp checksum");
        assertNull(udp.malformed());
        assertFalse(udp.truncated());
        assertArrayEquals(spec.payload(), slice(bytes, udp.payloadOffset(), udp.payloadLength()));
        RecordedFields f = RecordedFields.of(udp);
        assertEquals((long) spec.sport(), f.get("sport"));
        assertEquals((long) spec.dport(), f.get("dport"));
        assertEquals(true, f.get("checksum_ok"));
    }

    private static void checkTcp(Tcp tcp, PacketGen.TcpSeg spec, byte[] bytes) {
        int optionBytes = (spec.options().length + 3) & ~3;
        assertEquals(spec.sport(), tcp.sport());
        assertEquals(spec.dport(), tcp.dport());
        assertEquals(spec.seq(), tcp.seq());
        assertEquals(spec.ack(), tcp.ack());
        assertEquals(spec.flags(), tcp.flags());
        assertEquals(spec.window(), tcp.window());
        assertEquals(spec.urgent(), tcp.urgent());
        assertEquals(20 + optionBytes, tcp.headerLength());
        assertEquals(spec.mss(), tcp.mss(), "mss");
        assertEquals(spec.windowScale(), tcp.windowScale(), "window scale");
        assertTrue(tcp.checksumOk(), "tcp checksum");
        assertNull(tcp.malformed());
        assertFalse(tcp.truncated());
        assertEquals(spec.payload().length, tcp.payloadLength());
        assertArrayEquals(spec.payload(), slice(bytes, tcp.payloadOffset(), tcp.payloadLength()));
        RecordedFields f = RecordedFields.of(tcp);
        assertEquals(spec.seq(), f.get("seq"));
        assertEquals(spec.ack(), f.get("ack"));
        assertEquals(true, f.get("checksum_ok"));
        assertEquals(optionBytes > 0, f.values.containsKey("options"));
    }

    private static Ethernet checkEthernet(DecodedPacket p, PacketGen.Eth spec) {
        Ethernet e = (Ethernet) p.layer(0);
        assertArrayEquals(spec.dst(), e.dst());
        assertArrayEquals(spec.src(), e.src());
        assertArrayEquals(spec.dst(), MacAddress.parse(e.dstText()));
        assertFalse(e.truncated());
        for (int i = 0; i < spec.tags().size(); i++) {
            PacketGen.Tag t = spec.tags().get(i);
            Vlan v = (Vlan) p.layer(1 + i);
            assertEquals(t.tpid(), v.tpid());
            assertEquals(t.pcp(), v.pcp());
            assertEquals(t.dei(), v.dei());
            assertEquals(t.vid(), v.vid());
            assertFalse(v.truncated());
        }
        return e;
    }

    // ---- rebuilding from decoded values ----------------------------------------------------------

    /** Writes a transport given the pseudo-header's addresses; returns its bytes. */
    @FunctionalInterface
    private interface Upper {
        byte[] build(byte[] src, byte[] dst);
    }

    @FunctionalInterface
    private interface Emit {
        void into(ByteBuffer out);
    }

    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(70_000));

    private static final ThreadLocal<ByteBuffer> FRAME_SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(70_100));

    private static byte[] emit(Emit emit) {
        ByteBuffer out = SCRATCH.get().clear();
        emit.into(out);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static Upper rebuildUdp(Udp udp, byte[] bytes) {
        byte[] data = slice(bytes, udp.payloadOffset(), udp.payloadLength());
        UdpBuilder b = new UdpBuilder().sport(udp.sport()).dport(udp.dport());
        return (src, dst) -> emit(out -> b.build().emit(out, ByteBuffer.wrap(data), src, dst));
    }

    private static Upper rebuildTcp(Tcp tcp, byte[] bytes) {
        byte[] options = slice(bytes, tcp.offset() + 20, tcp.headerLength() - 20);
        byte[] data = slice(bytes, tcp.payloadOffset(), tcp.payloadLength());
        TcpBuilder b = new TcpBuilder().sport(tcp.sport()).dport(tcp.dport()).seq(tcp.seq()).ack(tcp.ack())
                .flags(tcp.flags()).window(tcp.window()).urgent(tcp.urgent()).options(options);
        return (src, dst) -> emit(out -> b.build().emit(out, ByteBuffer.wrap(data), src, dst));
    }

    private static byte[] rebuildIpv4(Ipv4 ip, byte[] bytes, Upper upper) {
        byte[] src = address(ip.srcText(), 4);
        byte[] dst = address(ip.dstText(), 4);
        byte[] options = slice(bytes, ip.offset() + 20, ip.headerLength() - 20);
        // RFC 9293 3.1: behind a source route the pseudo-header names its last hop
        byte[] l4 = upper.build(src, new PacketGen.Ip4(0, 0, false, false, 0, src, dst, options).finalDst());
        Ipv4Builder b = new Ipv4Builder().tos(ip.tos()).id(ip.id()).reservedFlag(ip.reservedFlag()).df(ip.df())
                .mf(ip.mf()).fragmentOffset(ip.fragmentOffset()).ttl(ip.ttl()).protocol(ip.protocol()).src(src).dst(dst)
                .options(options);
        ByteBuffer out = ByteBuffer.allocate(b.build().headerLength() + l4.length);
        b.build().emit(out, l4.length);
        out.put(l4);
        return out.array();
    }

    private static byte[] rebuildIpv6(Ipv6 ip, byte[] bytes, Upper upper) {
        byte[] src = address(ip.srcText(), 16);
        byte[] dst = address(ip.dstText(), 16);
        byte[] finalDst = dst;
        List<byte[]> exts = new ArrayList<>();
        for (int i = 0; i < ip.extensionCount(); i++) {
            byte[] ext = slice(bytes, ip.extensionOffset(i), ip.extensionLength(i));
            exts.add(ext);
            // RFC 8200 8.1: behind a type 2 Routing header with a segment left, the pseudo-header names its address
            if (finalDst == dst && ip.extensionType(i) == IpProtocol.IPV6_ROUTE && ext[2] == 2 && ext[3] != 0) {
                finalDst = Arrays.copyOfRange(ext, 8, 24);
            }
        }
        byte[] l4 = upper.build(src, finalDst);
        java.io.ByteArrayOutputStream chain = new java.io.ByteArrayOutputStream();
        exts.forEach(chain::writeBytes);
        Ipv6Builder b = new Ipv6Builder().trafficClass(ip.trafficClass()).flowLabel(ip.flowLabel())
                .hopLimit(ip.hopLimit()).nextHeader(ip.nextHeader()).src(src).dst(dst).extensionHeaders(chain.toByteArray());
        ByteBuffer out = ByteBuffer.allocate(b.build().headerLength() + l4.length);
        b.build().emit(out, l4.length);
        out.put(l4);
        return out.array();
    }

    private static byte[] rebuildFrame(DecodedPacket p, Ethernet e, boolean padded, Emit payload) {
        EthernetBuilder b = new EthernetBuilder().dst(e.dst()).src(e.src()).padToMinimum(padded);
        int type = e.etherType();
        for (int i = 1; i < p.size() && p.layer(i) instanceof Vlan v; i++) {
            b.vlan(v.tpid(), v.pcp(), v.dei(), v.vid());
            type = v.etherType();
        }
        b.etherType(type);
        ByteBuffer out = FRAME_SCRATCH.get().clear();
        b.build().emit(out);
        payload.into(out);
        b.finish(out, 0);
        return Arrays.copyOf(out.array(), out.position());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static byte[] slice(byte[] bytes, int from, int length) {
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    /** The address the decoder's text names, parsed by the JDK ({@code length} 4 or 16 bytes). */
    static byte[] address(String text, int length) {
        try {
            byte[] a = InetAddress.getByName(text).getAddress();
            if (length == 16 && InetAddress.getByName(text) instanceof Inet4Address) {
                // the JDK turns ::ffff:a.b.c.d into an IPv4 address
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(a, 0, mapped, 12, 4);
                return mapped;
            }
            assertEquals(length, a.length, () -> "address text " + text);
            return a;
        } catch (UnknownHostException e) {
            throw new AssertionError("not an address: '" + text + "'", e);
        }
    }

    // ---- generators ------------------------------------------------------------------------------

    @Provide
    Arbitrary<PacketGen.Ip4> ip4() {
        return PacketGen.ip4();
    }

    @Provide
    Arbitrary<PacketGen.Ip6> ip6() {
        return PacketGen.ip6(true);
    }

    @Provide
    Arbitrary<PacketGen.UdpSeg> udp() {
        return PacketGen.udp();
    }

    @Provide
    Arbitrary<PacketGen.TcpSeg> tcp() {
        return PacketGen.tcp();
    }

    @Provide
    Arbitrary<PacketGen.Echo> icmp() {
        return PacketGen.icmpEcho();
    }

    @Provide
    Arbitrary<PacketGen.Echo> icmp6() {
        return PacketGen.icmp6Echo();
    }

    @Provide
    Arbitrary<PacketGen.Eth> eth() {
        return PacketGen.eth(3);
    }

    @Provide
    Arbitrary<PacketGen.ArpMsg> arp() {
        return PacketGen.arp();
    }

    /** Valid IPv4 and IPv6 packets with UDP, TCP or ICMP/ICMPv6. */
    @Provide
    Arbitrary<PacketGen.Built> validIp() {
        return PacketGen.validIp();
    }
}
