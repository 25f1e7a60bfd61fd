package rawsock.output;

import java.io.IOException;

/**
 * A pcap input that cannot be read: names the record (1-based; 0 for the file header) and the
 * byte offset where the problem was found.
 */
public final class PcapFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long recordNumber;
    private final long offset;

    public PcapFormatException(long recordNumber, long offset, String problem) {
        super((recordNumber == 0 ? "pcap file header" : "pcap record " + recordNumber)
                + " at byte offset " + offset + ": " + problem);
        this.recordNumber = recordNumber;
        this.offset = offset;
    }

    /** 1-based number of the record being read, or 0 for the file header. */
    public long recordNumber() {
        return recordNumber;
    }

    /** Byte offset in the input where the problem was found. */
    public long offset() {
        return offset;
    }
}
