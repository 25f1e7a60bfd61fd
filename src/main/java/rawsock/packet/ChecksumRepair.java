package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Recomputes, in place, the checksums of a whole IPv4 or IPv6 packet: the IPv4 header checksum
 * and the TCP, UDP, ICMP, ICMPv6 or IGMP checksum. Replays need it because a packet captured
 * where the sender's checksum was offloaded (everything sent over loopback or veth: the kernel
 * leaves CHECKSUM_PARTIAL, the pseudo-header sum only) would otherwise be dropped by the receiver.
 *
 * <p>The packet is read through the decoders' own views (header lengths, fragmentation, the
 * IPv6 extension chain and pseudo-headers) and written with each protocol's updateChecksum. Only
 * what can be recomputed is touched: a fragment (MF set, an offset, an IPv6 Fragment header), a
 * packet shorter than its header says, or a transport the repair does not know is left as it is.
 * It never throws on any bytes and, once made, allocates nothing.
 */
public final class ChecksumRepair {
    private final Ipv4 ipv4 = new Ipv4();
    private final Ipv6 ipv6 = new Ipv6();
    private final EthernetFrame frame = new EthernetFrame();

    /**
     * Repairs the IP packet inside the Ethernet frame between {@code frame}'s position and limit,
     * found through any stack of VLAN tags; a frame that carries no IP is left as it is. The
     * buffer's position and limit are unchanged.
     */
    public boolean repairFrame(ByteBuffer bytes) {
        int at = frame.walk(bytes).ipOffset();
        if (at < 0) {
            return false;
        }
        int start = bytes.position();
        bytes.position(at);
        try {
            return repair(bytes);
        } finally {
            bytes.position(start);
        }
    }

    /** Repairs the packet between {@code packet}'s position and limit; true when a transport checksum was rewritten. */
    public boolean repair(ByteBuffer packet) {
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

    private boolean repairIpv4(ByteBuffer packet, int start, int available) {
        Ipv4 ip = ipv4.wrap(packet, start, available);
        if (!ip.headerComplete() || ip.totalLength() < ip.headerLength() || ip.totalLength() > available) {
            return false;
        }
        Ipv4.updateHeaderChecksum(packet, start, ip.headerLength());
        if (!ip.firstFragment() || ip.mf()) {
            return false; // the transport checksum covers bytes in other fragments
        }
        int protocol = ip.protocol();
        int length = ip.declaredPayloadLength();
        return repairTransport(packet, protocol, false, ip.payloadOffset(), length,
                ip.pseudoHeaderSum(protocol, length));
    }

    private boolean repairIpv6(ByteBuffer packet, int start, int available) {
        Ipv6 ip = ipv6.wrap(packet, start, available);
        if (!ip.fixedHeaderPresent() || Ipv6.HEADER_LENGTH + ip.payloadLength() > available
                || !ip.chainComplete() || ip.fragmented()) {
            return false;
        }
        int protocol = ip.upperProtocol();
        int length = ip.declaredUpperLength();
        return repairTransport(packet, protocol, true, ip.upperOffset(), length, ip.pseudoHeaderSum(protocol, length));
    }

    /**
     * Writes the checksum of the transport segment at {@code at} with the protocol's own
     * updateChecksum ({@code pseudo}: its pseudo-header sum; ICMP and IGMP have none). ICMP and
     * IGMP belong to IPv4 and ICMPv6 to IPv6; TCP and UDP to both.
     */
    private static boolean repairTransport(ByteBuffer packet, int protocol, boolean ipv6, int at, int length,
                                           long pseudo) {
        switch (protocol) {
            case IpProtocol.TCP:
                if (length < Tcp.CHECKSUM_OFFSET + 2 || pseudo < 0) {
                    return false;
                }
                Tcp.updateChecksum(packet, at, length, pseudo);
                return true;
            case IpProtocol.UDP:
                if (length < Udp.CHECKSUM_OFFSET + 2 || pseudo < 0) {
                    return false;
                }
                Udp.updateChecksum(packet, at, length, pseudo); // a computed 0 goes out as 0xffff (RFC 768)
                return true;
            case IpProtocol.ICMP:
                if (ipv6 || length < Icmp.CHECKSUM_OFFSET + 2) {
                    return false;
                }
                Icmp.updateChecksum(packet, at, length);
                return true;
            case IpProtocol.IGMP:
                if (ipv6 || length < Igmp.CHECKSUM_OFFSET + 2) {
                    return false;
                }
                Igmp.updateChecksum(packet, at, length);
                return true;
            case IpProtocol.ICMP6:
                if (!ipv6 || length < Icmpv6.CHECKSUM_OFFSET + 2 || pseudo < 0) {
                    return false;
                }
                Icmpv6.updateChecksum(packet, at, length, pseudo);
                return true;
            default:
                return false;
        }
    }
}
