package rawsock.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds a TCP segment (RFC 9293) over IPv4 or IPv6: a header with any flags, options and
 * numbers, for probing and testing receivers rather than for holding a connection.
 *
 * <p>The default window is 65535, the largest a header can carry without window scaling: what a
 * real stack's SYN offers, so a peer that answers is never throttled by a window we made up.
 */
public final class TcpBuilder {
    public static final int DEFAULT_WINDOW = 65535;
    public static final int MAX_OPTIONS = 40;

    private int sport;
    private int dport;
    private long seq;
    private long ack;
    private int dataOffset = -1;
    private int flags = TcpFlags.SYN;
    private int window = DEFAULT_WINDOW;
    private int urgent;
    private int checksum = -1;
    private byte[] options = new byte[0];

    public TcpBuilder sport(int value) {
        sport = Bytes.checkRange("TCP source port", value, 0, 0xffff);
        return this;
    }

    public TcpBuilder dport(int value) {
        dport = Bytes.checkRange("TCP destination port", value, 0, 0xffff);
        return this;
    }

    /** Sequence number, 0..2^32-1. */
    public TcpBuilder seq(long value) {
        seq = Bytes.checkRange("TCP sequence number", value, 0, 0xffffffffL);
        return this;
    }

    /** Acknowledgment number, 0..2^32-1 (sent whatever the ACK flag says). */
    public TcpBuilder ack(long value) {
        ack = Bytes.checkRange("TCP acknowledgment number", value, 0, 0xffffffffL);
        return this;
    }

    /** Data offset field in 32-bit words; null or -1 = computed from the options. */
    public TcpBuilder dataOffset(Integer words) {
        dataOffset = words == null || words == -1 ? -1 : Bytes.checkRange("TCP data offset (words)", words, 0, 15);
        return this;
    }

    /** {@link TcpFlags} bits, 0..0x1ff; SYN until set. */
    public TcpBuilder flags(int bits) {
        flags = Bytes.checkRange("TCP flags", bits, 0, TcpFlags.ALL);
        return this;
    }

    /** Flags as letters FSRPAUEC, see {@link TcpFlags#parse}. */
    public TcpBuilder flags(String letters) {
        flags = TcpFlags.parse(letters);
        return this;
    }

    public TcpBuilder window(int value) {
        window = Bytes.checkRange("TCP window", value, 0, 0xffff);
        return this;
    }

    public TcpBuilder urgent(int value) {
        urgent = Bytes.checkRange("TCP urgent pointer", value, 0, 0xffff);
        return this;
    }

    /** Checksum to send instead of the computed one; null or -1 = computed. */
    public TcpBuilder checksum(Integer value) {
        checksum = value == null || value == -1 ? -1 : Bytes.checkRange("TCP checksum", value, 0, 0xffff);
        return this;
    }

    /**
     * Option bytes as given (not validated, so malformed options can be sent), padded with zero
     * bytes to a multiple of 4 (RFC 9293 3.1: the padding is zeros, i.e. EOL); null = none.
     *
     * @throws IllegalArgumentException when longer than 40 bytes
     */
    public TcpBuilder options(byte[] bytes) {
        if (bytes == null) {
            options = new byte[0];
            return this;
        }
        if (bytes.length > MAX_OPTIONS) {
            throw new IllegalArgumentException("TCP options are " + bytes.length + " bytes; at most "
                    + MAX_OPTIONS + " fit in a TCP header");
        }
        options = Arrays.copyOf(bytes, (bytes.length + 3) & ~3);
        return this;
    }

    public int flags() {
        return flags;
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
        if (out.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        int at = out.position();
        Bytes.put16(out, at, sport);
        Bytes.put16(out, at + 2, dport);
        Bytes.put32(out, at + Tcp.SEQ_OFFSET, seq);
        Bytes.put32(out, at + Tcp.ACK_OFFSET, ack);
        int words = dataOffset >= 0 ? dataOffset : header / 4;
        Bytes.put8(out, at + Tcp.DATA_OFFSET_OFFSET, (words << 4) | (flags >>> 8));
        Bytes.put8(out, at + Tcp.FLAGS_OFFSET, flags & 0xff);
        Bytes.put16(out, at + Tcp.WINDOW_OFFSET, window);
        Bytes.put16(out, at + Tcp.CHECKSUM_OFFSET, 0);
        Bytes.put16(out, at + Tcp.URGENT_OFFSET, urgent);
        for (int i = 0; i < options.length; i++) {
            out.put(at + Tcp.MIN_HEADER + i, options[i]);
        }
        if (payloadLength > 0) {
            Bytes.copy(payload, payload.position(), out, at + header, payloadLength);
        }
        Bytes.put16(out, at + Tcp.CHECKSUM_OFFSET,
                checksum >= 0 ? checksum : Checksum.finish(Checksum.sum(out, at, length, pseudo)));
        out.position(at + length);
        return length;
    }
}
