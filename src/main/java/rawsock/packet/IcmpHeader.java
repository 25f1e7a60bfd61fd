package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The 8-byte header ICMPv4 (RFC 792) and ICMPv6 (RFC 4443 2.1, which kept ICMPv4's layout)
 * share: type, code, checksum, then 32 bits that echo messages split into an identifier and a
 * sequence number. An error message quotes the packet that caused it right after these 8 bytes.
 * {@link Icmp} and {@link Icmpv6} add what differs: their type table, how the checksum is
 * verified (ICMPv6's covers the IPv6 pseudo-header) and the fields of their own types.
 */
abstract class IcmpHeader extends View {
    public static final int HEADER_LENGTH = 8;
    public static final int TYPE_OFFSET = 0;
    public static final int CODE_OFFSET = 1;
    public static final int CHECKSUM_OFFSET = 2;
    public static final int ID_OFFSET = 4;
    public static final int SEQ_OFFSET = 6;

    private final TypeNames types;
    /** A message quoted inside an error: only its first 8 bytes are expected, its checksum is not checked. */
    boolean quoted;
    /** The first fragment of a message that goes on in later fragments: its checksum is not checked. */
    boolean partial;

    IcmpHeader(TypeNames types) {
        this.types = types;
    }

    /** What a subclass's wrap does first: view the bytes, forget that the last message was a quote. */
    final void view(ByteBuffer buf, int offset, int available, int length) {
        reset(buf, offset, available, length);
        quoted = false;
        partial = false;
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

    /** The 32 bits after the checksum ("rest of header" in RFC 792). */
    public long restOfHeader() {
        return u32(ID_OFFSET);
    }

    public int id() {
        return u16(ID_OFFSET);
    }

    public int seq() {
        return u16(SEQ_OFFSET);
    }

    /** The message length the IP header declared (equals available when the capture is whole). */
    public int length() {
        return declared;
    }

    /**
     * ", length N" with the message length the IP header declared, as tcpdump ends an ICMP line;
     * nothing for a quoted message, whose length is unknown.
     */
    final void appendLength(StringBuilder text) {
        if (!quoted) {
            text.append(", length ").append(declared);
        }
    }

    /** Absolute index of the packet an error message quotes. */
    public int quotedOffset() {
        return offset + HEADER_LENGTH;
    }

    /** Quoted bytes present. */
    public int quotedLength() {
        return Math.max(0, available - HEADER_LENGTH);
    }

    /** True when the bytes end inside the header or, for a message not quoted, before its declared length. */
    public boolean truncated() {
        return available < HEADER_LENGTH || (!quoted && available < declared);
    }

    /** The type and code fields, each with its name from the protocol's table where it has one. */
    final void typeFields(FieldSink out) {
        if (has(TYPE_OFFSET, 1)) {
            out.number("type", type());
            out.text("type_name", types.name(type()));
        }
        if (has(CODE_OFFSET, 1)) {
            out.number("code", code());
            String codeName = types.codeName(type(), code());
            if (codeName != null) {
                out.text("code_name", codeName);
            }
        }
    }

    // ---- in-place patch helpers for a message built once in a (direct) buffer; allocation-free ----
    // Id and sequence are not in ICMPv6's pseudo-header, so the incremental update of RFC 1624
    // is the same for both protocols.

    /** Writes the sequence number only. */
    public static void writeSeq(ByteBuffer buf, int icmpOffset, int seq) {
        Bytes.put16(buf, icmpOffset + SEQ_OFFSET, seq);
    }

    /** Writes the sequence number and adjusts the stored checksum incrementally (RFC 1624). */
    public static void patchSeq(ByteBuffer buf, int icmpOffset, int seq) {
        Checksum.patchWord(buf, icmpOffset + CHECKSUM_OFFSET, icmpOffset + SEQ_OFFSET, seq & 0xffff);
    }
}
