package rawsock.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pcap files for tests: looks into one that rawsock is still writing, so a test waits on packets,
 * not on time; and writes one by hand, independent of rawsock's writer.
 */
public final class PcapFiles {
    private PcapFiles() {
    }

    /**
     * The whole records in {@code pcap} so far (0 while it does not exist): walked by each record
     * header's incl_len, the little-endian int at offset 8 (rawsock writes little-endian) after
     * the 24-byte file header. A record cut short at the end is not counted.
     */
    public static int wholeRecords(Path pcap) throws IOException {
        return (int) walk(pcap)[0];
    }

    /** Bytes of {@code pcap} up to the end of its last whole record: its size when none is cut short. */
    public static long wholeLength(Path pcap) throws IOException {
        return walk(pcap)[1];
    }

    /** {whole records, where the last one ends}. */
    private static long[] walk(Path pcap) throws IOException {
        byte[] bytes = Files.exists(pcap) ? Files.readAllBytes(pcap) : new byte[0];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int records = 0;
        int at = 24;
        for (; at + 16 <= bytes.length && at + 16 + buffer.getInt(at + 8) <= bytes.length; records++) {
            at += 16 + buffer.getInt(at + 8);
        }
        return new long[] {records, Math.min(at, bytes.length)};
    }

    /**
     * A pcap (little-endian, microsecond timestamps, snaplen 65535) of {@code linkType} holding
     * {@code records}, the i-th stamped {@code i * gapMicros} after 1700000000 s.
     */
    public static byte[] of(int linkType, int gapMicros, byte[]... records) {
        int size = 24;
        for (byte[] record : records) {
            size += 16 + record.length;
        }
        ByteBuffer pcap = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        pcap.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(linkType);
        for (int i = 0; i < records.length; i++) {
            long micros = (long) i * gapMicros;
            pcap.putInt((int) (1_700_000_000 + micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                    .putInt(records[i].length).putInt(records[i].length).put(records[i]);
        }
        return pcap.array();
    }
}
