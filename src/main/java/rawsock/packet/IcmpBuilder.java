package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Builds an ICMPv4 message (RFC 792): type, code, checksum and the 32-bit "rest of header",
 * followed by the payload. The rest of header is an id and sequence number for echo, timestamp,
 * information and address-mask messages; other types have their own setters or the raw 32 bits.
 */
public final class IcmpBuilder {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private int type = IcmpTypes.ECHO_REQUEST;
    private int code;
    private long rest;
    private int checksum = -1;

    public IcmpBuilder type(int value) {
        type = Bytes.checkRange("ICMP type", value, 0, 255);
        return this;
    }

    public IcmpBuilder code(int value) {
        code = Bytes.checkRange("ICMP code", value, 0, 255);
        return this;
    }

    /** Identifier: the high 16 bits of the rest of header. */
    public IcmpBuilder id(int value) {
        Bytes.checkRange("ICMP id", value, 0, 0xffff);
        rest = ((long) value << 16) | (rest & 0xffff);
        return this;
    }

    /** Sequence number: the low 16 bits of the rest of header. */
    public IcmpBuilder seq(int value) {
        Bytes.checkRange("ICMP sequence", value, 0, 0xffff);
        rest = (rest & 0xffff0000L) | value;
        return this;
    }

    /** The whole 32-bit rest of header, for types without an id/seq layout. */
    public IcmpBuilder restOfHeader(long value) {
        rest = Bytes.checkRange("ICMP rest of header", value, 0, 0xffffffffL);
        return this;
    }

    /** Redirect (type 5): the gateway address fills the rest of header. */
    public IcmpBuilder gateway(byte[] address) {
        if (address == null || address.length != 4) {
            throw new IllegalArgumentException("ICMP redirect gateway must be a 4-byte IPv4 address");
        }
        rest = ((address[0] & 0xffL) << 24) | ((address[1] & 0xff) << 16) | ((address[2] & 0xff) << 8)
                | (address[3] & 0xff);
        return this;
    }

    /** Fragmentation needed (type 3 code 4, RFC 1191): next-hop MTU in the low 16 bits. */
    public IcmpBuilder mtu(int value) {
        Bytes.checkRange("ICMP next-hop MTU", value, 0, 0xffff);
        rest = value;
        return this;
    }

    /** Parameter problem (type 12): the offending octet's index in the high byte. */
    public IcmpBuilder pointer(int value) {
        Bytes.checkRange("ICMP parameter-problem pointer", value, 0, 255);
        rest = (long) value << 24;
        return this;
    }

    /** Checksum to send instead of the computed one; null or -1 = computed. */
    public IcmpBuilder checksum(Integer value) {
        checksum = value == null || value == -1 ? -1 : Bytes.checkRange("ICMP checksum", value, 0, 0xffff);
        return this;
    }

    public int type() {
        return type;
    }

    public int headerLength() {
        return Icmp.HEADER_LENGTH;
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
        if (out.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        int at = out.position();
        Bytes.put8(out, at, type);
        Bytes.put8(out, at + 1, code);
        Bytes.put16(out, at + Icmp.CHECKSUM_OFFSET, 0);
        Bytes.put32(out, at + Icmp.ID_OFFSET, rest);
        if (payloadLength > 0) {
            Bytes.copy(payload, payload.position(), out, at + Icmp.HEADER_LENGTH, payloadLength);
        }
        Bytes.put16(out, at + Icmp.CHECKSUM_OFFSET, checksum >= 0 ? checksum : Checksum.compute(out, at, length));
        out.position(at + length);
        return length;
    }

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
}
