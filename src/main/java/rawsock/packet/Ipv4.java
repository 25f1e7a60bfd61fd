package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * A view of an IPv4 header (RFC 791) over captured bytes, reused from packet to packet, plus the
 * static in-place patch helpers the send loop uses on a packet built once.
 *
 * <p>Getters return 0 for fields whose bytes are missing. {@link #truncated()} is true when the
 * bytes end before the 20-byte header, the header length (IHL) or the total length; impossible
 * values (version not 4, IHL below 5, total length below the header, bad option lengths) are
 * reported by {@link #malformed()} instead of thrown.
 */
public final class Ipv4 extends View implements Layer {
    public static final int MIN_HEADER = 20;
    public static final int MAX_HEADER = 60;
    public static final int TOS_OFFSET = 1;
    public static final int TOTAL_LENGTH_OFFSET = 2;
    public static final int ID_OFFSET = 4;
    public static final int FLAGS_OFFSET = 6;
    public static final int TTL_OFFSET = 8;
    public static final int PROTOCOL_OFFSET = 9;
    public static final int CHECKSUM_OFFSET = 10;
    public static final int SRC_OFFSET = 12;
    public static final int DST_OFFSET = 16;

    private boolean quoted;

    /** Views {@code available} bytes at absolute {@code offset}; returns this. */
    public Ipv4 wrap(ByteBuffer buf, int offset, int available) {
        reset(buf, offset, available, available);
        quoted = false;
        return this;
    }

    /**
     * Marks this header as the one quoted in an ICMP error: the quoted packet is cut short by
     * design (RFC 792: header plus 8 bytes), so only a cut inside the header counts as truncated.
     */
    public Ipv4 quoted(boolean value) {
        quoted = value;
        return this;
    }

    public boolean quoted() {
        return quoted;
    }

    @Override
    public String name() {
        return "ip";
    }

    public int version() {
        return u8(0) >>> 4;
    }

    public int ihl() {
        return u8(0) & 0x0f;
    }

    /** IHL in bytes (0..60, as the header says, even when below 20). */
    public int headerLength() {
        return ihl() * 4;
    }

    public int tos() {
        return u8(1);
    }

    public int totalLength() {
        return u16(TOTAL_LENGTH_OFFSET);
    }

    public int id() {
        return u16(ID_OFFSET);
    }

    public boolean reservedFlag() {
        return (u8(FLAGS_OFFSET) & 0x80) != 0;
    }

    public boolean df() {
        return (u8(FLAGS_OFFSET) & 0x40) != 0;
    }

    public boolean mf() {
        return (u8(FLAGS_OFFSET) & 0x20) != 0;
    }

    /** Fragment offset in 8-byte units. */
    public int fragmentOffset() {
        return u16(FLAGS_OFFSET) & 0x1fff;
    }

    public int ttl() {
        return u8(TTL_OFFSET);
    }

    public int protocol() {
        return u8(PROTOCOL_OFFSET);
    }

    public int checksum() {
        return u16(CHECKSUM_OFFSET);
    }

    /** Source address as a 32-bit value (first octet high), 0 when missing. */
    public int srcInt() {
        return (int) u32(SRC_OFFSET);
    }

    public int dstInt() {
        return (int) u32(DST_OFFSET);
    }

    public String srcText() {
        return AddressFormat.ipv4(srcInt());
    }

    public String dstText() {
        return AddressFormat.ipv4(dstInt());
    }

    /** True when the fixed 20 bytes are present. */
    public boolean fixedHeaderPresent() {
        return has(0, MIN_HEADER);
    }

    /** True when IHL is at least 5 and all of the header it declares is present. */
    public boolean headerComplete() {
        int hl = headerLength();
        return hl >= MIN_HEADER && has(0, hl);
    }

    /** True when the header is complete and its checksum verifies. */
    public boolean checksumOk() {
        return headerComplete() && sumsToOnes(headerLength(), 0);
    }

    /** True for the first fragment or an unfragmented packet: the transport header is here. */
    public boolean firstFragment() {
        return fragmentOffset() == 0;
    }

    /** Absolute index of the payload (after the header the IHL declares, at least 20 bytes). */
    public int payloadOffset() {
        return offset + Math.max(headerLength(), MIN_HEADER);
    }

    /**
     * Payload length the header declares: total length minus header length. A total length of 0
     * is what Linux shows for TSO/GSO packets captured before segmentation (tcpdump treats it
     * the same way), so then the captured bytes are the length.
     */
    public int declaredPayloadLength() {
        if (!headerComplete()) {
            return 0;
        }
        int total = totalLength();
        int end = total == 0 ? available : total;
        return Math.max(0, end - headerLength());
    }

    /** Payload bytes present: the declared length, cut to what was captured. */
    public int payloadLength() {
        if (!headerComplete()) {
            return 0;
        }
        return Math.max(0, Math.min(declaredPayloadLength(), available - headerLength()));
    }

    /**
     * Pseudo-header sum for a transport checksum over {@code length} bytes (requires the
     * addresses): source, and the final destination (the last hop of a source route option, else
     * the destination field).
     */
    public long pseudoHeaderSum(int protocol, int length) {
        if (!has(SRC_OFFSET, 8) || length < 0 || length > 0xffff) {
            return -1;
        }
        return Checksum.pseudoHeader(buf, offset + SRC_OFFSET, finalDestinationIndex(), 4, protocol, length);
    }

    /** Index in the buffer of the address the pseudo-header sums as destination. */
    private int finalDestinationIndex() {
        int end = Math.min(headerLength(), available);
        if (end > MIN_HEADER) {
            int route = Ipv4Options.finalDestination(buf, offset + MIN_HEADER, offset + end);
            if (route >= 0) {
                return route;
            }
        }
        return offset + DST_OFFSET;
    }

    /** What makes this header impossible, or null: a constant text, so this allocates nothing. */
    public String malformed() {
        if (available == 0) {
            return null;
        }
        if (version() != 4) {
            return "version is not 4";
        }
        if (ihl() < 5) {
            return "header length below 20";
        }
        if (has(TOTAL_LENGTH_OFFSET, 2) && totalLength() != 0 && totalLength() < headerLength()) {
            return "total length below header length";
        }
        if (headerComplete() && !Ipv4Options.wellFormed(buf, offset + MIN_HEADER, offset + headerLength())) {
            return "bad option length";
        }
        return null;
    }

    @Override
    public boolean truncated() {
        if (!has(0, MIN_HEADER)) {
            return true;
        }
        int hl = headerLength();
        if (hl >= MIN_HEADER && !has(0, hl)) {
            return true;
        }
        int total = totalLength();
        return !quoted && total > available;
    }

    @Override
    public void fields(FieldSink out) {
        if (has(0, 1)) {
            out.number("version", version());
            out.number("ihl", ihl());
        }
        if (has(1, 1)) {
            out.number("tos", tos());
        }
        if (has(TOTAL_LENGTH_OFFSET, 2)) {
            out.number("len", totalLength());
        }
        if (has(ID_OFFSET, 2)) {
            out.number("id", id());
        }
        if (has(FLAGS_OFFSET, 2)) {
            out.text("flags", flagsText());
            out.number("frag_offset", fragmentOffset());
        }
        if (has(TTL_OFFSET, 1)) {
            out.number("ttl", ttl());
        }
        if (has(PROTOCOL_OFFSET, 1)) {
            out.number("proto", protocol());
            out.text("proto_name", IpProtocol.name(protocol()));
        }
        if (has(CHECKSUM_OFFSET, 2)) {
            out.number("checksum", checksum());
        }
        if (headerComplete()) {
            out.flag("checksum_ok", checksumOk());
        }
        if (has(SRC_OFFSET, 4)) {
            out.address("src", buf, offset + SRC_OFFSET, 4);
        }
        if (has(DST_OFFSET, 4)) {
            out.address("dst", buf, offset + DST_OFFSET, 4);
        }
        if (headerComplete() && headerLength() > MIN_HEADER) {
            StringBuilder text = new StringBuilder();
            Ipv4Options.format(buf, offset + MIN_HEADER, offset + headerLength(), text);
            out.text("options", text.toString());
        }
        problemFields(out, malformed(), truncated());
    }

    @Override
    public void describe(StringBuilder text) {
        if (!has(0, MIN_HEADER)) {
            text.append("[truncated ip]");
            if (has(SRC_OFFSET, 8)) {
                text.append(' ');
                AddressFormat.appendIpv4(text, srcInt());
                text.append(" > ");
                AddressFormat.appendIpv4(text, dstInt());
            }
            return;
        }
        text.append("IP ");
        AddressFormat.appendIpv4(text, srcInt());
        text.append(" > ");
        AddressFormat.appendIpv4(text, dstInt());
        text.append(" ttl ").append(ttl()).append(" id ").append(id()).append(" len ").append(totalLength());
        if (tos() != 0) {
            text.append(" tos ");
            Bytes.appendHex8(text, tos());
        }
        if (reservedFlag()) {
            text.append(" RF");
        }
        if (df()) {
            text.append(" DF");
        }
        if (mf()) {
            text.append(" MF");
        }
        if (fragmentOffset() != 0) {
            text.append(" frag off ").append(fragmentOffset());
        }
        if (IpProtocol.isNamed(protocol())) {
            // The next layer names itself; only protocols without a decoder need the number.
            if (protocol() != IpProtocol.ICMP && protocol() != IpProtocol.TCP && protocol() != IpProtocol.UDP
                    && protocol() != IpProtocol.IGMP) {
                text.append(" proto ").append(IpProtocol.name(protocol()));
            }
        } else {
            text.append(" proto ").append(protocol());
        }
        if (headerComplete() && headerLength() > MIN_HEADER) {
            text.append(" options [");
            Ipv4Options.format(buf, offset + MIN_HEADER, offset + headerLength(), text);
            text.append(']');
        }
        if (headerComplete() && !checksumOk()) {
            text.append(" bad cksum ");
            Bytes.appendHex16(text, checksum());
        }
        appendMalformed(text, malformed());
        if (!headerComplete() && ihl() >= 5) {
            text.append(" [truncated header]");
        } else if (!quoted && totalLength() > available) {
            text.append(" [").append(totalLength() - available).append(" bytes missing]");
        }
    }

    private String flagsText() {
        boolean rf = reservedFlag();
        boolean d = df();
        boolean m = mf();
        if (rf) {
            return d ? (m ? "RF,DF,MF" : "RF,DF") : (m ? "RF,MF" : "RF");
        }
        return d ? (m ? "DF,MF" : "DF") : (m ? "MF" : "");
    }

    // ---- in-place patch helpers for a packet built once in a (direct) buffer; allocation-free ----

    /** Writes the TTL only. */
    public static void writeTtl(ByteBuffer buf, int ipOffset, int ttl) {
        Bytes.put8(buf, ipOffset + TTL_OFFSET, ttl);
    }

    /** Recomputes the header checksum over the header length the IHL field gives (20..60 bytes). */
    public static void updateHeaderChecksum(ByteBuffer buf, int ipOffset) {
        int hl = (Bytes.u8(buf, ipOffset) & 0x0f) * 4;
        updateHeaderChecksum(buf, ipOffset, Math.max(MIN_HEADER, hl));
    }

    /** Recomputes the header checksum over {@code headerLength} bytes (e.g. a builder's header length). */
    public static void updateHeaderChecksum(ByteBuffer buf, int ipOffset, int headerLength) {
        Bytes.put16(buf, ipOffset + CHECKSUM_OFFSET, 0);
        Bytes.put16(buf, ipOffset + CHECKSUM_OFFSET, Checksum.compute(buf, ipOffset, headerLength));
    }
}
