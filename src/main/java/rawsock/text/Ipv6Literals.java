package rawsock.text;

/**
 * IPv6 addresses in RFC 4291 text form, as inet_pton(AF_INET6) reads them: eight groups of one
 * to four hex digits, one "::" for a run of zero groups, an optional dotted IPv4 tail (strict,
 * without leading zeros) for the last two groups. No zone id ("%eth0"), no brackets, no blanks.
 */
public final class Ipv6Literals {
    private Ipv6Literals() {
    }

    /** The address as four big-endian 32-bit words, or null when the text is not one. */
    public static int[] parse(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0) {
            return null;
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
        int[] tail = groups(gap >= 0 ? text.substring(gap + 2) : "", true);
        if (head == null || tail == null) {
            return null;
        }
        int total = head.length + tail.length;
        if (gap >= 0 ? total > 7 : total != 8) {
            return null;
        }
        int[] g = new int[8];
        System.arraycopy(head, 0, g, 0, head.length);
        System.arraycopy(tail, 0, g, 8 - tail.length, tail.length);
        int[] words = new int[4];
        for (int i = 0; i < 4; i++) {
            words[i] = g[2 * i] << 16 | g[2 * i + 1];
        }
        return words;
    }

    /** Colon-separated 16-bit hex groups; the last may be a dotted IPv4 address (two groups). */
    private static int[] groups(String s, boolean ipv4TailAllowed) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        String last = parts[parts.length - 1];
        Integer v4 = null;
        if (last.indexOf('.') >= 0) {
            v4 = ipv4TailAllowed ? DottedQuads.parse(last, LeadingZero.REFUSED) : null;
            if (v4 == null) {
                return null;
            }
        }
        int hexParts = v4 != null ? parts.length - 1 : parts.length;
        int[] out = new int[v4 != null ? parts.length + 1 : parts.length];
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
                v = v << 4 | d;
            }
            out[i] = v;
        }
        if (v4 != null) {
            out[hexParts] = v4 >>> 16;
            out[hexParts + 1] = v4 & 0xffff;
        }
        return out;
    }
}
