package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Address text written by hand: {@link java.net.InetAddress} may resolve names, and a capture loop
 * must never wait on DNS. IPv4 as a dotted quad; IPv6 in the RFC 5952 canonical form.
 */
public final class AddressFormat {
    private AddressFormat() {
    }

    /** Dotted quad of a 32-bit address (first octet in the high byte). */
    public static String ipv4(int address) {
        StringBuilder text = new StringBuilder(15);
        appendIpv4(text, address);
        return text.toString();
    }

    public static String ipv4(byte[] address) {
        if (address == null || address.length != 4) {
            throw new IllegalArgumentException("an IPv4 address has 4 bytes");
        }
        return ipv4(((address[0] & 0xff) << 24) | ((address[1] & 0xff) << 16)
                | ((address[2] & 0xff) << 8) | (address[3] & 0xff));
    }

    /** Dotted quad of the 4 bytes at absolute {@code index}. */
    public static String ipv4(ByteBuffer buf, int index) {
        return ipv4((int) Bytes.u32(buf, index));
    }

    /**
     * Appends the address of {@code length} bytes at absolute {@code index}: 4 an IPv4 dotted
     * quad, 16 IPv6 text, 6 a MAC; false (nothing appended) for any other length.
     */
    public static boolean append(StringBuilder text, ByteBuffer buf, int index, int length) {
        switch (length) {
            case 4:
                appendIpv4(text, buf, index);
                return true;
            case 16:
                appendIpv6(text, buf, index);
                return true;
            case MacAddress.LENGTH:
                MacAddress.append(text, buf, index);
                return true;
            default:
                return false;
        }
    }

    /** {@link #append} as a String, or null for a length that is no address. */
    public static String text(ByteBuffer buf, int index, int length) {
        StringBuilder text = new StringBuilder(39);
        return append(text, buf, index, length) ? text.toString() : null;
    }

    public static void appendIpv4(StringBuilder text, int address) {
        text.append(address >>> 24).append('.')
                .append((address >>> 16) & 0xff).append('.')
                .append((address >>> 8) & 0xff).append('.')
                .append(address & 0xff);
    }

    public static void appendIpv4(StringBuilder text, ByteBuffer buf, int index) {
        appendIpv4(text, (int) Bytes.u32(buf, index));
    }

    public static String ipv6(byte[] address) {
        if (address == null || address.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes");
        }
        return ipv6(ByteBuffer.wrap(address), 0);
    }

    /** RFC 5952 text of the 16 bytes at absolute {@code index}. */
    public static String ipv6(ByteBuffer buf, int index) {
        StringBuilder text = new StringBuilder(39);
        appendIpv6(text, buf, index);
        return text.toString();
    }

    /**
     * RFC 5952: lowercase hex without leading zeros (4.1, 4.3); the longest run of two or more
     * zero groups becomes "::", the first one on a tie (4.2); IPv4-mapped addresses end in a
     * dotted quad (5).
     */
    public static void appendIpv6(StringBuilder text, ByteBuffer buf, int index) {
        int bestStart = -1;
        int bestLength = 1; // a single zero group is never compressed (4.2.2)
        int runStart = -1;
        for (int g = 0; g < 8; g++) {
            if (Bytes.u16(buf, index + 2 * g) == 0) {
                if (runStart < 0) {
                    runStart = g;
                }
                int runLength = g - runStart + 1;
                if (runLength > bestLength) {
                    bestStart = runStart;
                    bestLength = runLength;
                }
            } else {
                runStart = -1;
            }
        }
        boolean mapped = bestStart == 0 && bestLength == 5 && Bytes.u16(buf, index + 10) == 0xffff;
        int groups = mapped ? 6 : 8;
        for (int g = 0; g < groups; g++) {
            if (g == bestStart) {
                text.append("::");
                g += bestLength - 1;
                continue;
            }
            if (g > 0 && g != bestStart + bestLength) {
                text.append(':');
            }
            text.append(Integer.toHexString(Bytes.u16(buf, index + 2 * g)));
        }
        if (mapped) {
            text.append(':');
            appendIpv4(text, buf, index + 12);
        }
    }
}
