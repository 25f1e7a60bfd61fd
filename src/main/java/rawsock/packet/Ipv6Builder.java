package rawsock.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds an IPv6 header (RFC 8200): the fixed 40 bytes, optionally followed by raw extension
 * headers. Every field can be set, including to values a correct stack would never send; the
 * payload length is computed unless overridden. IPv6 has no header checksum.
 *
 * <p>Extension headers are written as given, between the fixed header and the payload. The
 * caller chains them: {@link #nextHeader} names the first extension header, each extension
 * header's own first byte names the one after it, and the last one names the upper layer.
 * {@link #fragmentHeader} and {@link #hopByHopRouterAlert} make the common ones.
 *
 * <p>An AF_INET6 raw socket normally has the kernel write the IPv6 header; these bytes are sent
 * as they are only where the caller supplies the header (an IPPROTO_RAW socket, IPV6_HDRINCL,
 * or a packet socket with {@code --link}).
 */
public final class Ipv6Builder {
    public static final int DEFAULT_HOP_LIMIT = 64;
    /** Extension headers longer than this cannot be real (each is at most 2048 bytes, and few fit a packet). */
    public static final int MAX_EXTENSION_BYTES = 0xffff - Ipv6.HEADER_LENGTH;

    private int version = 6;
    private int trafficClass;
    private int flowLabel;
    private int payloadLength = -1;
    private int nextHeader = IpProtocol.IPV6_NONXT;
    private int hopLimit = DEFAULT_HOP_LIMIT;
    private final byte[] src = new byte[16];
    private final byte[] dst = new byte[16];
    private byte[] extensions = new byte[0];

    /** The version nibble, normally 6; other values build deliberately wrong headers. */
    public Ipv6Builder version(int value) {
        version = Bytes.checkRange("IPv6 version", value, 0, 15);
        return this;
    }

    /** Traffic class (DSCP and ECN), 0..255. */
    public Ipv6Builder trafficClass(int value) {
        trafficClass = Bytes.checkRange("IPv6 traffic class", value, 0, 255);
        return this;
    }

    /** Flow label, 20 bits: 0..0xfffff. */
    public Ipv6Builder flowLabel(int value) {
        flowLabel = Bytes.checkRange("IPv6 flow label", value, 0, Ipv6.MAX_FLOW_LABEL);
        return this;
    }

    /** Payload length field; null or -1 = extension headers plus payload. */
    public Ipv6Builder payloadLength(Integer value) {
        payloadLength = value == null || value == -1 ? -1 : Bytes.checkRange("IPv6 payload length", value, 0, 0xffff);
        return this;
    }

    /**
     * The next header field: the first extension header's type when {@link #extensionHeaders}
     * are given, else the upper-layer protocol ({@link IpProtocol}). 59 (no next header) until set.
     */
    public Ipv6Builder nextHeader(int value) {
        nextHeader = Bytes.checkRange("IPv6 next header", value, 0, 255);
        return this;
    }

    public Ipv6Builder hopLimit(int value) {
        hopLimit = Bytes.checkRange("IPv6 hop limit", value, 0, 255);
        return this;
    }

    /** Source address (16 bytes, copied); :: until set. */
    public Ipv6Builder src(byte[] address) {
        System.arraycopy(check16("IPv6 source", address), 0, src, 0, 16);
        return this;
    }

    public Ipv6Builder dst(byte[] address) {
        System.arraycopy(check16("IPv6 destination", address), 0, dst, 0, 16);
        return this;
    }

    /**
     * Raw extension-header bytes written after the fixed header, as given: not padded, not
     * validated, not chained (see the class comment). Null = none.
     */
    public Ipv6Builder extensionHeaders(byte[] bytes) {
        if (bytes == null) {
            extensions = new byte[0];
            return this;
        }
        if (bytes.length > MAX_EXTENSION_BYTES) {
            throw new IllegalArgumentException("IPv6 extension headers are " + bytes.length
                    + " bytes; at most " + MAX_EXTENSION_BYTES + " fit the payload length field");
        }
        extensions = bytes.clone();
        return this;
    }

    public int nextHeader() {
        return nextHeader;
    }

    public byte[] src() {
        return src.clone();
    }

    public byte[] dst() {
        return dst.clone();
    }

    /** Bytes {@link #emit} writes: 40 plus the extension headers. */
    public int headerLength() {
        return Ipv6.HEADER_LENGTH + extensions.length;
    }

    /**
     * Writes the fixed header and the extension headers at {@code out.position()} for an
     * upper-layer payload of {@code payloadLength} bytes that the caller writes after them, and
     * advances the position.
     *
     * @return bytes written ({@link #headerLength()})
     * @throws IllegalArgumentException when the computed payload length exceeds 65535 (jumbograms
     *         need a payload length override of 0 and a Jumbo Payload option)
     * @throws java.nio.BufferOverflowException when {@code out} has less room than the header
     */
    public int emit(ByteBuffer out, int payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        int length = headerLength();
        long computed = (long) extensions.length + payloadLength;
        if (this.payloadLength < 0 && computed > 0xffff) {
            throw new IllegalArgumentException("IPv6 payload of " + computed
                    + " bytes exceeds the 65535-byte payload length field");
        }
        if (out.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        int at = out.position();
        writeFixed(out, at, version, trafficClass, flowLabel,
                this.payloadLength >= 0 ? this.payloadLength : (int) computed, nextHeader, hopLimit, src, dst);
        for (int i = 0; i < extensions.length; i++) {
            out.put(at + Ipv6.HEADER_LENGTH + i, extensions[i]);
        }
        out.position(at + length);
        return length;
    }

    /** The fixed header at absolute {@code at}; shared with {@link Ipv6Header#rebuild}. Values already checked. */
    static void writeFixed(ByteBuffer out, int at, int version, int trafficClass, int flowLabel,
                           int payloadLength, int nextHeader, int hopLimit, byte[] src, byte[] dst) {
        Bytes.put32(out, at, ((long) (version & 0xf) << 28) | ((trafficClass & 0xffL) << 20) | (flowLabel & Ipv6.MAX_FLOW_LABEL));
        Bytes.put16(out, at + Ipv6.PAYLOAD_LENGTH_OFFSET, payloadLength);
        Bytes.put8(out, at + Ipv6.NEXT_HEADER_OFFSET, nextHeader);
        Bytes.put8(out, at + Ipv6.HOP_LIMIT_OFFSET, hopLimit);
        for (int i = 0; i < 16; i++) {
            out.put(at + Ipv6.SRC_OFFSET + i, src[i]);
            out.put(at + Ipv6.DST_OFFSET + i, dst[i]);
        }
    }

    /**
     * An 8-byte Fragment header (RFC 8200 4.5) for {@link #extensionHeaders}.
     *
     * @param nextHeader what follows it (in the first fragment, the upper layer or the next extension header)
     * @param offsetUnits fragment offset in 8-byte units, 0..8191
     * @param more the M flag: more fragments follow
     * @param id the 32-bit identification
     */
    public static byte[] fragmentHeader(int nextHeader, int offsetUnits, boolean more, long id) {
        Bytes.checkRange("IPv6 next header", nextHeader, 0, 255);
        Bytes.checkRange("IPv6 fragment offset (8-byte units)", offsetUnits, 0, 0x1fff);
        Bytes.checkRange("IPv6 fragment identification", id, 0, 0xffffffffL);
        int word = (offsetUnits << 3) | (more ? 1 : 0);
        return new byte[] {(byte) nextHeader, 0, (byte) (word >>> 8), (byte) word,
            (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    /**
     * An 8-byte Hop-by-Hop Options header holding a Router Alert option (RFC 2711, value 0 = MLD)
     * and a 2-byte PadN, as MLD reports carry it (RFC 3810 5).
     */
    public static byte[] hopByHopRouterAlert(int nextHeader) {
        Bytes.checkRange("IPv6 next header", nextHeader, 0, 255);
        return new byte[] {(byte) nextHeader, 0, 5, 2, 0, 0, 1, 0};
    }

    /** An extension header's bytes padded with zeros to a multiple of 8, as RFC 8200 requires. */
    public static byte[] padTo8(byte[] bytes) {
        return Arrays.copyOf(bytes, (bytes.length + 7) & ~7);
    }

    private static byte[] check16(String what, byte[] address) {
        if (address == null || address.length != 16) {
            throw new IllegalArgumentException(what + " must be a 16-byte IPv6 address");
        }
        return address;
    }
}
