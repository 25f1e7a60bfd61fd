package rawsock.output;

import java.nio.ByteBuffer;
import rawsock.text.HexDigits;
import rawsock.text.HexPairs;

/**
 * Lowercase hex encoding and tolerant decoding.
 *
 * <p>Decoding rules ({@link HexPairs}, shared with {@link HexLineReader}): digits in either case;
 * spaces, tabs, carriage returns and colons may stand between whole bytes ({@code "4500 0054"},
 * {@code "45:00:00:54"}), never inside one ({@code "4 500"} is an odd digit count). Nothing
 * else is accepted: no {@code 0x} prefix, no trailing comments.
 */
public final class Hex {
    private Hex() {
    }

    /**
     * Writes {@code src}'s remaining bytes as lowercase ASCII hex into {@code dst} at
     * {@code offset}, without moving {@code src}; returns the offset after the last digit.
     */
    public static int encode(ByteBuffer src, byte[] dst, int offset) {
        int o = offset;
        for (int i = src.position(), end = src.limit(); i < end; i++) {
            int b = src.get(i);
            dst[o++] = (byte) HexDigits.of(b >> 4);
            dst[o++] = (byte) HexDigits.of(b);
        }
        return o;
    }

    /** Like {@link #encode(ByteBuffer, byte[], int)}, into chars. */
    public static int encode(ByteBuffer src, char[] dst, int offset) {
        int o = offset;
        for (int i = src.position(), end = src.limit(); i < end; i++) {
            int b = src.get(i);
            dst[o++] = HexDigits.of(b >> 4);
            dst[o++] = HexDigits.of(b);
        }
        return o;
    }

    /** Appends {@code src}'s remaining bytes as lowercase hex, without moving it. */
    public static StringBuilder append(StringBuilder sb, ByteBuffer src) {
        for (int i = src.position(), end = src.limit(); i < end; i++) {
            int b = src.get(i);
            sb.append(HexDigits.of(b >> 4)).append(HexDigits.of(b));
        }
        return sb;
    }

    /** Lowercase hex of {@code src}'s remaining bytes (position unchanged). */
    public static String encode(ByteBuffer src) {
        char[] chars = new char[src.remaining() * 2];
        encode(src, chars, 0);
        return new String(chars);
    }

    /** Lowercase hex of all of {@code bytes}. */
    public static String encode(byte[] bytes) {
        return encode(ByteBuffer.wrap(bytes));
    }

    /**
     * Decodes hex following the rules in the class comment (for option values such as
     * {@code --hex}).
     *
     * @throws IllegalArgumentException naming the 1-based column of the first bad character
     */
    public static byte[] decode(CharSequence text) {
        byte[] out = new byte[text.length() / 2];
        int n = 0;
        HexPairs pairs = new HexPairs();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int taken = pairs.take(c, i + 1);
            if (taken >= 0) {
                out[n++] = (byte) taken;
            } else if (taken == HexPairs.SPLIT) {
                throw new IllegalArgumentException(oddMessage(pairs.firstDigitColumn()));
            } else if (taken == HexPairs.NOT_HEX) {
                throw new IllegalArgumentException(badCharMessage(c, i + 1));
            }
        }
        if (pairs.unpaired()) {
            throw new IllegalArgumentException(oddMessage(pairs.firstDigitColumn()));
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    static String oddMessage(long column) {
        return "column " + column + ": " + HexPairs.UNPAIRED;
    }

    static String badCharMessage(int c, long column) {
        return "column " + column + ": " + show(c) + " is not a hex digit";
    }

    /** A character for an error message: printable ASCII quoted, anything else as a code. */
    static String show(int c) {
        if (c >= 0x21 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        if (c < 0x100) {
            return String.format("byte 0x%02x", c);
        }
        return String.format("U+%04X", c);
    }
}
