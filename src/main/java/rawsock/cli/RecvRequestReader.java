package rawsock.cli;

import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import rawsock.app.RecvSpec;
import rawsock.app.UsageException;
import rawsock.filter.BpfProgram;
import rawsock.filter.FilterCompiler;
import rawsock.filter.FilterProtocols;
import rawsock.filter.FilterSyntaxException;
import rawsock.filter.FilterTarget;
import rawsock.output.OutputFormat;
import rawsock.output.Strftime;
import rawsock.packet.IpProtocol;
import rawsock.text.Numbers;

/**
 * recv's parsed options to a validated {@link RecvSpec}: every usage rule of recv, checked in one
 * place before app/ runs or anything is opened. The rules hold the options' model objects and
 * take values and names from them, so an option renamed in {@link RecvCommand} keeps its rules
 * and its messages; the order of the checks is the order a user meets the refusals in.
 */
final class RecvRequestReader {
    private final ParsedOptions line;
    private final OptionSpec proto;
    private final OptionSpec ipv6;
    private final OptionSpec link;
    private final OptionSpec promisc;
    private final OptionSpec noRing;
    private final OptionSpec iface;
    private final OptionSpec snaplen;
    private final OptionSpec buffer;
    private final OptionSpec filter;
    private final OptionSpec count;
    private final OptionSpec timeout;
    private final OptionSpec format;
    private final OptionSpec write;
    private final OptionSpec pcapng;
    private final OptionSpec rotateSize;
    private final OptionSpec rotateSeconds;
    private final OptionSpec rotateFiles;
    private final OptionSpec readPcap;

    RecvRequestReader(CommandSpec spec) {
        line = new ParsedOptions(spec.commandLine().getParseResult());
        proto = option(spec, RecvCommand.PROTO);
        ipv6 = option(spec, RecvCommand.IPV6);
        link = option(spec, RecvCommand.LINK);
        promisc = option(spec, RecvCommand.PROMISC);
        noRing = option(spec, RecvCommand.NO_RING);
        iface = option(spec, RecvCommand.IFACE);
        snaplen = option(spec, RecvCommand.SNAPLEN);
        buffer = option(spec, RecvCommand.BUFFER);
        filter = option(spec, RecvCommand.FILTER);
        count = option(spec, RecvCommand.COUNT);
        timeout = option(spec, RecvCommand.TIMEOUT);
        format = option(spec, RecvCommand.FORMAT);
        write = option(spec, RecvCommand.WRITE);
        pcapng = option(spec, RecvCommand.PCAPNG);
        rotateSize = option(spec, RecvCommand.ROTATE_SIZE);
        rotateSeconds = option(spec, RecvCommand.ROTATE_SECONDS);
        rotateFiles = option(spec, RecvCommand.ROTATE_FILES);
        readPcap = option(spec, RecvCommand.READ_PCAP);
    }

    /** The validated request; {@code parent} gives -q, --user and whether stdout is a terminal. */
    RecvSpec read(RawsockCommand parent) {
        RecvSpec.Builder s = new RecvSpec.Builder();
        s.quiet = parent.quiet();
        s.user = parent.account();
        String readPcapPath = readPcap.getValue();
        if (readPcapPath != null) {
            refuseOffline();
            s.inputPath = readPcapPath;
        }
        String ifaceName = iface.getValue();
        InterfaceOption.check(ifaceName);
        boolean isLink = is(link);
        boolean isIpv6 = is(ipv6);
        if (isLink && isIpv6) {
            throw new UsageException(name(link) + " captures every protocol of both IP versions; drop " + name(ipv6)
                    + " (or filter with 'ip6')");
        }
        if (is(promisc) && !isLink) {
            throw new UsageException(name(promisc) + " needs " + name(link) + " (a packet socket)");
        }
        if (is(promisc) && ifaceName == null) {
            throw new UsageException(name(promisc) + " needs " + iface.shortestName()
                    + " IFACE: promiscuous mode is set per interface");
        }
        s.promiscuous = is(promisc);
        if (is(noRing) && !isLink) {
            throw new UsageException(name(noRing) + " needs " + name(link) + " (only packet sockets have a receive ring)");
        }
        s.ring = !is(noRing);
        String expression = filter.getValue();
        boolean hasFilter = expression != null && !expression.isBlank();
        if (isLink) {
            if (line.given(proto)) {
                throw new UsageException(name(proto) + " does not apply to " + name(link)
                        + ", which captures every protocol; use " + name(filter));
            }
            s.mode = RecvSpec.Mode.LINK;
            s.filterTarget = FilterTarget.ETHERNET;
        } else {
            s.mode = isIpv6 ? RecvSpec.Mode.IPV6 : RecvSpec.Mode.IPV4;
            s.filterTarget = isIpv6 ? FilterTarget.IPV6_RAW : FilterTarget.IPV4_RAW;
            s.protocol = protocol(proto.getValue(), isIpv6);
            // Live only: a file holds every protocol its capture saw, and its link type decides the filter.
            if (hasFilter && readPcapPath == null) {
                s.protocol = protocolFor(expression, s.filterTarget, s.protocol);
            }
        }
        s.iface = ifaceName;
        Long snap = snaplen.getValue();
        if (snap != null) {
            s.snaplen = Ranges.check(name(snaplen), snap, 1, 262144);
        }
        Long bytes = buffer.getValue();
        if (bytes != null) {
            s.queueBytes = BufferOption.check(name(buffer), bytes);
        }
        Long packets = count.getValue();
        if (packets != null) {
            if (packets < 0) {
                throw new UsageException(name(count) + " " + packets + " is negative");
            }
            s.count = packets;
        }
        Long nanos = timeout.getValue();
        if (nanos != null) {
            s.timeoutNanos = nanos;
        }
        String formatName = format.getValue();
        if (formatName != null) {
            try {
                s.format = OutputFormat.parse(formatName);
            } catch (IllegalArgumentException e) {
                throw new UsageException(name(format) + ": " + e.getMessage());
            }
        }
        String file = write.getValue();
        if (is(pcapng) && file == null) {
            throw new UsageException(name(pcapng) + " says what " + name(write) + " writes; without " + name(write)
                    + " use " + format.shortestName() + " pcapng");
        }
        if (file != null) {
            if (file.equals("-") && formatName != null && !s.format.binary()) {
                throw new UsageException(name(write) + " - writes pcap or pcapng to stdout; it cannot also take "
                        + format.shortestName() + " " + formatName);
            }
            s.outputPath = file;
            s.fileFormat = is(pcapng) || file.endsWith(".pcapng")
                    || file.equals("-") && s.format == OutputFormat.PCAPNG ? OutputFormat.PCAPNG : OutputFormat.PCAP;
            if (formatName == null) {
                s.format = null;
            }
        }
        rotation(s, file);
        refuseBinaryOnTerminal(s, file, parent.console().stdoutIsTerminal());
        if (hasFilter) {
            s.filterExpression = expression;
            if (readPcapPath == null) { // offline, the file's link type decides (OfflineJob compiles it)
                s.filterProgram = compile(expression, s.filterTarget);
                s.filter = s.filterProgram.toByteArray(ByteOrder.nativeOrder());
            }
        }
        return s.build();
    }

    /** -C, -G and -W: checked so that every file of the run gets a name of its own. */
    private void rotation(RecvSpec.Builder s, String file) {
        String size = rotateSize.getValue();
        Long seconds = rotateSeconds.getValue();
        Long files = rotateFiles.getValue();
        if (size == null && seconds == null && files == null) {
            return;
        }
        String option = name(size != null ? rotateSize : seconds != null ? rotateSeconds : rotateFiles);
        if (file == null || file.equals("-")) {
            throw new UsageException(option + " splits " + name(write) + " FILE into several files; give "
                    + name(write) + " FILE (not '-')");
        }
        if (files != null && size == null && seconds == null) {
            throw new UsageException(name(rotateFiles) + " " + files + " needs " + name(rotateSize)
                    + " (a ring of files) or " + name(rotateSeconds) + " (stop after that many)");
        }
        if (size != null) {
            s.rotateBytes = rotateBytes(size);
        }
        if (seconds != null) {
            s.rotateSeconds = Ranges.check(name(rotateSeconds), seconds, 1, 366L * 86_400);
            long finest;
            try {
                finest = Strftime.finest(file);
            } catch (IllegalArgumentException e) {
                throw new UsageException(name(write) + " " + file + ": " + e.getMessage());
            }
            if (finest == 0 || finest > s.rotateSeconds) {
                throw new UsageException(name(rotateSeconds) + " " + seconds + ": the name " + name(write) + " " + file
                        + " would repeat within the run (give it a strftime conversion that changes every " + seconds
                        + " s or faster, e.g. %H%M%S)");
            }
        }
        if (files != null) {
            s.rotateFiles = Ranges.check(name(rotateFiles), files, 1, 1_000_000);
        }
    }

    /** -C: a plain number is millions of bytes, as tcpdump's; otherwise a size such as 512k. */
    private long rotateBytes(String text) {
        long bytes;
        try {
            bytes = text.matches("[0-9]+") ? Math.multiplyExact(Numbers.parse(text, Numbers.DIGITS), 1_000_000L)
                    : new SizeConverter().convert(text);
        } catch (RuntimeException e) {
            throw new UsageException(name(rotateSize) + " " + text
                    + ": not a size (a number of millions of bytes, or e.g. 512k, 10M)");
        }
        if (bytes <= 0 || bytes > SizeConverter.MAX) {
            throw new UsageException(name(rotateSize) + " " + text + " out of range (1 byte to 1 TiB)");
        }
        return bytes;
    }

    /** Capture options have no meaning for a file: refused rather than ignored. */
    private void refuseOffline() {
        for (OptionSpec option : List.of(proto, ipv6, link, promisc, noRing, iface, buffer, timeout)) {
            if (line.given(option)) {
                throw new UsageException(name(option) + " applies to live capture, not to " + name(readPcap)
                        + " (a file holds what was captured; use " + name(filter) + " to choose packets)");
            }
        }
    }

    /**
     * Binary output onto a terminal is garbage for the reader and can upset the terminal itself;
     * like tcpdump -w - and tshark -w -, refuse it and say where it should go.
     */
    private void refuseBinaryOnTerminal(RecvSpec.Builder s, String file, boolean stdoutIsTerminal) {
        boolean pcapToStdout = "-".equals(file);
        OutputFormat toStdout = pcapToStdout ? s.fileFormat : s.format;
        if (toStdout != null && toStdout.binary() && stdoutIsTerminal) {
            throw new UsageException((pcapToStdout ? name(write) + " -" : format.shortestName() + " " + toStdout.cliName())
                    + " writes binary " + toStdout.cliName() + " and stdout is a terminal: write it to a file with "
                    + name(write) + " FILE, or into a pipe (| tcpdump -nr -)");
        }
    }

    private int protocol(String text, boolean isIpv6) {
        int number = ProtocolOption.parse(text, isIpv6);
        if (number == IpProtocol.HOPOPT || number == IpProtocol.RAW) {
            throw new UsageException(name(proto) + " " + text + " cannot be received on a raw IP socket "
                    + "(Linux delivers no packets to protocol 0 or 255); choose a protocol, or " + name(link)
                    + " for everything");
        }
        return number;
    }

    /**
     * A raw socket sees one protocol, so the filter decides it: without -p, a filter that can
     * match exactly one protocol (udp port 53, icmp6, proto 47) opens the socket for that one, as
     * a tcpdump user means it; a filter that can never match the socket's protocol is refused.
     */
    private int protocolFor(String expression, FilterTarget target, int protocol) {
        boolean protoGiven = line.given(proto);
        BitSet possible;
        try {
            possible = FilterProtocols.possible(expression, target);
        } catch (FilterSyntaxException e) {
            throw new UsageException(e.getMessage());
        }
        if (!protoGiven && possible.cardinality() == 1) {
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
            options.append("another ").append(proto.shortestName());
        } else {
            for (int p = possible.nextSetBit(0); p >= 0; p = possible.nextSetBit(p + 1)) {
                options.append(options.length() == 0 ? "" : ", ").append(proto.shortestName()).append(' ')
                        .append(IpProtocol.name(p));
            }
        }
        throw new UsageException(name(filter) + " '" + expression + "' can never match "
                + (protoGiven ? "" : "the default ") + name(proto) + " " + IpProtocol.name(protocol)
                + ": a raw socket sees one protocol; " + (options.length() > 0 ? "use " + options + ", or " : "use ")
                + name(link) + " to see everything");
    }

    private static BpfProgram compile(String expression, FilterTarget target) {
        try {
            return FilterCompiler.compile(expression, target);
        } catch (FilterSyntaxException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static boolean is(OptionSpec flag) {
        return Boolean.TRUE.equals(flag.getValue());
    }

    /** How messages name an option: its long name, as the help lists it. */
    private static String name(OptionSpec option) {
        return option.longestName();
    }

    private static OptionSpec option(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        if (option == null) {
            throw new IllegalStateException("no option " + name);
        }
        return option;
    }
}
