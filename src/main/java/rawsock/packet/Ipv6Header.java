package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The receive side's IPv6 header: on an AF_INET6 raw socket Linux delivers the payload WITHOUT
 * the IPv6 header (raw(7) for IPv6 differs from IPv4 here), so rawsock rebuilds a fixed header
 * from what recvmsg tells: the source address (msg_name), the destination (IPV6_PKTINFO), the
 * hop limit (IPV6_HOPLIMIT), traffic class (IPV6_TCLASS) and flow label (IPV6_FLOWINFO).
 *
 * <p>The result is reconstructed: extension headers the kernel consumed are not shown, the
 * next header is the socket's protocol, and the payload length is what was received.
 */
public final class Ipv6Header {
    /** The note a writer can show beside a rebuilt header. */
    public static final String RECONSTRUCTED = "reconstructed: extension headers the kernel consumed are not shown";

    private Ipv6Header() {
    }

    /**
     * Writes a 40-byte fixed IPv6 header at {@code out.position()} and advances the position, so
     * the received payload can be copied (or received) right after it. Allocation-free.
     *
     * @param trafficClass 0..255
     * @param flowLabel 0..0xfffff (IPV6_FLOWINFO's value masked with 0xfffff)
     * @param payloadLength 0..65535: the bytes received after the header
     * @param nextHeader the socket's protocol, 0..255
     * @param hopLimit 0..255
     * @param src16 the sender, 16 bytes
     * @param dst16 the address the packet was sent to, 16 bytes
     * @return 40
     * @throws IllegalArgumentException naming a value out of range or an address not 16 bytes long
     * @throws java.nio.BufferOverflowException when {@code out} has fewer than 40 bytes left
     */
    public static int rebuild(ByteBuffer out, int trafficClass, int flowLabel, int payloadLength, int nextHeader,
                              int hopLimit, byte[] src16, byte[] dst16) {
        Bytes.checkRange("IPv6 traffic class", trafficClass, 0, 255);
        Bytes.checkRange("IPv6 flow label", flowLabel, 0, Ipv6.MAX_FLOW_LABEL);
        Bytes.checkRange("IPv6 payload length", payloadLength, 0, 0xffff);
        Bytes.checkRange("IPv6 next header", nextHeader, 0, 255);
        Bytes.checkRange("IPv6 hop limit", hopLimit, 0, 255);
        if (src16 == null || src16.length != 16 || dst16 == null || dst16.length != 16) {
            throw new IllegalArgumentException("IPv6 header addresses must be 16 bytes each");
        }
        int at = Bytes.claim(out, Ipv6.HEADER_LENGTH);
        Ipv6Fields.writeFixed(out, at, 6, trafficClass, flowLabel, payloadLength, nextHeader, hopLimit, src16, dst16);
        out.position(at + Ipv6.HEADER_LENGTH);
        return Ipv6.HEADER_LENGTH;
    }
}
