package rawsock.app;

import rawsock.filter.FilterTarget;
import rawsock.output.OutputFormat;

/** Everything {@code recv} needs, validated by the command line. A plain holder. */
public final class RecvSpec {
    /** Which kind of socket captures. */
    public enum Mode {
        /** AF_INET raw socket: IPv4 packets of one protocol, header included. */
        IPV4,
        /** AF_INET6 raw socket: IPv6 payloads of one protocol; rawsock rebuilds the header. */
        IPV6,
        /** AF_PACKET socket: whole Ethernet frames of every protocol, both directions. */
        LINK
    }

    public Mode mode = Mode.IPV4;
    public int protocol = rawsock.packet.IpProtocol.ICMP;
    /** --promisc (LINK only): the interface delivers frames for other hosts too. */
    public boolean promiscuous;
    public String iface;
    /** LINK only: capture through a TPACKET_V3 ring (false: recvmmsg, as the other modes). */
    public boolean ring = true;
    /** Bytes kept of each packet. */
    public int snaplen = 65535;
    /** Default of --buffer: far more than a burst of 400,000 small packets needs (about 45 MiB). */
    public static final long DEFAULT_BUFFER = 256L << 20;
    /**
     * --buffer: the most memory the capture queue may hold (used only as packets wait in it); the
     * kernel's buffer in front of it (socket receive buffer, or the --link ring) is this much, up
     * to 32 MiB.
     */
    public long queueBytes = DEFAULT_BUFFER;
    /** The filter expression as the user wrote it, or null. */
    public String filterExpression;
    /** The compiled filter (struct sock_filter[] in native byte order), or null for none. */
    public byte[] filter;
    /** The same program, for packets judged in user space (queued before it was attached). */
    public rawsock.filter.BpfProgram filterProgram;
    public FilterTarget filterTarget = FilterTarget.IPV4_RAW;
    /** Packets to receive; 0 = until interrupted. */
    public long count;
    /** Give up after this long (ns); 0 = never. */
    public long timeoutNanos;
    public OutputFormat format = OutputFormat.TEXT;
    /** -w FILE: where packets go ("-" = stdout); null = stdout in {@link #format}. */
    public String outputPath;
    /** What -w writes: {@link OutputFormat#PCAP}, or {@link OutputFormat#PCAPNG} (.pcapng, --pcapng). */
    public OutputFormat fileFormat = OutputFormat.PCAP;
    /** -C: begin a new -w file once this many bytes are written (0 = never). */
    public long rotateBytes;
    /** -G: begin a new -w file every this many seconds, named through strftime (0 = never). */
    public long rotateSeconds;
    /** -W: files kept in a ring (with -C), or files before the capture ends (with -G); 0 = no limit. */
    public int rotateFiles;
    /** --read-pcap FILE|-: decode this capture file instead of opening a socket; null = live. */
    public String inputPath;
    public boolean quiet;

    /** --user: the account to become once the sockets are open; null = stay. */
    public DropPrivileges.User user;
}
