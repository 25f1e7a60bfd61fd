package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import rawsock.output.Hex;
import rawsock.packet.Arp;
import rawsock.packet.IpProtocol;
import rawsock.packet.MacAddress;

/**
 * The bytes of the frames {@code send --link} builds, written out field by field from RFC 826
 * (ARP) and IEEE 802.1Q/802.1ad (tags: TPID, then PCP(3) DEI(1) VID(12)): arping's defaults, each
 * --arp-* override, and the tags of --vlan. Every address is given, so no interface is asked.
 */
class LinkFrameTest {
    private static final String OURS = "020000009901";
    private static final byte[] OUR_MAC = MacAddress.parse("02:00:00:00:99:01");
    private static final String BROADCAST = "ffffffffffff";
    private static final String ZERO = "000000000000";
    /** htype 1 (Ethernet), ptype 0x0800, hlen 6, plen 4. */
    private static final String ARP_FIXED = "0001" + "0800" + "06" + "04";
    private static final String A_IP = "a9fe6301";   // 169.254.99.1
    private static final String B_IP = "a9fe6302";   // 169.254.99.2

    private static SendSpec.Builder arpSpec() throws Exception {
        SendSpec.Builder s = new SendSpec.Builder();
        s.link = true;
        s.arp = true;
        s.iface = "veth-test";
        s.destination = InetAddress.getByName("169.254.99.2");
        return s;
    }

    private static String arpFrame(SendSpec.Builder s) throws Exception {
        return bytes(LinkFrame.arp(s.build(), OUR_MAC, LinkFrameTest::interfaceAddress));
    }

    private static InetAddress interfaceAddress() throws java.net.UnknownHostException {
        return InetAddress.getByName("169.254.99.1");
    }

    private static String bytes(LinkFrame frame) {
        frame.template().prepare(0);
        ByteBuffer packet = frame.template().packet().duplicate();
        byte[] out = new byte[packet.remaining()];
        packet.get(out);
        return Hex.encode(out);
    }

    @Test
    void aRequestHasArpingsDefaults() throws Exception {
        // To broadcast; who-has B tell A; sender = the interface's MAC, target MAC zero.
        assertEquals(BROADCAST + OURS + "0806" + ARP_FIXED + "0001" + OURS + A_IP + ZERO + B_IP, arpFrame(arpSpec()));
    }

    @Test
    void aReplyTargetsTheFramesDestination() throws Exception {
        SendSpec.Builder s = arpSpec();
        s.arpOperation = Arp.REPLY;
        s.destinationMac = MacAddress.parse("02:00:00:00:99:02");
        assertEquals("020000009902" + OURS + "0806" + ARP_FIXED + "0002" + OURS + A_IP + "020000009902" + B_IP,
                arpFrame(s));
    }

    @Test
    void everyArpFieldCanBeForged() throws Exception {
        SendSpec.Builder s = arpSpec();
        s.arpOperation = 9;
        s.arpSenderMac = MacAddress.parse("02:00:00:00:00:bb");
        s.arpSenderIp = InetAddress.getByName("169.254.99.77");
        s.arpTargetMac = MacAddress.parse("02:00:00:00:00:cc");
        s.arpTargetIp = InetAddress.getByName("169.254.99.78");
        // The frame's source stays the interface's MAC; the ARP fields are the forgeries.
        assertEquals(BROADCAST + OURS + "0806" + ARP_FIXED + "0009" + "0200000000bb" + "a9fe634d" + "0200000000cc"
                + "a9fe634e", arpFrame(s));
    }

    @Test
    void srcMacAndSrcAreTheSenderUnlessForged() throws Exception {
        SendSpec.Builder s = arpSpec();
        s.sourceMac = MacAddress.parse("02:00:00:00:00:aa");
        s.source = InetAddress.getByName("169.254.99.9");
        assertEquals(BROADCAST + "0200000000aa" + "0806" + ARP_FIXED + "0001" + "0200000000aa" + "a9fe6309" + ZERO + B_IP,
                bytes(LinkFrame.build(s.build())));
    }

    @Test
    void aGratuitousArpAnnouncesItsOwnAddress() throws Exception {
        SendSpec.Builder s = arpSpec();
        s.arpSenderIp = s.destination;
        assertEquals(BROADCAST + OURS + "0806" + ARP_FIXED + "0001" + OURS + B_IP + ZERO + B_IP, arpFrame(s));
    }

    @Test
    void oneVlanIsAn8021qTagWithItsPriority() throws Exception {
        SendSpec.Builder s = arpSpec();
        s.vlanIds = new int[] {100};
        s.vlanPriority = 5;
        // TCI: PCP 5 (101), DEI 0, VID 100 = 0xa064.
        LinkFrame frame = LinkFrame.arp(s.build(), OUR_MAC, LinkFrameTest::interfaceAddress);
        assertEquals(BROADCAST + OURS + "8100" + "a064" + "0806" + ARP_FIXED + "0001" + OURS + A_IP + ZERO + B_IP,
                bytes(frame));
        assertEquals(0x8100, frame.etherType(), "the packet socket is told the frame's first type field");
    }

    @Test
    void twoVlansAreQinqWithAnOuter8021adTag() throws Exception {
        SendSpec.Builder s = arpSpec();
        s.vlanIds = new int[] {200, 4095};
        LinkFrame frame = LinkFrame.arp(s.build(), OUR_MAC, LinkFrameTest::interfaceAddress);
        assertEquals(BROADCAST + OURS + "88a8" + "00c8" + "8100" + "0fff" + "0806" + ARP_FIXED + "0001" + OURS + A_IP
                + ZERO + B_IP, bytes(frame));
        assertEquals(0x88a8, frame.etherType());
    }

    @Test
    void anIpPacketIsTaggedToo() throws Exception {
        SendSpec.Builder s = new SendSpec.Builder();
        s.link = true;
        s.iface = "veth-test";
        s.protocol = IpProtocol.UDP;
        s.destination = InetAddress.getByName("169.254.99.2");
        s.source = InetAddress.getByName("169.254.99.1");
        s.sourceMac = OUR_MAC;
        s.destinationMac = MacAddress.parse("02:00:00:00:99:02");
        s.sourcePort = 1234;
        s.destinationPort = 9999;
        s.vlanIds = new int[] {100};
        s.vlanPriority = 7;
        String frame = bytes(LinkFrame.build(s.build()));
        // dst, src, tag (PCP 7: 0xe064), then IPv4 (0x0800) whose header starts 45.
        assertEquals("020000009902" + OURS + "8100" + "e064" + "0800" + "45", frame.substring(0, 38));
        assertEquals(A_IP + B_IP, frame.substring(18 * 2 + 24, 18 * 2 + 40), "the IPv4 addresses after the tag");
        assertEquals(18 + 20 + 8, frame.length() / 2);
    }
}
