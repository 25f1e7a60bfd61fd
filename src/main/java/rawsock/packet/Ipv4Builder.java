package rawsock.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds an IPv4 header (RFC 791). Every field can be set, including to values a correct stack
 * would never send: lengths and the checksum are computed unless overridden, so a receiver can
 * be tested with exactly the bytes the user asked for.
 *
 * <p>On a raw socket with IP_HDRINCL, Linux always rewrites the total length and checksum and
 * fills a zero id and a zero source address (raw(7)); the overrides reach the wire unchanged
 * only through a packet socket ({@code --link}).
 */
public final class Ipv4Builder {
    public static final int DEFAULT_TTL = 64;
    /** RFC 791: the header length field counts 32-bit words, so at most 15 * 4 - 20 option bytes. */
    public static final int MAX_OPTIONS = 40;

    private int version = 4;
    private int ihl = -1;
    private int tos;
    private int totalLength = -1;
    private int id;
    private boolean reservedFlag;
    private boolean df;
    private boolean mf;
    private int fragmentOffset;
    private int ttl = DEFAULT_TTL;
    private int protocol;
    private int checksum = -1;
    private final byte[] src = new byte[4];
    private final byte[] dst = new byte[4];
    private byte[] options = new byte[0];

    /** The version nibble, normally 4; other values build deliberately wrong headers. */
    public Ipv4Builder version(int value) {
        version = Bytes.checkRange("IP version", value, 0, 15);
        return this;
    }

    /** Header length field in 32-bit words; null or -1 = computed from the options. */
    public Ipv4Builder ihl(Integer words) {
        ihl = words == null || words == -1 ? -1 : Bytes.checkRange("IP header length (words)", words, 0, 15);
        return this;
    }

    public Ipv4Builder tos(int value) {
        tos = Bytes.checkRange("IP TOS", value, 0, 255);
        return this;
    }

    /** Total length field; null or -1 = header plus payload. */
    public Ipv4Builder totalLength(Integer value) {
        totalLength = value == null || value == -1 ? -1 : Bytes.checkRange("IP total length", value, 0, 0xffff);
        return this;
    }

    public Ipv4Builder id(int value) {
        id = Bytes.checkRange("IP id", value, 0, 0xffff);
        return this;
    }

    public Ipv4Builder df(boolean value) {
        df = value;
        return this;
    }

    public Ipv4Builder mf(boolean value) {
        mf = value;
        return this;
    }

    /** The reserved flag bit (RFC 3514's "evil bit"). */
    public Ipv4Builder reservedFlag(boolean value) {
        reservedFlag = value;
        return this;
    }

    /** Fragment offset in 8-byte units, 0..8191. */
    public Ipv4Builder fragmentOffset(int units) {
        fragmentOffset = Bytes.checkRange("IP fragment offset (8-byte units)", units, 0, 0x1fff);
        return this;
    }

    public Ipv4Builder ttl(int value) {
        ttl = Bytes.checkRange("IP TTL", value, 0, 255);
        return this;
    }

    /** The protocol field (see {@link IpProtocol}); 0 until set. */
    public Ipv4Builder protocol(int value) {
        protocol = Bytes.checkRange("IP protocol", value, 0, 255);
        return this;
    }

    /** Header checksum to send instead of the computed one; null or -1 = computed. */
    public Ipv4Builder checksum(Integer value) {
        checksum = value == null || value == -1 ? -1 : Bytes.checkRange("IP checksum", value, 0, 0xffff);
        return this;
    }

    /** Source address (4 bytes, copied); all zero until set. */
    public Ipv4Builder src(byte[] address) {
        System.arraycopy(check4("IP source", address), 0, src, 0, 4);
        return this;
    }

    public Ipv4Builder dst(byte[] address) {
        System.arraycopy(check4("IP destination", address), 0, dst, 0, 4);
        return this;
    }

    /**
     * Option bytes as given (not validated, so malformed options can be sent), padded with EOL
     * (zero) bytes to a multiple of 4; null = none.
     *
     * @throws IllegalArgumentException when longer than 40 bytes
     */
    public Ipv4Builder options(byte[] bytes) {
        if (bytes == null) {
            options = new byte[0];
            return this;
        }
        if (bytes.length > MAX_OPTIONS) {
            throw new IllegalArgumentException("IP options are " + bytes.length + " bytes; at most "
                    + MAX_OPTIONS + " fit in an IPv4 header");
        }
        options = Arrays.copyOf(bytes, (bytes.length + 3) & ~3);
        return this;
    }

    public int protocol() {
        return protocol;
    }

    public byte[] src() {
        return src.clone();
    }

    public byte[] dst() {
        return dst.clone();
    }

    /** Bytes {@link #emit} writes: 20 plus the padded options (whatever the ihl override says). */
    public int headerLength() {
        return Ipv4.MIN_HEADER + options.length;
    }

    /**
     * Writes the header at {@code out.position()} for a payload of {@code payloadLength} bytes that
     * the caller writes after it, and advances the position. The checksum covers the
     * {@link #headerLength()} bytes written.
     *
     * @return bytes written
     * @throws IllegalArgumentException when the computed total length exceeds 65535
     * @throws java.nio.BufferOverflowException when {@code out} has less room than the header
     */
    public int emit(ByteBuffer out, int payloadLength) {
        int length = headerLength();
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        int total = totalLength >= 0 ? totalLength : length + payloadLength;
        if (total > 0xffff) {
            throw new IllegalArgumentException("IPv4 packet of " + (length + payloadLength)
                    + " bytes exceeds the 65535-byte maximum");
        }
        if (out.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        int at = out.position();
        Bytes.put8(out, at, (version << 4) | (ihl >= 0 ? ihl : length / 4));
        Bytes.put8(out, at + 1, tos);
        Bytes.put16(out, at + Ipv4.TOTAL_LENGTH_OFFSET, total);
        Bytes.put16(out, at + Ipv4.ID_OFFSET, id);
        int flags = (reservedFlag ? 0x8000 : 0) | (df ? 0x4000 : 0) | (mf ? 0x2000 : 0);
        Bytes.put16(out, at + Ipv4.FLAGS_OFFSET, flags | fragmentOffset);
        Bytes.put8(out, at + Ipv4.TTL_OFFSET, ttl);
        Bytes.put8(out, at + Ipv4.PROTOCOL_OFFSET, protocol);
        Bytes.put16(out, at + Ipv4.CHECKSUM_OFFSET, 0);
        for (int i = 0; i < 4; i++) {
            out.put(at + Ipv4.SRC_OFFSET + i, src[i]);
            out.put(at + Ipv4.DST_OFFSET + i, dst[i]);
        }
        for (int i = 0; i < options.length; i++) {
            out.put(at + Ipv4.MIN_HEADER + i, options[i]);
        }
        Bytes.put16(out, at + Ipv4.CHECKSUM_OFFSET, checksum >= 0 ? checksum : Checksum.compute(out, at, length));
        out.position(at + length);
        return length;
    }

    private static byte[] check4(String what, byte[] address) {
        if (address == null || address.length != 4) {
            throw new IllegalArgumentException(what + " must be a 4-byte IPv4 address");
        }
        return address;
    }

    /**
     * The destination a TCP/UDP pseudo-header sums for a packet with these IPv4 options: the
     * final hop of a source route (LSRR/SSRR), else {@code destination}.
     */
    public static byte[] pseudoHeaderDestination(byte[] options, byte[] destination) {
        if (options == null) {
            return destination;
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(options);
        int at = Ipv4Options.finalDestination(buf, 0, options.length);
        return at < 0 ? destination : java.util.Arrays.copyOfRange(options, at, at + 4);
    }
}
