package rawsock.app;

import java.net.InetAddress;

/**
 * Everything {@code send} needs, validated by the command line before any socket is opened.
 * A plain holder: the command line fills it, {@link SendJob} reads it. Null means "not given:
 * use the default or let the kernel decide".
 */
public final class SendSpec {
    /** Where the packets come from. */
    public enum Input {
        /** Packets built from the header options. */
        BUILD,
        /** One whole IP packet per line of hex on stdin. */
        STDIN_HEX,
        /** Whole packets replayed from a pcap file (or stdin). */
        READ_PCAP
    }

    public Input input = Input.BUILD;
    /** --read-pcap FILE, "-" for stdin. */
    public String inputPath;
    /** --timing original: replay with the capture's own spacing. */
    public boolean originalTiming;

    public InetAddress destination;
    public int protocol = 1;
    public InetAddress source;
    public String iface;
    public boolean headerIncluded;

    public Integer ttl;
    public Integer tos;
    public Integer ipId;
    public boolean dontFragment;
    public boolean moreFragments;
    public Integer fragmentOffset;
    public byte[] ipOptions;

    public int icmpType = 8;
    public int icmpCode;
    public int icmpId;
    public int icmpSeq = 1;

    public Integer sourcePort;
    public Integer destinationPort;
    public int tcpFlags = 0x02;
    public Long tcpSeq;
    public Long tcpAck;
    public int tcpWindow = rawsock.packet.TcpBuilder.DEFAULT_WINDOW;
    public int tcpUrgent;
    public byte[] tcpOptions;

    public int igmpType = 0x11;
    public int igmpMaxResponse = 100;
    public InetAddress igmpGroup;

    /** --checksum: sent instead of the computed transport checksum. */
    public Integer checksum;

    public byte[] payload = new byte[0];

    /** Packets to send; 0 = until interrupted. */
    public long count = 1;
    /** Spacing; 0 with {@link #flood}. */
    public long intervalNanos = 1_000_000_000L;
    public boolean flood;

    /** -q: no summary or progress on stderr. */
    public boolean quiet;

    /** True when the tool writes the IPv4 header itself (IP_HDRINCL). */
    public boolean writesIpHeader() {
        return headerIncluded || source != null || ipId != null || moreFragments || fragmentOffset != null
                || ipOptions != null;
    }
}
