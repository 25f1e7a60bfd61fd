package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rawsock.testing.RecordedFields;

/** Real Ethernet frames decoded field by field; expected values are the ones tcpdump printed. */
class LinkDecoderTest {
    private final PacketDecoder decoder = new PacketDecoder();

    private DecodedPacket decode(byte[] frame) {
        return decoder.decode(ByteBuffer.wrap(frame), LinkType.ETHERNET);
    }

    private static RecordedFields fields(DecodedPacket p, int index) {
        return RecordedFields.of(p.layer(index));
    }

    private static String names(DecodedPacket p) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < p.size(); i++) {
            text.append(i > 0 ? "," : "").append(p.layer(i).name());
        }
        return text.toString();
    }

    @Test
    void arpRequestPaddedTo60() {
        DecodedPacket p = decode(LinkCaptures.ARP_REQUEST);
        assertEquals("eth,arp", names(p));
        assertEquals("arp", p.proto());
        assertEquals("192.168.5.109", p.src());
        assertEquals("192.168.5.190", p.dst());
        assertFalse(p.truncated(), "padding after the 28 bytes is not truncation");

        RecordedFields eth = fields(p, 0);
        assertEquals("ff:ff:ff:ff:ff:ff", eth.get("dst"));
        assertEquals("bc:ee:7b:9d:ee:02", eth.get("src"));
        assertEquals(0x0806L, eth.get("ethertype"));
        assertEquals("arp", eth.get("ethertype_name"));
        assertEquals(4, eth.values.size(), eth.values.toString());

        RecordedFields arp = fields(p, 1);
        assertEquals(1L, arp.get("htype"));
        assertEquals(0x0800L, arp.get("ptype"));
        assertEquals(6L, arp.get("hlen"));
        assertEquals(4L, arp.get("plen"));
        assertEquals(1L, arp.get("op"));
        assertEquals("request", arp.get("op_name"));
        assertEquals("bc:ee:7b:9d:ee:02", arp.get("sender_hw"));
        assertEquals("192.168.5.109", arp.get("sender_proto"));
        assertEquals("00:00:00:00:00:00", arp.get("target_hw"));
        assertEquals("192.168.5.190", arp.get("target_proto"));
        assertNull(arp.get("truncated"));

        Arp view = (Arp) p.layer(1);
        assertEquals(28, view.length());
        assertEquals(46, view.available());
        assertEquals(14, view.offset());
        assertTrue(view.isEthernetIpv4());
        assertEquals("bc:ee:7b:9d:ee:02 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806)"
                + ": ARP, Request who-has 192.168.5.190 tell 192.168.5.109, length 46", TestBytes.describe(p));
    }

    @Test
    void arpReply() {
        DecodedPacket p = decode(LinkCaptures.ARP_REPLY);
        assertEquals("arp", p.proto());
        assertEquals("192.168.5.190", p.src());
        assertEquals("192.168.5.109", p.dst());
        RecordedFields arp = fields(p, 1);
        assertEquals(2L, arp.get("op"));
        assertEquals("reply", arp.get("op_name"));
        assertEquals("40:16:7e:79:c7:36", arp.get("sender_hw"));
        assertEquals("bc:ee:7b:9d:ee:02", arp.get("target_hw"));
        Arp view = (Arp) p.layer(1);
        assertEquals("40:16:7e:79:c7:36", view.senderMacText());
        assertEquals("bc:ee:7b:9d:ee:02", view.targetMacText());
        assertEquals("192.168.5.190", view.senderIpText());
        assertEquals("40:16:7e:79:c7:36 > bc:ee:7b:9d:ee:02, ethertype ARP (0x0806)"
                + ": ARP, Reply 192.168.5.190 is-at 40:16:7e:79:c7:36, length 28", TestBytes.describe(p));
    }

    /** tcpdump shows a non-zero target MAC of a request in parentheses. */
    @Test
    void gratuitousArp() {
        DecodedPacket p = decode(LinkCaptures.GARP_REQUEST);
        assertEquals("172.19.255.200", p.src());
        assertEquals("172.19.255.200", p.dst());
        assertEquals("ff:ff:ff:ff:ff:ff", fields(p, 1).get("target_hw"));
        assertEquals("ARP, Request who-has 172.19.255.200 (ff:ff:ff:ff:ff:ff) tell 172.19.255.200, length 46",
                TestBytes.describe(p.layer(1)));
        p = decode(LinkCaptures.GARP_REPLY);
        assertEquals("ARP, Reply 172.19.255.200 is-at 3e:fe:37:3d:d5:2c, length 46", TestBytes.describe(p.layer(1)));
    }

    @Test
    void ethernetCarryingAnEchoRequest() {
        DecodedPacket p = decode(LinkCaptures.ETH_ICMP_ECHO);
        assertEquals("eth,ip,icmp", names(p));
        assertEquals("10.0.0.1", p.src(), "the IP layer's addresses, not the MACs");
        assertEquals("10.0.0.4", p.dst());
        assertEquals("icmp", p.proto());
        assertFalse(p.truncated());
        RecordedFields eth = fields(p, 0);
        assertEquals("00:00:00:00:00:04", eth.get("dst"));
        assertEquals("00:00:00:00:00:01", eth.get("src"));
        assertEquals(0x0800L, eth.get("ethertype"));
        assertEquals("ipv4", eth.get("ethertype_name"));
        RecordedFields ip = fields(p, 1);
        assertEquals(64293L, ip.get("id"));
        assertEquals("DF", ip.get("flags"));
        assertEquals(true, ip.get("checksum_ok"));
        RecordedFields icmp = fields(p, 2);
        assertEquals(574L, icmp.get("id"));
        assertEquals(0L, icmp.get("seq"));
        assertEquals(true, icmp.get("checksum_ok"));
        assertEquals(14, p.layer(1) instanceof Ipv4 ? ((Ipv4) p.layer(1)).offset() : -1);
        assertEquals("00:00:00:00:00:01 > 00:00:00:00:00:04, ethertype IPv4 (0x0800): IP 10.0.0.1 > 10.0.0.4"
                + " ttl 64 id 64293 len 84 DF: ICMP echo request, id 574, seq 0, length 64", TestBytes.describe(p));
    }

    @Test
    void dot1qTaggedEchoRequest() {
        DecodedPacket p = decode(LinkCaptures.VLAN_ICMP_ECHO);
        assertEquals("eth,vlan,ip,icmp", names(p));
        assertEquals("10.0.20.1", p.src());
        assertEquals("10.0.20.2", p.dst());
        assertEquals("icmp", p.proto());
        assertEquals(0x8100L, fields(p, 0).get("ethertype"));
        assertEquals("vlan", fields(p, 0).get("ethertype_name"));
        RecordedFields vlan = fields(p, 1);
        assertEquals(0x8100L, vlan.get("tpid"));
        assertEquals(0L, vlan.get("pcp"));
        assertEquals(false, vlan.get("dei"));
        assertEquals(20L, vlan.get("vid"));
        assertEquals(0x0800L, vlan.get("ethertype"));
        assertEquals("ipv4", vlan.get("ethertype_name"));
        assertEquals(49140L, fields(p, 2).get("id"));
        assertEquals(true, fields(p, 2).get("checksum_ok"));
        assertEquals(432L, fields(p, 3).get("id"));
        assertEquals(1L, fields(p, 3).get("seq"));
        assertEquals(true, fields(p, 3).get("checksum_ok"));
        assertEquals("00:16:3e:3c:2b:b3 > 00:16:3e:52:21:ec, ethertype 802.1Q (0x8100): vlan 20, p 0,"
                + " ethertype IPv4 (0x0800): IP 10.0.20.1 > 10.0.20.2 ttl 64 id 49140 len 84 DF"
                + ": ICMP echo request, id 432, seq 1, length 64", TestBytes.describe(p));
    }

    @Test
    void qinqWithPriorityAndDei() {
        DecodedPacket p = decode(LinkCaptures.QINQ_ARP_REQUEST);
        assertEquals("eth,vlan,vlan,arp", names(p));
        assertEquals("10.10.10.100", p.src());
        assertEquals("10.10.10.101", p.dst());
        assertEquals("arp", p.proto());
        assertEquals("qinq", fields(p, 0).get("ethertype_name"));
        RecordedFields outer = fields(p, 1);
        assertEquals(0x88a8L, outer.get("tpid"));
        assertEquals(1L, outer.get("pcp"));
        assertEquals(true, outer.get("dei"));
        assertEquals(203L, outer.get("vid"));
        assertEquals(0x8100L, outer.get("ethertype"));
        RecordedFields inner = fields(p, 2);
        assertEquals(0x8100L, inner.get("tpid"));
        assertEquals(0L, inner.get("pcp"));
        assertEquals(false, inner.get("dei"));
        assertEquals(201L, inner.get("vid"));
        assertEquals(0x0806L, inner.get("ethertype"));
        Vlan tag = (Vlan) p.layer(1);
        assertEquals(0x30cb, tag.tci());
        assertEquals(203, tag.vid());
        assertEquals(1, tag.pcp());
        assertTrue(tag.dei());
        assertEquals("00:0b:00:00:03:14 > ff:ff:ff:ff:ff:ff, ethertype 802.1Q-QinQ (0x88a8): vlan 203, p 1, DEI,"
                + " ethertype 802.1Q (0x8100): vlan 201, p 0, ethertype ARP (0x0806): ARP, Request who-has"
                + " 10.10.10.101 tell 10.10.10.100, length 78", TestBytes.describe(p));

        p = decode(LinkCaptures.QINQ_ARP_REPLY);
        assertEquals(202L, fields(p, 2).get("vid"));
        assertEquals("00:01:00:08:03:14", fields(p, 3).get("sender_hw"), "ARP's sender, not the Ethernet source");
        assertEquals("00:0b:00:00:03:14", fields(p, 0).get("src"));
        assertEquals("ARP, Reply 10.10.10.100 is-at 00:01:00:08:03:14, length 78", TestBytes.describe(p.layer(3)));
    }

    /** TCI = PCP (3 bits), DEI (1 bit), VID (12 bits), each read without the others. */
    @Test
    void tciBits() {
        int[][] table = {
            // tci, pcp, dei, vid
            {0x0000, 0, 0, 0}, {0x1000, 0, 1, 0}, {0x2000, 1, 0, 0}, {0xe000, 7, 0, 0}, {0x0fff, 0, 0, 4095},
            {0xf001, 7, 1, 1}, {0x30cb, 1, 1, 203}, {0xa064, 5, 0, 100},
        };
        for (int[] row : table) {
            ByteBuffer buf = ByteBuffer.allocate(4);
            buf.putShort(0, (short) row[0]).putShort(2, (short) 0x0800);
            Vlan v = new Vlan().wrap(buf, 0, 4, 0x8100);
            assertEquals(row[1], v.pcp(), Integer.toHexString(row[0]));
            assertEquals(row[2] == 1, v.dei(), Integer.toHexString(row[0]));
            assertEquals(row[3], v.vid(), Integer.toHexString(row[0]));
            ByteBuffer out = ByteBuffer.allocate(18);
            new EthernetBuilder().vlan(0x8100, row[1], row[2] == 1, row[3]).build().emit(out);
            assertEquals(row[0], out.getShort(14) & 0xffff, "the builder packs the same bits");
        }
    }

    @Test
    void twoDot1qTagsAndOneServiceTag() {
        DecodedPacket p = decode(LinkCaptures.DOUBLE_8100_ARP);
        assertEquals("eth,vlan,vlan,arp", names(p));
        assertEquals(223L, fields(p, 1).get("vid"));
        assertEquals(11L, fields(p, 2).get("vid"));
        assertEquals(0x8100L, fields(p, 2).get("tpid"));
        assertEquals("ARP, Request who-has 10.10.11.2 tell 10.10.11.1, length 28", TestBytes.describe(p.layer(3)));

        p = decode(LinkCaptures.STAG_ARP);
        assertEquals("eth,vlan,arp", names(p));
        assertEquals(0x88a8L, fields(p, 1).get("tpid"));
        assertEquals(200L, fields(p, 1).get("vid"));
        assertEquals("172.17.0.20", p.src());
        assertEquals("vlan 200, p 0, ethertype ARP (0x0806)", TestBytes.describe(p.layer(1)));
        assertEquals("ARP, Request who-has 172.17.0.2 tell 172.17.0.20, length 46", TestBytes.describe(p.layer(2)));
    }

    @Test
    void lldpIsAnEtherTypeWithoutDecoder() {
        DecodedPacket p = decode(LinkCaptures.LLDP);
        assertEquals("eth,raw", names(p));
        assertEquals("0x88cc", p.proto());
        assertSame(p.proto(), decode(LinkCaptures.LLDP).proto(), "cached text, no allocation per frame");
        assertEquals("00:07:43:6c:f0:d7", p.src(), "no network layer: the MACs");
        assertEquals("01:80:c2:00:00:0e", p.dst());
        RecordedFields eth = fields(p, 0);
        assertEquals(0x88ccL, eth.get("ethertype"));
        assertEquals("lldp", eth.get("ethertype_name"));
        RecordedFields raw = fields(p, 1);
        assertEquals(66L, raw.get("len"));
        assertEquals("ethertype not decoded", raw.get("note"));
        assertEquals("00:07:43:6c:f0:d7 > 01:80:c2:00:00:0e, ethertype LLDP (0x88cc): ethertype not decoded, length 66",
                TestBytes.describe(p));
        assertFalse(p.truncated());
    }

    @Test
    void unnamedEtherType() {
        ByteBuffer out = ByteBuffer.allocate(64);
        new EthernetBuilder().dst(MacAddress.broadcast()).etherType(0x88b5).build().emit(out);
        out.put(TestBytes.hex("4865 6c6c 6f"));
        DecodedPacket p = decode(TestBytes.written(out));
        assertEquals("0x88b5", p.proto());
        assertEquals("0x88b5", fields(p, 0).get("ethertype_name"));
        assertEquals("00:00:00:00:00:00 > ff:ff:ff:ff:ff:ff, ethertype Unknown (0x88b5): ethertype not decoded, length 5",
                TestBytes.describe(p));
    }

    @Test
    void stpIn8023Frame() {
        DecodedPacket p = decode(LinkCaptures.STP_RSTP);
        assertEquals("eth", names(p), "802.3/LLC is noted, not decoded");
        assertEquals("llc", p.proto());
        assertEquals("38:84:79:00:ea:d6", p.src());
        assertEquals("01:80:c2:00:00:00", p.dst());
        RecordedFields eth = fields(p, 0);
        assertEquals(39L, eth.get("len"));
        assertNull(eth.get("ethertype"));
        assertEquals("802.3 LLC, not decoded", eth.get("note"));
        assertEquals(0x42L, eth.get("dsap"));
        assertEquals(0x42L, eth.get("ssap"));
        assertEquals(0x03L, eth.get("ctrl"));
        Ethernet view = (Ethernet) p.layer(0);
        assertTrue(view.is8023());
        assertEquals(-1, view.etherType());
        assertEquals(39, view.typeField());
        assertEquals("38:84:79:00:ea:d6 > 01:80:c2:00:00:00, 802.3, length 39, LLC dsap 0x42 ssap 0x42 ctrl 0x03",
                TestBytes.describe(p));
    }

    @Test
    void typeFieldBetween1500And0x0600IsMalformed() {
        byte[] frame = LinkCaptures.STP_RSTP.clone();
        frame[12] = 0x05;
        frame[13] = (byte) 0xf0;
        DecodedPacket p = decode(frame);
        assertEquals("type field between 1500 and 0x0600", fields(p, 0).get("malformed"));
        assertTrue(TestBytes.describe(p).endsWith("[malformed: type field between 1500 and 0x0600]"));
    }

    @Test
    void truncatedFrames() {
        DecodedPacket p = decode(Arrays.copyOf(LinkCaptures.ARP_REQUEST, 10));
        assertEquals("eth", names(p));
        assertTrue(p.truncated());
        assertNull(p.src(), "the source MAC is cut");
        assertNull(p.proto());
        assertEquals("ff:ff:ff:ff:ff:ff", fields(p, 0).get("dst"));
        assertNull(fields(p, 0).get("src"));
        assertEquals(true, fields(p, 0).get("truncated"));
        assertEquals("[truncated eth]", TestBytes.describe(p));

        p = decode(Arrays.copyOf(LinkCaptures.ARP_REQUEST, 13));
        assertEquals("bc:ee:7b:9d:ee:02", p.src());
        assertEquals("[truncated eth] bc:ee:7b:9d:ee:02 > ff:ff:ff:ff:ff:ff", TestBytes.describe(p));

        p = decode(Arrays.copyOf(LinkCaptures.ARP_REQUEST, 30));
        assertEquals("eth,arp", names(p));
        assertTrue(p.truncated());
        assertEquals("bc:ee:7b:9d:ee:02", p.src(), "ARP's addresses are cut: the MACs");
        RecordedFields arp = fields(p, 1);
        assertEquals("request", arp.get("op_name"));
        assertEquals("bc:ee:7b:9d:ee:02", arp.get("sender_hw"));
        assertNull(arp.get("sender_proto"));
        assertEquals(true, arp.get("truncated"));
        assertEquals("ARP, Request, length 16", TestBytes.describe(p.layer(1)));

        p = decode(Arrays.copyOf(LinkCaptures.QINQ_ARP_REQUEST, 17));
        assertEquals("eth,vlan", names(p));
        assertEquals("0x88a8", p.proto());
        assertEquals("vlan 203, p 1, DEI", TestBytes.describe(p.layer(1)));
        assertTrue(p.layer(1).truncated());
        assertEquals(203L, fields(p, 1).get("vid"));

        p = decode(Arrays.copyOf(LinkCaptures.ETH_ICMP_ECHO, 14));
        assertEquals("eth,ip", names(p), "an IPv4 EtherType with nothing after it: a truncated ip layer");
        assertTrue(p.truncated());

        p = decode(Arrays.copyOf(LinkCaptures.ETH_ICMP_ECHO, 40));
        assertEquals("eth,ip,icmp", names(p));
        assertEquals("10.0.0.1", p.src());
        assertEquals("icmp", p.proto());
    }

    /** More tags than {@link PacketDecoder#MAX_VLAN_TAGS}: the rest of the frame is raw. */
    @Test
    void longVlanStackIsBounded() {
        EthernetBuilder eth = new EthernetBuilder().etherType(EtherType.ARP);
        for (int i = 1; i <= 7; i++) {
            eth.vlan(i);
        }
        ByteBuffer out = ByteBuffer.allocate(100);
        eth.build().emit(out);
        ArpBuilder.request(MacAddress.zero(), TestBytes.ip(10, 0, 0, 1), TestBytes.ip(10, 0, 0, 2)).build().emit(out);
        DecodedPacket p = decode(TestBytes.written(out));
        assertEquals("eth,vlan,vlan,vlan,vlan,raw", names(p));
        assertEquals(4L, fields(p, 4).get("vid"));
        assertEquals("too many vlan tags", fields(p, 5).get("note"));
        assertEquals(3 * 4 + 28L, fields(p, 5).get("len"));
        assertEquals("0x8100", p.proto());

        eth = new EthernetBuilder().etherType(EtherType.ARP);
        for (int i = 1; i <= 4; i++) {
            eth.vlan(i);
        }
        out = ByteBuffer.allocate(100);
        eth.build().emit(out);
        ArpBuilder.request(MacAddress.zero(), TestBytes.ip(10, 0, 0, 1), TestBytes.ip(10, 0, 0, 2)).build().emit(out);
        assertEquals("eth,vlan,vlan,vlan,vlan,arp", names(decode(TestBytes.written(out))), "four tags are fine");
    }

    /** ARP for something other than Ethernet/IPv4: addresses placed by hlen/plen, shown as hex. */
    @Test
    void arpWithOtherAddressSizes() {
        ByteBuffer out = ByteBuffer.allocate(64);
        new EthernetBuilder().etherType(EtherType.ARP).src(MacAddress.parse("02:00:00:00:00:01")).build().emit(out);
        // htype 6 (IEEE 802), ptype 0x86dd, hlen 2, plen 3: 8 + 2 * 5 = 18 bytes
        out.put(TestBytes.hex("0006 86dd 0203 0001 aabb 010203 ccdd 040506"));
        DecodedPacket p = decode(TestBytes.written(out));
        Arp arp = (Arp) p.layer(1);
        assertEquals(18, arp.length());
        assertFalse(arp.truncated());
        assertFalse(arp.isEthernetIpv4());
        assertNull(arp.senderIpText());
        assertNull(arp.senderMacText());
        RecordedFields f = fields(p, 1);
        assertEquals("aabb", f.get("sender_hw"));
        assertEquals("010203", f.get("sender_proto"));
        assertEquals("ccdd", f.get("target_hw"));
        assertEquals("040506", f.get("target_proto"));
        assertEquals("ARP, Request who-has 040506 (ccdd) tell 010203, htype 6, ptype 0x86dd, hlen 2, plen 3, length 18",
                TestBytes.describe(arp));
        assertEquals("02:00:00:00:00:01", p.src(), "no IPv4 addresses: the MACs");
        assertEquals("arp", p.proto());
    }

    @Test
    void otherArpOperations() {
        byte[] mac = MacAddress.parse("02:00:00:00:00:01");
        byte[] other = MacAddress.parse("02:00:00:00:00:02");
        byte[] ip1 = TestBytes.ip(192, 0, 2, 1);
        byte[] ip2 = TestBytes.ip(192, 0, 2, 2);
        String[][] cases = {
            {"3", "ARP, Reverse Request who-is 02:00:00:00:00:02 tell 02:00:00:00:00:01, length 28"},
            {"4", "ARP, Reverse Reply 02:00:00:00:00:02 at 192.0.2.2, length 28"},
            {"8", "ARP, Inverse Request who-is 02:00:00:00:00:02 tell 192.0.2.1, length 28"},
            {"9", "ARP, Inverse Reply 02:00:00:00:00:01 at 192.0.2.1, length 28"},
            {"10", "ARP, NACK Reply, length 28"},
            {"77", "ARP, operation 77, length 28"},
        };
        for (String[] c : cases) {
            ByteBuffer out = ByteBuffer.allocate(28);
            ArpBuilder.reply(mac, ip1, other, ip2).operation(c[0]).build().emit(out);
            Arp arp = new Arp().wrap(out, 0, 28);
            assertEquals(c[1], TestBytes.describe(arp));
            assertEquals(Arp.operationName(Integer.parseInt(c[0])), RecordedFields.of(arp).get("op_name"));
        }
    }

    @Test
    void rawLinkTypeIsUnchanged() {
        DecodedPacket p = decoder.decode(ByteBuffer.wrap(Captures.PING_REQUEST), LinkType.RAW);
        assertEquals("ip,icmp", names(p));
        assertEquals("127.0.0.1", p.src());
    }

    /** Decoding honours position and limit and moves neither, as for RAW. */
    @Test
    void decodesBetweenPositionAndLimit() {
        PositionAndLimit.assertHonoured(LinkCaptures.all(), LinkType.ETHERNET, 9);
    }
}
