package rawsock.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ParentCommand;
import rawsock.app.Interrupts;
import rawsock.app.OfflineJob;
import rawsock.app.RecvJob;
import rawsock.app.RecvSpec;
import rawsock.filter.FilterGrammar;

/**
 * {@code rawsock recv}: its options and the wiring; {@link RecvRequestReader} turns them into a
 * validated {@link RecvSpec}, then a {@link RecvJob} (or an {@link OfflineJob}) runs it.
 */
@Command(name = "recv", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Receive raw packets of one IP protocol (or, with --link, whole frames) and print them as "
                + "text, hex, JSON or pcap.",
            "A raw IP socket sees only the packets of its protocol delivered to this host, not those the host "
                + "sends out or forwards; --link sees every frame of the interface, in both directions.",
            "The kernel timestamps each packet (SO_TIMESTAMPNS); --filter runs in the kernel (classic BPF)."},
        footerHeading = "%nExamples:%n",
        footer = {"  sudo rawsock recv --proto icmp --count 5",
            "  sudo rawsock recv --proto udp --format json | jq .udp.dport",
            "  sudo rawsock recv --proto tcp --format pcap | tcpdump -nr -",
            "  sudo rawsock recv -p udp --filter 'dst port 53 and not src net 127.0.0.0/8' -w dns.pcap"})
public final class RecvCommand implements Callable<Integer> {
    @ParentCommand
    private RawsockCommand parent;

    @Spec
    private CommandSpec spec;

    // Each option's (long) name, written once: the annotation and RecvRequestReader's rules share it.
    // picocli fills the fields below; RecvRequestReader reads them through the options' model objects.
    static final String PROTO = "--proto";
    static final String IPV6 = "-6";
    static final String LINK = "--link";
    static final String PROMISC = "--promisc";
    static final String NO_RING = "--no-ring";
    static final String IFACE = "--iface";
    static final String SNAPLEN = "--snaplen";
    static final String BUFFER = "--buffer";
    static final String FILTER = "--filter";
    static final String COUNT = "--count";
    static final String TIMEOUT = "--timeout";
    static final String FORMAT = "--format";
    static final String WRITE = "-w";
    static final String PCAPNG = "--pcapng";
    static final String ROTATE_SIZE = "-C";
    static final String ROTATE_SECONDS = "-G";
    static final String ROTATE_FILES = "-W";
    static final String READ_PCAP = "--read-pcap";

    @Option(names = {"-p", PROTO}, paramLabel = "PROTO", defaultValue = "icmp",
            completionCandidates = Candidates.RecvProtocols.class,
            description = "icmp, icmp6, udp, tcp, igmp, or a protocol number 1..254 (default: ${DEFAULT-VALUE}).")
    private String protocol;

    @Option(names = IPV6, description = "Receive IPv6 (icmp means icmp6); the IPv6 header is rebuilt from the "
            + "kernel's metadata.")
    private boolean ipv6;

    @Option(names = LINK, description = "Whole Ethernet frames of every protocol, both directions (packet socket).")
    private boolean link;

    @Option(names = PROMISC, description = "With --link -I: also frames addressed to other hosts.")
    private boolean promiscuous;

    /** Hidden: for benchmarks and for comparing the two paths (the ring falls back by itself when refused). */
    @Option(names = NO_RING, hidden = true,
            description = "With --link: receive with recvmmsg instead of the TPACKET_V3 ring.")
    private boolean noRing;

    @Option(names = {"-I", IFACE}, paramLabel = "NAME", description = "Only packets from this interface (SO_BINDTODEVICE).")
    private String iface;

    @Option(names = SNAPLEN, paramLabel = "N", converter = NumberConverter.class,
            description = "Keep at most N bytes of each packet (default 65535).")
    private Long snaplen;

    @Option(names = BUFFER, paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Memory rawsock may use to hold packets it has taken from the kernel but not yet written, "
                    + "e.g. 64M, 1G (default 256M; only what is queued is used; at most this machine's memory). "
                    + "The kernel's buffer in front of it (socket receive buffer, or the --link ring) is this much, "
                    + "up to 32M.")
    private Long buffer;

    @Option(names = FILTER, paramLabel = "EXPR",
            description = "tcpdump-like filter run in the kernel (classic BPF): host|src|dst ADDR, net CIDR, "
                    + "port|src port|dst port N, icmp|udp|tcp|igmp|ip, joined by and, or, not, ( ). Without --proto, "
                    + "a filter that can match only one protocol (udp port 53) opens the socket for it; one that can "
                    + "never match --proto is refused. The whole grammar is at the end.")
    private String filter;

    /** Ends recv's help (and so its man page section) with the filter grammar, from filter/. */
    static void addFilterGrammar(CommandSpec recv) {
        String[] examples = recv.usageMessage().footer();
        String[] grammar = FilterGrammar.lines();
        String[] footer = java.util.Arrays.copyOf(examples, examples.length + 2 + grammar.length);
        footer[examples.length] = "";
        footer[examples.length + 1] = "Filter expressions (--filter):";
        for (int i = 0; i < grammar.length; i++) {
            footer[examples.length + 2 + i] = "  " + grammar[i];
        }
        recv.usageMessage().footer(footer);
    }

    @Option(names = {"-c", COUNT}, paramLabel = "N", converter = NumberConverter.class,
            description = "Stop after N packets (default: until interrupted).")
    private Long count;

    @Option(names = {"-t", TIMEOUT}, paramLabel = "DUR", converter = DurationConverter.class,
            description = "Stop after this long; with --count, reaching it first exits 1.")
    private Long timeout;

    @Option(names = {"-f", FORMAT}, paramLabel = "FMT", completionCandidates = Candidates.RecvFormats.class,
            description = "${COMPLETION-CANDIDATES} (default text).")
    private String format;

    @Option(names = WRITE, paramLabel = "FILE",
            description = "Write pcap to FILE ('-' = stdout); pcapng when FILE ends in .pcapng. With -f as well, "
                    + "stdout also gets that format.")
    private String writeFile;

    @Option(names = PCAPNG, description = "-w writes pcapng (interface names, direction, drop statistics) "
            + "whatever the file's name.")
    private boolean pcapng;

    @Option(names = ROTATE_SIZE, paramLabel = "SIZE", description = "With -w FILE: begin a new file once this one holds SIZE "
            + "(a plain number is millions of bytes, as tcpdump; or 512k, 10M); files FILE, FILE1, FILE2, ...")
    private String rotateSize;

    @Option(names = ROTATE_SECONDS, paramLabel = "SECONDS", converter = NumberConverter.class, description = "With -w FILE: begin a new "
            + "file every SECONDS, named by strftime(3) from FILE (e.g. -w cap-%%H%%M%%S.pcap).")
    private Long rotateSeconds;

    @Option(names = ROTATE_FILES, paramLabel = "COUNT", converter = NumberConverter.class, description = "With -C: keep COUNT files "
            + "in a ring (FILE0 .. FILE<COUNT-1>); with -G: stop after COUNT files.")
    private Long rotateFiles;

    @Option(names = READ_PCAP, paramLabel = "FILE",
            description = "Decode a capture file (pcap or pcapng; '-' = stdin) instead of capturing: link types "
                    + "Ethernet, RAW, IPv4, IPv6, Linux cooked SLL and SLL2; --filter, --count and --snaplen apply.")
    private String readPcap;

    @Override
    public Integer call() throws IOException {
        RecvSpec spec = toSpec();
        if (spec.inputPath != null) {
            return new OfflineJob(spec, parent.console().in(), parent.console().out(), parent.console().err(),
                    Interrupts.install()).run();
        }
        return new RecvJob(spec, parent.console().out(), parent.console().err(), Interrupts.install()).run();
    }

    /** The validated request: every usage rule lives in {@link RecvRequestReader}. */
    RecvSpec toSpec() {
        return new RecvRequestReader(spec).read(parent);
    }
}
