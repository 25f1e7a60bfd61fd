package rawsock.text;

/**
 * IPv4 addresses in dotted decimal, strictly: parts of one to three ASCII digits worth 0 to 255,
 * separated by single dots, nothing around them. Never the older forms inet_aton also takes
 * ({@code 10.1} for 10.0.0.1, {@code 0x7f.1}, octal {@code 0177.0.0.1}), which read the same text
 * as different addresses; what a leading zero means the caller says ({@link LeadingZero}).
 */
public final class DottedQuads {
    private DottedQuads() {
    }

    /** A network written as a dotted prefix ("10", "192.168"): its address, the missing parts zero. */
    public record Prefix(int address, int parts) {
    }

    /** The address of a full dotted quad as a big-endian int, or null when the text is not one. */
    public static Integer parse(String text, LeadingZero leadingZero) {
        Prefix prefix = parsePrefix(text, leadingZero);
        return prefix != null && prefix.parts() == 4 ? prefix.address() : null;
    }

    /** The four bytes of a full dotted quad, or null when the text is not one. */
    public static byte[] bytes(String text, LeadingZero leadingZero) {
        Integer address = parse(text, leadingZero);
        if (address == null) {
            return null;
        }
        int a = address;
        return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
    }

    /** One to four parts ("10", "10.1", "10.1.2.3"), the missing ones zero; null when the text is not that. */
    public static Prefix parsePrefix(String text, LeadingZero leadingZero) {
        int address = 0;
        int parts = 0;
        int start = 0;
        while (true) {
            int dot = text.indexOf('.', start);
            int end = dot < 0 ? text.length() : dot;
            int octet = octet(text, start, end, leadingZero);
            if (octet < 0 || parts == 4) {
                return null;
            }
            address = address << 8 | octet;
            parts++;
            if (dot < 0) {
                return new Prefix(address << 8 * (4 - parts), parts);
            }
            start = dot + 1;
        }
    }

    /** One part on its own (an end of the octet range 10.0.0.1-20), 0..255, or -1 when the text is not one. */
    public static int octet(String text, LeadingZero leadingZero) {
        return octet(text, 0, text.length(), leadingZero);
    }

    private static int octet(String text, int start, int end, LeadingZero leadingZero) {
        int length = end - start;
        if (length < 1 || length > 3 || length > 1 && text.charAt(start) == '0' && leadingZero == LeadingZero.REFUSED) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }
}
