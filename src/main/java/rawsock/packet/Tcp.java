package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * A view of a TCP header (RFC 9293) over captured bytes, reused from packet to packet, plus the
 * static in-place patch helpers for the send loop.
 *
 * <p>The segment length comes from the enclosing IP header ({@link #wrap(ByteBuffer, int, int, int)}),
 * since TCP has no length field; the checksum is verified only when the decoder supplied the
 * pseudo-header sum and the whole segment is present.
 */
public final class Tcp extends View implements Layer {
    /** The options as text for {@link #fields}, rebuilt in place for each packet. */
    private final StringBuilder optionsText = new StringBuilder(64);
    public static final int MIN_HEADER = 20;
    public static final int SPORT_OFFSET = 0;
    public static final int DPORT_OFFSET = 2;
    public static final int SEQ_OFFSET = 4;
    public static final int ACK_OFFSET = 8;
    public static final int DATA_OFFSET_OFFSET = 12;
    public static final int FLAGS_OFFSET = 13;
    public static final int WINDOW_OFFSET = 14;
    public static final int CHECKSUM_OFFSET = 16;
    public static final int URGENT_OFFSET = 18;
    /** What an ICMP error quotes of a TCP header (RFC 792): ports and sequence number. */
    static final int QUOTED_MIN = 8;

    private boolean quoted;
    private long pseudoSum = -1;

    public Tcp wrap(ByteBuffer buf, int offset, int available) {
        return wrap(buf, offset, available, available);
    }

    /** Views {@code available} bytes of a segment the IP header says is {@code length} bytes. */
    public Tcp wrap(ByteBuffer buf, int offset, int available, int length) {
        reset(buf, offset, available, length);
        quoted = false;
        pseudoSum = -1;
        return this;
    }

    /** Marks this header as quoted in an ICMP error: 8 bytes (ports, seq) are all that is expected. */
    public Tcp quoted(boolean value) {
        quoted = value;
        return this;
    }

    /** Pseudo-header sum over the segment length ({@link Checksum#pseudoHeader}); -1 = unknown. */
    public Tcp pseudoHeaderSum(long sum) {
        pseudoSum = sum;
        return this;
    }

    @Override
    public String name() {
        return "tcp";
    }

    public int sport() {
        return u16(SPORT_OFFSET);
    }

    public int dport() {
        return u16(DPORT_OFFSET);
    }

    public long seq() {
        return u32(SEQ_OFFSET);
    }

    public long ack() {
        return u32(ACK_OFFSET);
    }

    /** Data offset field in 32-bit words. */
    public int dataOffset() {
        return u8(DATA_OFFSET_OFFSET) >>> 4;
    }

    public int headerLength() {
        return dataOffset() * 4;
    }

    /** {@link TcpFlags} bits including AE (0x100). */
    public int flags() {
        return ((u8(DATA_OFFSET_OFFSET) & 0x01) << 8) | u8(FLAGS_OFFSET);
    }

    public int window() {
        return u16(WINDOW_OFFSET);
    }

    public int checksum() {
        return u16(CHECKSUM_OFFSET);
    }

    public int urgent() {
        return u16(URGENT_OFFSET);
    }

    /** Segment length from the IP header (header plus data). */
    public int segmentLength() {
        return declared;
    }

    public boolean headerComplete() {
        int hl = headerLength();
        return hl >= MIN_HEADER && has(0, hl);
    }

    public int payloadOffset() {
        return offset + Math.max(MIN_HEADER, headerLength());
    }

    /** Data bytes the segment carries (from the IP length), whether captured or not. */
    public int payloadLength() {
        return Math.max(0, declared - Math.max(MIN_HEADER, headerLength()));
    }

    /** The MSS option's value, or -1. */
    public int mss() {
        int at = findOption(TcpOptions.MSS);
        return at >= 0 && Bytes.u8(buf, at + 1) == 4 ? Bytes.u16(buf, at + 2) : -1;
    }

    /** The window scale option's shift count, or -1. */
    public int windowScale() {
        int at = findOption(TcpOptions.WSCALE);
        return at >= 0 && Bytes.u8(buf, at + 1) == 3 ? Bytes.u8(buf, at + 2) : -1;
    }

    private int findOption(int kind) {
        return headerComplete() ? TcpOptions.find(buf, offset + MIN_HEADER, offset + headerLength(), kind) : -1;
    }

    public boolean checksumOk() {
        return checksumCheckable() && sumsToOnes(declared, pseudoSum);
    }

    private boolean checksumCheckable() {
        return !quoted && pseudoSum >= 0 && declared >= MIN_HEADER && has(0, declared);
    }

    public String malformed() {
        if (has(DATA_OFFSET_OFFSET, 1) && dataOffset() < 5) {
            return "data offset below 5";
        }
        if (has(DATA_OFFSET_OFFSET, 1) && !quoted && headerLength() > declared) {
            return "header longer than segment";
        }
        if (headerComplete() && !optionsWellFormed()) {
            return "bad option length";
        }
        return null;
    }

    private boolean optionsWellFormed() {
        return TcpOptions.wellFormed(buf, offset + MIN_HEADER, offset + headerLength());
    }

    @Override
    public boolean truncated() {
        if (quoted) {
            return available < QUOTED_MIN;
        }
        if (available < MIN_HEADER || available < declared) {
            return true;
        }
        return dataOffset() >= 5 && !has(0, headerLength());
    }

    @Override
    public void fields(FieldSink out) {
        if (has(SPORT_OFFSET, 2)) {
            out.number("sport", sport());
        }
        if (has(DPORT_OFFSET, 2)) {
            out.number("dport", dport());
        }
        if (has(SEQ_OFFSET, 4)) {
            out.number("seq", seq());
        }
        if (has(ACK_OFFSET, 4)) {
            out.number("ack", ack());
        }
        if (has(DATA_OFFSET_OFFSET, 1)) {
            out.number("data_offset", dataOffset());
        }
        if (has(FLAGS_OFFSET, 1)) {
            out.text("flags", TcpFlags.format(flags()));
        }
        if (has(WINDOW_OFFSET, 2)) {
            out.number("win", window());
        }
        pseudoChecksumFields(out, CHECKSUM_OFFSET, checksumCheckable(), checksumOk());
        if (has(URGENT_OFFSET, 2)) {
            out.number("urg", urgent());
        }
        if (headerComplete() && headerLength() > MIN_HEADER) {
            optionsText.setLength(0);
            TcpOptions.format(buf, offset + MIN_HEADER, offset + headerLength(), optionsText);
            out.chars("options", optionsText);
        }
        problemFields(out, malformed(), truncated());
    }

    @Override
    public void describe(StringBuilder text) {
        if (quoted && available >= QUOTED_MIN && available < MIN_HEADER) {
            text.append("TCP ").append(sport()).append(" > ").append(dport()).append(", seq ").append(seq());
            return;
        }
        if (available < MIN_HEADER) {
            text.append("[truncated tcp]");
            if (has(0, 4)) {
                text.append(' ').append(sport()).append(" > ").append(dport());
            }
            return;
        }
        int flags = flags();
        text.append("TCP ").append(sport()).append(" > ").append(dport())
                .append(" Flags [").append(TcpFlags.format(flags)).append("], seq ").append(seq());
        if ((flags & TcpFlags.ACK) != 0) {
            text.append(", ack ").append(ack());
        }
        text.append(", win ").append(window());
        if ((flags & TcpFlags.URG) != 0) {
            text.append(", urg ").append(urgent());
        }
        if (headerLength() > MIN_HEADER) {
            if (headerComplete()) {
                text.append(", options [");
                TcpOptions.format(buf, offset + MIN_HEADER, offset + headerLength(), text);
                text.append(']');
            } else {
                text.append(", options [|tcp]");
            }
        }
        appendBadChecksum(text, CHECKSUM_OFFSET, checksumCheckable(), checksumOk());
        if (dataOffset() < 5) {
            text.append(", bad data offset ").append(dataOffset());
        } else if (!quoted) {
            text.append(", length ").append(payloadLength());
        }
    }

    // ---- in-place patch helpers for a segment built once in a (direct) buffer; allocation-free ----

    public static void writeSourcePort(ByteBuffer buf, int tcpOffset, int port) {
        Bytes.put16(buf, tcpOffset + SPORT_OFFSET, port);
    }

    public static void patchSourcePort(ByteBuffer buf, int tcpOffset, int port) {
        Checksum.patchWord(buf, tcpOffset + CHECKSUM_OFFSET, tcpOffset + SPORT_OFFSET, port & 0xffff);
    }

    /**
     * Recomputes the checksum over {@code tcpLength} bytes with a pseudo-header sum from
     * {@link Checksum#pseudoHeader} (computed once per destination and length).
     */
    public static void updateChecksum(ByteBuffer buf, int tcpOffset, int tcpLength, long pseudoHeaderSum) {
        Bytes.put16(buf, tcpOffset + CHECKSUM_OFFSET, 0);
        Bytes.put16(buf, tcpOffset + CHECKSUM_OFFSET,
                Checksum.finish(Checksum.sum(buf, tcpOffset, tcpLength, pseudoHeaderSum)));
    }
}
