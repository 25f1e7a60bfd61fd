package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Decodes captured bytes into layers, one instance per capture loop. It owns one view per
 * protocol (and a second set for the packet quoted inside an ICMP error), the
 * {@link EthernetFrame} walk over link headers and one {@link DecodedPacket}, so decoding
 * allocates nothing: the views are rewrapped, and src/dst and proto are kept as offsets and
 * cached names until a writer asks for text. Whatever the bytes, {@link #decode} returns a
 * result: a header cut short is a truncated layer, one with impossible values is marked malformed,
 * and content without a decoder (another protocol, a later fragment) is a raw layer;
 * never an exception.
 *
 * <p>The returned packet and its layers are valid until the next call.
 */
public final class PacketDecoder {
    private static final String FRAGMENT = "fragment";
    private static final String NOT_QUOTED_IPV4 = "quoted bytes not IPv4";
    private static final String NOT_QUOTED_IPV6 = "quoted bytes not IPv6";

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

    // The link layer: the walk over the Ethernet header and its VLAN tags, and one ARP view.
    /** Deeper VLAN stacks than this are hostile or broken; the rest of the frame becomes raw. */
    public static final int MAX_VLAN_TAGS = EthernetFrame.MAX_VLAN_TAGS;
    private static final String TOO_MANY_TAGS = "too many vlan tags";
    private static final String ETHERTYPE_NOT_DECODED = "ethertype not decoded";
    private static final String LLC = "llc";
    private final EthernetFrame frame = new EthernetFrame();
    private final Ethernet eth = frame.ethernet();
    private final Arp arp = new Arp();

    /**
     * Ethernet, then 0..{@link #MAX_VLAN_TAGS} VLAN tags, then by EtherType: IPv4 and IPv6
     * through the IP decoders, ARP, or a raw layer. src/dst are the IP addresses when there is
     * an IP layer, else ARP's sender and target IPv4 addresses, else the MACs; proto is the IP
     * layer's, "arp", "llc" for 802.3 frames, or the EtherType as hex text ("0x88cc").
     */
    private void decodeEthernet(ByteBuffer bytes, int offset, int length) {
        if (length <= 0) {
            return;
        }
        frame.walk(bytes, offset, length);
        packet.add(eth);
        for (int i = 0; i < frame.tagCount(); i++) {
            packet.add(frame.tag(i));
        }
        int end = offset + length;
        int at = frame.payloadOffset();
        int type = frame.type();
        switch (frame.end()) {
            case NO_TYPE_FIELD:
                linkAddresses();
                return;
            case TOO_MANY_TAGS:
                packet.add(raw.wrap(bytes, at, end - at).label(TOO_MANY_TAGS));
                linkAddresses();
                packet.proto(EtherType.hex(type));
                return;
            case TAG_CUT:
                linkAddresses();
                packet.proto(EtherType.hex(type));
                return;
            default:
                break;
        }
        int present = end - at;
        // IPv4 goes to its decoder directly, so a wrong version nibble shows as a malformed IPv4
        // header; IPv6 through decodeNetwork, which dispatches on the version.
        if (type == EtherType.IPV4) {
            decodeIpv4(bytes, at, present);
        } else if (type == EtherType.IPV6 && present > 0) {
            decodeNetwork(bytes, at, present);
        } else if (type == EtherType.ARP) {
            packet.add(arp.wrap(bytes, at, present));
            packet.proto("arp");
            String src = arp.senderIpText();
            String dst = arp.targetIpText();
            if (src != null && dst != null) {
                packet.src(src);
                packet.dst(dst);
            } else {
                linkAddresses();
            }
        } else {
            if (type >= EtherType.MIN_ETHERTYPE && present > 0) {
                packet.add(raw.wrap(bytes, at, present).label(ETHERTYPE_NOT_DECODED));
            }
            linkAddresses();
            packet.proto(type >= EtherType.MIN_ETHERTYPE ? EtherType.hex(type) : LLC);
        }
    }

    /** src/dst of a frame without a network layer: the Ethernet MACs, when present. */
    private void linkAddresses() {
        if (eth.addressesPresent()) {
            packet.addresses(MacAddress.LENGTH, eth.buf, eth.offset() + Ethernet.SRC_OFFSET,
                    eth.offset() + Ethernet.DST_OFFSET);
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

    // The IPv6 path's views (and those of the packet an ICMPv6 error quotes, which never decode a
    // further quote). Transport views are shared with IPv4: one packet is decoded at a time.
    private final Ipv6 ip6 = new Ipv6();
    private final Icmpv6 icmp6 = new Icmpv6();
    private final Ipv6 quotedIp6 = new Ipv6();
    private final Icmpv6 quotedIcmp6 = new Icmpv6();

    /**
     * IPv6: the fixed header with its extension-header chain (one layer), then the upper layer
     * the chain ends in: ICMPv6 (whose errors quote the invoking packet after
     * {@link DecodedPacket#markQuotedStart()}), UDP, TCP, or a raw layer. A non-first fragment
     * is raw, and so is what follows ESP. Checksums are verified with the IPv6 pseudo-header,
     * except in a first fragment (the checksum covers the reassembled packet).
     */
    private void decodeIpv6(ByteBuffer bytes, int offset, int length) {
        ip6.wrap(bytes, offset, length);
        packet.add(ip6);
        if (ip6.fixedHeaderPresent()) {
            packet.addresses(16, bytes, offset + Ipv6.SRC_OFFSET, offset + Ipv6.DST_OFFSET);
        }
        int protocol = ip6.upperProtocol();
        if (protocol >= 0) {
            packet.proto(protocol == IpProtocol.ICMP6 ? IpProtocol.name(protocol) : protoText(protocol));
        }
        if (!ip6.chainComplete()) {
            return; // header cut, or an extension header that could not be walked
        }
        int payload = ip6.upperOffset();
        int present = ip6.upperLength();
        int declared = ip6.declaredUpperLength();
        if (!ip6.firstFragment()) {
            packet.add(raw.wrap(bytes, payload, present).protocol(protocol).label(FRAGMENT));
            return;
        }
        boolean whole = !ip6.moreFragments();
        switch (protocol) {
            case IpProtocol.ICMP6:
                icmp6.wrap(bytes, payload, present, declared);
                icmp6.pseudoHeaderSum(whole ? ip6.pseudoHeaderSum(IpProtocol.ICMP6, declared) : -1);
                packet.add(icmp6);
                if (icmp6.isError() && icmp6.quotedLength() > 0) {
                    decodeQuoted6(bytes, icmp6.quotedOffset(), icmp6.quotedLength());
                }
                break;
            default:
                decodeTransport(bytes, protocol, payload, present, declared, whole, true);
                break;
        }
    }

    /** The packet quoted by an ICMPv6 error: its IPv6 header and chain, and the start of its upper layer. */
    private void decodeQuoted6(ByteBuffer bytes, int offset, int length) {
        if (quotesIp(bytes, offset, length, 6)) {
            packet.add(quotedIp6.wrap(bytes, offset, length).quoted(true));
            if (quotedIp6.chainComplete() && quotedIp6.firstFragment()) {
                addQuotedUpper(bytes, 6, quotedIp6.upperProtocol(), quotedIp6.upperOffset(), quotedIp6.upperLength(),
                        quotedIp6.declaredUpperLength());
            }
        }
    }

    private void decodeIpv4(ByteBuffer bytes, int offset, int length) {
        ip.wrap(bytes, offset, length);
        packet.add(ip);
        if (ip.available() >= Ipv4.DST_OFFSET + 4) {
            packet.addresses(4, bytes, offset + Ipv4.SRC_OFFSET, offset + Ipv4.DST_OFFSET);
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
        // A first fragment with more to come holds part of the segment its checksum covers: no
        // verdict then, as on IPv6.
        boolean whole = !ip.mf();
        switch (protocol) {
            case IpProtocol.ICMP:
                icmp.wrap(bytes, payload, present, declared).partial(!whole);
                packet.add(icmp);
                if (icmp.isError() && icmp.quotedLength() > 0) {
                    decodeQuoted(bytes, icmp.quotedOffset(), icmp.quotedLength());
                }
                break;
            case IpProtocol.IGMP:
                packet.add(igmp.wrap(bytes, payload, present, declared));
                break;
            default:
                decodeTransport(bytes, protocol, payload, present, declared, whole, false);
                break;
        }
    }

    /**
     * What follows either IP version's header alike: TCP, UDP, or raw bytes of another protocol.
     * Checksums are summed with that version's pseudo-header, only over a whole (unfragmented)
     * segment; a zero UDP checksum means "none" on IPv4 and is always wrong on IPv6.
     */
    private void decodeTransport(ByteBuffer bytes, int protocol, int payload, int present, int declared,
            boolean whole, boolean ipv6) {
        switch (protocol) {
            case IpProtocol.TCP:
                tcp.wrap(bytes, payload, present, declared);
                tcp.pseudoHeaderSum(whole ? pseudoHeaderSum(ipv6, IpProtocol.TCP, declared) : -1);
                packet.add(tcp);
                break;
            case IpProtocol.UDP:
                udp.wrap(bytes, payload, present, declared).checksumRequired(ipv6);
                if (present >= Udp.HEADER_LENGTH && whole) {
                    udp.pseudoHeaderSum(pseudoHeaderSum(ipv6, IpProtocol.UDP, udp.length()));
                }
                packet.add(udp);
                break;
            default:
                if (present > 0) {
                    packet.add(raw.wrap(bytes, payload, present).protocol(protocol));
                }
                break;
        }
    }

    private long pseudoHeaderSum(boolean ipv6, int protocol, int length) {
        return ipv6 ? ip6.pseudoHeaderSum(protocol, length) : ip.pseudoHeaderSum(protocol, length);
    }

    /** The packet quoted by an ICMP error: its IP header and the first bytes of its transport. */
    private void decodeQuoted(ByteBuffer bytes, int offset, int length) {
        if (quotesIp(bytes, offset, length, 4)) {
            packet.add(quotedIp.wrap(bytes, offset, length).quoted(true));
            if (quotedIp.headerComplete() && quotedIp.firstFragment()) {
                addQuotedUpper(bytes, 4, quotedIp.protocol(), quotedIp.payloadOffset(), quotedIp.payloadLength(),
                        quotedIp.declaredPayloadLength());
            }
        }
    }

    /**
     * Starts the quoted layers. True when the quote starts with an IP header of the error's own
     * {@code version}; anything else is one raw layer.
     */
    private boolean quotesIp(ByteBuffer bytes, int offset, int length, int version) {
        packet.markQuotedStart();
        if (((bytes.get(offset) & 0xff) >>> 4) == version) {
            return true;
        }
        packet.add(quotedRaw.wrap(bytes, offset, length).label(version == 4 ? NOT_QUOTED_IPV4 : NOT_QUOTED_IPV6));
        return false;
    }

    /**
     * The start of the quoted packet's upper layer, marked quoted: an error carries too little of
     * it to check lengths or checksums. ICMP is decoded in the quote of its own IP version only
     * (ICMPv6 over IPv4, or ICMPv4 over IPv6, is not a real packet and stays raw).
     */
    private void addQuotedUpper(ByteBuffer bytes, int version, int protocol, int payload, int present, int declared) {
        if (present <= 0) {
            return;
        }
        if (protocol == IpProtocol.ICMP && version == 4) {
            packet.add(quotedIcmp.wrap(bytes, payload, present, declared).quoted(true));
        } else if (protocol == IpProtocol.ICMP6 && version == 6) {
            packet.add(quotedIcmp6.wrap(bytes, payload, present, declared).quoted(true));
        } else if (protocol == IpProtocol.TCP) {
            packet.add(quotedTcp.wrap(bytes, payload, present, declared).quoted(true));
        } else if (protocol == IpProtocol.UDP) {
            packet.add(quotedUdp.wrap(bytes, payload, present, declared).quoted(true));
        } else {
            packet.add(quotedRaw.wrap(bytes, payload, present).protocol(protocol));
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
