package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * A view of an ICMPv6 message (RFC 4443, neighbour discovery RFC 4861, MLD RFC 2710/3810) over
 * captured bytes, reused from packet to packet, plus the static in-place patch helpers for the
 * send loop.
 *
 * <p>The checksum always covers the IPv6 pseudo-header (RFC 4443 2.3): the decoder hands its sum
 * over with {@link #pseudoHeaderSum(long)}; without it {@code checksum_ok} is not reported.
 * Error messages (types 0..127) quote the invoking packet after the 8-byte header
 * ({@link #quotedOffset()}, {@link #quotedLength()}); {@link PacketDecoder} decodes it as
 * further layers.
 */
public final class Icmpv6 extends IcmpHeader implements Layer {
    /** Packet too big: the MTU; parameter problem: the pointer. Both 32 bits. */
    public static final int MTU_OFFSET = 4;
    public static final int POINTER_OFFSET = 4;
    /** Neighbor solicitation/advertisement and redirect: the target address. */
    public static final int TARGET_OFFSET = 8;
    /** Redirect: the destination address. */
    public static final int REDIRECT_DESTINATION_OFFSET = 24;
    /** MLD query, report and done: the multicast address. */
    public static final int MLD_GROUP_OFFSET = 8;

    /** Neighbor advertisement flags (RFC 4861 4.4). */
    public static final int NA_ROUTER = 0x80;
    public static final int NA_SOLICITED = 0x40;
    public static final int NA_OVERRIDE = 0x20;

    private static final String BAD_OPTION = "bad option length";
    private static final String TOO_SHORT = "shorter than its type requires";

    private long pseudoSum = -1;

    public Icmpv6() {
        super(Icmpv6Types.TABLE);
    }

    /** Views a message of which {@code available} bytes are present and all of them are the message. */
    public Icmpv6 wrap(ByteBuffer buf, int offset, int available) {
        return wrap(buf, offset, available, available);
    }

    /** Views {@code available} bytes of a message the IPv6 header says is {@code length} bytes long. */
    public Icmpv6 wrap(ByteBuffer buf, int offset, int available, int length) {
        view(buf, offset, available, length);
        pseudoSum = -1;
        return this;
    }

    /** Marks this message as quoted inside an ICMPv6 error: only its first 8 bytes are expected. */
    public Icmpv6 quoted(boolean value) {
        quoted = value;
        return this;
    }

    /** The IPv6 pseudo-header sum for this message's length ({@link Ipv6#pseudoHeaderSum}); -1 = unknown. */
    public Icmpv6 pseudoHeaderSum(long sum) {
        pseudoSum = sum;
        return this;
    }

    @Override
    public String name() {
        return "icmp6";
    }

    /** Packet too big: the next-hop MTU (32 bits). */
    public long mtu() {
        return u32(MTU_OFFSET);
    }

    /** Parameter problem: offset of the offending octet in the invoking packet (32 bits). */
    public long pointer() {
        return u32(POINTER_OFFSET);
    }

    /** Neighbor advertisement flags ({@link #NA_ROUTER}, {@link #NA_SOLICITED}, {@link #NA_OVERRIDE}). */
    public int advertFlags() {
        return u8(4) & 0xe0;
    }

    /** Neighbor solicitation/advertisement or redirect target, or "" when absent. */
    public String targetText() {
        return hasTarget() && has(TARGET_OFFSET, 16) ? AddressFormat.ipv6(buf, offset + TARGET_OFFSET) : "";
    }

    /** The multicast address of an MLD query, report or done, or "" when absent. */
    public String groupText() {
        return isMld() && has(MLD_GROUP_OFFSET, 16) ? AddressFormat.ipv6(buf, offset + MLD_GROUP_OFFSET) : "";
    }

    /** Router advertisement: the hop limit it recommends (0 = unspecified). */
    public int curHopLimit() {
        return u8(4);
    }

    /** Router advertisement: the router lifetime in seconds. */
    public int routerLifetime() {
        return u16(6);
    }

    /** The source or target link-layer address option as aa:bb:cc:dd:ee:ff, or null when absent. */
    public String linkLayerAddress() {
        int from = optionsStart();
        if (from < 0) {
            return null;
        }
        int type = Icmpv6Types.has(type(), Icmpv6Types.Field.TARGET_LINK_LAYER)
                ? NdOptions.TARGET_LINK_LAYER : NdOptions.SOURCE_LINK_LAYER;
        int at = NdOptions.find(buf, offset + from, offset + optionsEnd(), type);
        if (at < 0) {
            return null;
        }
        StringBuilder text = new StringBuilder(17);
        MacAddress.append(text, buf, at + 2, NdOptions.linkLayerLength(Bytes.u8(buf, at + 1) * 8));
        return text.toString();
    }

    public boolean isError() {
        return has(0, 1) && Icmpv6Types.isError(type());
    }

    /** True when the pseudo-header is known, the whole message present and its checksum verifies. */
    public boolean checksumOk() {
        return checksumCheckable() && sumsToOnes(declared, pseudoSum);
    }

    private boolean checksumCheckable() {
        return !quoted && pseudoSum >= 0 && declared >= 4 && has(0, declared);
    }

    private boolean hasTarget() {
        return Icmpv6Types.has(type(), Icmpv6Types.Field.TARGET);
    }

    private boolean isMld() {
        int type = type();
        return type == Icmpv6Types.MLD_QUERY || type == Icmpv6Types.MLD_REPORT || type == Icmpv6Types.MLD_DONE;
    }

    /** Bytes before the options of the ND types, -1 for other types. */
    private int optionsStart() {
        return Icmpv6Types.optionsStart(type());
    }

    /** Smallest length the type's fixed part needs. */
    private int minimumLength() {
        int start = optionsStart();
        if (start > 0) {
            return start;
        }
        switch (type()) {
            case Icmpv6Types.MLD_QUERY:
            case Icmpv6Types.MLD_REPORT:
            case Icmpv6Types.MLD_DONE:
                return 24;
            default:
                return HEADER_LENGTH;
        }
    }

    /** End of the options: the message, within the captured bytes. */
    private int optionsEnd() {
        return Math.min(available, declared);
    }

    private boolean optionsPresent() {
        int from = optionsStart();
        return !quoted && from > 0 && has(0, from) && optionsEnd() > from;
    }

    public String malformed() {
        if (quoted || available < HEADER_LENGTH) {
            return null;
        }
        if (declared < minimumLength()) {
            return TOO_SHORT;
        }
        if (optionsPresent() && available >= declared
                && !NdOptions.wellFormed(buf, offset + optionsStart(), offset + optionsEnd())) {
            return BAD_OPTION;
        }
        return null;
    }

    @Override
    public void fields(FieldSink out) {
        typeFields(out);
        pseudoChecksumFields(out, CHECKSUM_OFFSET, checksumCheckable(), checksumOk());
        int type = type();
        if (has(ID_OFFSET, 4)) {
            if (Icmpv6Types.hasIdSeq(type)) {
                out.number("id", id());
                out.number("seq", seq());
            } else if (type == Icmpv6Types.PACKET_TOO_BIG) {
                out.number("mtu", mtu());
            } else if (type == Icmpv6Types.PARAM_PROBLEM) {
                out.number("pointer", pointer());
            } else if (type == Icmpv6Types.NEIGHBOR_ADVERT) {
                out.text("flags", advertFlagsText());
            } else if (type == Icmpv6Types.ROUTER_ADVERT) {
                out.number("hop_limit", curHopLimit());
                out.text("flags", routerFlagsText());
                out.number("lifetime", routerLifetime());
            } else if (type == Icmpv6Types.MLD_QUERY) {
                out.number("max_resp", u16(4));
            } else if (type == Icmpv6Types.MLDV2_REPORT) {
                out.number("records", u16(6));
            }
        }
        if (type == Icmpv6Types.ROUTER_ADVERT && has(8, 8)) {
            out.number("reachable", u32(8));
            out.number("retrans", u32(12));
        }
        if (hasTarget() && has(TARGET_OFFSET, 16)) {
            out.text("target", targetText());
        }
        if (type == Icmpv6Types.REDIRECT && has(REDIRECT_DESTINATION_OFFSET, 16)) {
            out.text("destination", AddressFormat.ipv6(buf, offset + REDIRECT_DESTINATION_OFFSET));
        }
        if (isMld() && has(MLD_GROUP_OFFSET, 16)) {
            out.text("group", groupText());
        }
        if (optionsPresent()) {
            StringBuilder text = new StringBuilder();
            NdOptions.format(buf, offset + optionsStart(), offset + optionsEnd(), text);
            out.text("options", text.toString());
        }
        problemFields(out, malformed(), truncated());
    }

    private String advertFlagsText() {
        int flags = advertFlags();
        boolean r = (flags & NA_ROUTER) != 0;
        boolean s = (flags & NA_SOLICITED) != 0;
        boolean o = (flags & NA_OVERRIDE) != 0;
        if (r) {
            return s ? (o ? "R,S,O" : "R,S") : (o ? "R,O" : "R");
        }
        return s ? (o ? "S,O" : "S") : (o ? "O" : "");
    }

    /** Router advertisement M (managed) and O (other configuration) flags. */
    private String routerFlagsText() {
        int flags = u8(5);
        boolean m = (flags & 0x80) != 0;
        boolean o = (flags & 0x40) != 0;
        return m ? (o ? "M,O" : "M") : (o ? "O" : "");
    }

    @Override
    public void describe(StringBuilder text) {
        if (available < HEADER_LENGTH) {
            text.append("[truncated icmp6]");
            return;
        }
        int type = type();
        int code = code();
        String words = Icmpv6Types.words(type);
        text.append("ICMP6 ");
        if (words == null) {
            text.append("type ").append(type).append(", code ").append(code);
            appendLength(text);
            appendBadChecksum(text, CHECKSUM_OFFSET, checksumCheckable(), checksumOk());
            return;
        }
        text.append(words);
        switch (type) {
            case Icmpv6Types.DEST_UNREACH:
            case Icmpv6Types.PARAM_PROBLEM: {
                String codeWords = Icmpv6Types.codeWords(type, code);
                text.append(", ");
                if (codeWords != null) {
                    text.append(codeWords);
                } else {
                    text.append("code ").append(code);
                }
                if (type == Icmpv6Types.PARAM_PROBLEM) {
                    text.append(", pointer ").append(pointer());
                }
                break;
            }
            case Icmpv6Types.TIME_EXCEEDED: {
                String codeWords = Icmpv6Types.codeWords(type, code);
                if (codeWords != null) {
                    text.append(' ').append(codeWords);
                } else {
                    text.append(", code ").append(code);
                }
                break;
            }
            default:
                if (code != 0) {
                    text.append(", code ").append(code);
                }
                break;
        }
        if (Icmpv6Types.hasIdSeq(type)) {
            text.append(", id ").append(id()).append(", seq ").append(seq());
        } else if (type == Icmpv6Types.PACKET_TOO_BIG) {
            text.append(", mtu ").append(mtu());
        } else if (type == Icmpv6Types.NEIGHBOR_SOLICIT && has(TARGET_OFFSET, 16)) {
            text.append(", who has ");
            AddressFormat.appendIpv6(text, buf, offset + TARGET_OFFSET);
        } else if (type == Icmpv6Types.NEIGHBOR_ADVERT && has(TARGET_OFFSET, 16)) {
            text.append(", tgt is ");
            AddressFormat.appendIpv6(text, buf, offset + TARGET_OFFSET);
            int flags = advertFlags();
            text.append(", Flags [");
            if (flags == 0) {
                text.append("none");
            } else {
                boolean first = true;
                if ((flags & NA_ROUTER) != 0) {
                    text.append("router");
                    first = false;
                }
                if ((flags & NA_SOLICITED) != 0) {
                    text.append(first ? "" : ", ").append("solicited");
                    first = false;
                }
                if ((flags & NA_OVERRIDE) != 0) {
                    text.append(first ? "" : ", ").append("override");
                }
            }
            text.append(']');
        } else if (type == Icmpv6Types.ROUTER_ADVERT && has(0, 16)) {
            text.append(", hop limit ").append(curHopLimit());
            String flags = routerFlagsText();
            if (!flags.isEmpty()) {
                text.append(", flags [").append(flags).append(']');
            }
            text.append(", router lifetime ").append(routerLifetime()).append('s');
        } else if (type == Icmpv6Types.REDIRECT && has(TARGET_OFFSET, 32)) {
            text.append(", ");
            AddressFormat.appendIpv6(text, buf, offset + REDIRECT_DESTINATION_OFFSET);
            text.append(" to ");
            AddressFormat.appendIpv6(text, buf, offset + TARGET_OFFSET);
        } else if (isMld() && has(MLD_GROUP_OFFSET, 16)) {
            if (type == Icmpv6Types.MLD_QUERY) {
                if (declared >= 28 && !quoted) {
                    text.append(" v2");
                }
                text.append(", max resp delay ").append(u16(4));
            }
            text.append(", group ");
            AddressFormat.appendIpv6(text, buf, offset + MLD_GROUP_OFFSET);
        } else if (type == Icmpv6Types.MLDV2_REPORT) {
            text.append(", ").append(u16(6)).append(" group record(s)");
        }
        if (optionsPresent()) {
            text.append(", options [");
            NdOptions.format(buf, offset + optionsStart(), offset + optionsEnd(), text);
            text.append(']');
        }
        appendLength(text);
        appendBadChecksum(text, CHECKSUM_OFFSET, checksumCheckable(), checksumOk());
        appendMalformed(text, malformed());
    }

    // ---- in-place patch helpers for a message built once in a (direct) buffer; allocation-free ----
    // (writeSeq and patchSeq are IcmpHeader's: the pseudo-header does not change
    // when the sequence does, so the incremental update of RFC 1624 works exactly as for ICMPv4)

    /**
     * Recomputes the checksum over {@code icmpLength} bytes with the IPv6 pseudo-header sum
     * ({@link Checksum#pseudoHeader} with next header 58 and the message length).
     */
    public static void updateChecksum(ByteBuffer buf, int icmpOffset, int icmpLength, long pseudoHeaderSum) {
        Bytes.put16(buf, icmpOffset + CHECKSUM_OFFSET, 0);
        Bytes.put16(buf, icmpOffset + CHECKSUM_OFFSET,
                Checksum.finish(Checksum.sum(buf, icmpOffset, icmpLength, pseudoHeaderSum)));
    }
}
