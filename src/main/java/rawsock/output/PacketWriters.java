package rawsock.output;

import java.io.OutputStream;
import java.util.Objects;
import rawsock.packet.LinkType;

/** Makes the {@link PacketWriter} for an {@link OutputFormat}. */
public final class PacketWriters {
    private PacketWriters() {
    }

    /**
     * A writer of {@code format} to {@code out}. Writers buffer internally; with
     * {@code flushEachPacket} (stdout is not a terminal, or a file being watched) every packet
     * is written through and {@code out} flushed before {@code write} returns. {@code close()}
     * flushes and closes {@code out}. I/O errors, a closed pipe included, come out of write,
     * flush and close as IOException.
     *
     * @param link where captured bytes start; only pcap records it
     */
    public static PacketWriter create(
            OutputFormat format, OutputStream out, LinkType link, boolean flushEachPacket) {
        return create(format, out, link, PcapWriter.DEFAULT_SNAPLEN, flushEachPacket);
    }

    /**
     * Like {@link #create(OutputFormat, OutputStream, LinkType, boolean)}, with the snaplen that
     * the pcap header carries (1 to {@link PcapWriter#MAX_SNAPLEN}, 0 = default; ignored by
     * the other formats).
     */
    public static PacketWriter create(OutputFormat format, OutputStream out, LinkType link,
            int snaplen, boolean flushEachPacket) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        switch (format) {
            case TEXT:
                return new TextWriter(out, flushEachPacket);
            case HEX:
                return new HexWriter(out, flushEachPacket);
            case JSON:
                return new JsonWriter(out, flushEachPacket);
            case PCAP:
                return new PcapWriter(out, link, snaplen, flushEachPacket);
            case PCAPNG:
                return new PcapngWriter(out, link, snaplen, flushEachPacket);
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }
}
