package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * IPv6 packets the tests build for the cases no public capture at hand covers (DNS over IPv6,
 * ICMPv6 errors quoting it, fragments, a segment routing header). They are built by the code
 * under test, so they prove nothing alone: TcpdumpAgreesTest has tcpdump check every one of
 * them (addresses, hop limit, "[icmp6 sum ok]", "[udp sum ok]").
 */
final class Built6 {
    static final byte[] CLIENT = TestBytes.hex("2001 0db8 0000 0000 0000 0000 0000 0001");
    static final byte[] SERVER = TestBytes.hex("2001 0db8 0000 0000 0000 0000 0000 0053");
    static final byte[] ROUTER = TestBytes.hex("2001 0db8 0000 0000 0000 0000 0000 00fe");

    /** A DNS query: id 0x1234, recursion desired, "AAAA? example.com." (29 bytes). */
    static final byte[] DNS_QUESTION = TestBytes.hex(
            "1234 0100 0001 0000 0000 0000 0765 7861 6d70 6c65 0363 6f6d 0000 1c00 01");

    private Built6() {
    }

    /** "2001:db8::1.40000 > 2001:db8::53.53: [udp sum ok] 4660+ AAAA? example.com. (29)", flow 0x12345. */
    static byte[] dnsQuery() {
        ByteBuffer out = ByteBuffer.allocate(100);
        new Ipv6Builder().flowLabel(0x12345).nextHeader(IpProtocol.UDP).src(CLIENT).dst(SERVER)
                .build().emit(out, 8 + DNS_QUESTION.length);
        new UdpBuilder().sport(40000).dport(53).build().emit(out, ByteBuffer.wrap(DNS_QUESTION), CLIENT, SERVER);
        return TestBytes.written(out);
    }

    /** The server's answer to {@link #dnsQuery()}: ICMPv6 port unreachable quoting the whole query. */
    static byte[] portUnreachable() {
        return icmpError(SERVER, new Icmpv6Builder().type(Icmpv6Types.DEST_UNREACH).code(Icmpv6Types.CODE_PORT_UNREACH),
                dnsQuery());
    }

    /** A router's packet too big (MTU 1280) quoting an echo request. */
    static byte[] packetTooBig() {
        return icmpError(ROUTER, new Icmpv6Builder().type(Icmpv6Types.PACKET_TOO_BIG).mtu(1280),
                Captures6.ECHO_REQUEST);
    }

    /** A router's hop limit exceeded quoting a TCP SYN. */
    static byte[] timeExceeded() {
        return icmpError(ROUTER, new Icmpv6Builder().type(Icmpv6Types.TIME_EXCEEDED), Captures6.TCP_SYN);
    }

    /** Parameter problem, unrecognized next header 253 at pointer 6. */
    static byte[] paramProblem() {
        ByteBuffer quoted = ByteBuffer.allocate(48);
        new Ipv6Builder().nextHeader(253).src(CLIENT).dst(SERVER).build().emit(quoted, 8);
        return icmpError(SERVER, new Icmpv6Builder().type(Icmpv6Types.PARAM_PROBLEM).code(1).pointer(6),
                quoted.array());
    }

    static byte[] icmpError(byte[] from, Icmpv6Builder icmp, byte[] quote) {
        ByteBuffer out = ByteBuffer.allocate(48 + quote.length);
        new Ipv6Builder().nextHeader(IpProtocol.ICMP6).hopLimit(64).src(from).dst(CLIENT)
                .build().emit(out, icmp.build().headerLength() + quote.length);
        icmp.build().emit(out, ByteBuffer.wrap(quote), from, CLIENT);
        return TestBytes.written(out);
    }

    /** A UDP datagram of 8 + 40 bytes, port 5000 > 6000, as it would be unfragmented. */
    static byte[] udpDatagram() {
        byte[] payload = new byte[40];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        ByteBuffer out = ByteBuffer.allocate(48);
        new UdpBuilder().sport(5000).dport(6000).build().emit(out, ByteBuffer.wrap(payload), CLIENT, SERVER);
        return out.array();
    }

    /** Its first fragment: Fragment header (M, offset 0, id 0x1234) and the first 24 bytes. */
    static byte[] firstFragment() {
        return fragment(0, true, 0, 24);
    }

    /** Its second and last fragment: offset 3 (24 bytes), the remaining 24 bytes. */
    static byte[] lastFragment() {
        return fragment(3, false, 24, 48);
    }

    private static byte[] fragment(int offsetUnits, boolean more, int from, int to) {
        byte[] datagram = udpDatagram();
        ByteBuffer out = ByteBuffer.allocate(48 + to - from);
        new Ipv6Builder().nextHeader(IpProtocol.IPV6_FRAG).src(CLIENT).dst(SERVER)
                .extensionHeaders(Ipv6Builder.fragmentHeader(IpProtocol.UDP, offsetUnits, more, 0x1234))
                .build().emit(out, to - from);
        out.put(datagram, from, to - from);
        return TestBytes.written(out);
    }

    /**
     * UDP behind a Segment Routing Header (RFC 8754) with one segment left: the destination
     * field holds the next segment (ROUTER), the final destination (SERVER) is Segment List[0],
     * and the UDP checksum covers that final destination (RFC 8200 8.1).
     */
    static byte[] udpWithSegmentRouting() {
        byte[] srh = new byte[40];
        srh[0] = IpProtocol.UDP;
        srh[1] = 4; // (4 + 1) * 8 = 40 bytes: 8 + two segments
        srh[2] = 4; // routing type 4, SRH
        srh[3] = 1; // segments left
        srh[4] = 1; // last entry
        System.arraycopy(SERVER, 0, srh, 8, 16);
        System.arraycopy(ROUTER, 0, srh, 24, 16);
        byte[] payload = "sr".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(98);
        new Ipv6Builder().nextHeader(IpProtocol.IPV6_ROUTE).src(CLIENT).dst(ROUTER).extensionHeaders(srh)
                .build().emit(out, 8 + payload.length);
        new UdpBuilder().sport(7).dport(7).build().emit(out, ByteBuffer.wrap(payload), CLIENT, SERVER);
        return TestBytes.written(out);
    }

    static byte[][] all() {
        return new byte[][] {dnsQuery(), portUnreachable(), packetTooBig(), timeExceeded(), paramProblem(),
            firstFragment(), lastFragment(), udpWithSegmentRouting()};
    }
}
