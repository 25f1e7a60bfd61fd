package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * A view of a UDP header (RFC 768) over captured bytes, reused from packet to packet, plus the
 * static in-place patch helpers for the send loop.
 *
 * <p>The checksum can only be verified with the enclosing IP addresses: the decoder hands the
 * pseudo-header sum over with {@link #pseudoHeaderSum(long)}; without it {@code checksum_ok} is
 * simply not reported.
 */
public final class Udp extends View implements Layer {
    public static final int HEADER_LENGTH = 8;
    public static final int SPORT_OFFSET = 0;
    public static final int DPORT_OFFSET = 2;
    public static final int LENGTH_OFFSET = 4;
    public static final int CHECKSUM_OFFSET = 6;

    private boolean quoted;
    private long pseudoSum = -1;
    private boolean checksumRequired;

    public Udp wrap(ByteBuffer buf, int offset, int available) {
        return wrap(buf, offset, available, available);
    }

    /** Views {@code available} bytes of a datagram the IP header says is {@code length} bytes. */
    public Udp wrap(ByteBuffer buf, int offset, int available, int length) {
        reset(buf, offset, available, length);
        quoted = false;
        pseudoSum = -1;
        checksumRequired = false;
        return this;
    }

    /** Marks this header as quoted in an ICMP error: the datagram after the header is not expected. */
    public Udp quoted(boolean value) {
        quoted = value;
        return this;
    }

    /**
     * The pseudo-header sum ({@link Checksum#pseudoHeader}) computed with this datagram's length
     * field, so {@link #checksumOk()} can verify; -1 = unknown. Call after wrap.
     */
    public Udp pseudoHeaderSum(long sum) {
        pseudoSum = sum;
        return this;
    }

    /**
     * Over IPv6 the checksum is mandatory (RFC 8200 8.1): a zero is then a wrong checksum, not
     * "none", and {@code checksum_ok} reports it as false. Call after wrap.
     */
    public Udp checksumRequired(boolean value) {
        checksumRequired = value;
        return this;
    }

    @Override
    public String name() {
        return "udp";
    }

    public int sport() {
        return u16(SPORT_OFFSET);
    }

    public int dport() {
        return u16(DPORT_OFFSET);
    }

    /** The length field (header plus data). */
    public int length() {
        return u16(LENGTH_OFFSET);
    }

    public int checksum() {
        return u16(CHECKSUM_OFFSET);
    }

    public int payloadOffset() {
        return offset + HEADER_LENGTH;
    }

    /** Data bytes present, within the length field. */
    public int payloadLength() {
        int end = Math.min(available, lengthValid() ? length() : available);
        return Math.max(0, end - HEADER_LENGTH);
    }

    private boolean lengthValid() {
        return has(LENGTH_OFFSET, 2) && length() >= HEADER_LENGTH;
    }

    /**
     * True when the checksum can be checked (pseudo-header known, the datagram complete and a
     * checksum present) and verifies. A zero checksum means "none" on IPv4 and is not "ok"; on
     * IPv6 ({@link #checksumRequired}) it is checked and always wrong.
     */
    public boolean checksumOk() {
        return checksumCheckable() && checksum() != 0 && sumsToOnes(length(), pseudoSum);
    }

    private boolean checksumCheckable() {
        return !quoted && pseudoSum >= 0 && lengthValid() && has(0, length()) && (checksum() != 0 || checksumRequired);
    }

    public String malformed() {
        if (has(LENGTH_OFFSET, 2) && length() < HEADER_LENGTH) {
            return "length below 8";
        }
        if (has(LENGTH_OFFSET, 2) && !quoted && declared >= HEADER_LENGTH && length() > declared) {
            return "length beyond IP payload";
        }
        return null;
    }

    @Override
    public boolean truncated() {
        if (available < HEADER_LENGTH) {
            return true;
        }
        return !quoted && available < declared;
    }

    @Override
    public void fields(FieldSink out) {
        if (has(SPORT_OFFSET, 2)) {
            out.number("sport", sport());
        }
        if (has(DPORT_OFFSET, 2)) {
            out.number("dport", dport());
        }
        if (has(LENGTH_OFFSET, 2)) {
            out.number("len", length());
        }
        pseudoChecksumFields(out, CHECKSUM_OFFSET, checksumCheckable(), checksumOk());
        problemFields(out, malformed(), truncated());
    }

    @Override
    public void describe(StringBuilder text) {
        if (available < HEADER_LENGTH && !(quoted && has(0, 4))) {
            text.append("[truncated udp]");
            if (has(0, 4)) {
                text.append(' ').append(sport()).append(" > ").append(dport());
            }
            return;
        }
        text.append("UDP ").append(sport()).append(" > ").append(dport());
        if (has(LENGTH_OFFSET, 2)) {
            if (length() >= HEADER_LENGTH) {
                text.append(", length ").append(length() - HEADER_LENGTH);
            } else {
                text.append(", bad length ").append(length());
            }
        }
        appendBadChecksum(text, CHECKSUM_OFFSET, checksumCheckable(), checksumOk());
    }

    // ---- in-place patch helpers for a datagram built once in a (direct) buffer; allocation-free ----

    public static void writeSourcePort(ByteBuffer buf, int udpOffset, int port) {
        Bytes.put16(buf, udpOffset + SPORT_OFFSET, port);
    }

    /** Writes the source port and adjusts the checksum incrementally; a zero ("none") checksum stays zero. */
    public static void patchSourcePort(ByteBuffer buf, int udpOffset, int port) {
        patch(buf, udpOffset, udpOffset + SPORT_OFFSET, port);
    }

    private static void patch(ByteBuffer buf, int udpOffset, int wordIndex, int value) {
        int checksumIndex = udpOffset + CHECKSUM_OFFSET;
        int old = Bytes.u16(buf, checksumIndex);
        int oldWord = Bytes.u16(buf, wordIndex);
        Bytes.put16(buf, wordIndex, value);
        if (old != 0) {
            int sum = Checksum.update(old, oldWord, value & 0xffff);
            Bytes.put16(buf, checksumIndex, sum == 0 ? 0xffff : sum);
        }
    }

    /**
     * Recomputes the checksum over {@code udpLength} bytes with a pseudo-header sum from
     * {@link Checksum#pseudoHeader} (computed once per destination); a result of 0 is stored as 0xffff.
     */
    public static void updateChecksum(ByteBuffer buf, int udpOffset, int udpLength, long pseudoHeaderSum) {
        Bytes.put16(buf, udpOffset + CHECKSUM_OFFSET, 0);
        int sum = Checksum.finish(Checksum.sum(buf, udpOffset, udpLength, pseudoHeaderSum));
        Bytes.put16(buf, udpOffset + CHECKSUM_OFFSET, sum == 0 ? 0xffff : sum);
    }
}
