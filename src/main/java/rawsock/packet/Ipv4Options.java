package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Text of IPv4 options (RFC 791 3.1, RFC 2113) for output: "NOP,RA", "LSRR 10.0.0.1 10.0.0.2".
 * The walk, every length checked so a hostile header ends it, is {@link KindLengthOptions}'s:
 * TCP options have the same format.
 */
final class Ipv4Options {
    static final int EOL = KindLengthOptions.EOL;
    static final int NOP = KindLengthOptions.NOP;
    static final int RR = 7;
    static final int TS = 68;
    static final int SECURITY = 130;
    static final int LSRR = 131;
    static final int SID = 136;
    static final int SSRR = 137;
    static final int RA = 148;

    private Ipv4Options() {
    }

    /**
     * Appends the options in {@code buf[from, to)} separated by commas.
     *
     * @return false when an option's length is impossible (the rest is then not shown)
     */
    static boolean format(ByteBuffer buf, int from, int to, StringBuilder text) {
        return KindLengthOptions.format(buf, from, to, text, "EOL", "NOP", Ipv4Options::appendOne);
    }

    /** True when the options in {@code buf[from, to)} parse without an impossible length. */
    static boolean wellFormed(ByteBuffer buf, int from, int to) {
        return KindLengthOptions.wellFormed(buf, from, to);
    }

    private static void appendOne(ByteBuffer buf, int at, int kind, int length, StringBuilder text) {
        switch (kind) {
            case RR:
            case LSRR:
            case SSRR:
                // type, length, pointer, then the route's addresses.
                text.append(kind == RR ? "RR" : kind == LSRR ? "LSRR" : "SSRR");
                for (int a = at + 3; a + 4 <= at + length; a += 4) {
                    text.append(' ');
                    AddressFormat.appendIpv4(text, buf, a);
                }
                return;
            case RA:
                text.append("RA");
                if (length == 4 && Bytes.u16(buf, at + 2) != 0) {
                    text.append(' ').append(Bytes.u16(buf, at + 2));
                }
                return;
            case TS:
                text.append("TS");
                break;
            case SECURITY:
                text.append("SEC");
                break;
            case SID:
                text.append("SID");
                break;
            default:
                text.append("opt-").append(kind);
                break;
        }
        if (length > 2) {
            text.append(' ');
            Bytes.appendHex(text, buf, at + 2, length - 2);
        }
    }
}
