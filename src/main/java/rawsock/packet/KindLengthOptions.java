package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The option list format IPv4 defined (RFC 791 3.1) and TCP took over unchanged (RFC 9293 3.1):
 * kind 0 (EOL) ends the list and what follows is padding, kind 1 (NOP) is a single byte, every
 * other option is kind, length (counting kind and length), data. {@link Ipv4Options} and
 * {@link TcpOptions} differ only in the names they print, so the walk lives here once: every
 * length is checked before it is used and a length below 2 ends the walk, so hostile options can
 * neither loop nor read past the header.
 *
 * <p>IPv6 extension-header options and neighbour-discovery options are TLVs with other rules
 * (a Pad1 instead of EOL, lengths without the first two bytes or in 8-byte units) and are walked
 * by {@link Ipv6} and {@link NdOptions}.
 */
final class KindLengthOptions {
    static final int EOL = 0;
    static final int NOP = 1;

    /** What {@link #next} returns after EOL: past any {@code to}, so a walk ends there. */
    private static final int END = Integer.MAX_VALUE;
    /** What {@link #next} returns for a length byte that is missing, below 2 or runs past {@code to}. */
    private static final int BAD = -1;

    /** Text of one option whose whole {@code length} is known to lie inside the list. */
    interface OptionText {
        void append(ByteBuffer buf, int at, int kind, int length, StringBuilder text);
    }

    private KindLengthOptions() {
    }

    /** Absolute index after the option at {@code i}; {@link #END} after EOL, {@link #BAD} for an impossible length. */
    private static int next(ByteBuffer buf, int i, int to) {
        int kind = Bytes.u8(buf, i);
        if (kind == EOL) {
            return END;
        }
        if (kind == NOP) {
            return i + 1;
        }
        if (i + 1 >= to) {
            return BAD;
        }
        int length = Bytes.u8(buf, i + 1);
        return length < 2 || i + length > to ? BAD : i + length;
    }

    /**
     * Appends the options in {@code buf[from, to)} (absolute indices) separated by commas, EOL
     * and NOP as {@code eol} and {@code nop}, the others as {@code option} writes them.
     *
     * @return false when an option's length is impossible ("[bad opt]" marks where it stopped)
     */
    static boolean format(ByteBuffer buf, int from, int to, StringBuilder text, String eol, String nop,
                          OptionText option) {
        int i = from;
        while (i < to) {
            if (i > from) {
                text.append(',');
            }
            int kind = Bytes.u8(buf, i);
            int next = next(buf, i, to);
            if (next == BAD) {
                text.append("[bad opt]");
                return false;
            }
            if (kind == EOL) {
                text.append(eol);
            } else if (kind == NOP) {
                text.append(nop);
            } else {
                option.append(buf, i, kind, next - i, text);
            }
            i = next;
        }
        return true;
    }

    /** True when the options in {@code buf[from, to)} parse without an impossible length. */
    static boolean wellFormed(ByteBuffer buf, int from, int to) {
        int i = from;
        while (i < to) {
            i = next(buf, i, to);
            if (i == BAD) {
                return false;
            }
        }
        return true;
    }

    /**
     * Absolute index of the first option of {@code kind} in {@code buf[from, to)}, or -1 (also
     * when the options are malformed before it or its length runs past {@code to}).
     */
    static int find(ByteBuffer buf, int from, int to, int kind) {
        int i = from;
        while (i < to) {
            int next = next(buf, i, to);
            if (next == BAD) {
                return -1;
            }
            if (Bytes.u8(buf, i) == kind) {
                return i; // only once its whole length is known to be inside the list
            }
            i = next;
        }
        return -1;
    }
}
