package rawsock.text;

/**
 * Hexadecimal digits, the one table: what every writer prints (lowercase, as tcpdump, ip and
 * Wireshark do) and what every parser accepts (ASCII 0-9, a-f, A-F, and nothing else:
 * {@link Character#digit} would also take other scripts' digits, such as fullwidth ones).
 */
public final class HexDigits {
    private static final char[] LOWER = "0123456789abcdef".toCharArray();

    private HexDigits() {
    }

    /** The lowercase digit for the low four bits of {@code nibble}. */
    public static char of(int nibble) {
        return LOWER[nibble & 0xf];
    }

    /** The value of one hex digit (either case), or -1 when {@code c} is not one. */
    public static int value(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
