package rawsock.packet;

/**
 * Real IPv6 packets from public captures (tcpdump -x/-XX output and gopacket's test vectors,
 * link-layer headers removed), each with the line tcpdump 4.99 prints for it with -nn -v: the
 * independent reference the IPv6 decoders and builders are checked against. Every checksum in
 * them verifies except where noted.
 */
final class Captures6 {
    private Captures6() {
    }

    /**
     * ping6 on a loopback: "IP6 (flowlabel 0x0a182, hlim 64, next-header ICMPv6 (58) payload
     * length: 16) ::1 > ::1: [icmp6 sum ok] ICMP6, echo request, id 19782, seq 0".
     */
    static final byte[] ECHO_REQUEST_LOOPBACK = TestBytes.hex(
            "6000 a182 0010 3a40 0000 0000 0000 0000"
            + "0000 0000 0000 0001 0000 0000 0000 0000"
            + "0000 0000 0000 0001 8000 99b9 4d46 0000"
            + "53df 7d05 0001 c7cd");

    /**
     * An echo request with payload "hackaton2025": "IP6 (hlim 64, next-header ICMPv6 (58) payload
     * length: 20) fd00:fde8::15:33 > fd00:fde8::15:35: [icmp6 sum ok] ICMP6, echo request, id 0, seq 0".
     */
    static final byte[] ECHO_REQUEST = TestBytes.hex(
            "6000 0000 0014 3a40 fd00 fde8 0000 0000"
            + "0000 0000 0015 0033 fd00 fde8 0000 0000"
            + "0000 0000 0015 0035 8000 8836 0000 0000"
            + "6861 636b 6174 6f6e 3230 3235");

    /**
     * Linux's reply, one hop later (Wireshark: "Checksum: 0x8736 [correct]"): "IP6 (flowlabel
     * 0xc4a45, hlim 63, ...) fd00:fde8::15:35 > fd00:fde8::15:33: [icmp6 sum ok] ICMP6, echo reply, id 0, seq 0".
     */
    static final byte[] ECHO_REPLY = TestBytes.hex(
            "600c 4a45 0014 3a3f fd00 fde8 0000 0000"
            + "0000 0000 0015 0035 fd00 fde8 0000 0000"
            + "0000 0000 0015 0033 8100 8736 0000 0000"
            + "6861 636b 6174 6f6e 3230 3235");

    /**
     * "IP6 (hlim 255, next-header ICMPv6 (58) payload length: 32) fe80::a4e:bfff:fe30:6448 >
     * ff02::1:ffcd:679a: [icmp6 sum ok] ICMP6, neighbor solicitation, length 32, who has
     * fe80::e89:5a83:fccd:679a / source link-address option (1), length 8 (1): 08:4e:bf:30:64:48".
     */
    static final byte[] NEIGHBOR_SOLICITATION = TestBytes.hex(
            "6000 0000 0020 3aff fe80 0000 0000 0000"
            + "0a4e bfff fe30 6448 ff02 0000 0000 0000"
            + "0000 0001 ffcd 679a 8700 ee32 0000 0000"
            + "fe80 0000 0000 0000 0e89 5a83 fccd 679a"
            + "0101 084e bf30 6448");

    /**
     * Its answer: "fe80::e89:5a83:fccd:679a > fe80::a4e:bfff:fe30:6448: [icmp6 sum ok] ICMP6,
     * neighbor advertisement, length 32, tgt is fe80::e89:5a83:fccd:679a, Flags [solicited,
     * override] / destination link-address option (2), length 8 (1): 28:d2:44:40:b9:66".
     */
    static final byte[] NEIGHBOR_ADVERTISEMENT = TestBytes.hex(
            "6000 0000 0020 3aff fe80 0000 0000 0000"
            + "0e89 5a83 fccd 679a fe80 0000 0000 0000"
            + "0a4e bfff fe30 6448 8800 2bf7 6000 0000"
            + "fe80 0000 0000 0000 0e89 5a83 fccd 679a"
            + "0201 28d2 4440 b966");

    /**
     * Duplicate address detection, from the unspecified address and so without an option:
     * ":: > ff02::1:ff0e:4c67: [icmp6 sum ok] ICMP6, neighbor solicitation, length 24, who has
     * fe80::20c:29ff:fe0e:4c67" (gopacket).
     */
    static final byte[] NEIGHBOR_SOLICITATION_DAD = TestBytes.hex(
            "6000 0000 0018 3aff 0000 0000 0000 0000"
            + "0000 0000 0000 0000 ff02 0000 0000 0000"
            + "0000 0001 ff0e 4c67 8700 b930 0000 0000"
            + "fe80 0000 0000 0000 020c 29ff fe0e 4c67");

    /**
     * "IP6 (class 0xe0, hlim 255, ... payload length: 64) fe80::c000:54ff:fef5:0 > ff02::1:
     * [icmp6 sum ok] ICMP6, router advertisement, length 64 / hop limit 64, Flags [none], pref
     * medium, router lifetime 1800s, reachable time 0ms, retrans timer 0ms / source link-address
     * option (1): c2:00:54:f5:00:00 / mtu option (5): 1500 / prefix info option (3):
     * 2001:db8:0:1::/64, Flags [onlink, auto], valid time 2592000s, pref. time 604800s" (gopacket).
     */
    static final byte[] ROUTER_ADVERTISEMENT = TestBytes.hex(
            "6e00 0000 0040 3aff fe80 0000 0000 0000"
            + "c000 54ff fef5 0000 ff02 0000 0000 0000"
            + "0000 0000 0000 0001 8600 c4fe 4000 0708"
            + "0000 0000 0000 0000 0101 c200 54f5 0000"
            + "0501 0000 0000 05dc 0304 40c0 0027 8d00"
            + "0009 3a80 0000 0000 2001 0db8 0000 0001"
            + "0000 0000 0000 0000");

    /**
     * An MLDv2 report behind a Hop-by-Hop header with Router Alert: "IP6 (hlim 1, next-header
     * Options (0) payload length: 136) :: > ff02::16: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok]
     * ICMP6, multicast listener report v2, 6 group record(s) [gaddr ff02::1:ffb7:c4d5 to_in, 0
     * source(s)] ..." (gopacket).
     */
    static final byte[] MLDV2_REPORT_HOP_BY_HOP = TestBytes.hex(
            "6000 0000 0088 0001 0000 0000 0000 0000"
            + "0000 0000 0000 0000 ff02 0000 0000 0000"
            + "0000 0000 0000 0016 3a00 0502 0000 0100"
            + "8f00 9eed 0000 0006 0300 0000 ff02 0000"
            + "0000 0000 0000 0001 ffb7 c4d5 0300 0000"
            + "ff02 0000 0000 0000 0000 0001 ff00 0000"
            + "0400 0000 ff02 0000 0000 0000 0000 0001"
            + "ff11 0079 0400 0000 ff02 0000 0000 0000"
            + "0000 0001 ff00 0001 0400 0000 ff05 0000"
            + "0000 0000 0000 0000 0000 0002 0400 0000"
            + "ff02 0000 0000 0000 0000 0000 0000 0002");

    /**
     * "IP6 (flowlabel 0xa1f94, hlim 64, next-header TCP (6) payload length: 40)
     * fdb5:481:10ce:0:8c41:aaff:fea9:f674.52190 > fec0::105.54322: Flags [S], cksum 0x535f
     * (correct), seq 3748496178, win 64800, options [mss 1440,sackOK,TS val 3095133499 ecr
     * 0,nop,wscale 7], length 0".
     */
    static final byte[] TCP_SYN = TestBytes.hex(
            "600a 1f94 0028 0640 fdb5 0481 10ce 0000"
            + "8c41 aaff fea9 f674 fec0 0000 0000 0000"
            + "0000 0000 0000 0105 cbde d432 df6d 8332"
            + "0000 0000 a002 fd20 535f 0000 0204 05a0"
            + "0402 080a b87b fd3b 0000 0000 0103 0307");

    /**
     * A SYN on lo captured before the checksum was completed (offload): "IP6 (flowlabel 0x4076b,
     * hlim 64, ...) ::1.40844 > ::1.25000: Flags [S], cksum 0x0030 (incorrect -> 0x7d18), seq
     * 3416072505, win 65476, options [mss 65476,sackOK,TS val 1071162153 ecr 0,nop,wscale 10], length 0".
     */
    static final byte[] TCP_SYN_LOOPBACK_OFFLOADED = TestBytes.hex(
            "6004 076b 0028 0640 0000 0000 0000 0000"
            + "0000 0000 0000 0001 0000 0000 0000 0000"
            + "0000 0000 0000 0001 9f8c 61a8 cb9d 2139"
            + "0000 0000 a002 ffc4 0030 0000 0204 ffc4"
            + "0402 080a 3fd8 a329 0000 0000 0103 030a");

    /**
     * The datagram of "fe80::1270:fdff:fe48:1077.9091 > fe80::1270:fdff:fe48:1087.44339: [udp sum
     * ok] UDP, length 3" (checksum 0x0b4b, payload "xdp") in an IPv6 header with hop limit 64: the
     * capture's hop limit is not known, and the UDP checksum does not cover it.
     */
    static final byte[] UDP_XDP = TestBytes.hex(
            "6000 0000 000b 1140 fe80 0000 0000 0000"
            + "1270 fdff fe48 1077 fe80 0000 0000 0000"
            + "1270 fdff fe48 1087 2383 ad33 000b 0b4b"
            + "7864 70");

    static byte[][] all() {
        return new byte[][] {ECHO_REQUEST_LOOPBACK, ECHO_REQUEST, ECHO_REPLY, NEIGHBOR_SOLICITATION,
            NEIGHBOR_ADVERTISEMENT, NEIGHBOR_SOLICITATION_DAD, ROUTER_ADVERTISEMENT, MLDV2_REPORT_HOP_BY_HOP,
            TCP_SYN, TCP_SYN_LOOPBACK_OFFLOADED, UDP_XDP};
    }
}
