package rawsock.packet;

import java.nio.ByteBuffer;

/** Builds a UDP datagram (RFC 768) over IPv4 or IPv6. */
public final class UdpBuilder {
    private int sport;
    private int dport;
    private int length = -1;
    private int checksum = -1;

    public UdpBuilder sport(int value) {
        sport = Bytes.checkRange("UDP source port", value, 0, 0xffff);
        return this;
    }

    public UdpBuilder dport(int value) {
        dport = Bytes.checkRange("UDP destination port", value, 0, 0xffff);
        return this;
    }

    /** Length field; null or -1 = 8 plus the payload. */
    public UdpBuilder length(Integer value) {
        length = value == null || value == -1 ? -1 : Bytes.checkRange("UDP length", value, 0, 0xffff);
        return this;
    }

    /**
     * Checksum to send instead of the computed one; null or -1 = computed. 0 means "no checksum"
     * on IPv4 (RFC 768) and is invalid on IPv6 (RFC 8200 8.1), which makes it a useful test value.
     */
    public UdpBuilder checksum(Integer value) {
        checksum = value == null || value == -1 ? -1 : Bytes.checkRange("UDP checksum", value, 0, 0xffff);
        return this;
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
        if (out.remaining() < written) {
            throw new java.nio.BufferOverflowException();
        }
        int at = out.position();
        Bytes.put16(out, at, sport);
        Bytes.put16(out, at + 2, dport);
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
