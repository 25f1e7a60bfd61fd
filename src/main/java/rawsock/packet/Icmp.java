package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * A view of an ICMPv4 message (RFC 792) over captured bytes, reused from packet to packet, plus
 * the static in-place patch helpers for the send loop.
 *
 * <p>For the error types the bytes after the 8-byte header are the quoted packet
 * ({@link #quotedOffset()}, {@link #quotedLength()}); {@link PacketDecoder} decodes them as
 * further layers.
 */
public final class Icmp extends View implements Layer {
    public static final int HEADER_LENGTH = 8;
    public static final int TYPE_OFFSET = 0;
    public static final int CODE_OFFSET = 1;
    public static final int CHECKSUM_OFFSET = 2;
    public static final int ID_OFFSET = 4;
    public static final int SEQ_OFFSET = 6;
    /** Timestamp messages: originate, receive, transmit after the header. */
    public static final int ORIGINATE_OFFSET = 8;

    private boolean quoted;

    /** Views a message of which {@code available} bytes are present and all of them are the message. */
    public Icmp wrap(ByteBuffer buf, int offset, int available) {
        return wrap(buf, offset, available, available);
    }

    /**
     * Views {@code available} bytes of a message the enclosing IP header says is {@code length}
     * bytes long (when the capture cut it, length exceeds available).
     */
    public Icmp wrap(ByteBuffer buf, int offset, int available, int length) {
        reset(buf, offset, available, length);
        quoted = false;
        return this;
    }

    /** Marks this message as quoted inside another ICMP error: only its first 8 bytes are expected. */
    public Icmp quoted(boolean value) {
        quoted = value;
        return this;
    }

    @Override
    public String name() {
        return "icmp";
    }

    public int type() {
        return u8(TYPE_OFFSET);
    }

    public int code() {
        return u8(CODE_OFFSET);
    }

    public int checksum() {
        return u16(CHECKSUM_OFFSET);
    }

    /** The 32-bit rest of header. */
    public long restOfHeader() {
        return u32(ID_OFFSET);
    }

    public int id() {
        return u16(ID_OFFSET);
    }

    public int seq() {
        return u16(SEQ_OFFSET);
    }

    /** Redirect: the gateway address (32-bit, first octet high). */
    public int gateway() {
        return (int) u32(ID_OFFSET);
    }

    /** Fragmentation needed: the next-hop MTU (RFC 1191). */
    public int mtu() {
        return u16(SEQ_OFFSET);
    }

    /** Parameter problem: index of the offending octet. */
    public int pointer() {
        return u8(ID_OFFSET);
    }

    public boolean isError() {
        return has(0, 1) && IcmpTypes.isError(type());
    }

    /** The message length the IP header declared (equals available when the capture is whole). */
    public int length() {
        return declared;
    }

    /** Absolute index of the quoted packet of an error message. */
    public int quotedOffset() {
        return offset + HEADER_LENGTH;
    }

    /** Quoted bytes present. */
    public int quotedLength() {
        return Math.max(0, available - HEADER_LENGTH);
    }

    /** True when the whole message is present and its checksum verifies. */
    public boolean checksumOk() {
        return !quoted && declared >= HEADER_LENGTH && available >= declared && sumsToOnes(declared, 0);
    }

    @Override
    public boolean truncated() {
        return available < HEADER_LENGTH || (!quoted && available < declared);
    }

    private boolean isTimestamp() {
        return type() == IcmpTypes.TIMESTAMP || type() == IcmpTypes.TIMESTAMP_REPLY;
    }

    private boolean isMaskReply() {
        return type() == IcmpTypes.ADDRESS_MASK_REPLY || type() == IcmpTypes.ADDRESS_MASK_REQUEST;
    }

    private boolean isFragNeeded() {
        return type() == IcmpTypes.DEST_UNREACH && code() == IcmpTypes.CODE_FRAG_NEEDED;
    }

    @Override
    public void fields(FieldSink out) {
        if (has(0, 1)) {
            out.number("type", type());
            out.text("type_name", IcmpTypes.name(type()));
        }
        if (has(CODE_OFFSET, 1)) {
            out.number("code", code());
            String codeName = IcmpTypes.codeName(type(), code());
            if (codeName != null) {
                out.text("code_name", codeName);
            }
        }
        if (has(CHECKSUM_OFFSET, 2)) {
            out.number("checksum", checksum());
            if (!quoted && !truncated()) {
                out.flag("checksum_ok", checksumOk());
            }
        }
        if (has(ID_OFFSET, 4)) {
            int type = type();
            if (IcmpTypes.hasIdSeq(type)) {
                out.number("id", id());
                out.number("seq", seq());
            } else if (type == IcmpTypes.REDIRECT) {
                out.text("gateway", AddressFormat.ipv4(gateway()));
            } else if (isFragNeeded()) {
                out.number("mtu", mtu());
            } else if (type == IcmpTypes.PARAM_PROBLEM) {
                out.number("pointer", pointer());
            }
        }
        if (isTimestamp() && has(ORIGINATE_OFFSET, 12)) {
            out.number("originate", u32(ORIGINATE_OFFSET));
            out.number("receive", u32(ORIGINATE_OFFSET + 4));
            out.number("transmit", u32(ORIGINATE_OFFSET + 8));
        }
        if (isMaskReply() && has(HEADER_LENGTH, 4)) {
            out.text("mask", AddressFormat.ipv4((int) u32(HEADER_LENGTH)));
        }
        problemFields(out, null, truncated());
    }

    @Override
    public void describe(StringBuilder text) {
        if (available < HEADER_LENGTH) {
            text.append("[truncated icmp]");
            return;
        }
        int type = type();
        int code = code();
        String words = IcmpTypes.words(type, code);
        text.append("ICMP ");
        if (isFragNeeded()) {
            text.append("frag needed, mtu ").append(mtu());
        } else if (type == IcmpTypes.REDIRECT) {
            text.append("redirect ");
            String codeName = IcmpTypes.codeName(type, code);
            text.append(codeName != null ? codeName : "code " + code).append(" to ");
            AddressFormat.appendIpv4(text, gateway());
        } else if (type == IcmpTypes.PARAM_PROBLEM) {
            text.append("parameter problem, ");
            if (code == 0) {
                text.append("pointer ").append(pointer());
            } else {
                String codeName = IcmpTypes.codeName(type, code);
                text.append(codeName != null ? codeName : "code " + code);
            }
        } else if (words != null) {
            text.append(words);
            if (type == IcmpTypes.DEST_UNREACH || type == IcmpTypes.TIME_EXCEEDED) {
                if (IcmpTypes.codeName(type, code) == null) {
                    text.append(", code ").append(code);
                }
            } else if (code != 0) {
                text.append(", code ").append(code);
            }
            if (IcmpTypes.hasIdSeq(type)) {
                text.append(", id ").append(id()).append(", seq ").append(seq());
            }
            if (isTimestamp() && has(ORIGINATE_OFFSET, 12)) {
                text.append(", orig ").append(u32(ORIGINATE_OFFSET));
                if (type == IcmpTypes.TIMESTAMP_REPLY) {
                    text.append(", recv ").append(u32(ORIGINATE_OFFSET + 4))
                            .append(", xmit ").append(u32(ORIGINATE_OFFSET + 8));
                }
            }
            if (type == IcmpTypes.ADDRESS_MASK_REPLY && has(HEADER_LENGTH, 4)) {
                text.append(", mask ");
                AddressFormat.appendIpv4(text, (int) u32(HEADER_LENGTH));
            }
        } else {
            text.append("type ").append(type).append(", code ").append(code);
        }
    }

    // ---- in-place patch helpers for a message built once in a (direct) buffer; allocation-free ----

    /** Writes the identifier only; follow with {@link #updateChecksum} unless the checksum is fixed. */
    public static void writeId(ByteBuffer buf, int icmpOffset, int id) {
        Bytes.put16(buf, icmpOffset + ID_OFFSET, id);
    }

    /** Writes the sequence number only. */
    public static void writeSeq(ByteBuffer buf, int icmpOffset, int seq) {
        Bytes.put16(buf, icmpOffset + SEQ_OFFSET, seq);
    }

    /** Writes the identifier and adjusts the stored checksum incrementally (RFC 1624). */
    public static void patchId(ByteBuffer buf, int icmpOffset, int id) {
        Checksum.patchWord(buf, icmpOffset + CHECKSUM_OFFSET, icmpOffset + ID_OFFSET, id & 0xffff);
    }

    /** Writes the sequence number and adjusts the stored checksum incrementally (RFC 1624). */
    public static void patchSeq(ByteBuffer buf, int icmpOffset, int seq) {
        Checksum.patchWord(buf, icmpOffset + CHECKSUM_OFFSET, icmpOffset + SEQ_OFFSET, seq & 0xffff);
    }

    /** Timestamp request: writes the originate timestamp and adjusts the checksum incrementally. */
    public static void patchOriginateTimestamp(ByteBuffer buf, int icmpOffset, int millisSinceMidnight) {
        Checksum.patchWord(buf, icmpOffset + CHECKSUM_OFFSET, icmpOffset + ORIGINATE_OFFSET,
                (millisSinceMidnight >>> 16) & 0xffff);
        Checksum.patchWord(buf, icmpOffset + CHECKSUM_OFFSET, icmpOffset + ORIGINATE_OFFSET + 2,
                millisSinceMidnight & 0xffff);
    }

    /** Recomputes the checksum over the whole message ({@code icmpLength} bytes). */
    public static void updateChecksum(ByteBuffer buf, int icmpOffset, int icmpLength) {
        Bytes.put16(buf, icmpOffset + CHECKSUM_OFFSET, 0);
        Bytes.put16(buf, icmpOffset + CHECKSUM_OFFSET, Checksum.compute(buf, icmpOffset, icmpLength));
    }
}
