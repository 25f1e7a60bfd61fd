package rawsock.filter;

import rawsock.packet.MacAddress;
import rawsock.text.HexDigits;

/**
 * Literal parsers for the filter language. They never consult a resolver: a string that is not a
 * literal is refused by the caller, so compiling a filter never causes a DNS lookup.
 */
final class Addresses {
    private Addresses() {
    }

    /** An IPv4 network from a dotted prefix: 1 to 4 decimal parts, the missing ones zero. */
    record V4(int addr, int parts) {
    }

    /**
     * Parses 1 to 4 dot-separated decimal octets ("10", "192.168", "10.1.2.3"), returning null if
     * the text is not of that form. Octets with a leading zero are refused because tcpdump reads
     * them as octal.
     */
    static V4 parseV4Prefix(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return null;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        int addr = 0;
        for (int i = 0; i < 4; i++) {
            int octet = 0;
            if (i < parts.length) {
                octet = parseOctet(parts[i]);
                if (octet < 0) {
                    return null;
                }
            }
            addr = (addr << 8) | octet;
        }
        return new V4(addr, parts.length);
    }

    private static int parseOctet(String p) {
        if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 255 ? v : -1;
    }

    /** A full dotted-quad IPv4 address, or null. */
    static Integer parseV4(String s) {
        V4 v = parseV4Prefix(s);
        return v != null && v.parts() == 4 ? v.addr() : null;
    }

    /**
     * An IPv6 address in RFC 4291 text form (with "::" and an optional dotted IPv4 tail) as four
     * big-endian 32-bit words, or null. Zone ids ("%eth0") are not accepted.
     */
    static int[] parseV6(String s) {
        if (s.isEmpty() || s.indexOf(':') < 0) {
            return null;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] headGroups = groups(head, dbl < 0);
        int[] tailGroups = groups(tail, true);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (dbl >= 0 ? total > 7 : total != 8) {
            return null;
        }
        int[] g = new int[8];
        System.arraycopy(headGroups, 0, g, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, g, 8 - tailGroups.length, tailGroups.length);
        int[] words = new int[4];
        for (int i = 0; i < 4; i++) {
            words[i] = (g[2 * i] << 16) | g[2 * i + 1];
        }
        return words;
    }

    /** Colon-separated 16-bit hex groups; the last may be a dotted IPv4 address (two groups). */
    private static int[] groups(String s, boolean ipv4TailAllowed) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int extra = 0;
        String last = parts[parts.length - 1];
        Integer v4 = null;
        if (last.indexOf('.') >= 0) {
            if (!ipv4TailAllowed) {
                return null;
            }
            v4 = parseV4(last);
            if (v4 == null) {
                return null;
            }
            extra = 1;
        }
        int[] out = new int[parts.length + extra];
        int hexParts = v4 != null ? parts.length - 1 : parts.length;
        for (int i = 0; i < hexParts; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = HexDigits.value(p.charAt(j));
                if (d < 0) {
                    return null;
                }
                v = (v << 4) | d;
            }
            out[i] = v;
        }
        if (v4 != null) {
            out[hexParts] = v4 >>> 16;
            out[hexParts + 1] = v4 & 0xffff;
        }
        return out;
    }

    /** A MAC address as 6 bytes, in the spellings {@link MacAddress#parse} takes, or null. */
    static byte[] parseMac(String s) {
        return MacAddress.tryParse(s);
    }

    /**
     * A non-negative number: decimal, or hex with 0x. Returns -1 if the text is not a number,
     * -2 if it is decimal with a leading zero (tcpdump would read it as octal), and
     * Long.MAX_VALUE if it is too large to matter.
     */
    static long parseNumber(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = s;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            radix = 16;
            digits = s.substring(2);
        } else if (s.length() > 1 && s.charAt(0) == '0') {
            for (int i = 0; i < s.length(); i++) {
                if (!Character.isDigit(s.charAt(i))) {
                    return -1;
                }
            }
            return -2;
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
            if (v > 0xFFFFFFFFL) {
                v = Long.MAX_VALUE;
                for (int j = i + 1; j < digits.length(); j++) {
                    if (digit(digits.charAt(j), radix) < 0) {
                        return -1;
                    }
                }
                return v;
            }
        }
        return v;
    }

    /** An ASCII digit's value in base 10 or 16, or -1. */
    private static int digit(char c, int radix) {
        int d = HexDigits.value(c);
        return d < radix ? d : -1;
    }
}
