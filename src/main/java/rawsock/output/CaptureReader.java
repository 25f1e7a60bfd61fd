package rawsock.output;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads packets from a capture file, classic pcap or pcapng: {@link #open} tells them apart by
 * the first four bytes. Every problem in the bytes is a {@link PcapFormatException} naming where
 * it was found; nothing in the input can cause any other exception. Records read before the
 * damage have been returned by then.
 */
public interface CaptureReader {
    /** LINKTYPE_ numbers the readers accept. */
    int LINKTYPE_ETHERNET = 1;
    int LINKTYPE_RAW = 101;
    int LINKTYPE_LINUX_SLL = 113;
    int LINKTYPE_IPV4 = 228;
    int LINKTYPE_IPV6 = 229;
    int LINKTYPE_LINUX_SLL2 = 276;

    /**
     * Reads the next packet into {@code into}, with its link type and, where the file has them,
     * its interface's name and its direction.
     *
     * @return false at a clean end of input
     * @throws PcapFormatException on damaged input
     */
    boolean next(PcapRecord into) throws IOException;

    /**
     * The link type of the capture: the header's for pcap, the first interface's for pcapng
     * (read ahead to the first Interface Description Block, if there is one; else -1).
     */
    int linkType() throws IOException;

    /** True for the link types above. */
    static boolean supported(int linkType) {
        return linkType == LINKTYPE_ETHERNET || linkType == LINKTYPE_RAW || linkType == LINKTYPE_LINUX_SLL
                || linkType == LINKTYPE_IPV4 || linkType == LINKTYPE_IPV6 || linkType == LINKTYPE_LINUX_SLL2;
    }

    /** The message part naming the supported link types. */
    static String unsupported(int linkType) {
        return "unsupported link type " + linkType
                + " (supported: 1 EN10MB, 101 RAW, 113 LINUX_SLL, 228 IPV4, 229 IPV6, 276 LINUX_SLL2)";
    }

    /**
     * Opens a capture: pcapng when it starts with a Section Header Block, classic pcap otherwise
     * (whose reader names a wrong magic).
     *
     * @throws PcapFormatException when the input is neither, or its header is damaged
     */
    static CaptureReader open(InputStream in) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream ? (BufferedInputStream) in
                : new BufferedInputStream(in, 1 << 16);
        buffered.mark(4);
        byte[] magic = new byte[4];
        int n = 0;
        while (n < 4) {
            int r = buffered.read(magic, n, 4 - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        buffered.reset();
        if (n == 4 && (magic[0] & 0xff) == 0x0a && (magic[1] & 0xff) == 0x0d && (magic[2] & 0xff) == 0x0d
                && (magic[3] & 0xff) == 0x0a) {
            return new PcapngReader(buffered);
        }
        return new PcapReader(buffered);
    }
}
