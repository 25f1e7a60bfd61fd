package rawsock.output;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads pcapng: each section's byte order from its Section Header Block, interfaces from
 * Interface Description Blocks (link type, snaplen, if_name, if_tsresol, if_tsoffset), packets
 * from Enhanced Packet Blocks (with epb_flags), Simple Packet Blocks and the obsolete Packet
 * Block; every other block, and every option it does not know, is skipped as the format
 * requires.
 *
 * <p>A block whose length is under 12, not a multiple of 4, larger than {@link #MAX_BLOCK},
 * runs past the end of the input or disagrees with its trailing copy, a packet whose captured
 * length runs past its block, a packet of an interface never described, an option running past
 * its block and an interface of an unsupported link type are {@link PcapFormatException}s naming
 * the block and its byte offset.
 */
public final class PcapngReader implements CaptureReader {
    /** Largest block accepted: a largest packet with room for generous options. */
    public static final int MAX_BLOCK = PcapReader.MAX_RECORD + 64 * 1024;

    private static final int SHB = 0x0a0d0d0a;
    private static final int IDB = 1;
    private static final int PB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;

    /** One described interface of the current section. */
    private static final class Interface {
        final int linkType;
        final int snaplen;
        String name;
        /** Timestamp units per second (if_tsresol; default microseconds). */
        long unitsPerSecond = 1_000_000;
        long offsetSeconds;

        Interface(int linkType, int snaplen) {
            this.linkType = linkType;
            this.snaplen = snaplen;
        }
    }

    private final InputStream in;
    private final byte[] head = new byte[8];
    private final ByteBuffer headView = ByteBuffer.wrap(head);
    private byte[] body = new byte[4096];
    private ByteBuffer view = ByteBuffer.wrap(body);
    private final List<Interface> interfaces = new ArrayList<>();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private long offset;
    private long blocks;
    private long packets;
    private boolean eof;
    private boolean started;

    /**
     * Reads the first Section Header Block.
     *
     * @throws PcapFormatException when the input does not start with a valid one
     */
    public PcapngReader(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        if (!readBlock()) {
            throw damage(0, "empty input, expected a pcapng Section Header Block");
        }
    }

    /** The first interface's link type (reading ahead to its IDB when needed); -1 when there is none. */
    @Override
    public int linkType() throws IOException {
        while (interfaces.isEmpty() && !eof) {
            if (!readBlock() || pending) {
                break;
            }
        }
        return interfaces.isEmpty() ? -1 : interfaces.get(0).linkType;
    }

    /** True when the block in {@link #body} holds a packet not yet handed out. */
    private boolean pending;
    private int pendingType;
    private long pendingOffset;

    @Override
    public boolean next(PcapRecord into) throws IOException {
        while (true) {
            if (!pending && !readBlock()) {
                return false;
            }
            if (pending) {
                pending = false;
                return packet(into);
            }
        }
    }

    /**
     * Reads one block into {@link #body}: section and interface blocks are taken in at once,
     * a packet block is left pending. Returns false at a clean end of input.
     */
    private boolean readBlock() throws IOException {
        if (eof) {
            return false;
        }
        long start = offset;
        int n = readFully(head, 0, 8);
        if (n == 0 && started) {
            eof = true;
            return false;
        }
        blocks++;
        if (n < 8) {
            eof = true;
            throw damage(start, "truncated block header (" + n + " of 8 bytes)");
        }
        int type = headView.order(order).getInt(0);
        if (type == SHB) {
            // The byte order of this section, from its magic after the length.
            int m = readFully(body, 0, 4);
            if (m < 4) {
                eof = true;
                throw damage(start, "truncated Section Header Block");
            }
            int magic = ByteBuffer.wrap(body, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (magic == BYTE_ORDER_MAGIC) {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                eof = true;
                throw damage(start + 8, String.format("bad byte-order magic 0x%08x in the Section Header Block", magic));
            }
            started = true;
            long length = headView.order(order).getInt(4) & 0xffffffffL;
            checkLength(start, length, 28);
            readBody(start, (int) length, 4);
            section(start);
            return true;
        }
        if (!started) {
            eof = true;
            throw damage(0, String.format("not a pcapng file (first block type 0x%08x)", type));
        }
        long length = headView.order(order).getInt(4) & 0xffffffffL;
        checkLength(start, length, 12);
        readBody(start, (int) length, 0);
        if (type == IDB) {
            describeInterface(start);
        } else if (type == EPB || type == SPB || type == PB) {
            pending = true;
            pendingType = type;
            pendingOffset = start;
        }
        return true;
    }

    private void checkLength(long start, long length, int minimum) throws PcapFormatException {
        if (length < minimum) {
            eof = true;
            throw damage(start + 4, "block length " + length + " is less than " + minimum);
        }
        if (length % 4 != 0) {
            eof = true;
            throw damage(start + 4, "block length " + length + " is not a multiple of 4");
        }
        if (length > MAX_BLOCK) {
            eof = true;
            throw damage(start + 4, "block length " + length + " exceeds the limit of " + MAX_BLOCK);
        }
    }

    /**
     * Reads the rest of a block of {@code length} bytes (8 already read, {@code already} more in
     * {@link #body}); {@link #view} then covers the body and the trailing length, and
     * {@link #offset} is past the block.
     */
    private void readBody(long start, int length, int already) throws IOException {
        int rest = length - 8;
        if (body.length < rest) {
            body = java.util.Arrays.copyOf(body, Math.max(rest, Math.min(MAX_BLOCK, body.length * 2)));
            view = ByteBuffer.wrap(body);
        }
        int got = already + readFully(body, already, rest - already);
        if (got < rest) {
            eof = true;
            throw damage(start + 4, "block length " + length + " runs past the end of the input ("
                    + (8 + got) + " bytes left)");
        }
        offset = start + length;
        view.order(order).limit(rest).position(0);
        long trailer = view.getInt(rest - 4) & 0xffffffffL;
        if (trailer != length) {
            eof = true;
            throw damage(start + length - 4, "trailing block length " + trailer + " differs from " + length);
        }
    }

    /** A Section Header Block: a new section forgets the previous one's interfaces. */
    private void section(long start) throws PcapFormatException {
        int major = view.getShort(4) & 0xffff;
        if (major != 1) {
            eof = true;
            throw damage(start + 12, "unsupported pcapng version " + major + " (expected 1)");
        }
        interfaces.clear();
    }

    private void describeInterface(long start) throws PcapFormatException {
        int end = view.limit() - 4;
        if (end < 8) {
            eof = true;
            throw damage(start, "Interface Description Block too short");
        }
        int linkType = view.getShort(0) & 0xffff;
        long snap = view.getInt(4) & 0xffffffffL;
        if (!CaptureReader.supported(linkType)) {
            eof = true;
            throw damage(start + 8, CaptureReader.unsupported(linkType));
        }
        Interface iface = new Interface(linkType, snap == 0 || snap > PcapReader.MAX_RECORD
                ? PcapReader.MAX_RECORD : (int) snap);
        int at = 8;
        while (at + 4 <= end) {
            int code = view.getShort(at) & 0xffff;
            int len = view.getShort(at + 2) & 0xffff;
            if (code == 0) {
                break;
            }
            int value = at + 4;
            if (value + len > end) {
                eof = true;
                throw damage(start + 8 + value - 4, "option " + code + " of length " + len + " runs past its block");
            }
            if (code == 2) { // if_name
                iface.name = new String(body, value, len, StandardCharsets.UTF_8).replace("\0", "");
            } else if (code == 9 && len >= 1) { // if_tsresol
                int r = body[value] & 0xff;
                int exponent = r & 0x7f;
                boolean power2 = (r & 0x80) != 0;
                if (power2 ? exponent > 62 : exponent > 18) {
                    eof = true;
                    throw damage(start + 8 + value, "if_tsresol " + r + " out of range");
                }
                iface.unitsPerSecond = power2 ? 1L << exponent : pow10(exponent);
            } else if (code == 14 && len >= 8) { // if_tsoffset
                iface.offsetSeconds = view.getLong(value);
            }
            at = value + ((len + 3) & ~3);
        }
        interfaces.add(iface);
    }

    private static long pow10(int e) {
        long v = 1;
        for (int i = 0; i < e; i++) {
            v *= 10;
        }
        return v;
    }

    /** Hands out the pending packet block. */
    private boolean packet(PcapRecord into) throws PcapFormatException {
        long start = pendingOffset;
        int end = view.limit() - 4;
        int id;
        long ts;
        int captured;
        long original;
        int data;
        int flags = -1;
        if (pendingType == SPB) {
            if (end < 4) {
                eof = true;
                throw damage(start, "Simple Packet Block too short");
            }
            id = 0;
            ts = -1;
            original = view.getInt(0) & 0xffffffffL;
            data = 4;
            Interface iface = interfaceOf(start, 0);
            captured = (int) Math.min(Math.min(original, iface.snaplen), end - data);
        } else {
            int fixed = 20;
            if (end < fixed) {
                eof = true;
                throw damage(start, (pendingType == EPB ? "Enhanced" : "") + " Packet Block too short");
            }
            id = pendingType == EPB ? view.getInt(0) : view.getShort(0) & 0xffff;
            ts = (view.getInt(4) & 0xffffffffL) << 32 | (view.getInt(8) & 0xffffffffL);
            long cap = view.getInt(12) & 0xffffffffL;
            original = view.getInt(16) & 0xffffffffL;
            data = fixed;
            if (cap > end - data) {
                eof = true;
                throw damage(start + 8 + 12, "captured length " + cap + " runs past its block");
            }
            captured = (int) cap;
            int at = data + ((captured + 3) & ~3);
            while (at + 4 <= end) {
                int code = view.getShort(at) & 0xffff;
                int len = view.getShort(at + 2) & 0xffff;
                if (code == 0) {
                    break;
                }
                if (at + 4 + len > end) {
                    eof = true;
                    throw damage(start + 8 + at, "option " + code + " of length " + len + " runs past its block");
                }
                if (code == 2 && len == 4) { // epb_flags / pack_flags
                    flags = view.getInt(at + 4);
                }
                at += 4 + ((len + 3) & ~3);
            }
        }
        Interface iface = interfaceOf(start, id);
        long nanos = ts < 0 ? 0 : toNanos(ts, iface);
        packets++;
        into.set(packets, start, nanos, original, body, data, captured);
        into.describe(iface.linkType, iface.name, flags);
        return true;
    }

    private Interface interfaceOf(long start, int id) throws PcapFormatException {
        if (id < 0 || id >= interfaces.size()) {
            eof = true;
            throw damage(start + 8, "packet of interface " + Integer.toUnsignedString(id)
                    + ", but " + interfaces.size() + " described");
        }
        return interfaces.get(id);
    }

    private static long toNanos(long ts, Interface iface) {
        long units = iface.unitsPerSecond;
        long seconds = Long.divideUnsigned(ts, units);
        long fraction = Long.remainderUnsigned(ts, units);
        long nanos = units == 1_000_000_000L ? fraction
                : units < 1_000_000_000L && 1_000_000_000L % units == 0 ? fraction * (1_000_000_000L / units)
                : (long) (fraction * 1e9 / units);
        return (seconds + iface.offsetSeconds) * 1_000_000_000L + nanos;
    }

    private PcapFormatException damage(long at, String problem) {
        return new PcapFormatException("pcapng block " + blocks + " at byte offset " + at, blocks, at, problem);
    }

    private int readFully(byte[] dst, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(dst, off + n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }
}
