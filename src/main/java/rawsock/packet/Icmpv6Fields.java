package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The header of an ICMPv6 message (RFC 4443) a user can set, immutable, with its defaults in
 * {@link #DEFAULT} (an echo request): type, code, checksum and the 32 bits after it (identifier
 * and sequence for echo, the MTU of packet-too-big, the pointer of parameter-problem, the flags
 * of a neighbour advertisement), then a message body (a neighbour discovery message's fixed part
 * and options, {@link Icmpv6NdMessage}). The payload is the caller's, written after the body.
 *
 * <p>The checksum always covers the IPv6 pseudo-header (RFC 8200 8.1, RFC 4443 2.3): source,
 * destination, the 32-bit message length and next header 58. Unlike ICMPv4 there is no
 * checksum without addresses.
 *
 * @param restOfHeader the 32 bits after the checksum
 * @param checksum the checksum to send, or {@link #COMPUTED}
 * @param body bytes after the 8-byte header and before the payload (copied); null = none
 */
public record Icmpv6Fields(int type, int code, long restOfHeader, int checksum, byte[] body) {
    /** A checksum left to {@link #emit}. */
    public static final int COMPUTED = -1;
    /** An echo request, id and sequence 0, no body. */
    public static final Icmpv6Fields DEFAULT = new Icmpv6Fields(Icmpv6Types.ECHO_REQUEST, 0, 0, COMPUTED, null);

    /** @throws IllegalArgumentException for a value its field cannot hold */
    public Icmpv6Fields {
        Bytes.checkRange("ICMPv6 type", type, 0, 255);
        Bytes.checkRange("ICMPv6 code", code, 0, 255);
        Bytes.checkRange("ICMPv6 rest of header", restOfHeader, 0, 0xffffffffL);
        Bytes.checkComputedOr("ICMPv6 checksum", checksum, 0xffff);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The header {@code view} shows (its checksum too); for the neighbour discovery types
     * (133..137) every byte after the 8-byte header is the body, for the others the body is
     * empty and those bytes are the caller's payload. Null when the bytes end inside the header.
     */
    public static Icmpv6Fields parse(Icmpv6 view) {
        if (!view.has(0, Icmpv6.HEADER_LENGTH)) {
            return null;
        }
        int type = view.type();
        boolean neighbourDiscovery = type >= Icmpv6Types.ROUTER_SOLICIT && type <= Icmpv6Types.REDIRECT;
        int bodyLength = neighbourDiscovery ? view.available() - Icmpv6.HEADER_LENGTH : 0;
        return new Icmpv6Fields(type, view.code(), view.restOfHeader(), view.checksum(),
                view.bytes(Icmpv6.HEADER_LENGTH, bodyLength));
    }

    /** Bytes before the payload: 8 plus the body. */
    public int headerLength() {
        return Icmpv6.HEADER_LENGTH + body.length;
    }

    /**
     * Writes header, body and payload at {@code out.position()} and advances it. The payload is
     * read from its position to its limit and not moved; null means none. For an error message
     * the payload is the invoking packet (as much as fits a 1280-byte IPv6 packet).
     *
     * @param src16 the IPv6 source of the pseudo-header; may be null only with a checksum override
     * @param dst16 the IPv6 destination (the final one, when a Routing header is used)
     * @return bytes written
     */
    public int emit(ByteBuffer out, ByteBuffer payload, byte[] src16, byte[] dst16) {
        int payloadLength = payload == null ? 0 : payload.remaining();
        int length = headerLength() + payloadLength;
        long pseudo = 0;
        if (checksum < 0) {
            if (src16 == null || src16.length != 16 || dst16 == null || dst16.length != 16) {
                throw new IllegalArgumentException("the ICMPv6 checksum covers the IPv6 pseudo-header: "
                        + "give 16-byte source and destination addresses, or a checksum override");
            }
            pseudo = Checksum.pseudoHeader(src16, dst16, IpProtocol.ICMP6, length);
        }
        int at = Bytes.claim(out, length);
        Bytes.put8(out, at + Icmpv6.TYPE_OFFSET, type);
        Bytes.put8(out, at + Icmpv6.CODE_OFFSET, code);
        Bytes.put16(out, at + Icmpv6.CHECKSUM_OFFSET, 0);
        Bytes.put32(out, at + Icmpv6.ID_OFFSET, restOfHeader);
        out.put(at + Icmpv6.HEADER_LENGTH, body, 0, body.length);
        if (payloadLength > 0) {
            Bytes.copy(payload, payload.position(), out, at + headerLength(), payloadLength);
        }
        Bytes.put16(out, at + Icmpv6.CHECKSUM_OFFSET,
                checksum >= 0 ? checksum : Checksum.finish(Checksum.sum(out, at, length, pseudo)));
        out.position(at + length);
        return length;
    }
}
