package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The header of a TCP segment (RFC 9293) a user can set, over IPv4 or IPv6, immutable, with its
 * defaults in {@link #DEFAULT}: any flags, options and numbers, for probing and testing receivers
 * rather than for holding a connection. The data offset and the checksum are {@link #COMPUTED}
 * unless given.
 *
 * <p>The default window is 65535, the largest a header can carry without window scaling: what a
 * real stack's SYN offers, so a peer that answers is never throttled by a window we made up.
 *
 * @param seq 0..2^32-1
 * @param ack 0..2^32-1 (sent whatever the ACK flag says)
 * @param dataOffset the data offset field in 32-bit words, or {@link #COMPUTED} from the options
 * @param flags {@link TcpFlags} bits, 0..0x1ff
 * @param checksum the checksum to send, or {@link #COMPUTED}
 * @param options option bytes as given (not validated, so malformed options can be sent), padded
 *     with zero bytes to a multiple of 4 (RFC 9293 3.1: the padding is zeros, i.e. EOL); null = none
 */
public record TcpFields(int sourcePort, int destinationPort, long seq, long ack, int dataOffset, int flags,
        int window, int urgent, int checksum, byte[] options) {
    /** A length or checksum field left to {@link #emit}. */
    public static final int COMPUTED = -1;
    public static final int DEFAULT_WINDOW = 65535;
    /** Where a TCP probe goes unless told. */
    public static final int DEFAULT_DESTINATION_PORT = 80;
    public static final int MAX_OPTIONS = 40;
    /** A SYN to port 80 with window 65535, no options. */
    public static final TcpFields DEFAULT = new TcpFields(0, DEFAULT_DESTINATION_PORT, 0, 0, COMPUTED, TcpFlags.SYN,
            DEFAULT_WINDOW, 0, COMPUTED, null);

    /** @throws IllegalArgumentException for a value its field cannot hold */
    public TcpFields {
        Bytes.checkRange("TCP source port", sourcePort, 0, 0xffff);
        Bytes.checkRange("TCP destination port", destinationPort, 0, 0xffff);
        Bytes.checkRange("TCP sequence number", seq, 0, 0xffffffffL);
        Bytes.checkRange("TCP acknowledgment number", ack, 0, 0xffffffffL);
        Bytes.checkComputedOr("TCP data offset (words)", dataOffset, 15);
        Bytes.checkRange("TCP flags", flags, 0, TcpFlags.ALL);
        Bytes.checkRange("TCP window", window, 0, 0xffff);
        Bytes.checkRange("TCP urgent pointer", urgent, 0, 0xffff);
        Bytes.checkComputedOr("TCP checksum", checksum, 0xffff);
        options = Bytes.optionsPadded("TCP options", options, MAX_OPTIONS, "a TCP header");
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] options() {
        return options.clone();
    }

    /**
     * The header {@code view} shows, every field as it is there (data offset and checksum too, so
     * {@link #emit} writes the same bytes back); null when the bytes end before the header the
     * data offset declares (or before 20 bytes).
     */
    public static TcpFields parse(Tcp view) {
        if (!view.has(0, Tcp.MIN_HEADER)) {
            return null;
        }
        int optionBytes = Math.max(0, view.headerLength() - Tcp.MIN_HEADER);
        if (!view.has(Tcp.MIN_HEADER, optionBytes)) {
            return null;
        }
        return new TcpFields(view.sport(), view.dport(), view.seq(), view.ack(), view.dataOffset(), view.flags(),
                view.window(), view.urgent(), view.checksum(), view.bytes(Tcp.MIN_HEADER, optionBytes));
    }

    /** Bytes of header {@link #emit} writes: 20 plus the padded options. */
    public int headerLength() {
        return Tcp.MIN_HEADER + options.length;
    }

    /**
     * Writes header and payload at {@code out.position()} and advances it; the payload (position
     * to limit, null = none) is not moved. The checksum covers the pseudo-header of {@code src}
     * and {@code dst} (4 or 16 bytes each; null only with a checksum override) and every byte written.
     *
     * @return bytes written
     */
    public int emit(ByteBuffer out, ByteBuffer payload, byte[] src, byte[] dst) {
        int header = headerLength();
        int payloadLength = payload == null ? 0 : payload.remaining();
        int length = header + payloadLength;
        long pseudo = checksum >= 0 ? 0 : Checksum.pseudoHeader(src, dst, IpProtocol.TCP, length);
        int at = Bytes.claim(out, length);
        Bytes.put16(out, at + Tcp.SPORT_OFFSET, sourcePort);
        Bytes.put16(out, at + Tcp.DPORT_OFFSET, destinationPort);
        Bytes.put32(out, at + Tcp.SEQ_OFFSET, seq);
        Bytes.put32(out, at + Tcp.ACK_OFFSET, ack);
        int words = dataOffset >= 0 ? dataOffset : header / 4;
        Bytes.put8(out, at + Tcp.DATA_OFFSET_OFFSET, (words << 4) | (flags >>> 8));
        Bytes.put8(out, at + Tcp.FLAGS_OFFSET, flags & 0xff);
        Bytes.put16(out, at + Tcp.WINDOW_OFFSET, window);
        Bytes.put16(out, at + Tcp.CHECKSUM_OFFSET, 0);
        Bytes.put16(out, at + Tcp.URGENT_OFFSET, urgent);
        out.put(at + Tcp.MIN_HEADER, options, 0, options.length);
        if (payloadLength > 0) {
            Bytes.copy(payload, payload.position(), out, at + header, payloadLength);
        }
        Bytes.put16(out, at + Tcp.CHECKSUM_OFFSET,
                checksum >= 0 ? checksum : Checksum.finish(Checksum.sum(out, at, length, pseudo)));
        out.position(at + length);
        return length;
    }
}
