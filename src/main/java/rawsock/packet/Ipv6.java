package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * A view of an IPv6 header (RFC 8200) and its extension-header chain over captured bytes,
 * reused from packet to packet, plus the static in-place patch helpers for the send loop.
 *
 * <p>{@link #wrap} walks the chain once: Hop-by-Hop (0), Routing (43), Fragment (44),
 * Destination Options (60), AH (51, whose length counts 32-bit words minus 2) and the other
 * RFC 7045 extension headers, at most {@link #MAX_EXTENSION_HEADERS} of them and never past the
 * payload length or the captured bytes. The walk stops at the upper layer, at ESP (50, the rest
 * is encrypted), at No Next Header (59), and after the Fragment header of a non-first fragment
 * (what follows is the middle of a payload, not a header). {@link #upperProtocol()} and
 * {@link #upperOffset()} say where it stopped.
 *
 * <p>Getters return 0 for fields whose bytes are missing; nothing here throws on any bytes.
 */
public final class Ipv6 extends View implements Layer {
    public static final int HEADER_LENGTH = 40;
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    public static final int NEXT_HEADER_OFFSET = 6;
    public static final int HOP_LIMIT_OFFSET = 7;
    public static final int SRC_OFFSET = 8;
    public static final int DST_OFFSET = 24;
    public static final int MAX_FLOW_LABEL = 0xfffff;
    /** More extension headers than this is hostile input; the walk stops there. */
    public static final int MAX_EXTENSION_HEADERS = 16;

    private static final int FRAGMENT_LENGTH = 8;
    private static final String TOO_MANY = "too many extension headers";
    private static final String BEYOND_PAYLOAD = "extension header beyond payload length";
    private static final String HOP_BY_HOP_NOT_FIRST = "hop-by-hop not first";
    private static final String BAD_OPTION = "bad option length";

    private boolean quoted;
    private int extCount;
    private final int[] extType = new int[MAX_EXTENSION_HEADERS];
    /** Offsets relative to the IPv6 header. */
    private final int[] extOffset = new int[MAX_EXTENSION_HEADERS];
    private final int[] extLength = new int[MAX_EXTENSION_HEADERS];
    private int upperProtocol = -1;
    private int upperOffset = HEADER_LENGTH;
    private boolean chainComplete;
    private boolean chainCut;
    private String chainProblem;
    private int fragmentIndex = -1;
    private boolean nonFirstFragment;

    /** Views {@code available} bytes at absolute {@code offset} and walks the extension headers; returns this. */
    public Ipv6 wrap(ByteBuffer buf, int offset, int available) {
        reset(buf, offset, available, available);
        quoted = false;
        walk();
        return this;
    }

    /**
     * Marks this header as the one quoted in an ICMPv6 error: the quoted packet is cut short by
     * design (RFC 4443: as much as fits in 1280 bytes), so only a cut inside the fixed header
     * counts as truncated.
     */
    public Ipv6 quoted(boolean value) {
        quoted = value;
        return this;
    }

    public boolean quoted() {
        return quoted;
    }

    @Override
    public String name() {
        return "ip6";
    }

    public int version() {
        return u8(0) >>> 4;
    }

    public int trafficClass() {
        return (int) ((u32(0) >>> 20) & 0xff);
    }

    public int flowLabel() {
        return (int) (u32(0) & MAX_FLOW_LABEL);
    }

    /** The payload length field: extension headers plus upper layer. */
    public int payloadLength() {
        return u16(PAYLOAD_LENGTH_OFFSET);
    }

    /** The next header field of the fixed header (the first extension header's type, if any). */
    public int nextHeader() {
        return u8(NEXT_HEADER_OFFSET);
    }

    public int hopLimit() {
        return u8(HOP_LIMIT_OFFSET);
    }

    public String srcText() {
        return has(SRC_OFFSET, 16) ? AddressFormat.ipv6(buf, offset + SRC_OFFSET) : "";
    }

    public String dstText() {
        return has(DST_OFFSET, 16) ? AddressFormat.ipv6(buf, offset + DST_OFFSET) : "";
    }

    /** True when the 40 fixed bytes are present. */
    public boolean fixedHeaderPresent() {
        return has(0, HEADER_LENGTH);
    }

    /** Extension headers walked (complete ones only). */
    public int extensionCount() {
        return extCount;
    }

    /** The type (next header value) of extension header {@code index}, or -1. */
    public int extensionType(int index) {
        return index >= 0 && index < extCount ? extType[index] : -1;
    }

    /** Absolute index of extension header {@code index}, or -1. */
    public int extensionOffset(int index) {
        return index >= 0 && index < extCount ? offset + extOffset[index] : -1;
    }

    /** Length in bytes of extension header {@code index}, or 0. */
    public int extensionLength(int index) {
        return index >= 0 && index < extCount ? extLength[index] : 0;
    }

    /**
     * Where the walk stopped: the upper-layer protocol (6, 17, 58, ...), 50 (ESP), 59 (none), the
     * protocol a non-first fragment belongs to, or, when the chain is not complete, the type of
     * the extension header that could not be walked. -1 without a fixed header.
     */
    public int upperProtocol() {
        return upperProtocol;
    }

    /** Absolute index of the upper-layer header (of the fragment data for a non-first fragment). */
    public int upperOffset() {
        return offset + upperOffset;
    }

    /** True when every extension header was present and the walk reached the upper layer. */
    public boolean chainComplete() {
        return chainComplete;
    }

    /** Upper-layer bytes the header declares: payload length minus the extension headers. */
    public int declaredUpperLength() {
        if (!chainComplete) {
            return 0;
        }
        return Math.max(0, payloadEnd() - upperOffset);
    }

    /** Upper-layer bytes present: the declared length, cut to what was captured. */
    public int upperLength() {
        if (!chainComplete) {
            return 0;
        }
        return Math.max(0, Math.min(payloadEnd(), available) - upperOffset);
    }

    /** True when a Fragment header was walked. */
    public boolean fragmented() {
        return fragmentIndex >= 0;
    }

    /** True unless a Fragment header with a non-zero offset was walked: the transport header is here. */
    public boolean firstFragment() {
        return !nonFirstFragment;
    }

    /** The first Fragment header's offset in 8-byte units, 0 without one. */
    public int fragmentOffset() {
        return fragmentIndex < 0 ? 0 : u16(extOffset[fragmentIndex] + 2) >>> 3;
    }

    /** The first Fragment header's M flag. */
    public boolean moreFragments() {
        return fragmentIndex >= 0 && (u8(extOffset[fragmentIndex] + 3) & 1) != 0;
    }

    /** The first Fragment header's 32-bit identification, 0 without one. */
    public long fragmentId() {
        return fragmentIndex < 0 ? 0 : u32(extOffset[fragmentIndex] + 4);
    }

    /**
     * Pseudo-header sum (RFC 8200 8.1) for an upper-layer checksum over {@code length} bytes:
     * source, the final destination (the last address of a Routing header that still has
     * segments left, else the destination field), the 32-bit length and {@code protocol}.
     * -1 when the addresses are missing.
     */
    public long pseudoHeaderSum(int protocol, int length) {
        int dst = finalDestinationOffset();
        if (!has(SRC_OFFSET, 16) || !has(dst, 16) || length < 0) {
            return -1;
        }
        return Checksum.pseudoHeader(buf, offset + SRC_OFFSET, offset + dst, 16, protocol, length);
    }

    /** Relative offset of the address the pseudo-header uses as destination. */
    private int finalDestinationOffset() {
        for (int i = 0; i < extCount; i++) {
            if (extType[i] != IpProtocol.IPV6_ROUTE) {
                continue;
            }
            int at = extOffset[i];
            int routingType = u8(at + 2);
            int segmentsLeft = u8(at + 3);
            int addresses = u8(at + 1) / 2;
            if (segmentsLeft == 0 || addresses == 0) {
                return DST_OFFSET;
            }
            if (routingType == 0 || routingType == 2) {
                return at + 8 + 16 * (addresses - 1); // RFC 5095 / 6275: the last address is the final one
            }
            if (routingType == 4) {
                return at + 8; // RFC 8754: Segment List[0] is the final segment
            }
            return DST_OFFSET;
        }
        return DST_OFFSET;
    }

    /** Relative end of the payload: 40 plus the payload length, or the captured bytes when it is 0 (jumbogram, GSO). */
    private int payloadEnd() {
        int plen = payloadLength();
        return plen == 0 ? available : HEADER_LENGTH + plen;
    }

    private void walk() {
        extCount = 0;
        fragmentIndex = -1;
        nonFirstFragment = false;
        chainComplete = false;
        chainCut = false;
        chainProblem = null;
        upperOffset = HEADER_LENGTH;
        upperProtocol = has(NEXT_HEADER_OFFSET, 1) ? nextHeader() : -1;
        if (!has(0, HEADER_LENGTH)) {
            return;
        }
        int end = payloadEnd();
        int nh = nextHeader();
        int pos = HEADER_LENGTH;
        while (isExtension(nh)) {
            upperProtocol = nh;
            upperOffset = pos;
            if (extCount == MAX_EXTENSION_HEADERS) {
                chainProblem = TOO_MANY;
                return;
            }
            int length = FRAGMENT_LENGTH;
            if (nh != IpProtocol.IPV6_FRAG) {
                if (!fits(pos, 2, end)) {
                    return;
                }
                length = nh == IpProtocol.AH ? (u8(pos + 1) + 2) * 4 : (u8(pos + 1) + 1) * 8;
            }
            if (!fits(pos, length, end)) {
                return;
            }
            if (nh == IpProtocol.HOPOPT && extCount > 0 && chainProblem == null) {
                chainProblem = HOP_BY_HOP_NOT_FIRST;
            }
            extType[extCount] = nh;
            extOffset[extCount] = pos;
            extLength[extCount] = length;
            extCount++;
            if ((nh == IpProtocol.HOPOPT || nh == IpProtocol.IPV6_OPTS) && chainProblem == null
                    && !optionsWellFormed(pos, length)) {
                chainProblem = BAD_OPTION;
            }
            if (nh == IpProtocol.IPV6_FRAG && fragmentIndex < 0) {
                fragmentIndex = extCount - 1;
                if ((u16(pos + 2) >>> 3) != 0) {
                    nonFirstFragment = true;
                    upperProtocol = u8(pos);
                    upperOffset = pos + FRAGMENT_LENGTH;
                    chainComplete = true;
                    return;
                }
            }
            nh = u8(pos);
            pos += length;
        }
        upperProtocol = nh;
        upperOffset = pos;
        chainComplete = true;
    }

    /** True when [pos, pos+length) is inside both the payload and the capture; records why not. */
    private boolean fits(int pos, int length, int end) {
        boolean beyondCapture = pos + length > available;
        boolean beyondPayload = payloadLength() != 0 && pos + length > end;
        if (beyondPayload && chainProblem == null) {
            chainProblem = BEYOND_PAYLOAD;
        }
        if (beyondCapture) {
            chainCut = true;
        }
        return !beyondCapture && !beyondPayload;
    }

    /** RFC 7045: the extension headers that share the walkable format, plus AH's own length unit. */
    private static boolean isExtension(int nh) {
        switch (nh) {
            case IpProtocol.HOPOPT:
            case IpProtocol.IPV6_ROUTE:
            case IpProtocol.IPV6_FRAG:
            case IpProtocol.IPV6_OPTS:
            case IpProtocol.AH:
            case 135: // Mobility
            case 139: // HIP
            case 140: // Shim6
            case 253: // experimental (RFC 3692)
            case 254:
                return true;
            default:
                return false;
        }
    }

    private static String extensionName(int type) {
        switch (type) {
            case IpProtocol.HOPOPT:
                return "hop-by-hop";
            case IpProtocol.IPV6_ROUTE:
                return "routing";
            case IpProtocol.IPV6_FRAG:
                return "fragment";
            case IpProtocol.IPV6_OPTS:
                return "dstopts";
            case IpProtocol.AH:
                return "ah";
            case 135:
                return "mobility";
            case 139:
                return "hip";
            case 140:
                return "shim6";
            default:
                return "ext-" + type;
        }
    }

    /** Hop-by-Hop / Destination options: TLVs whose lengths stay inside the header. */
    private boolean optionsWellFormed(int at, int length) {
        int end = at + length;
        int pos = at + 2;
        while (pos < end) {
            pos = nextOption(pos, end);
            if (pos < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Relative index after the Hop-by-Hop / Destination option at {@code pos} (RFC 8200 4.2:
     * Pad1, type 0, is one byte; every other option is type, data length, data), or -1 when its
     * length runs past {@code end}.
     */
    private int nextOption(int pos, int end) {
        if (u8(pos) == 0) {
            return pos + 1;
        }
        if (pos + 2 > end || pos + 2 + u8(pos + 1) > end) {
            return -1;
        }
        return pos + 2 + u8(pos + 1);
    }

    /** The walked chain as text: "hop-by-hop(rtalert 0),fragment(off 0,M,id 0x1234)". */
    public String extensionsText() {
        StringBuilder text = new StringBuilder();
        appendExtensions(text);
        return text.toString();
    }

    private void appendExtensions(StringBuilder text) {
        for (int i = 0; i < extCount; i++) {
            if (i > 0) {
                text.append(',');
            }
            int type = extType[i];
            int at = extOffset[i];
            text.append(extensionName(type));
            int mark = text.length();
            switch (type) {
                case IpProtocol.IPV6_FRAG:
                    text.append("(off ").append(u16(at + 2) >>> 3);
                    if ((u8(at + 3) & 1) != 0) {
                        text.append(",M");
                    }
                    text.append(",id 0x").append(Long.toHexString(u32(at + 4))).append(')');
                    break;
                case IpProtocol.IPV6_ROUTE:
                    text.append("(type ").append(u8(at + 2)).append(",segleft ").append(u8(at + 3)).append(')');
                    break;
                case IpProtocol.AH:
                    text.append("(len ").append(extLength[i]).append(",spi 0x").append(Long.toHexString(u32(at + 4)))
                            .append(')');
                    break;
                case IpProtocol.HOPOPT:
                case IpProtocol.IPV6_OPTS:
                    appendOptions(text, at, extLength[i]);
                    break;
                default:
                    if (extLength[i] != 8) {
                        text.append("(len ").append(extLength[i]).append(')');
                    }
                    break;
            }
            if (text.length() == mark + 2) {
                text.setLength(mark); // "()" when there was nothing to say
            }
        }
    }

    /** "(len 16,rtalert 0,jumbo 70000)": the length when not 8 and every option except padding. */
    private void appendOptions(StringBuilder text, int at, int length) {
        text.append('(');
        boolean first = true;
        if (length != 8) {
            text.append("len ").append(length);
            first = false;
        }
        int end = at + length;
        for (int pos = at + 2, next; pos < end; pos = next) {
            next = nextOption(pos, end);
            if (next < 0) {
                text.append(first ? "" : ",").append("[bad opt]");
                break;
            }
            int type = u8(pos);
            if (type == 0 || type == 1) {
                continue; // Pad1 and PadN say nothing
            }
            text.append(first ? "" : ",");
            first = false;
            int optLength = u8(pos + 1);
            if (type == 5 && optLength == 2) {
                text.append("rtalert ").append(u16(pos + 2));
            } else if (type == 0xc2 && optLength == 4) {
                text.append("jumbo ").append(u32(pos + 2));
            } else {
                text.append("opt ");
                Bytes.appendHex8(text, type);
            }
        }
        text.append(')');
    }

    /** What makes this header impossible, or null: a constant text, so this allocates nothing. */
    public String malformed() {
        if (available == 0) {
            return null;
        }
        if (version() != 6) {
            return "version is not 6";
        }
        return chainProblem;
    }

    @Override
    public boolean truncated() {
        if (!has(0, HEADER_LENGTH)) {
            return true;
        }
        if (quoted) {
            return false;
        }
        int plen = payloadLength();
        return chainCut || (plen != 0 && HEADER_LENGTH + plen > available);
    }

    @Override
    public void fields(FieldSink out) {
        if (has(0, 1)) {
            out.number("version", version());
        }
        if (has(0, 4)) {
            out.number("tclass", trafficClass());
            out.number("flow", flowLabel());
        }
        if (has(PAYLOAD_LENGTH_OFFSET, 2)) {
            out.number("plen", payloadLength());
        }
        if (has(NEXT_HEADER_OFFSET, 1)) {
            out.number("nxt", nextHeader());
        }
        if (has(HOP_LIMIT_OFFSET, 1)) {
            out.number("hlim", hopLimit());
        }
        if (has(SRC_OFFSET, 16)) {
            out.address("src", buf, offset + SRC_OFFSET, 16);
        }
        if (has(DST_OFFSET, 16)) {
            out.address("dst", buf, offset + DST_OFFSET, 16);
        }
        if (extCount > 0) {
            out.text("ext", extensionsText());
        }
        if (chainComplete) {
            out.number("proto", upperProtocol);
            out.text("proto_name", IpProtocol.name(upperProtocol));
        }
        problemFields(out, malformed(), truncated());
    }

    @Override
    public void describe(StringBuilder text) {
        if (!has(0, HEADER_LENGTH)) {
            text.append("[truncated ip6]");
            return;
        }
        text.append("IP6 ");
        AddressFormat.appendIpv6(text, buf, offset + SRC_OFFSET);
        text.append(" > ");
        AddressFormat.appendIpv6(text, buf, offset + DST_OFFSET);
        text.append(" hlim ").append(hopLimit()).append(" plen ").append(payloadLength());
        if (trafficClass() != 0) {
            text.append(" tclass ");
            Bytes.appendHex8(text, trafficClass());
        }
        if (flowLabel() != 0) {
            text.append(" flow 0x");
            String hex = Integer.toHexString(flowLabel());
            for (int i = hex.length(); i < 5; i++) {
                text.append('0');
            }
            text.append(hex);
        }
        if (extCount > 0) {
            text.append(" ext [");
            appendExtensions(text);
            text.append(']');
        }
        if (chainComplete && !hasDecoder(upperProtocol)) {
            if (upperProtocol == IpProtocol.IPV6_NONXT) {
                text.append(" no next header");
            } else {
                text.append(" proto ").append(IpProtocol.name(upperProtocol));
            }
        }
        appendMalformed(text, malformed());
        if (!quoted) {
            if (chainCut) {
                text.append(" [truncated ").append(extensionName(upperProtocol)).append(']');
            } else if (payloadLength() != 0 && HEADER_LENGTH + payloadLength() > available) {
                text.append(" [").append(HEADER_LENGTH + payloadLength() - available).append(" bytes missing]");
            }
        }
    }

    /** The protocols whose next layer names itself in text output. */
    private static boolean hasDecoder(int protocol) {
        return protocol == IpProtocol.ICMP6 || protocol == IpProtocol.TCP || protocol == IpProtocol.UDP;
    }

    // ---- in-place patch helpers for a packet built once in a (direct) buffer; allocation-free ----
    // IPv6 has no header checksum, and the hop limit is not in the upper layer's pseudo-header:
    // writing it is all a traceroute probe needs.

    /** Writes the hop limit only. */
    public static void writeHopLimit(ByteBuffer buf, int ipOffset, int hopLimit) {
        Bytes.put8(buf, ipOffset + HOP_LIMIT_OFFSET, hopLimit);
    }
}
