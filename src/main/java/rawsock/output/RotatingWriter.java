package rawsock.output;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.ZoneId;
import java.util.Objects;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;
import rawsock.packet.PacketMeta;

/**
 * {@code -w FILE} split into several files, as tcpdump's {@code -C}, {@code -G} and {@code -W}
 * do. A new file is begun before a packet when the current one has reached {@code -C} bytes (as
 * tcpdump: counted as they reach the file, so a file ends within one buffer of the size), or
 * when the packet's timestamp is {@code -G} seconds or more past the current
 * file's start. Every file is a whole capture: the writer of the old one is closed (header
 * first, whole records only, flushed) before the next is opened, so each is readable the moment
 * it is closed, and no packet is lost between them.
 *
 * <p>Names: with {@code -G}, FILE through strftime at the file's start; with {@code -C}, a number
 * is appended to every file after the first of a name (FILE, FILE1, FILE2, ...), or with
 * {@code -W} to every file (FILE0 .. FILE(W-1), zero-padded, overwritten in a ring). With
 * {@code -G} and {@code -W}, the capture is complete after W files: the packet that would open
 * one more makes {@link #write} throw {@link Complete}.
 */
public final class RotatingWriter implements PacketWriter {
    /** Opens a file for writing (truncating it). */
    @FunctionalInterface
    public interface Opener {
        OutputStream open(String name) throws IOException;
    }

    /** The capture is complete (-G with -W): nothing more is written. */
    public static final class Complete extends IOException {
        private static final long serialVersionUID = 1L;

        Complete(int files) {
            super(files + " files written (-W)");
        }
    }

    private final OutputFormat format;
    private final LinkType link;
    private final int snaplen;
    private final String pattern;
    private final long maxBytes;
    private final long periodNanos;
    private final int maxFiles;
    private final Opener opener;
    private final ZoneId zone;

    private PacketWriter current;
    private Counting counting;
    private long fileStart;
    private String baseName;
    /** Files begun in all, and files begun under the current base name. */
    private int files;
    private int sameName;

    /**
     * @param maxBytes -C in bytes (0 = no limit)
     * @param periodSeconds -G (0 = none)
     * @param maxFiles -W (0 = none)
     */
    public RotatingWriter(OutputFormat format, LinkType link, int snaplen, String pattern, long maxBytes,
            long periodSeconds, int maxFiles, Opener opener, ZoneId zone) {
        if (!format.binary()) {
            throw new IllegalArgumentException("rotation writes pcap or pcapng, not " + format);
        }
        this.format = format;
        this.link = Objects.requireNonNull(link, "link");
        this.snaplen = snaplen;
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.maxBytes = maxBytes;
        this.periodNanos = periodSeconds * 1_000_000_000L;
        this.maxFiles = maxFiles;
        this.opener = Objects.requireNonNull(opener, "opener");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public void write(PacketMeta meta, ByteBuffer packet, DecodedPacket decoded) throws IOException {
        long ts = meta.timestampNanos();
        if (current == null) {
            begin(ts);
        } else if (periodNanos > 0 && ts - fileStart >= periodNanos) {
            if (maxFiles > 0 && files >= maxFiles) {
                throw new Complete(files);
            }
            current.close();
            begin(fileStart + (ts - fileStart) / periodNanos * periodNanos);
        } else if (maxBytes > 0 && counting.count >= maxBytes) {
            current.close();
            begin(fileStart, baseName);
        }
        current.write(meta, packet, decoded);
    }

    private void begin(long start) throws IOException {
        fileStart = start;
        String name = periodNanos > 0 ? Strftime.format(pattern, start, zone) : pattern;
        if (!name.equals(baseName)) {
            sameName = 0;
        }
        begin(start, name);
    }

    private void begin(long start, String name) throws IOException {
        fileStart = start;
        baseName = name;
        String file;
        if (maxBytes > 0 && maxFiles > 0) {
            int width = String.valueOf(maxFiles - 1).length();
            file = name + String.format("%0" + width + "d", sameName % maxFiles);
        } else if (maxBytes > 0 && sameName > 0) {
            file = name + sameName;
        } else {
            file = name;
        }
        sameName++;
        files++;
        counting = new Counting(opener.open(file));
        current = PacketWriters.create(format, counting, link, snaplen, false);
    }

    /** The name of the file being written (null before the first packet). */
    public String currentFile() {
        return current == null ? null : baseName;
    }

    @Override
    public void endOfCapture(long kernelDrops) throws IOException {
        if (current != null) {
            current.endOfCapture(kernelDrops);
        }
    }

    @Override
    public void flush() throws IOException {
        if (current != null) {
            current.flush();
        }
    }

    /** Closes the file being written; with no packet ever written, writes one empty capture so -w FILE exists. */
    @Override
    public void close() throws IOException {
        if (current == null) {
            begin(System.currentTimeMillis() * 1_000_000L);
        }
        current.close();
    }

    /** Counts the bytes that reach the file. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
