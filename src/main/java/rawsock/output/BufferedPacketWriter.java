package rawsock.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import rawsock.packet.DecodedPacket;
import rawsock.packet.PacketMeta;

/**
 * Common buffering for the writers: each packet is encoded into one reused byte array, which
 * goes to the stream after every packet when {@code flushEachPacket} is set (followed by
 * {@code out.flush()}), otherwise whenever it holds {@link #DRAIN_AT} bytes or more. I/O errors
 * (a closed pipe included) propagate unchanged from {@link #write}, {@link #flush} and
 * {@link #close}.
 */
abstract class BufferedPacketWriter implements PacketWriter {
    static final int DRAIN_AT = 64 * 1024;

    private final OutputStream out;
    private final boolean flushEachPacket;
    private byte[] buf = new byte[DRAIN_AT + 4096];
    private int pos;
    private boolean closed;

    BufferedPacketWriter(OutputStream out, boolean flushEachPacket) {
        this.out = Objects.requireNonNull(out, "out");
        this.flushEachPacket = flushEachPacket;
    }

    @Override
    public final void write(PacketMeta meta, ByteBuffer packet, DecodedPacket decoded)
            throws IOException {
        if (closed) {
            throw new IOException("writer is closed");
        }
        encode(meta, packet, decoded);
        if (flushEachPacket) {
            drain();
            out.flush();
        } else if (pos >= DRAIN_AT) {
            drain();
        }
    }

    /** Appends one packet's output to the buffer (via the put/ensure methods). */
    abstract void encode(PacketMeta meta, ByteBuffer packet, DecodedPacket decoded)
            throws IOException;

    @Override
    public final void flush() throws IOException {
        if (closed) {
            return;
        }
        drain();
        out.flush();
    }

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            drain();
            out.flush();
        } catch (IOException e) {
            failure = e;
        }
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else if (failure != e) {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Makes room for {@code n} more bytes and returns the array to write them into. */
    final byte[] ensure(int n) {
        if (buf.length - pos < n) {
            int needed = pos + n;
            int size = Math.max(needed, buf.length * 2);
            buf = java.util.Arrays.copyOf(buf, size);
        }
        return buf;
    }

    final int position() {
        return pos;
    }

    final void position(int newPosition) {
        pos = newPosition;
    }

    final void put(byte b) {
        ensure(1)[pos++] = b;
    }

    final void put(byte[] src, int off, int len) {
        System.arraycopy(src, off, ensure(len), pos, len);
        pos += len;
    }

    /** Copies {@code len} bytes of {@code src} from {@code index}, without moving it. */
    final void put(ByteBuffer src, int index, int len) {
        src.get(index, ensure(len), pos, len);
        pos += len;
    }

    final void putIntLe(int v) {
        byte[] b = ensure(4);
        b[pos] = (byte) v;
        b[pos + 1] = (byte) (v >>> 8);
        b[pos + 2] = (byte) (v >>> 16);
        b[pos + 3] = (byte) (v >>> 24);
        pos += 4;
    }

    final void putShortLe(int v) {
        byte[] b = ensure(2);
        b[pos] = (byte) v;
        b[pos + 1] = (byte) (v >>> 8);
        pos += 2;
    }

    /**
     * Appends {@code text} as UTF-8 on one line: control characters (a newline from a buggy
     * layer included) become '?', so a text line can never be split.
     */
    final void putLineText(CharSequence text) {
        int n = text.length();
        byte[] b = ensure(n * 3);
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) (c < 0x20 || c == 0x7f ? '?' : c);
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                b[p++] = (byte) (0xf0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                b[p++] = '?';
            } else {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        pos = p;
    }

    private void drain() throws IOException {
        if (pos > 0) {
            int n = pos;
            pos = 0;
            out.write(buf, 0, n);
        }
    }

    /** Bytes handed to the writer: the truth for caplen, whatever the metadata says. */
    static int capturedLength(ByteBuffer packet) {
        return packet.remaining();
    }

    /** Wire length: the metadata's, but never less than what was captured. */
    static int wireLength(PacketMeta meta, ByteBuffer packet) {
        return Math.max(meta.wireLength(), packet.remaining());
    }
}
