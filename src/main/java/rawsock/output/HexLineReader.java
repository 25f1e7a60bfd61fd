package rawsock.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import rawsock.text.HexPairs;

/**
 * Reads packets written one per line in hex (for {@code send --stdin-hex}), such as
 * {@code recv -f hex} prints them.
 *
 * <ul>
 *   <li>Hex digits in either case. Spaces, tabs, carriage returns (so CRLF files work) and
 *       colons may stand between whole bytes: {@code 45000054}, {@code 4500 0054} (tcpdump -x
 *       groups) and {@code 45:00:00:54} all read the same; a separator inside a byte
 *       ({@code 4 500}) is an odd digit count.
 *   <li>Blank lines, lines of separators only, and lines whose first non-blank character is
 *       {@code #} are skipped. There are no trailing comments and no {@code 0x} prefixes.
 *   <li>A packet has at most {@link #MAX_PACKET} bytes (and at most the capacity of the buffer
 *       given to {@link #next}).
 * </ul>
 *
 * A bad line raises a {@link HexFormatException} naming the line and the column (counted in
 * bytes, 1-based) of the first bad character; the rest of that line is skipped, so a caller may
 * choose to go on with the next one. Memory use is bounded whatever the input: a line is decoded
 * as it is read and never held whole.
 */
public final class HexLineReader {
    /** The largest packet a line may hold: an IPv4 datagram's maximum. */
    public static final int MAX_PACKET = 65_535;

    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private final HexPairs pairs = new HexPairs();
    private int pos;
    private int lim;
    private boolean eof;
    private long line;

    public HexLineReader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /** Number of the line last read (that of the packet just returned, or of the error). */
    public long lineNumber() {
        return line;
    }

    /**
     * Reads the next packet into {@code into}: cleared, filled, flipped (position 0, limit the
     * packet's length).
     *
     * @return false at the end of the input
     * @throws HexFormatException for a malformed line (the reader stays usable)
     */
    public boolean next(ByteBuffer into) throws IOException {
        int max = Math.min(MAX_PACKET, into.capacity());
        while (true) {
            int c = read();
            if (c < 0) {
                return false;
            }
            line++;
            into.clear();
            int count = 0;
            pairs.clear();
            long column = 0;
            boolean comment = false;
            boolean content = false;
            while (c >= 0 && c != '\n') {
                column++;
                if (!comment) {
                    int taken = pairs.take(c, column);
                    if (taken >= 0) {
                        content = true;
                        if (count == max) {
                            throw bad(pairs.firstDigitColumn(), "packet longer than " + max + " bytes"
                                    + (max < MAX_PACKET ? " (the send buffer's size)" : ""));
                        }
                        into.put((byte) taken);
                        count++;
                    } else if (taken == HexPairs.WAITING) {
                        content = true;
                    } else if (taken == HexPairs.SPLIT) {
                        throw bad(pairs.firstDigitColumn(), HexPairs.UNPAIRED);
                    } else if (taken == HexPairs.BETWEEN) {
                        if (c == ':') {
                            content = true;
                        }
                    } else if (c == '#' && !content) {
                        comment = true;
                    } else {
                        throw bad(column, Hex.show(c) + " is not a hex digit");
                    }
                }
                c = read();
            }
            if (pairs.unpaired()) {
                // the line's end is already consumed: nothing to skip
                throw new HexFormatException(line, pairs.firstDigitColumn(), HexPairs.UNPAIRED);
            }
            if (count > 0) {
                into.flip();
                return true;
            }
        }
    }

    /** Skips the rest of the current line, then makes the exception. */
    private HexFormatException bad(long column, String problem) throws IOException {
        int c;
        do {
            c = read();
        } while (c >= 0 && c != '\n');
        return new HexFormatException(line, column, problem);
    }

    private int read() throws IOException {
        if (pos == lim) {
            if (eof) {
                return -1;
            }
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return -1;
            }
            pos = 0;
            lim = n;
        }
        return buf[pos++] & 0xff;
    }
}
