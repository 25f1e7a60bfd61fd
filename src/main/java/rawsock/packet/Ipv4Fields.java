package rawsock.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The fields of an IPv4 header (RFC 791) a user can set, immutable, with their defaults in
 * {@link #DEFAULT}: what {@code send} writes when it writes the header, and what {@link #parse}
 * reads back from a captured one. Any value can be given, including ones a correct stack would
 * never send; the header length, the total length and the checksum are {@link #COMPUTED} unless
 * given, so a receiver can be tested with exactly the bytes asked for.
 *
 * <p>On a raw socket with IP_HDRINCL, Linux always rewrites the total length and checksum and
 * fills a zero id and a zero source address (raw(7)); the overrides reach the wire unchanged
 * only through a packet socket ({@code --link}).
 *
 * @param ihl header length field in 32-bit words, or {@link #COMPUTED} from the options
 * @param totalLength total length field, or {@link #COMPUTED}: header plus payload
 * @param reservedFlag the reserved flag bit (RFC 3514's "evil bit")
 * @param fragmentOffset in 8-byte units, 0..8191
 * @param protocol the protocol field ({@link IpProtocol})
 * @param checksum the header checksum to send, or {@link #COMPUTED}
 * @param src 4 bytes (copied)
 * @param dst 4 bytes (copied)
 * @param options option bytes as given (not validated, so malformed options can be sent), padded
 *     with EOL (zero) bytes to a multiple of 4; null = none
 */
public record Ipv4Fields(int version, int ihl, int tos, int totalLength, int id, boolean reservedFlag, boolean df,
        boolean mf, int fragmentOffset, int ttl, int protocol, int checksum, byte[] src, byte[] dst, byte[] options) {
    /** A length or checksum field left to {@link #emit}. */
    public static final int COMPUTED = -1;
    public static final int DEFAULT_TTL = 64;
    /** RFC 791: the header length field counts 32-bit words, so at most 15 * 4 - 20 option bytes. */
    public static final int MAX_OPTIONS = 40;
    /** Version 4, TTL 64, everything else zero or computed: the header a packet has unless told otherwise. */
    public static final Ipv4Fields DEFAULT = new Ipv4Fields(4, COMPUTED, 0, COMPUTED, 0, false, false, false, 0,
            DEFAULT_TTL, 0, COMPUTED, new byte[4], new byte[4], null);

    /** @throws IllegalArgumentException for a value its field cannot hold */
    public Ipv4Fields {
        Bytes.checkRange("IP version", version, 0, 15);
        Bytes.checkComputedOr("IP header length (words)", ihl, 15);
        Bytes.checkRange("IP TOS", tos, 0, 255);
        Bytes.checkComputedOr("IP total length", totalLength, 0xffff);
        Bytes.checkRange("IP id", id, 0, 0xffff);
        Bytes.checkRange("IP fragment offset (8-byte units)", fragmentOffset, 0, 0x1fff);
        Bytes.checkRange("IP TTL", ttl, 0, 255);
        Bytes.checkRange("IP protocol", protocol, 0, 255);
        Bytes.checkComputedOr("IP checksum", checksum, 0xffff);
        src = Bytes.address("IP source", src, 4);
        dst = Bytes.address("IP destination", dst, 4);
        options = Bytes.optionsPadded("IP options", options, MAX_OPTIONS, "an IPv4 header");
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
    public byte[] options() {
        return options.clone();
    }

    /**
     * The header {@code view} shows, every field as it is there (lengths and checksum too, so
     * {@link #emit} writes the same bytes back); null when the bytes end before the header its
     * IHL declares (or before 20 bytes).
     */
    public static Ipv4Fields parse(Ipv4 view) {
        if (!view.fixedHeaderPresent()) {
            return null;
        }
        int optionBytes = Math.max(0, view.headerLength() - MIN_HEADER);
        if (!view.has(MIN_HEADER, optionBytes)) {
            return null;
        }
        return new Ipv4Fields(view.version(), view.ihl(), view.tos(), view.totalLength(), view.id(),
                view.reservedFlag(), view.df(), view.mf(), view.fragmentOffset(), view.ttl(), view.protocol(),
                view.checksum(), view.bytes(Ipv4.SRC_OFFSET, 4), view.bytes(Ipv4.DST_OFFSET, 4),
                view.bytes(MIN_HEADER, optionBytes));
    }

    private static final int MIN_HEADER = Ipv4.MIN_HEADER;

    /** Bytes {@link #emit} writes: 20 plus the padded options (whatever the ihl field says). */
    public int headerLength() {
        return MIN_HEADER + options.length;
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
        int at = Bytes.claim(out, length);
        Bytes.put8(out, at, (version << 4) | (ihl >= 0 ? ihl : length / 4));
        Bytes.put8(out, at + Ipv4.TOS_OFFSET, tos);
        Bytes.put16(out, at + Ipv4.TOTAL_LENGTH_OFFSET, total);
        Bytes.put16(out, at + Ipv4.ID_OFFSET, id);
        int flags = (reservedFlag ? 0x8000 : 0) | (df ? 0x4000 : 0) | (mf ? 0x2000 : 0);
        Bytes.put16(out, at + Ipv4.FLAGS_OFFSET, flags | fragmentOffset);
        Bytes.put8(out, at + Ipv4.TTL_OFFSET, ttl);
        Bytes.put8(out, at + Ipv4.PROTOCOL_OFFSET, protocol);
        Bytes.put16(out, at + Ipv4.CHECKSUM_OFFSET, 0);
        out.put(at + Ipv4.SRC_OFFSET, src, 0, 4);
        out.put(at + Ipv4.DST_OFFSET, dst, 0, 4);
        out.put(at + MIN_HEADER, options, 0, options.length);
        Bytes.put16(out, at + Ipv4.CHECKSUM_OFFSET, checksum >= 0 ? checksum : Checksum.compute(out, at, length));
        out.position(at + length);
        return length;
    }

    /**
     * The destination a TCP/UDP pseudo-header sums for a packet with these fields: the final hop
     * of a source route option (LSRR/SSRR), else {@link #dst}.
     */
    public byte[] pseudoHeaderDestination() {
        int at = Ipv4Options.finalDestination(ByteBuffer.wrap(options), 0, options.length);
        return at < 0 ? dst.clone() : Arrays.copyOfRange(options, at, at + 4);
    }
}
