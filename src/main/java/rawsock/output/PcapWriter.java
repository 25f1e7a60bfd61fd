package rawsock.output;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;
import rawsock.packet.PacketMeta;

/**
 * Classic pcap (not pcapng), little-endian, version 2.4, nanosecond timestamps (magic
 * 0xa1b23c4d), link type {@link LinkType#pcapCode()}. The file header is put into the buffer at
 * construction, so closing a writer that saw no packet leaves a valid empty capture; it reaches
 * the stream with the first packet when flushing per packet, else at the first drain, flush or
 * close. A packet longer than the snaplen is cut to it (incl_len = snaplen, orig_len = the
 * wire length), as libpcap does.
 */
public final class PcapWriter extends BufferedPacketWriter {
    /** Nanosecond-resolution pcap magic. */
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    /** Snaplen written when none is given: tcpdump's default, the largest readers accept. */
    public static final int DEFAULT_SNAPLEN = 262_144;
    /** Largest snaplen accepted (as libpcap's readers do for these link types). */
    public static final int MAX_SNAPLEN = 262_144;

    private final int snaplen;

    public PcapWriter(OutputStream out, LinkType link, boolean flushEachPacket) {
        this(out, link, DEFAULT_SNAPLEN, flushEachPacket);
    }

    /**
     * @param snaplen the capture's snaplen, 1 to {@link #MAX_SNAPLEN}; 0 means
     *     {@link #DEFAULT_SNAPLEN}
     * @throws IllegalArgumentException when snaplen is out of range
     */
    public PcapWriter(OutputStream out, LinkType link, int snaplen, boolean flushEachPacket) {
        super(out, flushEachPacket);
        Objects.requireNonNull(link, "link");
        if (snaplen < 0 || snaplen > MAX_SNAPLEN) {
            throw new IllegalArgumentException(
                    "snaplen " + snaplen + " out of range (1 to " + MAX_SNAPLEN + ", 0 = default)");
        }
        this.snaplen = snaplen == 0 ? DEFAULT_SNAPLEN : snaplen;
        putIntLe(MAGIC_NANOS);
        putShortLe(2);
        putShortLe(4);
        putIntLe(0); // thiszone
        putIntLe(0); // sigfigs
        putIntLe(this.snaplen);
        putIntLe(link.pcapCode());
    }

    public int snaplen() {
        return snaplen;
    }

    @Override
    void encode(PacketMeta meta, ByteBuffer packet, DecodedPacket decoded) {
        int caplen = capturedLength(packet);
        int len = wireLength(meta, packet);
        int incl = Math.min(caplen, snaplen);
        long ts = meta.timestampNanos();
        ensure(16 + incl);
        putIntLe((int) Math.floorDiv(ts, 1_000_000_000L));
        putIntLe((int) Math.floorMod(ts, 1_000_000_000L));
        putIntLe(incl);
        putIntLe(len);
        put(packet, packet.position(), incl);
    }
}
