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
            description = "Write pcap to FILE ('-' = stdout). With -f as well, stdout also gets that format.")
    private String writeFile;

    @Override
    public Integer call() throws IOException {
        RecvSpec spec = toSpec();
        return new RecvJob(spec, parent.console().out(), parent.console().err(), Interrupts.install()).run();
    }

    RecvSpec toSpec() {
        RecvSpec s = new RecvSpec();
        s.quiet = parent.quiet();
        s.user = parent.account();
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
            if (filter != null && !filter.isBlank()) {
                s.protocol = protocolFor(filter, s.filterTarget, s.protocol,
                        spec.commandLine().getParseResult().hasMatchedOption("--proto"));
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
        if (writeFile != null) {
            if (writeFile.equals("-") && format != null && s.format != OutputFormat.PCAP) {
                throw new UsageException("-w - writes pcap to stdout; it cannot also take -f " + format);
            }
            s.outputPath = writeFile;
            if (format == null) {
                s.format = null;
            }
        }
        refuseBinaryOnTerminal(s);
        if (filter != null && !filter.isBlank()) {
            s.filterExpression = filter;
            s.filterProgram = compile(filter, s);
            s.filter = s.filterProgram.toByteArray(ByteOrder.nativeOrder());
        }
        return s;
    }

    /**
     * Binary output onto a terminal is garbage for the reader and can upset the terminal itself;
     * like tcpdump -w - and tshark -w -, refuse it and say where it should go.
     */
    private void refuseBinaryOnTerminal(RecvSpec s) {
        boolean pcapToStdout = "-".equals(writeFile);
        OutputFormat toStdout = pcapToStdout ? OutputFormat.PCAP : s.format;
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
