package rawsock.output;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import rawsock.packet.LinkType;

/**
 * Reads a classic pcap file: micro- and nanosecond magics in either byte order, the link types
 * of {@link CaptureReader}.
 * The file header is read by the constructor.
 *
 * <p>Every problem in the input, from an empty file to a record that claims more bytes than the
 * file has, is a {@link PcapFormatException} naming the record and byte offset; nothing in the
 * bytes can cause any other exception. I/O errors of the stream itself propagate as they are.
 */
public final class PcapReader implements CaptureReader {
    /** Largest record accepted, whatever the header's snaplen says. */
    public static final int MAX_RECORD = 256 * 1024;

    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int MAGIC_PCAPNG = 0x0a0d0d0a;

    private final InputStream in;
    private final byte[] header = new byte[24];
    private byte[] body = new byte[2048];
    private final boolean swapped;
    private final boolean nanos;
    private final int versionMajor;
    private final int versionMinor;
    private final int snaplen;
    private final int linkType;
    private long offset;
    private long records;
    private boolean eof;

    /**
     * Reads and checks the file header.
     *
     * @throws PcapFormatException when the input is not a classic pcap of a supported link type
     */
    public PcapReader(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 65536);
        int n = readFully(header, 24);
        if (n == 0) {
            throw new PcapFormatException(0, 0, "empty input, expected a pcap file header");
        }
        if (n >= 4 && intBe(header, 0) == MAGIC_PCAPNG) {
            throw new PcapFormatException(0, 0, "pcapng: read it with CaptureReader.open");
        }
        if (n < 4) {
            throw new PcapFormatException(0, n, "truncated file header (" + n + " of 24 bytes)");
        }
        int le = intLe(header, 0);
        if (le == MAGIC_MICROS || le == MAGIC_NANOS) {
            swapped = false;
            nanos = le == MAGIC_NANOS;
        } else if (Integer.reverseBytes(le) == MAGIC_MICROS
                || Integer.reverseBytes(le) == MAGIC_NANOS) {
            swapped = true;
            nanos = Integer.reverseBytes(le) == MAGIC_NANOS;
        } else {
            throw new PcapFormatException(0, 0, String.format(
                    "not a pcap file (magic 0x%08x; expected 0xa1b2c3d4 or 0xa1b23c4d)",
                    intBe(header, 0)));
        }
        if (n < 24) {
            throw new PcapFormatException(0, n, "truncated file header (" + n + " of 24 bytes)");
        }
        offset = 24;
        versionMajor = u16(4);
        versionMinor = u16(6);
        if (versionMajor != 2) {
            throw new PcapFormatException(0, 4,
                    "unsupported pcap version " + versionMajor + "." + versionMinor
                    + " (expected 2.4)");
        }
        long rawSnaplen = u32(16);
        snaplen = rawSnaplen == 0 || rawSnaplen > MAX_RECORD ? MAX_RECORD : (int) rawSnaplen;
        linkType = (int) (u32(20) & 0xffff);
        if (!CaptureReader.supported(linkType)) {
            throw new PcapFormatException(0, 20, CaptureReader.unsupported(linkType));
        }
    }

    /** The LINKTYPE_ number of the file's header (one of the LINKTYPE_ constants). */
    @Override
    public int linkType() {
        return linkType;
    }

    /** Where each record's bytes start: ETHERNET for EN10MB, RAW (an IP header) otherwise. */
    public LinkType link() {
        return linkType == LINKTYPE_ETHERNET ? LinkType.ETHERNET : LinkType.RAW;
    }

    /** The header's snaplen, as enforced (0 or absurd values read as {@link #MAX_RECORD}). */
    public int snaplen() {
        return snaplen;
    }

    /** True for the nanosecond magic, false for microseconds. */
    public boolean nanosecond() {
        return nanos;
    }

    /** True when the file's byte order is big-endian. */
    public boolean bigEndian() {
        return swapped;
    }

    public int versionMajor() {
        return versionMajor;
    }

    public int versionMinor() {
        return versionMinor;
    }

    /** Records read so far. */
    public long recordsRead() {
        return records;
    }

    /**
     * Reads the next record into {@code into}.
     *
     * @return false at a clean end of input (right after a whole record)
     * @throws PcapFormatException on a truncated or impossible record
     */
    @Override
    public boolean next(PcapRecord into) throws IOException {
        if (eof) {
            return false;
        }
        long number = records + 1;
        long start = offset;
        int n = readFully(header, 16);
        if (n == 0) {
            eof = true;
            return false;
        }
        if (n < 16) {
            eof = true;
            throw new PcapFormatException(number, start + n,
                    "truncated record header (" + n + " of 16 bytes)");
        }
        long seconds = u32(0);
        long fraction = u32(4);
        long incl = u32(8);
        long orig = u32(12);
        offset += 16;
        if (incl > snaplen) {
            eof = true;
            throw new PcapFormatException(number, start + 8, "captured length " + incl
                    + " exceeds the " + (snaplen < MAX_RECORD ? "file's snaplen " : "limit of ")
                    + snaplen);
        }
        int length = (int) incl;
        if (body.length < length) {
            body = new byte[Math.max(length, Math.min(MAX_RECORD, body.length * 2))];
        }
        int got = readFully(body, length);
        if (got < length) {
            eof = true;
            throw new PcapFormatException(number, offset + got,
                    "truncated record body (" + got + " of " + length + " bytes)");
        }
        offset += length;
        records = number;
        long ts = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000L);
        into.set(number, start, ts, orig, body, length);
        into.describe(linkType, null, -1);
        return true;
    }

    /** Reads up to len bytes into dst; fewer only at the end of the input. */
    private int readFully(byte[] dst, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(dst, n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private int u16(int at) {
        int v = (header[at] & 0xff) | (header[at + 1] & 0xff) << 8;
        return swapped ? Integer.reverseBytes(v) >>> 16 : v;
    }

    private long u32(int at) {
        int v = intLe(header, at);
        return (swapped ? Integer.reverseBytes(v) : v) & 0xffffffffL;
    }

    private static int intLe(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16
                | (b[at + 3] & 0xff) << 24;
    }

    private static int intBe(byte[] b, int at) {
        return Integer.reverseBytes(intLe(b, at));
    }
}
