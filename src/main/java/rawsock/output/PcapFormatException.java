package rawsock.output;

import java.io.IOException;

/**
 * A pcap or pcapng input that cannot be read: names the record or block (1-based; 0 for the
 * file header) and the byte offset where the problem was found.
 */
public final class PcapFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long recordNumber;
    private final long offset;

    public PcapFormatException(long recordNumber, long offset, String problem) {
        this((recordNumber == 0 ? "pcap file header" : "pcap record " + recordNumber)
                + " at byte offset " + offset, recordNumber, offset, problem);
    }

    /** @param where what was being read and where, e.g. "pcapng block 3 at byte offset 120" */
    public PcapFormatException(String where, long recordNumber, long offset, String problem) {
        super(where + ": " + problem);
        this.recordNumber = recordNumber;
        this.offset = offset;
    }

    /** 1-based number of the record (pcapng: block) being read, or 0 for the file header. */
    public long recordNumber() {
        return recordNumber;
    }

    /** Byte offset in the input where the problem was found. */
    public long offset() {
        return offset;
    }
}
