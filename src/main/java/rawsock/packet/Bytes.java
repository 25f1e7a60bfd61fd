package rawsock.packet;

import java.nio.ByteBuffer;
import rawsock.text.HexDigits;

/**
 * Big-endian absolute reads and writes that ignore the buffer's {@link ByteBuffer#order()}: wire
 * formats are network order whatever order a caller left a buffer in, and absolute access never
 * moves the position other code relies on.
 */
final class Bytes {
    private Bytes() {
    }

    static int u8(ByteBuffer buf, int index) {
        return buf.get(index) & 0xff;
    }

    static int u16(ByteBuffer buf, int index) {
        return ((buf.get(index) & 0xff) << 8) | (buf.get(index + 1) & 0xff);
    }

    static long u32(ByteBuffer buf, int index) {
        return ((long) u16(buf, index) << 16) | u16(buf, index + 2);
    }

    static void put8(ByteBuffer buf, int index, int value) {
        buf.put(index, (byte) value);
    }

    static void put16(ByteBuffer buf, int index, int value) {
        buf.put(index, (byte) (value >>> 8));
        buf.put(index + 1, (byte) value);
    }

    static void put32(ByteBuffer buf, int index, long value) {
        put16(buf, index, (int) (value >>> 16));
        put16(buf, index + 2, (int) value);
    }

    /** Copies {@code length} bytes from {@code src} (absolute, from {@code from}) to {@code out} at {@code index}. */
    /**
     * Where a header of {@code length} bytes starts in {@code out} (its position), after checking it
     * fits in what remains: an emit writes at absolute indexes, which would not stop at the limit.
     */
    static int claim(ByteBuffer out, int length) {
        if (out.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        return out.position();
    }

    static void copy(ByteBuffer src, int from, ByteBuffer out, int index, int length) {
        if (length > 0) {
            out.put(index, src, from, length);
        }
    }

    static void appendHex(StringBuilder text, ByteBuffer buf, int from, int length) {
        for (int i = 0; i < length; i++) {
            int b = buf.get(from + i) & 0xff;
            text.append(HexDigits.of(b >>> 4)).append(HexDigits.of(b));
        }
    }

    static void appendHex16(StringBuilder text, int value) {
        text.append("0x");
        for (int shift = 12; shift >= 0; shift -= 4) {
            text.append(HexDigits.of(value >>> shift));
        }
    }

    static void appendHex8(StringBuilder text, int value) {
        text.append("0x").append(HexDigits.of(value >>> 4)).append(HexDigits.of(value));
    }

    /** Range check shared by the builders' setters: a clear message instead of silent truncation. */
    static int checkRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    static long checkRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    /** A length or checksum field of a header record: {@code -1} (computed) or 0..max. */
    static int checkComputedOr(String what, int value, int max) {
        return value == -1 ? value : checkRange(what, value, 0, max);
    }

    /**
     * A copy of option bytes padded with zeros (EOL) to a multiple of 4, as IPv4 and TCP headers
     * carry them; none for null.
     *
     * @throws IllegalArgumentException when longer than {@code max}
     */
    static byte[] optionsPadded(String what, byte[] options, int max, String header) {
        if (options == null) {
            return new byte[0];
        }
        if (options.length > max) {
            throw new IllegalArgumentException(what + " are " + options.length + " bytes; at most " + max
                    + " fit in " + header);
        }
        return java.util.Arrays.copyOf(options, (options.length + 3) & ~3);
    }

    /** A copy of an address of {@code length} bytes, for a header record: never shared with the caller. */
    static byte[] address(String what, byte[] address, int length) {
        if (address == null || address.length != length) {
            throw new IllegalArgumentException(what + " must be a " + length + "-byte "
                    + (length == 4 ? "IPv4" : length == 16 ? "IPv6" : length == 6 ? "MAC" : "") + " address");
        }
        return address.clone();
    }

    static byte[] checkAddress(String what, byte[] address) {
        if (address == null || (address.length != 4 && address.length != 16)) {
            throw new IllegalArgumentException(what + " must be a 4-byte IPv4 or 16-byte IPv6 address");
        }
        return address;
    }
}
