package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The header of an ICMPv4 message (RFC 792) a user can set, immutable, with its defaults in
 * {@link #DEFAULT} (an echo request): type, code, checksum and the 32-bit "rest of header",
 * which is an id and sequence number for echo, timestamp, information and address-mask messages
 * ({@link #idSeq}) and the MTU, gateway or pointer of the other types. The payload (for an
 * error message, the quoted packet) is the caller's, written after the header by {@link #emit}.
 *
 * @param restOfHeader the 32 bits after the checksum
 * @param checksum the checksum to send, or {@link #COMPUTED}
 */
public record IcmpFields(int type, int code, long restOfHeader, int checksum) {
    /** A checksum left to {@link #emit}. */
    public static final int COMPUTED = -1;
    /** An echo request, id and sequence 0. */
    public static final IcmpFields DEFAULT = new IcmpFields(IcmpTypes.ECHO_REQUEST, 0, 0, COMPUTED);

    /** @throws IllegalArgumentException for a value its field cannot hold */
    public IcmpFields {
        Bytes.checkRange("ICMP type", type, 0, 255);
        Bytes.checkRange("ICMP code", code, 0, 255);
        Bytes.checkRange("ICMP rest of header", restOfHeader, 0, 0xffffffffL);
        Bytes.checkComputedOr("ICMP checksum", checksum, 0xffff);
    }

    /** The rest of header of an echo-like message: identifier high, sequence number low. */
    public static long idSeq(int id, int seq) {
        Bytes.checkRange("ICMP id", id, 0, 0xffff);
        Bytes.checkRange("ICMP sequence", seq, 0, 0xffff);
        return ((long) id << 16) | seq;
    }

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** RFC 792 timestamp: milliseconds since midnight UT of {@code epochMillis}. */
    public static int millisSinceMidnightUtc(long epochMillis) {
        return (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
    }

    /**
     * The 12-byte payload of a timestamp request (type 13): originate = {@code epochMillis} as
     * milliseconds since midnight UT, receive and transmit zero (the replier fills them).
     */
    public static byte[] timestampPayload(long epochMillis) {
        int originate = millisSinceMidnightUtc(epochMillis);
        return new byte[] {(byte) (originate >>> 24), (byte) (originate >>> 16), (byte) (originate >>> 8),
            (byte) originate, 0, 0, 0, 0, 0, 0, 0, 0};
    }

    /** The header {@code view} shows (its checksum too); null when the bytes end inside the 8-byte header. */
    public static IcmpFields parse(Icmp view) {
        if (!view.has(0, Icmp.HEADER_LENGTH)) {
            return null;
        }
        return new IcmpFields(view.type(), view.code(), view.restOfHeader(), view.checksum());
    }

    /** Bytes before the payload: 8. */
    public int headerLength() {
        return Icmp.HEADER_LENGTH;
    }

    /** The identifier: the high 16 bits of the rest of header. */
    public int id() {
        return (int) (restOfHeader >>> 16);
    }

    /** The sequence number: the low 16 bits of the rest of header. */
    public int seq() {
        return (int) (restOfHeader & 0xffff);
    }

    /**
     * Writes header and payload at {@code out.position()} and advances it. The payload is read
     * from its position to its limit and not moved; null means none. For an error message the
     * payload is the quoted packet (its IP header and at least 8 bytes after it).
     *
     * @return bytes written
     */
    public int emit(ByteBuffer out, ByteBuffer payload) {
        int payloadLength = payload == null ? 0 : payload.remaining();
        int length = Icmp.HEADER_LENGTH + payloadLength;
        int at = Bytes.claim(out, length);
        Bytes.put8(out, at + Icmp.TYPE_OFFSET, type);
        Bytes.put8(out, at + Icmp.CODE_OFFSET, code);
        Bytes.put16(out, at + Icmp.CHECKSUM_OFFSET, 0);
        Bytes.put32(out, at + Icmp.ID_OFFSET, restOfHeader);
        if (payloadLength > 0) {
            Bytes.copy(payload, payload.position(), out, at + Icmp.HEADER_LENGTH, payloadLength);
        }
        Bytes.put16(out, at + Icmp.CHECKSUM_OFFSET, checksum >= 0 ? checksum : Checksum.compute(out, at, length));
        out.position(at + length);
        return length;
    }
}
