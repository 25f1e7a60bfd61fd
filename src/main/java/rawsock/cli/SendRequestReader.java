package rawsock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.util.List;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import rawsock.app.SendSpec;
import rawsock.app.UsageException;
import rawsock.app.ValueList;
import rawsock.packet.EtherType;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv6;

/**
 * All of send's usage validation, in one place and before anything is opened: the options of one
 * parsed command line ({@link SendOptions}, read through picocli's parse result) to a validated
 * {@link SendSpec}, or a {@link UsageException} with one line saying what is wrong. A rule names
 * option objects and groups, never an option's name written again, so renaming an option keeps its
 * rules; messages print the names the objects carry. The checks run in a fixed order, which decides
 * which refusal a command line with several faults gets. This class holds that order and the rules
 * of which options apply together; {@link LinkLayerReader}, {@link HeaderFieldsReader} and
 * {@link PayloadReader} read their options at the steps it calls them, all through
 * {@link ParsedOptions}.
 */
final class SendRequestReader {
    /** The longest --wait that makes sense: a probe's reply later than this is no reply. */
    private static final long MAX_WAIT_NANOS = 3_600_000_000_000L;
    /** traceroute's defaults: 30 hops, 3 probes per hop, 5 s for each probe's answer. */
    private static final int DEFAULT_MAX_HOPS = 30;
    private static final int DEFAULT_PROBES_PER_HOP = 3;
    private static final long DEFAULT_TRACE_WAIT_NANOS = 5_000_000_000L;
    /** traceroute's first UDP port (here every probe goes to it; the source port numbers the probe). */
    private static final int TRACEROUTE_UDP_PORT = 33434;

    private final SendOptions o;
    private final ParsedOptions line;
    private final RawsockCommand global;
    private final InputStream stdin;
    private final LinkLayerReader linkLayer;
    private final HeaderFieldsReader headerFields;

    /** --dst, or the HOST words joined as its comma list. */
    private String destination;

    SendRequestReader(SendOptions options, ParseResult parsed, RawsockCommand global) {
        this.o = options;
        this.line = new ParsedOptions(parsed);
        this.global = global;
        this.stdin = global.console().in();
        this.linkLayer = new LinkLayerReader(options, line);
        this.headerFields = new HeaderFieldsReader(options, line);
    }

    private String protocol() {
        String text = line.value(o.protocol);
        return text != null ? text : o.protocol.defaultValue();
    }

    private boolean arp() {
        return protocol().equalsIgnoreCase(EtherType.name(EtherType.ARP));
    }

    /** Validates every option and builds the spec; throws UsageException before anything is sent. */
    SendSpec read() throws IOException {
        destination = line.value(o.destination);
        List<String> words = line.value(o.hosts);
        if (words != null && !words.isEmpty()) {
            if (destination != null) {
                throw new UsageException("the destination is given twice: " + o.destination.shortestName() + " "
                        + destination + " and " + String.join(" ", words));
            }
            destination = String.join(",", words);
        }
        SendSpec.Builder s = new SendSpec.Builder();
        s.quiet = global.quiet();
        s.user = global.account();
        String iface = line.value(o.iface);
        InterfaceOption.check(iface);
        linkLayer.readLink(s);
        readInput(s);
        readPacing(s);
        readWait(s);
        readTraceroute(s);
        if (s.input != SendSpec.Input.BUILD) {
            OptionSpec header = line.firstGiven(o.headerOptions());
            if (header != null) {
                throw new UsageException(notForWholePackets(header.longestName(), s.input));
            }
            if (line.given(o.destinationFile)) {
                throw new UsageException(notForWholePackets(o.destinationFile.longestName(), s.input));
            }
            if (destination != null || line.given(o.ipv6)) {
                // Not rewritten and not used to route (which would send a packet where its header does
                // not say): a replayed packet goes where its own header sends it.
                throw new UsageException(notForWholePackets(destination != null ? o.destination.longestName()
                        : o.ipv6.longestName(), s.input)
                        + (s.link ? ": each frame carries its own MACs" : ": each goes to the destination in its own header"));
            }
            s.iface = iface;
            return s.build();
        }
        if (destination == null && !line.given(o.destinationFile)) {
            throw new UsageException(o.destination.longestName() + " is required (the host to send to)");
        }
        readTargets(s);
        if (line.given(o.ipv6) && !s.ipv6) {
            throw new UsageException(o.ipv6.longestName() + ": " + o.destination.longestName() + " " + destination
                    + " is an IPv4 address");
        }
        if (s.link && arp()) {
            if (s.ipv6) {
                throw new UsageException(o.protocol.longestName() + " arp resolves IPv4 addresses; "
                        + o.destination.longestName() + " " + destination + " is IPv6");
            }
            s.arp = true;
            s.protocol = 0;
            linkLayer.readArp(s);
            s.iface = iface;
            return s.build();
        }
        s.protocol = parseProtocol(protocol(), s.ipv6);
        String source = line.value(o.source);
        if (source != null) {
            s.source = AddressOption.resolve(o.source.longestName(), source, s.ipv6);
            if ((s.source instanceof Inet6Address) != s.ipv6) {
                throw new UsageException(o.source.longestName() + " " + source + " is " + (s.ipv6 ? "IPv4" : "IPv6")
                        + " but " + o.destination.longestName() + " is " + (s.ipv6 ? "IPv6" : "IPv4"));
            }
        }
        linkLayer.refuseArpFields(protocol());
        refuseOtherProtocols(s.protocol);
        if (s.waitNanos >= 0 && s.protocol != IpProtocol.ICMP && s.protocol != IpProtocol.ICMP6
                && s.protocol != IpProtocol.TCP && s.protocol != IpProtocol.UDP) {
            throw new UsageException((line.given(o.traceroute) ? o.traceroute : o.waitFor).longestName()
                    + " matches replies to icmp, icmp6, tcp and udp probes, not to " + o.protocol.longestName() + " "
                    + protocol());
        }
        if (s.ipv6) {
            refuseIpv4Only();
        } else if (line.given(o.flowLabel)) {
            throw new UsageException(o.flowLabel.longestName() + " is an IPv6 field; " + o.destination.longestName()
                    + " " + destination + " is IPv4");
        }
        s.iface = iface;
        s.headerIncluded = line.given(o.headerIncluded);
        headerFields.readIp(s);
        if (s.traceroute && s.ttl == null) {
            s.ttl = DEFAULT_MAX_HOPS;
        }
        headerFields.readTransport(s);
        if (s.traceroute && s.protocol == IpProtocol.UDP && s.destinationPort == null) {
            s.destinationPort = TRACEROUTE_UDP_PORT;
        }
        s.payload = new PayloadReader(o, line, stdin).read();
        return checkSize(s.build());
    }

    /** What no protocol's packet may be: a payload where the message has a fixed layout, or over 65535 bytes. */
    private static SendSpec checkSize(SendSpec s) {
        int payloadLength = s.payload.length;
        if (s.protocol == IpProtocol.IGMP && payloadLength > 0) {
            throw new UsageException("a payload does not apply to igmp (its message has a fixed layout)");
        }
        long length = s.ipPacketLength(payloadLength);
        if (s.ipv6 && length - Ipv6.HEADER_LENGTH > SendSpec.MAX_IP_PACKET) {
            throw new UsageException("the IPv6 payload would be " + (length - Ipv6.HEADER_LENGTH)
                    + " bytes, more than 65535 (payload " + payloadLength + " bytes)");
        }
        if (!s.ipv6 && length > SendSpec.MAX_IP_PACKET) {
            throw new UsageException("the packet would be " + length + " bytes, more than IPv4's 65535 (payload "
                    + payloadLength + " bytes)");
        }
        return s;
    }

    /** --dst (or HOST words) and --dst-file: every item checked and every name resolved now. */
    private void readTargets(SendSpec.Builder s) throws IOException {
        TargetOption targets = new TargetOption(line.given(o.ipv6));
        if (destination != null) {
            targets.addList(o.destination.longestName(), destination);
        }
        String file = line.value(o.destinationFile);
        if (file != null) {
            targets.addFile(file, stdin);
        }
        s.targets = targets.build();
        s.destination = s.targets.first();
        s.ipv6 = s.targets.ipv6();
        if (s.link && s.targets.size() > 1) {
            throw new UsageException(o.link.longestName()
                    + " sends to one destination: a list or block of targets does not apply");
        }
    }

    private void readWait(SendSpec.Builder s) {
        String format = line.value(o.format);
        Long waitFor = line.value(o.waitFor);
        if (format != null) {
            if (waitFor == null && !line.given(o.traceroute)) {
                throw new UsageException(o.format.shortestName() + " applies to the replies of "
                        + o.waitFor.longestName() + "; without it send prints no data");
            }
            if (!format.equals("text") && !format.equals("json")) {
                throw new UsageException(o.format.shortestName() + " '" + format + "' is not text or json");
            }
            s.jsonReplies = format.equals("json");
        }
        if (waitFor == null) {
            return;
        }
        String wait = o.waitFor.longestName();
        if (waitFor > MAX_WAIT_NANOS) {
            throw new UsageException(wait + " is longer than an hour: a reply that late answers no probe");
        }
        if (line.given(o.flood)) {
            throw new UsageException(wait + " with " + o.flood.longestName() + ": probes need time for their replies; use "
                    + o.rate.longestName() + " or " + o.interval.longestName());
        }
        if (s.input != SendSpec.Input.BUILD) {
            throw new UsageException(notForWholePackets(wait, s.input));
        }
        if (s.link && !arp()) {
            throw new UsageException(wait + " with " + o.link.longestName() + " matches ARP replies only ("
                    + o.protocol.shortestName() + " arp); "
                    + "probe IP through the IP stack");
        }
        s.waitNanos = waitFor;
    }

    /** The refusal of an option that shapes packets when they come whole from --stdin-hex or --read-pcap. */
    private String notForWholePackets(String option, SendSpec.Input input) {
        return option + " does not apply to whole packets from "
                + (input == SendSpec.Input.STDIN_HEX ? o.stdinHex : o.readPcap).longestName();
    }

    /**
     * --traceroute: --ttl is the maximum hop, --count the probes per hop; without --interval or
     * --rate the probes leave as fast as the window of probes in flight allows.
     */
    private void readTraceroute(SendSpec.Builder s) {
        if (!line.given(o.traceroute)) {
            return;
        }
        String traceroute = o.traceroute.longestName();
        if (s.input != SendSpec.Input.BUILD) {
            throw new UsageException(notForWholePackets(traceroute, s.input));
        }
        if (s.link) {
            throw new UsageException(traceroute + " does not apply to " + o.link.longestName()
                    + " frames (it probes through the IP stack)");
        }
        String ttl = line.value(o.ttl);
        ValueList maxHop = ValueListOption.parse(o.ttl.longestName(), ttl, 1, 255);
        if (maxHop != null && maxHop.varies()) {
            throw new UsageException(o.ttl.longestName() + " " + ttl + " with " + traceroute
                    + ": one number, the maximum hop (the trace goes from 1 up to it)");
        }
        s.traceroute = true;
        Long count = line.value(o.count);
        s.count = count == null ? DEFAULT_PROBES_PER_HOP : Ranges.check(o.count.longestName(), count, 1, 10);
        if (!line.given(o.waitFor)) {
            s.waitNanos = DEFAULT_TRACE_WAIT_NANOS;
        }
        if (!line.given(o.interval) && !line.given(o.rate)) {
            s.intervalNanos = 0;
        }
    }

    /**
     * The header fields of one protocol (an option group each): given with another protocol they
     * would be silently ignored.
     */
    private void refuseOtherProtocols(int number) {
        boolean icmp = number == IpProtocol.ICMP || number == IpProtocol.ICMP6;
        boolean tcp = number == IpProtocol.TCP;
        refuseUnless(icmp, o.icmpFields, "icmp and icmp6", number);
        refuseUnless(tcp || number == IpProtocol.UDP, o.portFields, "udp and tcp", number);
        refuseUnless(tcp, o.tcpFields, "tcp", number);
        refuseUnless(number == IpProtocol.IGMP, o.igmpFields, "igmp", number);
    }

    private void refuseUnless(boolean applies, ArgGroupSpec fields, String protocols, int number) {
        OptionSpec option = applies ? null : line.firstGiven(fields.options());
        if (option != null) {
            throw new UsageException(option.longestName() + " applies to " + protocols + ", not to "
                    + o.protocol.longestName() + " " + IpProtocol.name(number));
        }
    }

    /** Options that exist only in the IPv4 header: one line saying why they cannot apply. */
    private void refuseIpv4Only() {
        OptionSpec option = line.firstGiven(o.ipv4Fields.options());
        if (option != null) {
            throw new UsageException(option.longestName() + " is an IPv4 header field; IPv6 has none"
                    + (option == o.dontFragment ? " (IPv6 routers never fragment)" : ""));
        }
    }

    private void readInput(SendSpec.Builder s) {
        if (line.given(o.stdinHex)) {
            s.input = SendSpec.Input.STDIN_HEX;
        } else if (line.given(o.readPcap)) {
            s.input = SendSpec.Input.READ_PCAP;
            s.inputPath = line.value(o.readPcap);
        }
        boolean fixChecksums = line.given(o.fixChecksums);
        if (fixChecksums && s.input == SendSpec.Input.BUILD) {
            throw new UsageException(o.fixChecksums.longestName() + " applies to whole packets from "
                    + o.stdinHex.longestName() + " or " + o.readPcap.longestName()
                    + " (rawsock computes the checksums of the packets it builds)");
        }
        s.fixChecksums = fixChecksums;
        String timing = line.value(o.timing);
        if (timing != null) {
            if (s.input != SendSpec.Input.READ_PCAP) {
                throw new UsageException(o.timing.longestName() + " applies only to " + o.readPcap.longestName());
            }
            if (!timing.equals("original") && !timing.equals("fast")) {
                throw new UsageException(o.timing.longestName() + " '" + timing + "' is not 'fast' or 'original'");
            }
            s.originalTiming = timing.equals("original");
        }
    }

    private void readPacing(SendSpec.Builder s) {
        boolean flood = line.given(o.flood);
        Long interval = line.value(o.interval);
        Long rate = line.value(o.rate);
        Long count = line.value(o.count);
        int pacers = (flood ? 1 : 0) + (interval != null ? 1 : 0) + (rate != null ? 1 : 0)
                + (s.originalTiming ? 1 : 0);
        if (pacers > 1) {
            throw new UsageException("choose one of " + o.flood.longestName() + ", " + o.interval.longestName() + ", "
                    + o.rate.longestName() + " and " + o.timing.longestName() + " original");
        }
        if (count != null) {
            if (count < 0) {
                throw new UsageException(o.count.longestName() + " " + count
                        + " is negative (0 means until interrupted)");
            }
            s.count = count;
        } else if (s.input != SendSpec.Input.BUILD) {
            s.count = 0;
        }
        s.flood = flood;
        if (flood || s.originalTiming) {
            s.intervalNanos = 0;
        } else if (rate != null) {
            long pps = Ranges.check(o.rate.longestName(), rate, 1, 100_000_000);
            s.intervalNanos = Math.max(1, 1_000_000_000L / pps);
        } else if (interval != null) {
            s.intervalNanos = interval;
        } else if (s.input != SendSpec.Input.BUILD) {
            s.intervalNanos = 0;
        }
    }

    private int parseProtocol(String text, boolean ipv6) {
        String proto = o.protocol.longestName();
        if (text.equalsIgnoreCase(EtherType.name(EtherType.ARP))) {
            throw new UsageException(proto + " arp needs " + o.link.longestName() + " " + o.iface.shortestName()
                    + " IFACE (ARP travels in Ethernet frames, not in IP)");
        }
        int number = ProtocolOption.parse(text, ipv6);
        if (ipv6 && number == IpProtocol.IGMP) {
            throw new UsageException(proto + " igmp is IPv4 only (IPv6 uses MLD, in ICMPv6)");
        }
        return number;
    }
}
