package rawsock.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071) and its incremental update (RFC 1624). Pure functions over
 * absolute buffer offsets: no state, no allocation, so the send loop and the decoders share them.
 *
 * <p>A partial sum is a plain {@code long} of 16-bit big-endian words; partial sums add, and
 * {@link #finish} folds the carries and complements once at the end. Every segment except the
 * last must have an even length, because the sum pairs bytes from each segment's own start.
 */
public final class Checksum {
    private Checksum() {
    }

    /**
     * Adds the bytes {@code buf[offset, offset+length)} as big-endian 16-bit words to
     * {@code initial}; an odd last byte counts as the high byte of a word padded with zero.
     * The result is congruent to the 16-bit sum but not equal to it (words are added 32 bits at
     * a time), so compare partial sums only after {@link #fold}.
     */
    public static long sum(ByteBuffer buf, int offset, int length, long initial) {
        if (length < 0) {
            throw new IllegalArgumentException("negative checksum length " + length);
        }
        long sum = initial;
        int i = offset;
        int end = offset + length;
        // 32-bit words fold to the same ones'-complement value (2^16 == 1 mod 0xffff) and halve
        // the loop; getInt follows the buffer's order, so undo a little-endian view.
        boolean swap = buf.order() == ByteOrder.LITTLE_ENDIAN;
        for (; i <= end - 4; i += 4) {
            int word = buf.getInt(i);
            sum += (swap ? Integer.reverseBytes(word) : word) & 0xffffffffL;
        }
        for (; i <= end - 2; i += 2) {
            sum += Bytes.u16(buf, i);
        }
        if (i < end) {
            sum += (buf.get(i) & 0xff) << 8;
        }
        return sum;
    }

    /** Folds a partial sum to 16 bits with end-around carry (not complemented). */
    public static int fold(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** The 16-bit value to store in a checksum field: the complement of the folded sum. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xffff;
    }

    /**
     * True when {@code length} bytes at {@code offset}, checksum field included, plus a
     * pseudo-header sum ({@code initial}, 0 for none) add up to all ones: the checksum verifies.
     */
    public static boolean verify(ByteBuffer buf, int offset, int length, long initial) {
        return fold(sum(buf, offset, length, initial)) == 0xffff;
    }

    /** Checksum of {@code length} bytes at {@code offset} (the checksum field must hold 0). */
    public static int compute(ByteBuffer buf, int offset, int length) {
        return finish(sum(buf, offset, length, 0));
    }

    /**
     * Partial sum of the pseudo-header for a TCP/UDP/ICMPv6 checksum: RFC 793/768 for 4-byte
     * addresses (protocol and 16-bit length), RFC 8200 section 8.1 for 16-byte addresses (32-bit
     * upper-layer length and next header). Both reduce to the same word sum.
     */
    public static long pseudoHeader(byte[] src, byte[] dst, int protocol, int length) {
        Bytes.checkAddress("pseudo-header source", src);
        Bytes.checkAddress("pseudo-header destination", dst);
        if (src.length != dst.length) {
            throw new IllegalArgumentException("pseudo-header addresses must both be IPv4 or both IPv6");
        }
        checkPseudoLength(src.length, length);
        long sum = 0;
        for (int i = 0; i < src.length; i += 2) {
            sum += ((src[i] & 0xff) << 8) | (src[i + 1] & 0xff);
            sum += ((dst[i] & 0xff) << 8) | (dst[i + 1] & 0xff);
        }
        return sum + (protocol & 0xff) + (length >>> 16) + (length & 0xffff);
    }

    /**
     * The same pseudo-header sum read from addresses already in a buffer (a received IP header),
     * so decoders verify transport checksums without copying addresses out.
     */
    public static long pseudoHeader(ByteBuffer buf, int srcIndex, int dstIndex, int addressLength,
                                    int protocol, int length) {
        if (addressLength != 4 && addressLength != 16) {
            throw new IllegalArgumentException("address length must be 4 or 16, not " + addressLength);
        }
        checkPseudoLength(addressLength, length);
        long sum = sum(buf, srcIndex, addressLength, 0) + sum(buf, dstIndex, addressLength, 0);
        return sum + (protocol & 0xff) + (length >>> 16) + (length & 0xffff);
    }

    private static void checkPseudoLength(int addressLength, int length) {
        if (length < 0 || (addressLength == 4 && length > 0xffff)) {
            throw new IllegalArgumentException("pseudo-header length " + Integer.toUnsignedString(length)
                    + " does not fit " + (addressLength == 4 ? "16 bits (IPv4)" : "32 bits"));
        }
    }

    /**
     * RFC 1624 eqn. 3: the checksum after one 16-bit word of the covered data changed from
     * {@code oldWord} to {@code newWord}, {@code HC' = ~(~HC + ~m + m')}. Unlike eqn. 2 it never
     * yields the -0 (0xffff) a full recomputation would not.
     */
    public static int update(int oldChecksum, int oldWord, int newWord) {
        long sum = (~oldChecksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(sum) & 0xffff;
    }

    /**
     * Writes {@code newWord} at {@code wordIndex} and adjusts the checksum stored at
     * {@code checksumIndex} incrementally; both indices absolute. Allocation-free.
     */
    public static void patchWord(ByteBuffer buf, int checksumIndex, int wordIndex, int newWord) {
        int oldWord = Bytes.u16(buf, wordIndex);
        Bytes.put16(buf, wordIndex, newWord);
        Bytes.put16(buf, checksumIndex, update(Bytes.u16(buf, checksumIndex), oldWord, newWord & 0xffff));
    }
}
