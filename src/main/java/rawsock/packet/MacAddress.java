package rawsock.packet;

import java.nio.ByteBuffer;
import rawsock.text.HexDigits;

/**
 * 48-bit Ethernet (EUI-48) addresses as 6-byte arrays: parsing what people type, and the one
 * text form the output uses, lowercase with colons ("aa:bb:cc:dd:ee:ff", as tcpdump and
 * {@code ip link} print it).
 */
public final class MacAddress {
    public static final int LENGTH = 6;

    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private static final String FORMS = "use aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff or aabb.ccdd.eeff";
    private static final int TEXT_LENGTH = 17;
    /** Per-thread scratch for {@link #format}, so formatting allocates the String and nothing else. */
    private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[TEXT_LENGTH]);

    private MacAddress() {
    }

    /** ff:ff:ff:ff:ff:ff, a new array each call (arrays are mutable; the constant stays intact). */
    public static byte[] broadcast() {
        return BROADCAST.clone();
    }

    /** 00:00:00:00:00:00, a new array. */
    public static byte[] zero() {
        return new byte[LENGTH];
    }

    /**
     * Six bytes from text in one of the usual spellings, case-insensitive, surrounding blanks
     * ignored: {@code aa:bb:cc:dd:ee:ff} and {@code aa-bb-cc-dd-ee-ff} (one separator throughout;
     * a group may drop its leading zero, as BSD's arp prints {@code 0:1e:...}), and Cisco's
     * {@code aabb.ccdd.eeff} (four digits per group).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static byte[] parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty MAC address: " + FORMS);
        }
        byte[] mac = tryParse(text);
        if (mac == null) {
            throw new IllegalArgumentException("bad MAC address '" + text.trim() + "': " + FORMS);
        }
        return mac;
    }

    /** The same as {@link #parse}, with null for text that is not a MAC address in those forms. */
    public static byte[] tryParse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        return s.indexOf('.') >= 0 ? parseDotted(s) : parseSeparated(s);
    }

    /** aa:bb:cc:dd:ee:ff or aa-bb-cc-dd-ee-ff; null when the text is neither. */
    private static byte[] parseSeparated(String s) {
        char separator = s.indexOf(':') >= 0 ? ':' : '-';
        byte[] mac = new byte[LENGTH];
        int group = 0;
        int i = 0;
        int n = s.length();
        while (group < LENGTH) {
            int value = 0;
            int digits = 0;
            while (i < n && digits < 3 && HexDigits.value(s.charAt(i)) >= 0) {
                value = value * 16 + HexDigits.value(s.charAt(i));
                digits++;
                i++;
            }
            if (digits == 0 || digits > 2) {
                return null;
            }
            mac[group++] = (byte) value;
            if (group < LENGTH) {
                if (i >= n || s.charAt(i) != separator) {
                    return null;
                }
                i++;
            }
        }
        return i == n ? mac : null;
    }

    /** aabb.ccdd.eeff; null when the text is not exactly that. */
    private static byte[] parseDotted(String s) {
        if (s.length() != 14 || s.charAt(4) != '.' || s.charAt(9) != '.') {
            return null;
        }
        byte[] mac = new byte[LENGTH];
        for (int b = 0; b < LENGTH; b++) {
            int at = 2 * b + b / 2; // 0, 2, 5, 7, 10, 12: two bytes per group, one dot after each group
            int hi = HexDigits.value(s.charAt(at));
            int lo = HexDigits.value(s.charAt(at + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            mac[b] = (byte) (hi * 16 + lo);
        }
        return mac;
    }

    /**
     * "aa:bb:cc:dd:ee:ff" of a 6-byte array.
     *
     * @throws IllegalArgumentException when the array is not 6 bytes
     */
    public static String format(byte[] mac) {
        check(mac);
        char[] text = SCRATCH.get();
        for (int i = 0; i < LENGTH; i++) {
            put(text, i, mac[i]);
        }
        return new String(text, 0, TEXT_LENGTH);
    }

    /**
     * "aa:bb:cc:dd:ee:ff" of the 6 bytes at absolute {@code index} (the buffer is not moved).
     *
     * @throws IndexOutOfBoundsException when fewer than 6 bytes are there (views check first)
     */
    public static String format(ByteBuffer buf, int index) {
        char[] text = SCRATCH.get();
        for (int i = 0; i < LENGTH; i++) {
            put(text, i, buf.get(index + i));
        }
        return new String(text, 0, TEXT_LENGTH);
    }

    private static void put(char[] text, int i, byte b) {
        int at = i * 3;
        if (i > 0) {
            text[at - 1] = ':';
        }
        text[at] = HexDigits.of(b >>> 4);
        text[at + 1] = HexDigits.of(b);
    }

    /** Appends "aa:bb:cc:dd:ee:ff" of a 6-byte array; allocates nothing. */
    public static StringBuilder append(StringBuilder text, byte[] mac) {
        check(mac);
        for (int i = 0; i < LENGTH; i++) {
            appendByte(text, i, mac[i]);
        }
        return text;
    }

    /** Appends "aa:bb:cc:dd:ee:ff" of the 6 bytes at absolute {@code index}; allocates nothing. */
    public static StringBuilder append(StringBuilder text, ByteBuffer buf, int index) {
        return append(text, buf, index, LENGTH);
    }

    /**
     * Appends {@code length} bytes at absolute {@code index} written like a MAC, for link-layer
     * addresses that are not 6 bytes long (a neighbour-discovery option may carry any).
     */
    static StringBuilder append(StringBuilder text, ByteBuffer buf, int index, int length) {
        for (int i = 0; i < length; i++) {
            appendByte(text, i, buf.get(index + i));
        }
        return text;
    }

    private static void appendByte(StringBuilder text, int i, byte b) {
        if (i > 0) {
            text.append(':');
        }
        text.append(HexDigits.of(b >>> 4)).append(HexDigits.of(b));
    }

    /** True for ff:ff:ff:ff:ff:ff. */
    public static boolean isBroadcast(byte[] mac) {
        check(mac);
        for (byte b : mac) {
            if (b != -1) {
                return false;
            }
        }
        return true;
    }

    /** True when the group bit (the lowest bit of the first byte) is set: multicast and broadcast. */
    public static boolean isMulticast(byte[] mac) {
        check(mac);
        return (mac[0] & 1) != 0;
    }

    static byte[] check(byte[] mac) {
        if (mac == null || mac.length != LENGTH) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not "
                    + (mac == null ? "none" : Integer.toString(mac.length)));
        }
        return mac;
    }
}
