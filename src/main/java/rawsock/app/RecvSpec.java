package rawsock.app;

import rawsock.filter.BpfProgram;
import rawsock.filter.FilterTarget;
import rawsock.output.OutputFormat;
import rawsock.packet.IpProtocol;

/**
 * Everything {@code recv} needs, validated by the command line before anything is opened, and
 * immutable from then on (as {@link SendSpec}): the command line fills a {@link Builder}, whose
 * initial values are recv's defaults, and {@link RecvJob} or {@link OfflineJob} reads the result.
 */
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

    /** Default of --buffer: far more than a burst of 400,000 small packets needs (about 45 MiB). */
    public static final long DEFAULT_BUFFER = 256L << 20;

    public final Mode mode;
    public final int protocol;
    /** --promisc (LINK only): the interface delivers frames for other hosts too. */
    public final boolean promiscuous;
    public final String iface;
    /** LINK only: capture through a TPACKET_V3 ring (false: recvmmsg, as the other modes). */
    public final boolean ring;
    /** Bytes kept of each packet. */
    public final int snaplen;
    /**
     * --buffer: the most memory the capture queue may hold (used only as packets wait in it); the
     * kernel's buffer in front of it (socket receive buffer, or the --link ring) is this much, up
     * to 32 MiB.
     */
    public final long queueBytes;
    /** The filter expression as the user wrote it, or null. */
    public final String filterExpression;
    /** The compiled filter (struct sock_filter[] in native byte order), or null for none. */
    public final byte[] filter;
    /** The same program, for packets judged in user space (queued before it was attached). */
    public final BpfProgram filterProgram;
    public final FilterTarget filterTarget;
    /** Packets to receive; 0 = until interrupted. */
    public final long count;
    /** Give up after this long (ns); 0 = never. */
    public final long timeoutNanos;
    /** What stdout gets; null with -w FILE and no -f. */
    public final OutputFormat format;
    /** -w FILE: where packets go ("-" = stdout); null = stdout in {@link #format}. */
    public final String outputPath;
    /** What -w writes: {@link OutputFormat#PCAP}, or {@link OutputFormat#PCAPNG} (.pcapng, --pcapng). */
    public final OutputFormat fileFormat;
    /** -C: begin a new -w file once this many bytes are written (0 = never). */
    public final long rotateBytes;
    /** -G: begin a new -w file every this many seconds, named through strftime (0 = never). */
    public final long rotateSeconds;
    /** -W: files kept in a ring (with -C), or files before the capture ends (with -G); 0 = no limit. */
    public final int rotateFiles;
    /** --read-pcap FILE|-: decode this capture file instead of opening a socket; null = live. */
    public final String inputPath;
    public final boolean quiet;
    /** --user: the account to become once the sockets are open; null = stay. */
    public final DropPrivileges.User user;

    private RecvSpec(Builder b) {
        mode = b.mode;
        protocol = b.protocol;
        promiscuous = b.promiscuous;
        iface = b.iface;
        ring = b.ring;
        snaplen = b.snaplen;
        queueBytes = b.queueBytes;
        filterExpression = b.filterExpression;
        filter = b.filter;
        filterProgram = b.filterProgram;
        filterTarget = b.filterTarget;
        count = b.count;
        timeoutNanos = b.timeoutNanos;
        format = b.format;
        outputPath = b.outputPath;
        fileFormat = b.fileFormat;
        rotateBytes = b.rotateBytes;
        rotateSeconds = b.rotateSeconds;
        rotateFiles = b.rotateFiles;
        inputPath = b.inputPath;
        quiet = b.quiet;
        user = b.user;
    }

    /** The fields of a {@link RecvSpec} while the command line checks them, recv's defaults to start with. */
    public static final class Builder {
        public Mode mode = Mode.IPV4;
        public int protocol = IpProtocol.ICMP;
        public boolean promiscuous;
        public String iface;
        public boolean ring = true;
        public int snaplen = 65535;
        public long queueBytes = DEFAULT_BUFFER;
        public String filterExpression;
        public byte[] filter;
        public BpfProgram filterProgram;
        public FilterTarget filterTarget = FilterTarget.IPV4_RAW;
        public long count;
        public long timeoutNanos;
        public OutputFormat format = OutputFormat.TEXT;
        public String outputPath;
        public OutputFormat fileFormat = OutputFormat.PCAP;
        public long rotateBytes;
        public long rotateSeconds;
        public int rotateFiles;
        public String inputPath;
        public boolean quiet;
        public DropPrivileges.User user;

        public RecvSpec build() {
            return new RecvSpec(this);
        }
    }
}
