package rawsock.output;

import java.nio.ByteBuffer;

/** One packet read by a {@link CaptureReader}; reused from record to record. */
public final class PcapRecord {
    private final boolean direct;
    private ByteBuffer data;
    private long timestampNanos;
    private long originalLength;
    private long number;
    private long offset;
    private int linkType;
    private String interfaceName;
    private int flags = -1;

    /** A record whose data lives in a heap buffer. */
    public PcapRecord() {
        this(false);
    }

    /** @param direct whether {@link #data()} is a direct buffer (for handing to native calls) */
    public PcapRecord(boolean direct) {
        this.direct = direct;
        this.data = allocate(2048);
        data.limit(0);
    }

    /** Capture time in nanoseconds since the epoch (microsecond files are scaled). */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** orig_len: the packet's length on the wire (unsigned 32 bits). */
    public long originalLength() {
        return originalLength;
    }

    /** incl_len: the number of bytes in {@link #data()}. */
    public int capturedLength() {
        return data.limit();
    }

    /**
     * The captured bytes, from position 0 to the limit. The buffer (and even which buffer) is
     * only valid until the reader's next {@link CaptureReader#next}.
     */
    public ByteBuffer data() {
        return data;
    }

    /** 1-based number of this record in its file. */
    public long number() {
        return number;
    }

    /** Byte offset of this record's header in its file. */
    public long offset() {
        return offset;
    }

    /** The LINKTYPE_ number of this packet's interface (pcapng) or file (pcap). */
    public int linkType() {
        return linkType;
    }

    /** The interface's name (pcapng if_name), or null when the file does not give one. */
    public String interfaceName() {
        return interfaceName;
    }

    /** pcapng epb_flags (bits 0-1 direction, 2-4 reception type), or -1 when absent. */
    public int flags() {
        return flags;
    }

    void describe(int linkType, String interfaceName, int flags) {
        this.linkType = linkType;
        this.interfaceName = interfaceName;
        this.flags = flags;
    }

    void set(long number, long offset, long timestampNanos, long originalLength,
            byte[] bytes, int length) {
        set(number, offset, timestampNanos, originalLength, bytes, 0, length);
    }

    void set(long number, long offset, long timestampNanos, long originalLength,
            byte[] bytes, int from, int length) {
        this.number = number;
        this.offset = offset;
        this.timestampNanos = timestampNanos;
        this.originalLength = originalLength;
        if (data.capacity() < length) {
            data = allocate(Math.max(length, data.capacity() * 2));
        }
        data.clear();
        data.put(bytes, from, length);
        data.flip();
    }

    private ByteBuffer allocate(int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }
}
