package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import rawsock.testing.RecordedFields;

/**
 * EthernetBuilder and ArpBuilder rebuild the real frames of {@link LinkCaptures} from the values
 * tcpdump printed for them, byte for byte; then build-decode round trips.
 */
class LinkBuilderTest {
    private static void assertBytes(byte[] expected, ByteBuffer out) {
        assertEquals(TestBytes.hex(expected), TestBytes.hex(TestBytes.written(out)));
    }

    private static byte[] mac(String text) {
        return MacAddress.parse(text);
    }

    private static byte[] ip(String dotted) {
        String[] parts = dotted.split("\\.");
        return TestBytes.ip(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]));
    }

    @Test
    void arpRequestPaddedTo60() {
        byte[] sender = mac("bc:ee:7b:9d:ee:02");
        EthernetBuilder eth = new EthernetBuilder().dst(MacAddress.broadcast()).src(sender).etherType(EtherType.ARP)
                .padToMinimum(true);
        ByteBuffer out = ByteBuffer.allocate(100);
        assertEquals(14, eth.build().emit(out));
        assertEquals(28, ArpBuilder.request(sender, ip("192.168.5.109"), ip("192.168.5.190")).build().emit(out));
        assertEquals(18, eth.finish(out, 0));
        assertBytes(LinkCaptures.ARP_REQUEST, out);
    }

    @Test
    void arpReplyNotPadded() {
        byte[] me = mac("40:16:7e:79:c7:36");
        byte[] peer = mac("bc:ee:7b:9d:ee:02");
        EthernetBuilder eth = new EthernetBuilder().dst(peer).src(me).etherType(EtherType.ARP);
        ByteBuffer out = ByteBuffer.allocate(100);
        eth.build().emit(out);
        ArpBuilder.reply(me, ip("192.168.5.190"), peer, ip("192.168.5.109")).build().emit(out);
        assertEquals(0, eth.finish(out, 0), "no padding unless asked");
        assertBytes(LinkCaptures.ARP_REPLY, out);
    }

    /** MetalLB's pair: a request and a reply, both with the broadcast target MAC, padded. */
    @Test
    void gratuitousArpLikeMetalLb() {
        byte[] me = mac("3e:fe:37:3d:d5:2c");
        byte[] vip = ip("172.19.255.200");
        EthernetBuilder eth = new EthernetBuilder().dst(MacAddress.broadcast()).src(me).etherType(EtherType.ARP)
                .padToMinimum(true);
        ByteBuffer out = ByteBuffer.allocate(60);
        eth.build().emit(out);
        ArpBuilder.gratuitous(me, vip).targetMac(MacAddress.broadcast()).build().emit(out);
        eth.finish(out, 0);
        assertBytes(LinkCaptures.GARP_REQUEST, out);

        out.clear();
        eth.build().emit(out);
        ArpBuilder.gratuitous(me, vip).targetMac(MacAddress.broadcast()).operation(Arp.REPLY).build().emit(out);
        eth.finish(out, 0);
        assertBytes(LinkCaptures.GARP_REPLY, out);
    }

    /** RFC 5227 2.3: sender IP = target IP, target MAC zero. */
    @Test
    void gratuitousDefaultsToTheRfc5227Announcement() {
        byte[] me = mac("02:00:00:00:00:01");
        ByteBuffer out = ByteBuffer.allocate(28);
        ArpBuilder.gratuitous(me, ip("192.0.2.7")).build().emit(out);
        Arp arp = new Arp().wrap(out, 0, 28);
        assertEquals(Arp.REQUEST, arp.operation());
        assertEquals("192.0.2.7", arp.senderIpText());
        assertEquals("192.0.2.7", arp.targetIpText());
        assertEquals("00:00:00:00:00:00", arp.targetMacText());
        assertEquals("02:00:00:00:00:01", arp.senderMacText());
        assertEquals("ARP, Request who-has 192.0.2.7 tell 192.0.2.7, length 28", TestBytes.describe(arp));
    }

    @Test
    void ethernetCarryingAnEchoRequest() {
        byte[] src = ip("10.0.0.1");
        byte[] dst = ip("10.0.0.4");
        ByteBuffer payload = TestBytes.slice(LinkCaptures.ETH_ICMP_ECHO, 14 + 28, 98);
        ByteBuffer out = ByteBuffer.allocate(98);
        new EthernetBuilder().dst(mac("00:00:00:00:00:04")).src(mac("00:00:00:00:00:01")).build().emit(out);
        new Ipv4Builder().id(64293).df(true).protocol(IpProtocol.ICMP).src(src).dst(dst).build().emit(out, 64);
        new IcmpBuilder().type(IcmpTypes.ECHO_REQUEST).id(574).seq(0).build().emit(out, payload);
        assertBytes(LinkCaptures.ETH_ICMP_ECHO, out);
    }

    @Test
    void dot1qTaggedEchoRequest() {
        ByteBuffer payload = TestBytes.slice(LinkCaptures.VLAN_ICMP_ECHO, 18 + 28, 102);
        EthernetBuilder eth = new EthernetBuilder().dst(mac("00:16:3e:52:21:ec")).src(mac("00:16:3e:3c:2b:b3"))
                .vlan(20).etherType(EtherType.IPV4);
        assertEquals(18, eth.build().headerLength());
        ByteBuffer out = ByteBuffer.allocateDirect(102);
        assertEquals(18, eth.build().emit(out));
        new Ipv4Builder().id(49140).df(true).protocol(IpProtocol.ICMP).src(ip("10.0.20.1")).dst(ip("10.0.20.2"))
                .build().emit(out, 64);
        new IcmpBuilder().id(432).seq(1).build().emit(out, payload);
        assertEquals(0, eth.finish(out, 0));
        assertBytes(LinkCaptures.VLAN_ICMP_ECHO, out);
    }

    @Test
    void qinqArpRequestAndReply() {
        byte[] src = mac("00:0b:00:00:03:14");
        byte[] arpSender = mac("00:01:00:08:03:14");
        byte[] filler = "0".repeat(50).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        EthernetBuilder eth = new EthernetBuilder().dst(MacAddress.broadcast()).src(src)
                .vlan(EthernetBuilder.TPID_8021AD, 1, true, 203).vlan(EthernetBuilder.TPID_8021Q, 0, false, 201)
                .etherType(EtherType.ARP);
        assertEquals(22, eth.build().headerLength());
        assertEquals(2, eth.build().tags().length);
        ByteBuffer out = ByteBuffer.allocate(100);
        eth.build().emit(out);
        ArpBuilder.request(arpSender, ip("10.10.10.100"), ip("10.10.10.101")).build().emit(out);
        out.put(filler);
        assertBytes(LinkCaptures.QINQ_ARP_REQUEST, out);

        out.clear();
        eth.clearVlans().dst(mac("00:0a:00:00:03:14")).vlan(EthernetBuilder.TPID_8021AD, 1, true, 203)
                .vlan(EthernetBuilder.TPID_8021Q, 0, false, 202).build().emit(out);
        // The replier left the target fields zero and the target IP from the request.
        new ArpBuilder().operation("reply").senderMac(arpSender).senderIp(ip("10.10.10.100"))
                .targetIp(ip("10.10.10.101")).build().emit(out);
        out.put(filler);
        assertBytes(LinkCaptures.QINQ_ARP_REPLY, out);
    }

    @Test
    void twoDot1qTagsAndAServiceTag() {
        byte[] src = mac("02:06:0a:0e:ff:e2");
        ByteBuffer out = ByteBuffer.allocate(50);
        new EthernetBuilder().dst(MacAddress.broadcast()).src(src).vlan(223).vlan(11).etherType(EtherType.ARP).build().emit(out);
        ArpBuilder.request(src, ip("10.10.11.1"), ip("10.10.11.2")).build().emit(out);
        assertBytes(LinkCaptures.DOUBLE_8100_ARP, out);

        src = mac("00:08:5d:23:0c:3f");
        out = ByteBuffer.allocate(64);
        EthernetBuilder eth = new EthernetBuilder().dst(MacAddress.broadcast()).src(src)
                .vlan(EthernetBuilder.TPID_8021AD, 0, false, 200).etherType(EtherType.ARP).padToMinimum(true);
        eth.build().emit(out);
        ArpBuilder.request(src, ip("172.17.0.20"), ip("172.17.0.2")).build().emit(out);
        assertEquals(14, eth.finish(out, 0), "60 bytes, the tag counted, as ETH_ZLEN counts it");
        out.put(new byte[4]); // this sender padded to 64: 60 plus the tag
        assertBytes(LinkCaptures.STAG_ARP, out);
    }

    @Test
    void lldpAndStpHeaders() {
        ByteBuffer out = ByteBuffer.allocate(80);
        new EthernetBuilder().dst(mac("01:80:c2:00:00:0e")).src(mac("00:07:43:6c:f0:d7")).etherType(EtherType.LLDP)
                .build().emit(out);
        out.put(LinkCaptures.LLDP, 14, 66);
        assertBytes(LinkCaptures.LLDP, out);

        out = ByteBuffer.allocate(60);
        EthernetBuilder eth = new EthernetBuilder().dst(mac("01:80:c2:00:00:00")).src(mac("38:84:79:00:ea:d6"))
                .etherType(39).padToMinimum(true);
        eth.build().emit(out);
        out.put(LinkCaptures.STP_RSTP, 14, 39);
        assertEquals(7, eth.finish(out, 0));
        assertBytes(LinkCaptures.STP_RSTP, out);
    }

    @Test
    void padAtAnOffsetAndIntoATightBuffer() {
        ByteBuffer out = ByteBuffer.allocate(100);
        out.position(30);
        for (int i = 0; i < 100 - 30; i++) {
            out.put(30 + i, (byte) 0x77);
        }
        new EthernetBuilder().build().emit(out);
        out.put(new byte[] {1, 2, 3});
        assertEquals(43, EthernetBuilder.pad(out, 30));
        assertEquals(90, out.position());
        for (int i = 47; i < 90; i++) {
            assertEquals(0, out.get(i), "zero padding at " + i);
        }
        assertEquals(0x77, out.get(90));
        assertEquals(0, EthernetBuilder.pad(out, 30), "already 60");

        ByteBuffer tight = ByteBuffer.allocate(59);
        new EthernetBuilder().build().emit(tight);
        assertThrows(BufferOverflowException.class, () -> EthernetBuilder.pad(tight, 0));
    }

    @Test
    void builderRangesAndOverflow() {
        EthernetBuilder eth = new EthernetBuilder();
        assertThrows(IllegalArgumentException.class, () -> eth.vlan(4096));
        assertThrows(IllegalArgumentException.class, () -> eth.vlan(-1));
        assertThrows(IllegalArgumentException.class, () -> eth.vlan(0x8100, 8, false, 1));
        assertThrows(IllegalArgumentException.class, () -> eth.vlan(0x10000, 0, false, 1));
        assertThrows(IllegalArgumentException.class, () -> new EthernetBuilder().etherType(0x10000).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EthernetBuilder().dst(new byte[4]).build());
        assertTrue(e.getMessage().contains("6-byte"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EthernetBuilder().src(null).build());
        assertEquals(0, eth.build().tags().length, "a rejected tag is not added");
        ByteBuffer small = ByteBuffer.allocate(13);
        assertThrows(BufferOverflowException.class, () -> eth.build().emit(small));
        assertEquals(0, small.position());

        ArpBuilder arp = new ArpBuilder();
        assertThrows(IllegalArgumentException.class, () -> new ArpBuilder().senderIp(new byte[16]).build());
        assertThrows(IllegalArgumentException.class, () -> new ArpBuilder().targetMac(new byte[5]).build());
        assertThrows(IllegalArgumentException.class, () -> new ArpBuilder().operation(0x10000).build());
        assertThrows(IllegalArgumentException.class, () -> arp.operation("who-has"));
        assertThrows(IllegalArgumentException.class, () -> new ArpBuilder().hlen(256).build());
        assertThrows(BufferOverflowException.class, () -> arp.build().emit(ByteBuffer.allocate(27)));
    }

    @Test
    void recordsKeepCopies() {
        byte[] m = mac("02:00:00:00:00:01");
        EthernetFields eth = new EthernetBuilder().src(m).build();
        m[5] = 9;
        assertArrayEquals(mac("02:00:00:00:00:01"), eth.src());
        byte[] b = MacAddress.broadcast();
        b[0] = 0;
        assertArrayEquals(mac("ff:ff:ff:ff:ff:ff"), MacAddress.broadcast(), "the constant is handed out as a copy");
    }

    /** Every field the builders set comes back from the views. */
    @Test
    void roundTrips() {
        PacketDecoder decoder = new PacketDecoder();
        int[][] tagSets = {{}, {EtherType.VLAN}, {EtherType.QINQ, EtherType.VLAN},
            {EtherType.QINQ_9100, EtherType.VLAN, EtherType.VLAN}};
        int n = 0;
        for (int[] tpids : tagSets) {
            for (int op : new int[] {Arp.REQUEST, Arp.REPLY, 3, 8, 0xffff}) {
                n++;
                byte[] src = mac(String.format("02:00:00:00:%02x:01", n));
                byte[] dst = mac(String.format("0a:bb:cc:dd:%02x:02", n));
                EthernetBuilder eth = new EthernetBuilder().src(src).dst(dst).etherType(EtherType.ARP).padToMinimum(true);
                for (int t = 0; t < tpids.length; t++) {
                    eth.vlan(tpids[t], (n + t) % 8, (n + 2 * t) % 3 == 0, (n * 97 + t * 1000) % 4096);
                }
                ArpBuilder arp = new ArpBuilder().operation(op).senderMac(src).senderIp(TestBytes.ip(10, n, 0, 1))
                        .targetMac(dst).targetIp(TestBytes.ip(10, n, 0, 2));
                ByteBuffer out = ByteBuffer.allocate(128);
                eth.build().emit(out);
                arp.build().emit(out);
                eth.finish(out, 0);
                assertEquals(Math.max(60, eth.build().headerLength() + 28), out.position());

                DecodedPacket p = decoder.decode(ByteBuffer.wrap(TestBytes.written(out)), LinkType.ETHERNET);
                assertEquals(tpids.length + 2, p.size());
                Ethernet e = (Ethernet) p.layer(0);
                assertArrayEquals(src, e.src());
                assertArrayEquals(dst, e.dst());
                assertEquals(tpids.length == 0 ? EtherType.ARP : tpids[0], e.etherType());
                for (int t = 0; t < tpids.length; t++) {
                    Vlan v = (Vlan) p.layer(1 + t);
                    assertEquals(tpids[t], v.tpid());
                    assertEquals((n + t) % 8, v.pcp());
                    assertEquals((n + 2 * t) % 3 == 0, v.dei());
                    assertEquals((n * 97 + t * 1000) % 4096, v.vid());
                    assertEquals(t + 1 < tpids.length ? tpids[t + 1] : EtherType.ARP, v.etherType());
                }
                Arp a = (Arp) p.layer(tpids.length + 1);
                assertEquals(op, a.operation());
                assertTrue(a.isEthernetIpv4());
                assertEquals(MacAddress.format(src), a.senderMacText());
                assertEquals(MacAddress.format(dst), a.targetMacText());
                assertEquals("10." + n + ".0.1", a.senderIpText());
                assertEquals("10." + n + ".0.2", a.targetIpText());
                assertEquals("10." + n + ".0.1", p.src());
                assertEquals("arp", p.proto());
                RecordedFields.of(a);
            }
        }
    }

    /** A builder's IPv4 packet in a tagged frame decodes like the same packet on a RAW socket. */
    @Test
    void ipInsideFramesDecodesLikeRaw() {
        PacketDecoder decoder = new PacketDecoder();
        for (byte[] packet : Captures.all()) {
            String raw = TestBytes.describe(decoder.decode(ByteBuffer.wrap(packet), LinkType.RAW));
            ByteBuffer out = ByteBuffer.allocate(packet.length + 22);
            new EthernetBuilder().vlan(EthernetBuilder.TPID_8021AD, 0, false, 10).vlan(20).build().emit(out);
            out.put(packet);
            DecodedPacket p = decoder.decode(ByteBuffer.wrap(TestBytes.written(out)), LinkType.ETHERNET);
            String framed = TestBytes.describe(p);
            String tail = framed.substring(framed.indexOf(": IP ") + 2);
            tail = tail.substring(tail.indexOf("IP "));
            assertEquals(raw, tail);
        }
    }
}
