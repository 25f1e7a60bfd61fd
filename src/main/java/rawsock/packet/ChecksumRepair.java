package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Recomputes, in place, the checksums of a whole IPv4 or IPv6 packet: the IPv4 header checksum
 * and the TCP, UDP, ICMP, ICMPv6 or IGMP checksum. Replays need it because a packet captured
 * where the sender's checksum was offloaded (everything sent over loopback or veth: the kernel
 * leaves CHECKSUM_PARTIAL, the pseudo-header sum only) would otherwise be dropped by the receiver.
 *
 * <p>Only what can be recomputed is touched: a fragment (MF set or an offset), a packet shorter
 * than its header says, or a transport the repair does not know is left as it is. It never throws
 * on any bytes and allocates nothing.
 */
public final class ChecksumRepair {
    private static final int IPV6_HEADER = 40;

    private ChecksumRepair() {
    }

    /** Repairs the packet between {@code packet}'s position and limit; true when a transport checksum was rewritten. */
    public static boolean repair(ByteBuffer packet) {
        int start = packet.position();
        int available = packet.limit() - start;
        if (available < 1) {
            return false;
        }
        int version = Bytes.u8(packet, start) >> 4;
        if (version == 4) {
            return repairIpv4(packet, start, available);
        }
        return version == 6 && repairIpv6(packet, start, available);
    }

    private static boolean repairIpv4(ByteBuffer packet, int start, int available) {
        if (available < 20) {
            return false;
        }
        int headerLength = (Bytes.u8(packet, start) & 0x0f) * 4;
        int totalLength = Bytes.u16(packet, start + 2);
        if (headerLength < 20 || headerLength > available || totalLength < headerLength || totalLength > available) {
            return false;
        }
        Bytes.put16(packet, start + 10, 0);
        Bytes.put16(packet, start + 10, Checksum.compute(packet, start, headerLength));
        boolean fragment = (Bytes.u16(packet, start + 6) & 0x3fff) != 0; // MF or a fragment offset
        if (fragment) {
            return false;
        }
        int protocol = Bytes.u8(packet, start + 9);
        int transport = start + headerLength;
        int length = totalLength - headerLength;
        long pseudo = protocol == IpProtocol.TCP || protocol == IpProtocol.UDP
                ? Checksum.pseudoHeader(packet, start + 12, start + 16, 4, protocol, length) : 0;
        return repairTransport(packet, protocol, false, transport, length, pseudo);
    }

    private static boolean repairIpv6(ByteBuffer packet, int start, int available) {
        if (available < IPV6_HEADER) {
            return false;
        }
        int end = start + IPV6_HEADER + Bytes.u16(packet, start + 4);
        if (end > start + available) {
            return false;
        }
        int next = Bytes.u8(packet, start + 6);
        int at = start + IPV6_HEADER;
        // Hop-by-hop, routing and destination options sit between the header and the transport;
        // a fragment header (44) means the transport checksum covers more than this packet.
        for (int hops = 0; hops < 8 && isSkippableExtension(next); hops++) {
            if (at + 2 > end) {
                return false;
            }
            int extensionLength = (Bytes.u8(packet, at + 1) + 1) * 8;
            next = Bytes.u8(packet, at);
            at += extensionLength;
        }
        if (at > end || isSkippableExtension(next)) {
            return false;
        }
        int length = end - at;
        long pseudo = Checksum.pseudoHeader(packet, start + 8, start + 24, 16, next, length);
        return repairTransport(packet, next, true, at, length, pseudo);
    }

    private static boolean isSkippableExtension(int next) {
        return next == IpProtocol.HOPOPT || next == IpProtocol.IPV6_ROUTE || next == IpProtocol.IPV6_OPTS;
    }

    /**
     * Where the checksum sits in a transport header this repair knows, or -1. ICMP and IGMP
     * belong to IPv4 and ICMPv6 to IPv6; TCP and UDP to both.
     */
    private static int checksumField(int protocol, boolean ipv6) {
        switch (protocol) {
            case IpProtocol.TCP:
                return 16;
            case IpProtocol.UDP:
                return 6;
            case IpProtocol.ICMP:
            case IpProtocol.IGMP:
                return ipv6 ? -1 : 2;
            case IpProtocol.ICMP6:
                return ipv6 ? 2 : -1;
            default:
                return -1;
        }
    }

    /**
     * Writes the checksum of the transport segment at {@code at} ({@code pseudo}: its
     * pseudo-header sum, 0 for ICMP and IGMP, which have none).
     */
    private static boolean repairTransport(ByteBuffer packet, int protocol, boolean ipv6, int at, int length,
                                           long pseudo) {
        int field = checksumField(protocol, ipv6);
        if (field < 0 || length < field + 2) {
            return false;
        }
        boolean udp = protocol == IpProtocol.UDP;
        Bytes.put16(packet, at + field, 0);
        int checksum = Checksum.finish(Checksum.sum(packet, at, length, pseudo));
        // Over UDP a computed 0 is sent as all ones: 0 would mean "no checksum" (RFC 768).
        Bytes.put16(packet, at + field, udp && checksum == 0 ? 0xffff : checksum);
        return true;
    }
}
