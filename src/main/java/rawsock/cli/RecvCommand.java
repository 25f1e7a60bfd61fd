package rawsock.cli;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.BitSet;
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
import rawsock.app.UsageException;
import rawsock.filter.BpfProgram;
import rawsock.filter.FilterCompiler;
import rawsock.filter.FilterGrammar;
import rawsock.filter.FilterProtocols;
import rawsock.filter.FilterSyntaxException;
import rawsock.filter.FilterTarget;
import rawsock.output.OutputFormat;
import rawsock.packet.IpProtocol;

/** {@code rawsock recv}: options to a validated {@link RecvSpec}, then a {@link RecvJob}. */
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

    /** --proto's name, shared by the option and the rule that refuses it with --link. */
    private static final String PROTO = "--proto";

    @Option(names = {"-p", PROTO}, paramLabel = "PROTO", defaultValue = "icmp",
            completionCandidates = Candidates.RecvProtocols.class,
            description = "icmp, icmp6, udp, tcp, igmp, or a protocol number 1..254 (default: ${DEFAULT-VALUE}).")
    private String protocol;

    @Option(names = "-6", description = "Receive IPv6 (icmp means icmp6); the IPv6 header is rebuilt from the "
            + "kernel's metadata.")
    private boolean ipv6;

    @Option(names = "--link", description = "Whole Ethernet frames of every protocol, both directions (packet socket).")
    private boolean link;

    @Option(names = "--promisc", description = "With --link -I: also frames addressed to other hosts.")
    private boolean promiscuous;

    /** Hidden: for benchmarks and for comparing the two paths (the ring falls back by itself when refused). */
    @Option(names = "--no-ring", hidden = true,
            description = "With --link: receive with recvmmsg instead of the TPACKET_V3 ring.")
    private boolean noRing;

    @Option(names = {"-I", "--iface"}, paramLabel = "NAME", description = "Only packets from this interface (SO_BINDTODEVICE).")
    private String iface;

    @Option(names = "--snaplen", paramLabel = "N", converter = NumberConverter.class,
            description = "Keep at most N bytes of each packet (default 65535).")
    private Long snaplen;

    @Option(names = "--buffer", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Memory rawsock may use to hold packets it has taken from the kernel but not yet written, "
                    + "e.g. 64M, 1G (default 256M; only what is queued is used; at most this machine's memory). "
                    + "The kernel's buffer in front of it (socket receive buffer, or the --link ring) is this much, "
                    + "up to 32M.")
    private Long buffer;

    @Option(names = "--filter", paramLabel = "EXPR",
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

    @Option(names = {"-c", "--count"}, paramLabel = "N", converter = NumberConverter.class,
            description = "Stop after N packets (default: until interrupted).")
    private Long count;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DUR", converter = DurationConverter.class,
            description = "Stop after this long; with --count, reaching it first exits 1.")
    private Long timeout;

    @Option(names = {"-f", "--format"}, paramLabel = "FMT", completionCandidates = Candidates.RecvFormats.class,
            description = "${COMPLETION-CANDIDATES} (default text).")
    private String format;

    @Option(names = "-w", paramLabel = "FILE",
            description = "Write pcap to FILE ('-' = stdout); pcapng when FILE ends in .pcapng. With -f as well, "
                    + "stdout also gets that format.")
    private String writeFile;

    @Option(names = "--pcapng", description = "-w writes pcapng (interface names, direction, drop statistics) "
            + "whatever the file's name.")
    private boolean pcapng;

    @Option(names = "-C", paramLabel = "SIZE", description = "With -w FILE: begin a new file once this one holds SIZE "
            + "(a plain number is millions of bytes, as tcpdump; or 512k, 10M); files FILE, FILE1, FILE2, ...")
    private String rotateSize;

    @Option(names = "-G", paramLabel = "SECONDS", converter = NumberConverter.class, description = "With -w FILE: begin a new "
            + "file every SECONDS, named by strftime(3) from FILE (e.g. -w cap-%%H%%M%%S.pcap).")
    private Long rotateSeconds;

    @Option(names = "-W", paramLabel = "COUNT", converter = NumberConverter.class, description = "With -C: keep COUNT files "
            + "in a ring (FILE0 .. FILE<COUNT-1>); with -G: stop after COUNT files.")
    private Long rotateFiles;

    @Option(names = "--read-pcap", paramLabel = "FILE",
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

    RecvSpec toSpec() {
        RecvSpec s = new RecvSpec();
        s.quiet = parent.quiet();
        s.user = parent.account();
        if (readPcap != null) {
            refuseOffline();
            s.inputPath = readPcap;
        }
        InterfaceOption.check(iface);
        if (link && ipv6) {
            throw new UsageException("--link captures every protocol of both IP versions; drop -6 (or filter with 'ip6')");
        }
        if (promiscuous && !link) {
            throw new UsageException("--promisc needs --link (a packet socket)");
        }
        if (promiscuous && iface == null) {
            throw new UsageException("--promisc needs -I IFACE: promiscuous mode is set per interface");
        }
        s.promiscuous = promiscuous;
        if (noRing && !link) {
            throw new UsageException("--no-ring needs --link (only packet sockets have a receive ring)");
        }
        s.ring = !noRing;
        if (link) {
            if (spec.commandLine().getParseResult().hasMatchedOption(PROTO)) {
                throw new UsageException("--proto does not apply to --link, which captures every protocol; use --filter");
            }
            s.mode = RecvSpec.Mode.LINK;
            s.filterTarget = FilterTarget.ETHERNET;
        } else {
            s.mode = ipv6 ? RecvSpec.Mode.IPV6 : RecvSpec.Mode.IPV4;
            s.filterTarget = ipv6 ? FilterTarget.IPV6_RAW : FilterTarget.IPV4_RAW;
            s.protocol = parseProtocol(protocol, ipv6);
            // Live only: a file holds every protocol its capture saw, and its link type decides the filter.
            if (filter != null && !filter.isBlank() && readPcap == null) {
                s.protocol = protocolFor(filter, s.filterTarget, s.protocol,
                        spec.commandLine().getParseResult().hasMatchedOption(PROTO));
            }
        }
        s.iface = iface;
        if (snaplen != null) {
            s.snaplen = Ranges.check("--snaplen", snaplen, 1, 262144);
        }
        if (buffer != null) {
            s.queueBytes = BufferOption.check(buffer);
        }
        if (count != null) {
            if (count < 0) {
                throw new UsageException("--count " + count + " is negative");
            }
            s.count = count;
        }
        if (timeout != null) {
            s.timeoutNanos = timeout;
        }
        if (format != null) {
            try {
                s.format = OutputFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--format: " + e.getMessage());
            }
        }
        if (pcapng && writeFile == null) {
            throw new UsageException("--pcapng says what -w writes; without -w use -f pcapng");
        }
        if (writeFile != null) {
            if (writeFile.equals("-") && format != null && !s.format.binary()) {
                throw new UsageException("-w - writes pcap or pcapng to stdout; it cannot also take -f " + format);
            }
            s.outputPath = writeFile;
            s.fileFormat = pcapng || writeFile.endsWith(".pcapng")
                    || writeFile.equals("-") && s.format == OutputFormat.PCAPNG ? OutputFormat.PCAPNG : OutputFormat.PCAP;
            if (format == null) {
                s.format = null;
            }
        }
        rotation(s);
        refuseBinaryOnTerminal(s);
        if (filter != null && !filter.isBlank()) {
            s.filterExpression = filter;
            if (readPcap == null) { // offline, the file's link type decides (OfflineJob compiles it)
                s.filterProgram = compile(filter, s);
                s.filter = s.filterProgram.toByteArray(ByteOrder.nativeOrder());
            }
        }
        return s;
    }

    /** -C, -G and -W: checked so that every file of the run gets a name of its own. */
    private void rotation(RecvSpec s) {
        if (rotateSize == null && rotateSeconds == null && rotateFiles == null) {
            return;
        }
        String option = rotateSize != null ? "-C" : rotateSeconds != null ? "-G" : "-W";
        if (writeFile == null || writeFile.equals("-")) {
            throw new UsageException(option + " splits -w FILE into several files; give -w FILE (not '-')");
        }
        if (rotateFiles != null && rotateSize == null && rotateSeconds == null) {
            throw new UsageException("-W " + rotateFiles + " needs -C (a ring of files) or -G (stop after that many)");
        }
        if (rotateSize != null) {
            s.rotateBytes = rotateBytes(rotateSize);
        }
        if (rotateSeconds != null) {
            s.rotateSeconds = Ranges.check("-G", rotateSeconds, 1, 366L * 86_400);
            long finest;
            try {
                finest = rawsock.output.Strftime.finest(writeFile);
            } catch (IllegalArgumentException e) {
                throw new UsageException("-w " + writeFile + ": " + e.getMessage());
            }
            if (finest == 0 || finest > s.rotateSeconds) {
                throw new UsageException("-G " + rotateSeconds + ": the name -w " + writeFile + " would repeat within the run"
                        + " (give it a strftime conversion that changes every " + rotateSeconds + " s or faster, e.g. %H%M%S)");
            }
        }
        if (rotateFiles != null) {
            s.rotateFiles = Ranges.check("-W", rotateFiles, 1, 1_000_000);
        }
    }

    private static long rotateBytes(String text) {
        long bytes;
        try {
            bytes = text.matches("[0-9]+") ? Math.multiplyExact(Long.parseLong(text), 1_000_000L)
                    : new SizeConverter().convert(text);
        } catch (Exception e) {
            throw new UsageException("-C " + text + ": not a size (a number of millions of bytes, or e.g. 512k, 10M)");
        }
        if (bytes <= 0 || bytes > (1L << 40)) {
            throw new UsageException("-C " + text + " out of range (1 byte to 1 TiB)");
        }
        return bytes;
    }

    /** Capture options have no meaning for a file: refused rather than ignored. */
    private void refuseOffline() {
        for (String option : new String[] {"--proto", "-6", "--link", "--promisc", "--no-ring", "--iface", "--buffer",
            "--timeout"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new UsageException(option + " applies to live capture, not to --read-pcap (a file holds what "
                        + "was captured; use --filter to choose packets)");
            }
        }
    }

    /**
     * Binary output onto a terminal is garbage for the reader and can upset the terminal itself;
     * like tcpdump -w - and tshark -w -, refuse it and say where it should go.
     */
    private void refuseBinaryOnTerminal(RecvSpec s) {
        boolean pcapToStdout = "-".equals(writeFile);
        OutputFormat toStdout = pcapToStdout ? s.fileFormat : s.format;
        if (toStdout != null && toStdout.binary() && parent.console().stdoutIsTerminal()) {
            throw new UsageException((pcapToStdout ? "-w -" : "-f " + toStdout.cliName()) + " writes binary "
                    + toStdout.cliName() + " and stdout is a terminal: write it to a file with -w FILE, "
                    + "or into a pipe (| tcpdump -nr -)");
        }
    }

    private static int parseProtocol(String text, boolean ipv6) {
        int number = ProtocolOption.parse(text, ipv6);
        if (number == IpProtocol.HOPOPT || number == IpProtocol.RAW) {
            throw new UsageException("--proto " + text + " cannot be received on a raw IP socket "
                    + "(Linux delivers no packets to protocol 0 or 255); choose a protocol, or --link for everything");
        }
        return number;
    }

    /**
     * A raw socket sees one protocol, so the filter decides it: without -p, a filter that can
     * match exactly one protocol (udp port 53, icmp6, proto 47) opens the socket for that one, as
     * a tcpdump user means it; a filter that can never match the socket's protocol is refused.
     */
    private static int protocolFor(String expression, FilterTarget target, int protocol, boolean given) {
        BitSet possible;
        try {
            possible = FilterProtocols.possible(expression, target);
        } catch (FilterSyntaxException e) {
            throw new UsageException(e.getMessage());
        }
        if (!given && possible.cardinality() == 1) {
            int only = possible.nextSetBit(0);
            if (only != 0 && only != IpProtocol.RAW) {
                return only;
            }
        }
        if (possible.get(protocol) || possible.isEmpty()) {
            // (Nothing at all: the compiler names the primitive this socket never sees.)
            return protocol;
        }
        StringBuilder options = new StringBuilder();
        possible.clear(0);
        possible.clear(IpProtocol.RAW);
        if (possible.cardinality() > 3) {
            options.append("another -p");
        } else {
            for (int p = possible.nextSetBit(0); p >= 0; p = possible.nextSetBit(p + 1)) {
                options.append(options.length() == 0 ? "" : ", ").append("-p ").append(IpProtocol.name(p));
            }
        }
        throw new UsageException("--filter '" + expression + "' can never match " + (given ? "" : "the default ")
                + "--proto " + IpProtocol.name(protocol) + ": a raw socket sees one protocol; "
                + (options.length() > 0 ? "use " + options + ", or " : "use ") + "--link to see everything");
    }

    private static BpfProgram compile(String expression, RecvSpec s) {
        try {
            return FilterCompiler.compile(expression, s.filterTarget);
        } catch (FilterSyntaxException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
