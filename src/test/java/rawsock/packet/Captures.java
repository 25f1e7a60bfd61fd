package rawsock.packet;

/**
 * Real packets as captured by tcpdump (hex from its -x/-X output), each with the line tcpdump
 * printed for it: the independent reference the decoders and builders are checked against.
 * Sources are public tcpdump transcripts and gopacket's test captures.
 */
final class Captures {
    private Captures() {
    }

    /**
     * Linux ping on lo: "IP localhost > localhost: ICMP echo request, id 40234, seq 1, length 64"
     * (tcpdump without -v; the header says ttl 64, id 0xd2f2, DF, length 84).
     */
    static final byte[] PING_REQUEST = TestBytes.hex(
            "4500 0054 d2f2 4000 4001 69b4 7f00 0001"
            + "7f00 0001 0800 307c 9d2a 0001 e7c2 5561"
            + "0000 0000 2d61 0100 0000 0000 1011 1213"
            + "1415 1617 1819 1a1b 1c1d 1e1f 2021 2223"
            + "2425 2627 2829 2a2b 2c2d 2e2f 3031 3233"
            + "3435 3637");

    /** Its reply: "ICMP echo reply, id 40234, seq 1, length 64", id 54003, no DF. */
    static final byte[] PING_REPLY = TestBytes.hex(
            "4500 0054 d2f3 0000 4001 a9b3 7f00 0001"
            + "7f00 0001 0000 387c 9d2a 0001 e7c2 5561"
            + "0000 0000 2d61 0100 0000 0000 1011 1213"
            + "1415 1617 1819 1a1b 1c1d 1e1f 2021 2223"
            + "2425 2627 2829 2a2b 2c2d 2e2f 3031 3233"
            + "3435 3637");

    /**
     * On tun0 (link type RAW): "IP (tos 0x0, ttl 64, id 1352, offset 0, flags [DF], proto TCP (6),
     * length 60) 10.9.0.89.57778 > 10.10.64.176.2222: Flags [S], cksum 0x7d20 (correct),
     * seq 2193701138, win 64240, options [mss 1460,sackOK,TS val 800040175 ecr 0,nop,wscale 7], length 0".
     */
    static final byte[] TCP_SYN = TestBytes.hex(
            "4500 003c 0548 4000 4006 e058 0a09 0059"
            + "0a0a 40b0 e1b2 08ae 82c1 3912 0000 0000"
            + "a002 faf0 7d20 0000 0204 05b4 0402 080a"
            + "2faf a4ef 0000 0000 0103 0307");

    /**
     * The answer: "(tos 0x0, ttl 63, id 0, offset 0, flags [DF], proto TCP (6), length 60)
     * 10.10.64.176.2222 > 10.9.0.89.57778: Flags [S.], cksum 0x3527 (correct), seq 435169494,
     * ack 2193701139, win 62643, options [mss 1286,sackOK,TS val 684712765 ecr 800040175,nop,wscale 7], length 0".
     */
    static final byte[] TCP_SYN_ACK = TestBytes.hex(
            "4500 003c 0000 4000 3f06 e6a0 0a0a 40b0"
            + "0a09 0059 08ae e1b2 19f0 28d6 82c1 3913"
            + "a012 f4b3 3527 0000 0204 0506 0402 080a"
            + "28cf e33d 2faf a4ef 0103 0307");

    /**
     * A SYN captured on lo before the checksum was filled in (offload): tcpdump -v says
     * "cksum 0xfe30 (incorrect -> 0xc989)", seq 310491251, win 43690,
     * options [mss 65495,sackOK,TS val 327862915 ecr 0,nop,wscale 7].
     */
    static final byte[] TCP_SYN_OFFLOADED = TestBytes.hex(
            "4500 003c 72f0 4000 4006 c9c9 7f00 0001"
            + "7f00 0001 bd70 7532 1281 b873 0000 0000"
            + "a002 aaaa fe30 0000 0204 ffd7 0402 080a"
            + "138a ca83 0000 0000 0103 0307");

    /**
     * "(tos 0x0, ttl 50, id 38458, offset 0, flags [DF], proto TCP (6), length 60)
     * 119.63.197.139.http > 172.17.0.4.60824: Flags [S.], cksum 0x268b (correct), seq 1024829215,
     * ack 4174926009, win 8192, options [mss 1424,sackOK,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,wscale 5], length 0".
     */
    static final byte[] TCP_SYN_ACK_NOPS = TestBytes.hex(
            "4500 003c 963a 4000 3206 c9a1 773f c58b"
            + "ac11 0004 0050 ed98 3d15 a71f f8d8 50b9"
            + "a012 2000 268b 0000 0204 0590 0402 0101"
            + "0101 0101 0101 0101 0103 0305");

    /**
     * DNS answer: "(tos 0x0, ttl 60, id 50891, offset 0, flags [DF], proto UDP (17), length 112)
     * 183.60.83.19.domain > 172.17.0.4.39962: [udp sum ok] 21075 q: AAAA? www.baidu.com. ... (84)".
     */
    static final byte[] DNS_RESPONSE = TestBytes.hex(
            "4500 0070 c6cb 4000 3c11 c14c b73c 5313"
            + "ac11 0004 0035 9c1a 005c c213 5253 8180"
            + "0001 0002 0000 0000 0377 7777 0562 6169"
            + "6475 0363 6f6d 0000 1c00 01c0 0c00 0500"
            + "0100 0004 8700 0f03 7777 7701 6106 7368"
            + "6966 656e c016 c02b 0005 0001 0000 0103"
            + "000e 0377 7777 0777 7368 6966 656e c016");

    /**
     * DNS query captured before checksum offload filled it in: "(tos 0x0, ttl 64, id 10183,
     * offset 0, flags [DF], proto UDP (17), length 71) 172.17.0.4.49216 > 183.60.83.19.domain:
     * [bad udp cksum 0xb6a9 -> 0xef02!] 17086+ PTR? 19.83.60.183.in-addr.arpa. (43)".
     */
    static final byte[] DNS_QUERY_OFFLOADED = TestBytes.hex(
            "4500 0047 27c7 4000 4011 5c7a ac11 0004"
            + "b73c 5313 c040 0035 0033 b6a9 42be 0100"
            + "0001 0000 0000 0000 0231 3902 3833 0236"
            + "3003 3138 3307 696e 2d61 6464 7204 6172"
            + "7061 0000 0c00 01");

    /** traceroute on lo: "IP localhost.46058 > localhost.33434: UDP, length 32". */
    static final byte[] TRACEROUTE_UDP = TestBytes.hex(
            "4500 003c 7d85 0000 0111 3e2a 7f00 0001"
            + "7f00 0001 b3ea 829a 0028 fe3b 4041 4243"
            + "4445 4647 4849 4a4b 4c4d 4e4f 5051 5253"
            + "5455 5657 5859 5a5b 5c5d 5e5f");

    /** The kernel's answer: "IP localhost > localhost: ICMP localhost udp port 33434 unreachable, length 68". */
    static final byte[] PORT_UNREACHABLE = TestBytes.hex(
            "45c0 0058 7d86 0000 4001 fe5c 7f00 0001"
            + "7f00 0001 0303 d30e 0000 0000 4500 003c"
            + "7d85 0000 0111 3e2a 7f00 0001 7f00 0001"
            + "b3ea 829a 0028 fe3b 4041 4243 4445 4647"
            + "4849 4a4b 4c4d 4e4f 5051 5253 5455 5657"
            + "5859 5a5b 5c5d 5e5f");

    /**
     * "IP 10.60.0.132 > 224.0.1.60: igmp v1 report 224.0.1.60" (gopacket's capture without its
     * Ethernet header; the Ethernet padding after the 28-byte IP packet is kept).
     */
    static final byte[] IGMP_V1_REPORT_PADDED = TestBytes.hex(
            "4500 001c 6a7f 0000 0102 6365 0a3c 0084"
            + "e000 013c 1200 0cc3 e000 013c 0000 0000"
            + "0000 ffff ffff ffff 0452 0000 0000");

    /** "IP 10.60.0.189 > 224.0.0.1: igmp query v2" (max resp 10s, general query). */
    static final byte[] IGMP_V2_QUERY = TestBytes.hex(
            "45c0 001c 0153 0000 0102 ccd3 0a3c 00bd"
            + "e000 0001 1164 ee9b 0000 0000");

    /** "IP 10.60.5.103 > 239.255.255.253: igmp v2 report 239.255.255.253", with Router Alert. */
    static final byte[] IGMP_V2_REPORT = TestBytes.hex(
            "4600 0020 79f0 0000 0102 ab47 0a3c 0567"
            + "efff fffd 9404 0000 1600 fa01 efff fffd");

    /** "IP 192.168.1.254 > 224.0.0.1: igmp query v3 [max resp time 2.4s]". */
    static final byte[] IGMP_V3_QUERY = TestBytes.hex(
            "46c0 0024 17f1 4000 0102 297b c0a8 01fe"
            + "e000 0001 9404 0000 1118 ecd3 0000 0000"
            + "0214 0000");

    /** "IP 192.168.1.66 > 224.0.0.22: igmp v3 report, 2 group record(s)". */
    static final byte[] IGMP_V3_REPORT = TestBytes.hex(
            "4658 0030 013c 0000 0102 8133 c0a8 0142"
            + "e000 0016 9404 0000 2200 f33c 0000 0002"
            + "0200 0000 efc3 0702 0200 0000 efff fffa");

    static byte[][] all() {
        return new byte[][] {PING_REQUEST, PING_REPLY, TCP_SYN, TCP_SYN_ACK, TCP_SYN_OFFLOADED,
            TCP_SYN_ACK_NOPS, DNS_RESPONSE, DNS_QUERY_OFFLOADED, TRACEROUTE_UDP, PORT_UNREACHABLE,
            IGMP_V1_REPORT_PADDED, IGMP_V2_QUERY, IGMP_V2_REPORT, IGMP_V3_QUERY, IGMP_V3_REPORT};
    }
}
