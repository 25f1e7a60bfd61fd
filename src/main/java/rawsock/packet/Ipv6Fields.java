package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The fields of an IPv6 header (RFC 8200) a user can set, immutable, with their defaults in
 * {@link #DEFAULT}: the fixed 40 bytes, optionally followed by raw extension headers. Any value
 * can be given, including ones a correct stack would never send; the payload length is
 * {@link #COMPUTED} unless given. IPv6 has no header checksum.
 *
 * <p>Extension headers are written as given, between the fixed header and the payload. The
 * caller chains them: {@link #nextHeader} names the first extension header, each extension
 * header's own first byte names the one after it, and the last one names the upper layer.
 *
 * <p>An AF_INET6 raw socket normally has the kernel write the IPv6 header; these bytes are sent
 * as they are only where the caller supplies the header (an IPPROTO_RAW socket, IPV6_HDRINCL,
 * or a packet socket with {@code --link}).
 *
 * @param trafficClass DSCP and ECN, 0..255
 * @param flowLabel 20 bits
 * @param payloadLength the payload length field, or {@link #COMPUTED}: extension headers plus payload
 * @param nextHeader the first extension header's type when there are {@link #extensions}, else the
 *     upper-layer protocol ({@link IpProtocol})
 * @param src 16 bytes (copied)
 * @param dst 16 bytes (copied)
 * @param extensions raw extension-header bytes (copied): not padded, not validated, not chained; null = none
 */
public record Ipv6Fields(int version, int trafficClass, int flowLabel, int payloadLength, int nextHeader,
        int hopLimit, byte[] src, byte[] dst, byte[] extensions) {
    /** A length field left to {@link #emit}. */
    public static final int COMPUTED = -1;
    public static final int DEFAULT_HOP_LIMIT = 64;
    /** Extension headers longer than this cannot be real (each is at most 2048 bytes, and few fit a packet). */
    public static final int MAX_EXTENSION_BYTES = 0xffff - Ipv6.HEADER_LENGTH;
    /** Version 6, hop limit 64, next header 59 (no next header), addresses ::. */
    public static final Ipv6Fields DEFAULT = new Ipv6Fields(6, 0, 0, COMPUTED, IpProtocol.IPV6_NONXT,
            DEFAULT_HOP_LIMIT, new byte[16], new byte[16], null);

    /** @throws IllegalArgumentException for a value its field cannot hold */
    public Ipv6Fields {
        Bytes.checkRange("IPv6 version", version, 0, 15);
        Bytes.checkRange("IPv6 traffic class", trafficClass, 0, 255);
        Bytes.checkRange("IPv6 flow label", flowLabel, 0, Ipv6.MAX_FLOW_LABEL);
        Bytes.checkComputedOr("IPv6 payload length", payloadLength, 0xffff);
        Bytes.checkRange("IPv6 next header", nextHeader, 0, 255);
        Bytes.checkRange("IPv6 hop limit", hopLimit, 0, 255);
        src = Bytes.address("IPv6 source", src, 16);
        dst = Bytes.address("IPv6 destination", dst, 16);
        if (extensions == null) {
            extensions = new byte[0];
        } else if (extensions.length > MAX_EXTENSION_BYTES) {
            throw new IllegalArgumentException("IPv6 extension headers are " + extensions.length
                    + " bytes; at most " + MAX_EXTENSION_BYTES + " fit the payload length field");
        } else {
            extensions = extensions.clone();
        }
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] src() {
        return src.clone();
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] dst() {
        return dst.clone();
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] extensions() {
        return extensions.clone();
    }

    /**
     * The header {@code view} shows, every field as it is there, with the extension headers the
     * view walked whole (so {@link #emit} writes the same bytes back); null without the fixed 40 bytes.
     */
    public static Ipv6Fields parse(Ipv6 view) {
        if (!view.fixedHeaderPresent()) {
            return null;
        }
        int last = view.extensionCount() - 1;
        int end = last < 0 ? Ipv6.HEADER_LENGTH
                : view.extensionOffset(last) - view.offset() + view.extensionLength(last);
        return new Ipv6Fields(view.version(), view.trafficClass(), view.flowLabel(), view.payloadLength(),
                view.nextHeader(), view.hopLimit(), view.bytes(Ipv6.SRC_OFFSET, 16), view.bytes(Ipv6.DST_OFFSET, 16),
                view.bytes(Ipv6.HEADER_LENGTH, end - Ipv6.HEADER_LENGTH));
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
        int at = Bytes.claim(out, length);
        writeFixed(out, at, version, trafficClass, flowLabel,
                this.payloadLength >= 0 ? this.payloadLength : (int) computed, nextHeader, hopLimit, src, dst);
        out.put(at + Ipv6.HEADER_LENGTH, extensions, 0, extensions.length);
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
        out.put(at + Ipv6.SRC_OFFSET, src, 0, 16);
        out.put(at + Ipv6.DST_OFFSET, dst, 0, 16);
    }
}
