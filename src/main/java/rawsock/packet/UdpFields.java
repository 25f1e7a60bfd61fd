package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The header of a UDP datagram (RFC 768) a user can set, over IPv4 or IPv6, immutable, with its
 * defaults in {@link #DEFAULT}; the length and the checksum are {@link #COMPUTED} unless given.
 *
 * @param length the length field, or {@link #COMPUTED}: 8 plus the payload
 * @param checksum the checksum to send, or {@link #COMPUTED}. 0 means "no checksum" on IPv4
 *     (RFC 768) and is invalid on IPv6 (RFC 8200 8.1), which makes it a useful test value.
 */
public record UdpFields(int sourcePort, int destinationPort, int length, int checksum) {
    /** A length or checksum field left to {@link #emit}. */
    public static final int COMPUTED = -1;
    /** Ports 0 (the send command picks a random source port; 0 is where a UDP probe goes unless told). */
    public static final UdpFields DEFAULT = new UdpFields(0, 0, COMPUTED, COMPUTED);

    /** @throws IllegalArgumentException for a value its field cannot hold */
    public UdpFields {
        Bytes.checkRange("UDP source port", sourcePort, 0, 0xffff);
        Bytes.checkRange("UDP destination port", destinationPort, 0, 0xffff);
        Bytes.checkComputedOr("UDP length", length, 0xffff);
        Bytes.checkComputedOr("UDP checksum", checksum, 0xffff);
    }

    /** The header {@code view} shows (its length and checksum too); null when the bytes end inside it. */
    public static UdpFields parse(Udp view) {
        if (!view.has(0, Udp.HEADER_LENGTH)) {
            return null;
        }
        return new UdpFields(view.sport(), view.dport(), view.length(), view.checksum());
    }

    public int headerLength() {
        return Udp.HEADER_LENGTH;
    }

    /**
     * Writes header and payload at {@code out.position()} and advances it; the payload (position
     * to limit, null = none) is not moved. The checksum covers the pseudo-header of {@code src}
     * and {@code dst} (4 or 16 bytes each; they may be null only with a checksum override) with the
     * length field's value, and every byte written. A computed 0 is sent as 0xffff (RFC 768).
     *
     * @return bytes written
     */
    public int emit(ByteBuffer out, ByteBuffer payload, byte[] src, byte[] dst) {
        int payloadLength = payload == null ? 0 : payload.remaining();
        int written = Udp.HEADER_LENGTH + payloadLength;
        if (length < 0 && written > 0xffff) {
            throw new IllegalArgumentException("UDP datagram of " + written + " bytes exceeds the 65535-byte length field");
        }
        int lengthField = length >= 0 ? length : written;
        long pseudo = checksum >= 0 ? 0 : Checksum.pseudoHeader(src, dst, IpProtocol.UDP, lengthField);
        int at = Bytes.claim(out, written);
        Bytes.put16(out, at + Udp.SPORT_OFFSET, sourcePort);
        Bytes.put16(out, at + Udp.DPORT_OFFSET, destinationPort);
        Bytes.put16(out, at + Udp.LENGTH_OFFSET, lengthField);
        Bytes.put16(out, at + Udp.CHECKSUM_OFFSET, 0);
        if (payloadLength > 0) {
            Bytes.copy(payload, payload.position(), out, at + Udp.HEADER_LENGTH, payloadLength);
        }
        int sum = checksum;
        if (sum < 0) {
            sum = Checksum.finish(Checksum.sum(out, at, written, pseudo));
            if (sum == 0) {
                sum = 0xffff;
            }
        }
        Bytes.put16(out, at + Udp.CHECKSUM_OFFSET, sum);
        out.position(at + written);
        return written;
    }
}
