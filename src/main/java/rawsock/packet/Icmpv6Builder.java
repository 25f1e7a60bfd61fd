package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Builds an ICMPv6 message (RFC 4443): type, code, checksum and the 32 bits after it (identifier
 * and sequence for echo, the MTU of packet-too-big, the pointer of parameter-problem, flags of a
 * neighbor advertisement), then an optional message body (the target and options of neighbour
 * discovery) and the payload.
 *
 * <p>The checksum always covers the IPv6 pseudo-header (RFC 8200 8.1, RFC 4443 2.3): source,
 * destination, the 32-bit message length and next header 58. Unlike ICMPv4 there is no
 * checksum without addresses.
 */
public final class Icmpv6Builder {
    private static final byte[] NONE = new byte[0];

    private int type = Icmpv6Types.ECHO_REQUEST;
    private int code;
    private long rest;
    private int checksum = -1;
    private byte[] body = NONE;

    public Icmpv6Builder type(int value) {
        type = Bytes.checkRange("ICMPv6 type", value, 0, 255);
        return this;
    }

    public Icmpv6Builder code(int value) {
        code = Bytes.checkRange("ICMPv6 code", value, 0, 255);
        return this;
    }

    /** Echo identifier: the high 16 bits after the checksum. */
    public Icmpv6Builder id(int value) {
        Bytes.checkRange("ICMPv6 id", value, 0, 0xffff);
        rest = ((long) value << 16) | (rest & 0xffff);
        return this;
    }

    /** Echo sequence number: the low 16 bits after the checksum. */
    public Icmpv6Builder seq(int value) {
        Bytes.checkRange("ICMPv6 sequence", value, 0, 0xffff);
        rest = (rest & 0xffff0000L) | value;
        return this;
    }

    /** The raw 32 bits after the checksum, for any type. */
    public Icmpv6Builder restOfHeader(long value) {
        rest = Bytes.checkRange("ICMPv6 rest of header", value, 0, 0xffffffffL);
        return this;
    }

    /** Packet too big (type 2): the next-hop MTU, 32 bits. */
    public Icmpv6Builder mtu(long value) {
        rest = Bytes.checkRange("ICMPv6 packet-too-big MTU", value, 0, 0xffffffffL);
        return this;
    }

    /** Parameter problem (type 4): offset of the offending octet, 32 bits. */
    public Icmpv6Builder pointer(long value) {
        rest = Bytes.checkRange("ICMPv6 parameter-problem pointer", value, 0, 0xffffffffL);
        return this;
    }

    /** Checksum to send instead of the computed one; null or -1 = computed. */
    public Icmpv6Builder checksum(Integer value) {
        checksum = value == null || value == -1 ? -1 : Bytes.checkRange("ICMPv6 checksum", value, 0, 0xffff);
        return this;
    }

    /** Bytes written after the 8-byte header and before the payload (a copy); null = none. */
    public Icmpv6Builder body(byte[] bytes) {
        body = bytes == null ? NONE : bytes.clone();
        return this;
    }

    /**
     * Neighbor solicitation (RFC 4861 4.3): type 135, code 0, reserved 0, the target address and,
     * when {@code sourceLinkLayer} is not null, a source link-layer address option (a 6-byte MAC
     * makes the 8-byte option Ethernet uses). Send it to {@link #solicitedNodeMulticast(byte[])}
     * of the target with hop limit 255; omit the option when the source is :: (RFC 4861 7.2.2).
     */
    public Icmpv6Builder neighborSolicitation(byte[] target, byte[] sourceLinkLayer) {
        return neighborDiscovery(new Icmpv6NdMessage(Icmpv6Types.NEIGHBOR_SOLICIT).target(target)
                .sourceLinkLayer(sourceLinkLayer));
    }

    /**
     * Neighbor advertisement (RFC 4861 4.4): type 136, the R/S/O flags
     * ({@link Icmpv6#NA_ROUTER} | {@link Icmpv6#NA_SOLICITED} | {@link Icmpv6#NA_OVERRIDE}),
     * the target and, when not null, a target link-layer address option.
     */
    public Icmpv6Builder neighborAdvertisement(byte[] target, int flags, byte[] targetLinkLayer) {
        Bytes.checkRange("neighbor advertisement flags", flags, 0, 0xe0);
        return neighborDiscovery(new Icmpv6NdMessage(Icmpv6Types.NEIGHBOR_ADVERT).flags(flags).target(target)
                .targetLinkLayer(targetLinkLayer));
    }

    /** Any neighbour discovery message (types 133..137), code 0: its bytes 4-7, fixed part and options. */
    public Icmpv6Builder neighborDiscovery(Icmpv6NdMessage message) {
        type = message.type();
        code = 0;
        rest = message.restOfHeader();
        body = message.body();
        return this;
    }

    /** RFC 4291 2.7.1: ff02::1:ffXX:XXXX, the group a neighbor solicitation for {@code address} goes to. */
    public static byte[] solicitedNodeMulticast(byte[] address) {
        if (address == null || address.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes");
        }
        byte[] group = new byte[16];
        group[0] = (byte) 0xff;
        group[1] = 0x02;
        group[11] = 0x01;
        group[12] = (byte) 0xff;
        group[13] = address[13];
        group[14] = address[14];
        group[15] = address[15];
        return group;
    }

    public int type() {
        return type;
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
        if (out.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        int at = out.position();
        Bytes.put8(out, at, type);
        Bytes.put8(out, at + Icmpv6.CODE_OFFSET, code);
        Bytes.put16(out, at + Icmpv6.CHECKSUM_OFFSET, 0);
        Bytes.put32(out, at + Icmpv6.ID_OFFSET, rest);
        for (int i = 0; i < body.length; i++) {
            out.put(at + Icmpv6.HEADER_LENGTH + i, body[i]);
        }
        if (payloadLength > 0) {
            Bytes.copy(payload, payload.position(), out, at + headerLength(), payloadLength);
        }
        Bytes.put16(out, at + Icmpv6.CHECKSUM_OFFSET,
                checksum >= 0 ? checksum : Checksum.finish(Checksum.sum(out, at, length, pseudo)));
        out.position(at + length);
        return length;
    }
}
