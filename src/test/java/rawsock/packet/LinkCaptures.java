package rawsock.packet;

/**
 * Real Ethernet frames from public captures, each with the line {@code tcpdump -e -nn} printed
 * for it: the independent reference for the link-layer decoders and builders. Where a source
 * printed the frame with {@code -X} (from the network header on), the 14-byte Ethernet header is
 * the one its {@code -e} line spells out (destination, source, EtherType); the frame length the
 * line gives confirms nothing else was there.
 */
final class LinkCaptures {
    private LinkCaptures() {
    }

    /**
     * An ARP request padded to 60 bytes, from the tcpdump session in "Linux High Performance
     * Server Programming" (ch. 2): "bc:ee:7b:9d:ee:02 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806),
     * length 60: Request who-has 192.168.5.190 tell 192.168.5.109, length 46".
     */
    static final byte[] ARP_REQUEST = TestBytes.hex(
            "ffff ffff ffff bcee 7b9d ee02 0806"
            + "0001 0800 0604 0001 bcee 7b9d ee02 c0a8"
            + "056d 0000 0000 0000 c0a8 05be 0000 0000"
            + "0000 0000 0000 0000 0000 0000 0000");

    /**
     * Its reply, 42 bytes, not padded (Linux sends what the stack built; the NIC pads on the
     * wire): "40:16:7e:79:c7:36 > bc:ee:7b:9d:ee:02, ethertype ARP (0x0806), length 42: Reply
     * 192.168.5.190 is-at 40:16:7e:79:c7:36, length 28".
     */
    static final byte[] ARP_REPLY = TestBytes.hex(
            "bcee 7b9d ee02 4016 7e79 c736 0806"
            + "0001 0800 0604 0002 4016 7e79 c736 c0a8"
            + "05be bcee 7b9d ee02 c0a8 056d");

    /**
     * MetalLB announcing a service IP after a failover (a kind cluster's capture in MetalLB
     * lab notes): "3e:fe:37:3d:d5:2c > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 60:
     * Request who-has 172.19.255.200 (ff:ff:ff:ff:ff:ff) tell 172.19.255.200". The fields tcpdump
     * does not print follow from MetalLB's sender, {@code arp.NewPacket(op, hardwareAddr, ip,
     * ethernet.Broadcast, ip)} written by mdlayher/ethernet, which zero-pads to 60 bytes: sender
     * MAC = the interface's (the Ethernet source), target MAC broadcast.
     */
    static final byte[] GARP_REQUEST = TestBytes.hex(
            "ffff ffff ffff 3efe 373d d52c 0806"
            + "0001 0800 0604 0001 3efe 373d d52c ac13"
            + "ffc8 ffff ffff ffff ac13 ffc8 0000 0000"
            + "0000 0000 0000 0000 0000 0000 0000");

    /** The reply MetalLB sends right after it: "Reply 172.19.255.200 is-at 3e:fe:37:3d:d5:2c". */
    static final byte[] GARP_REPLY = TestBytes.hex(
            "ffff ffff ffff 3efe 373d d52c 0806"
            + "0001 0800 0604 0002 3efe 373d d52c ac13"
            + "ffc8 ffff ffff ffff ac13 ffc8 0000 0000"
            + "0000 0000 0000 0000 0000 0000 0000");

    /**
     * A ping between two network namespaces behind a P4 (bmv2) switch, tcpdump -nnlASXevv:
     * "00:00:00:00:00:01 > 00:00:00:00:00:04, ethertype IPv4 (0x0800), length 98: (tos 0x0,
     * ttl 64, id 64293, offset 0, flags [DF], proto ICMP (1), length 84) 10.0.0.1 > 10.0.0.4:
     * ICMP echo request, id 574, seq 0, length 64".
     */
    static final byte[] ETH_ICMP_ECHO = TestBytes.hex(
            "0000 0000 0004 0000 0000 0001 0800"
            + "4500 0054 fb25 4000 4001 2b7f 0a00 0001"
            + "0a00 0004 0800 ea37 023e 0000 8708 0066"
            + "0000 0000 048a 0200 0000 0000 0001 0203"
            + "0405 0607 0809 0a0b 0c0d 0e0f 1011 1213"
            + "1415 1617 1819 1a1b 1c1d 1e1f 2021 2223"
            + "2425 2627");

    /**
     * An 802.1Q-tagged echo request (a VLAN lab's trunk capture, tcpdump -XX): "00:16:3e:3c:2b:b3
     * > 00:16:3e:52:21:ec, ethertype 802.1Q (0x8100), length 102: vlan 20, p 0, ethertype IPv4,
     * (tos 0x0, ttl 64, id 49140, offset 0, flags [DF], proto ICMP (1), length 84) 10.0.20.1 >
     * 10.0.20.2: ICMP echo request, id 432, seq 1, length 64".
     */
    static final byte[] VLAN_ICMP_ECHO = TestBytes.hex(
            "0016 3e52 21ec 0016 3e3c 2bb3 8100 0014"
            + "0800 4500 0054 bff4 4000 4001 3eb2 0a00"
            + "1401 0a00 1402 0800 3a66 01b0 0001 f3bd"
            + "ca5d 0000 0000 38fa 0600 0000 0000 1011"
            + "1213 1415 1617 1819 1a1b 1c1d 1e1f 2021"
            + "2223 2425 2627 2829 2a2b 2c2d 2e2f 3031"
            + "3233 3435 3637");

    /**
     * QinQ: an S-tag with priority 1 and DEI around a C-tag, carrying an ARP request and 50 bytes
     * of '0' (an IPU/P4 test plan's tcpdump -nnnveXX): "00:0b:00:00:03:14 > ff:ff:ff:ff:ff:ff,
     * ethertype 802.1Q-QinQ (0x88a8), length 100: vlan 203, p 1, DEI, ethertype 802.1Q (0x8100),
     * vlan 201, p 0, ethertype ARP (0x0806), Request who-has 10.10.10.101 tell 10.10.10.100,
     * length 78".
     */
    static final byte[] QINQ_ARP_REQUEST = TestBytes.hex(
            "ffff ffff ffff 000b 0000 0314 88a8 30cb"
            + "8100 00c9 0806 0001 0800 0604 0001 0001"
            + "0008 0314 0a0a 0a64 0000 0000 0000 0a0a"
            + "0a65 3030 3030 3030 3030 3030 3030 3030"
            + "3030 3030 3030 3030 3030 3030 3030 3030"
            + "3030 3030 3030 3030 3030 3030 3030 3030"
            + "3030 3030");

    /**
     * Its reply through the same S-tag, C-tag 202: "... vlan 203, p 1, DEI, ethertype 802.1Q
     * (0x8100), vlan 202, p 0, ethertype ARP (0x0806), Reply 10.10.10.100 is-at
     * 00:01:00:08:03:14, length 78". The ARP sender MAC differs from the Ethernet source.
     */
    static final byte[] QINQ_ARP_REPLY = TestBytes.hex(
            "000a 0000 0314 000b 0000 0314 88a8 30cb"
            + "8100 00ca 0806 0001 0800 0604 0002 0001"
            + "0008 0314 0a0a 0a64 0000 0000 0000 0a0a"
            + "0a65 3030 3030 3030 3030 3030 3030 3030"
            + "3030 3030 3030 3030 3030 3030 3030 3030"
            + "3030 3030 3030 3030 3030 3030 3030 3030"
            + "3030 3030");

    /**
     * Two 0x8100 tags, as a Juniper vMX sends QinQ (tcpdump -nnXXtei): "02:06:0a:0e:ff:e2 >
     * ff:ff:ff:ff:ff:ff, ethertype 802.1Q (0x8100), length 50: vlan 223, p 0, ethertype 802.1Q,
     * vlan 11, p 0, ethertype ARP, Request who-has 10.10.11.2 tell 10.10.11.1, length 28".
     */
    static final byte[] DOUBLE_8100_ARP = TestBytes.hex(
            "ffff ffff ffff 0206 0a0e ffe2 8100 00df"
            + "8100 000b 0806 0001 0800 0604 0001 0206"
            + "0a0e ffe2 0a0a 0b01 0000 0000 0000 0a0a"
            + "0b02");

    /**
     * One 802.1ad tag: frame 1 of tcpdump's own tests/QinQpacket.pcap (bytes as quoted by the
     * Erlang pkt library's tests): "00:08:5d:23:0c:3f > ff:ff:ff:ff:ff:ff, ethertype 802.1Q-QinQ
     * (0x88a8), length 64: vlan 200, p 0, ethertype ARP, Request who-has 172.17.0.2 tell
     * 172.17.0.20, length 46".
     */
    static final byte[] STAG_ARP = TestBytes.hex(
            "ffff ffff ffff 0008 5d23 0c3f 88a8 00c8"
            + "0806 0001 0800 0604 0001 0008 5d23 0c3f"
            + "ac11 0014 0000 0000 0000 ac11 0002 0000"
            + "0000 0000 0000 0000 0000 0000 0000 0000");

    /**
     * LLDP from a Chelsio NIC with DCBX TLVs (Oxide Computer's packet crate test vector):
     * tcpdump says "00:07:43:6c:f0:d7 > 01:80:c2:00:00:0e, ethertype LLDP (0x88cc), length 80:
     * LLDP, length 66". No decoder here: an EtherType without one.
     */
    static final byte[] LLDP = TestBytes.hex(
            "0180 c200 000e 0007 436c f0d7 88cc 0207"
            + "0400 0743 6cf0 d704 0703 0007 436c f0d7"
            + "0602 0078 fe19 0080 c209 8000 0100 0032"
            + "3200 0000 0000 0002 0202 0202 0202 02fe"
            + "0600 80c2 0b88 08fe 0500 80c2 0c00 0000");

    /**
     * A Rapid STP BPDU in an 802.3 frame with LLC (a switch's capture, tcpdump -XX):
     * "38:84:79:00:ea:d6 > 01:80:c2:00:00:00, 802.3, length 39: LLC, dsap STP (0x42) Individual,
     * ssap STP (0x42) Command, ctrl 0x03: STP 802.1w, Rapid STP, Flags [Learn, Forward], bridge-id
     * 8000.38:84:79:00:ea:bc.801a, length 36".
     */
    static final byte[] STP_RSTP = TestBytes.hex(
            "0180 c200 0000 3884 7900 ead6 0027 4242"
            + "0300 0002 023c 8000 3884 7900 eabc 0000"
            + "0000 8000 3884 7900 eabc 801a 0000 1400"
            + "0200 0f00 0000 0000 0000 0000");

    static byte[][] all() {
        return new byte[][] {ARP_REQUEST, ARP_REPLY, GARP_REQUEST, GARP_REPLY, ETH_ICMP_ECHO, VLAN_ICMP_ECHO,
            QINQ_ARP_REQUEST, QINQ_ARP_REPLY, DOUBLE_8100_ARP, STAG_ARP, LLDP, STP_RSTP};
    }
}
