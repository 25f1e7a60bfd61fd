package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Common state of the decoder views: a window over captured bytes. Every read goes through
 * {@link #has} so a getter on a short or hostile packet returns 0 instead of throwing; the views'
 * {@code truncated()} says when that happened. Also the output conventions the views share, so a
 * JSON name or a word of text is spelled in one place.
 */
abstract class View {
    ByteBuffer buf;
    /** Absolute index of this header's first byte. */
    int offset;
    /** Bytes of this protocol unit actually present (never past the buffer's limit). */
    int available;
    /** Length the enclosing header says this unit has (e.g. IP total length minus IP header). */
    int declared;

    final void reset(ByteBuffer buffer, int offset, int available, int declared) {
        this.buf = buffer;
        if (buffer == null || offset < 0 || offset > buffer.limit() || available <= 0) {
            this.offset = Math.max(offset, 0);
            this.available = 0;
        } else {
            this.offset = offset;
            this.available = Math.min(available, buffer.limit() - offset);
        }
        this.declared = declared < 0 ? this.available : declared;
    }

    /** Absolute index of the first byte of this header. */
    public final int offset() {
        return offset;
    }

    /** Bytes present from {@link #offset()} on, as clamped to the buffer. */
    public final int available() {
        return available;
    }

    final boolean has(int rel, int length) {
        return rel >= 0 && length >= 0 && rel <= available - length;
    }

    /** A copy of {@code length} bytes at {@code rel}, for a header record's parse (which checked {@link #has} first). */
    final byte[] bytes(int rel, int length) {
        byte[] copy = new byte[length];
        buf.get(offset + rel, copy);
        return copy;
    }

    final int u8(int rel) {
        return has(rel, 1) ? Bytes.u8(buf, offset + rel) : 0;
    }

    final int u16(int rel) {
        return has(rel, 2) ? Bytes.u16(buf, offset + rel) : 0;
    }

    final long u32(int rel) {
        return has(rel, 4) ? Bytes.u32(buf, offset + rel) : 0;
    }

    /**
     * The fields that end every layer: why its header is impossible (a view's {@code malformed()};
     * null when it is not, or for a protocol without impossible values) and whether its bytes
     * ended early. One place, so the JSON names and their order are the same for every protocol.
     */
    static void problemFields(FieldSink out, String malformed, boolean truncated) {
        if (malformed != null) {
            out.text("malformed", malformed);
        }
        if (truncated) {
            out.flag("truncated", true);
        }
    }

    /** " [malformed: why]", how text output marks an impossible header; nothing when {@code malformed} is null. */
    static void appendMalformed(StringBuilder text, String malformed) {
        if (malformed != null) {
            text.append(" [malformed: ").append(malformed).append(']');
        }
    }

    /**
     * A checksum over the IP pseudo-header (TCP, UDP, ICMPv6) as the JSON shows it: the field when
     * present, then checksum_ok only when the sum could be checked at all ({@code checkable}: the
     * decoder knew the pseudo-header, the bytes are whole, the header is not a quote).
     */
    final void pseudoChecksumFields(FieldSink out, int checksumOffset, boolean checkable, boolean ok) {
        if (has(checksumOffset, 2)) {
            out.number("checksum", u16(checksumOffset));
            if (checkable) {
                out.flag("checksum_ok", ok);
            }
        }
    }

    /** ", bad cksum 0x1234": what a description adds when such a checksum could be checked and is wrong. */
    final void appendBadChecksum(StringBuilder text, int checksumOffset, boolean checkable, boolean ok) {
        if (checkable && !ok) {
            text.append(", bad cksum ");
            Bytes.appendHex16(text, u16(checksumOffset));
        }
    }

    /** Ones'-complement check over {@code length} bytes from the header start plus a pseudo-header sum. */
    final boolean sumsToOnes(int length, long initial) {
        return has(0, length) && Checksum.verify(buf, offset, length, initial);
    }
}
