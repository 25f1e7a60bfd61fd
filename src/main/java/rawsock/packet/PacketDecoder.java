package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Decodes captured bytes into layers, one instance per capture loop. It owns one view per
 * protocol (and a second set for the packet quoted inside an ICMP error) and one
 * {@link DecodedPacket}, so decoding allocates nothing except the src/dst strings. Whatever the
 * bytes, {@link #decode} returns a result: unknown or damaged content becomes a truncated or raw
 * layer, never an exception.
 *
 * <p>The returned packet and its layers are valid until the next call.
 */
public final class PacketDecoder {
    private static final String FRAGMENT = "fragment";

    private final DecodedPacket packet = new DecodedPacket();

    private final Ipv4 ip = new Ipv4();
    private final Icmp icmp = new Icmp();
    private final Udp udp = new Udp();
    private final Tcp tcp = new Tcp();
    private final Igmp igmp = new Igmp();
    private final RawPayload raw = new RawPayload();

    // The packet an ICMP error quotes. Its ICMP view never decodes a further quote, so nesting stops here.
    private final Ipv4 quotedIp = new Ipv4();
    private final Icmp quotedIcmp = new Icmp();
    private final Udp quotedUdp = new Udp();
    private final Tcp quotedTcp = new Tcp();
    private final RawPayload quotedRaw = new RawPayload();

    /**
     * Decodes {@code bytes} from its position to its limit (neither is moved).
     *
     * @param link where the bytes start; null is treated as {@link LinkType#RAW}
     */
    public DecodedPacket decode(ByteBuffer bytes, LinkType link) {
        packet.clear();
        if (bytes == null) {
            return packet;
        }
        int offset = bytes.position();
        int length = bytes.remaining();
        if (link == LinkType.ETHERNET) {
            decodeEthernet(bytes, offset, length);
        } else {
            decodeNetwork(bytes, offset, length);
        }
        return packet;
    }

    /**
     * Extension point for the link layer: an Ethernet (and VLAN) view goes here, dispatching on
     * the EtherType to {@link #decodeNetwork}'s IPv4/IPv6 decoders, ARP, or a raw layer. Until it
     * exists the whole frame is one raw layer.
     */
    private void decodeEthernet(ByteBuffer bytes, int offset, int length) {
        if (length > 0) {
            packet.add(raw.wrap(bytes, offset, length).label("link layer not decoded"));
        }
    }

    /** Bytes that start at an IP header: dispatch on the version nibble. */
    private void decodeNetwork(ByteBuffer bytes, int offset, int length) {
        if (length <= 0) {
            return;
        }
        int version = (bytes.get(offset) & 0xff) >>> 4;
        if (version == 4) {
            decodeIpv4(bytes, offset, length);
        } else if (version == 6) {
            decodeIpv6(bytes, offset, length);
        } else {
            packet.add(raw.wrap(bytes, offset, length).label("not IPv4 or IPv6"));
        }
    }

    /**
     * Extension point for IPv6: an Ipv6 view (fixed header and extension-header chain) goes here;
     * its final next-header feeds the same transport dispatch as IPv4, with ICMPv6 errors quoting
     * through {@link DecodedPacket#markQuotedStart()}. Until then IPv6 is one raw layer.
     */
    private void decodeIpv6(ByteBuffer bytes, int offset, int length) {
        packet.add(raw.wrap(bytes, offset, length).label("ip6 not decoded"));
    }

    private void decodeIpv4(ByteBuffer bytes, int offset, int length) {
        ip.wrap(bytes, offset, length);
        packet.add(ip);
        if (ip.available() >= Ipv4.DST_OFFSET + 4) {
            packet.src(AddressFormat.ipv4(ip.srcInt()));
            packet.dst(AddressFormat.ipv4(ip.dstInt()));
        }
        if (ip.available() > Ipv4.PROTOCOL_OFFSET) {
            packet.proto(protoText(ip.protocol()));
        }
        if (!ip.headerComplete()) {
            return; // IHL below 5 or the header itself cut: nothing after it can be placed
        }
        int protocol = ip.protocol();
        int payload = ip.payloadOffset();
        int present = ip.payloadLength();
        int declared = ip.declaredPayloadLength();
        if (!ip.firstFragment()) {
            // The transport header is in the first fragment only; these bytes are its middle.
            packet.add(raw.wrap(bytes, payload, present).protocol(protocol).label(FRAGMENT));
            return;
        }
        switch (protocol) {
            case IpProtocol.ICMP:
                icmp.wrap(bytes, payload, present, declared);
                packet.add(icmp);
                if (icmp.isError() && icmp.quotedLength() > 0) {
                    decodeQuoted(bytes, icmp.quotedOffset(), icmp.quotedLength());
                }
                break;
            case IpProtocol.TCP:
                tcp.wrap(bytes, payload, present, declared);
                tcp.pseudoHeaderSum(ip.pseudoHeaderSum(IpProtocol.TCP, declared));
                packet.add(tcp);
                break;
            case IpProtocol.UDP:
                udp.wrap(bytes, payload, present, declared);
                if (present >= Udp.HEADER_LENGTH) {
                    udp.pseudoHeaderSum(ip.pseudoHeaderSum(IpProtocol.UDP, udp.length()));
                }
                packet.add(udp);
                break;
            case IpProtocol.IGMP:
                packet.add(igmp.wrap(bytes, payload, present, declared));
                break;
            default:
                if (present > 0) {
                    packet.add(raw.wrap(bytes, payload, present).protocol(protocol));
                }
                break;
        }
    }

    /** The packet quoted by an ICMP error: its IP header and the first bytes of its transport. */
    private void decodeQuoted(ByteBuffer bytes, int offset, int length) {
        packet.markQuotedStart();
        if (((bytes.get(offset) & 0xff) >>> 4) != 4) {
            packet.add(quotedRaw.wrap(bytes, offset, length).label("quoted bytes not IPv4"));
            return;
        }
        quotedIp.wrap(bytes, offset, length).quoted(true);
        packet.add(quotedIp);
        if (!quotedIp.headerComplete() || !quotedIp.firstFragment()) {
            return;
        }
        int payload = quotedIp.payloadOffset();
        int present = quotedIp.payloadLength();
        if (present <= 0) {
            return;
        }
        int declared = quotedIp.declaredPayloadLength();
        switch (quotedIp.protocol()) {
            case IpProtocol.ICMP:
                packet.add(quotedIcmp.wrap(bytes, payload, present, declared).quoted(true));
                break;
            case IpProtocol.TCP:
                packet.add(quotedTcp.wrap(bytes, payload, present, declared).quoted(true));
                break;
            case IpProtocol.UDP:
                packet.add(quotedUdp.wrap(bytes, payload, present, declared).quoted(true));
                break;
            default:
                packet.add(quotedRaw.wrap(bytes, payload, present).protocol(quotedIp.protocol()));
                break;
        }
    }

    /** DecodedPacket.proto: the name where a decoder exists, else the number (cached strings). */
    private static String protoText(int protocol) {
        switch (protocol) {
            case IpProtocol.ICMP:
            case IpProtocol.TCP:
            case IpProtocol.UDP:
            case IpProtocol.IGMP:
                return IpProtocol.name(protocol);
            default:
                return IpProtocol.number(protocol);
        }
    }
}
