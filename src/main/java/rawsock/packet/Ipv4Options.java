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

    /**
     * Where the final destination of a source route is: the last address of the first LSRR or
     * SSRR option before EOL (RFC 9293 3.1: the pseudo-header then sums it, not the destination
     * field; tcpdump's ip_finddst reads it so), as an index into {@code buf}; -1 when there is
     * none or the options end in an impossible length.
     */
    static int finalDestination(ByteBuffer buf, int from, int to) {
        int at = from;
        while (at < to) {
            int kind = buf.get(at) & 0xff;
            if (kind == EOL) {
                return -1;
            }
            if (kind == NOP) {
                at++;
                continue;
            }
            if (at + 1 >= to) {
                return -1;
            }
            int length = buf.get(at + 1) & 0xff;
            if (length < 2 || at + length > to) {
                return -1;
            }
            if ((kind == LSRR || kind == SSRR) && length >= 7) {
                return at + length - 4;
            }
            at += length;
        }
        return -1;
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
