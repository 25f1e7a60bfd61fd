package rawsock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import rawsock.app.Interrupts;
import rawsock.app.SendJob;
import rawsock.app.SendSpec;
import rawsock.app.UsageException;
import rawsock.app.ValueList;
import rawsock.packet.Arp;
import rawsock.packet.IcmpTypes;
import rawsock.packet.Igmp;
import rawsock.packet.Icmpv6Types;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv6;
import rawsock.packet.MacAddress;
import rawsock.packet.TcpFlags;
import rawsock.packet.Vlan;

/** {@code rawsock send}: options to a validated {@link SendSpec}, then a {@link SendJob}. */
@Command(name = "send", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Send hand-built packets (or whole packets from stdin or a pcap) to one destination.",
            "Without --src the kernel writes the IP header; --src, --hdrincl, --id, --mf, --frag-offset, "
                + "--ip-options and --flow-label make rawsock write it (IP_HDRINCL / IPV6_HDRINCL)."},
        footerHeading = "%nExamples:%n",
        footer = {"  sudo rawsock send --proto icmp --dst 127.0.0.1 --count 3 --interval 200ms",
            "  sudo rawsock send -p udp -d 127.0.0.1 --src 127.0.0.9 --sport 5353 --dport 9999 --data hi",
            "  sudo rawsock send -p tcp -d 127.0.0.1 --dport 80 --flags S --tcp-options 020405b4",
            "  sudo rawsock recv -f hex -c 1 | sudo rawsock send --stdin-hex --fix-checksums"})
public final class SendCommand implements Callable<Integer> {
    private static final String PROTO = "--proto";
    private static final String SRC = "--src";
    private static final String CHECKSUM = "--checksum";
    private static final String DF = "--df";

    @ParentCommand
    private RawsockCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-d", "--dst"}, paramLabel = "HOSTS",
            description = "Destinations, comma-separated: addresses, host names, CIDR blocks (169.254.92.0/28, "
                    + "fd99::/126; network and broadcast addresses included) and IPv4 octet ranges (169.254.92.1-20, "
                    + "169.254.91-92.1). Each is expanded as it is probed, in the order given.")
    private String destination;

    @Option(names = "--dst-file", paramLabel = "FILE",
            description = "Destinations from a file ('-' = stdin), one item as for --dst per line; '#' starts a comment.")
    private String destinationFile;

    /** ping, hping3 and nping take the host without an option: so does send. */
    @Parameters(arity = "0..*", paramLabel = "HOST", description = "Destinations, the same as -d HOSTS.")
    private List<String> targetWords;

    @Option(names = "-6", description = "Use IPv6 (implied by an address containing ':').")
    private boolean ipv6;

    @Option(names = {"-p", PROTO}, paramLabel = "PROTO", defaultValue = "icmp",
            completionCandidates = Candidates.SendProtocols.class,
            description = "icmp, icmp6, udp, tcp, igmp, raw, a protocol number 0..255, or with --link arp "
                    + "(default: ${DEFAULT-VALUE}; icmp means icmp6 over IPv6).")
    private String protocol;

    @Option(names = {"-s", SRC}, paramLabel = "ADDR",
            description = "Source address to write into the IP header (spoofing; implies IP_HDRINCL).")
    private String source;

    @Option(names = {"-I", "--iface"}, paramLabel = "NAME", description = "Send through this interface (SO_BINDTODEVICE).")
    private String iface;

    @Option(names = "--link", description = "Send whole Ethernet frames through a packet socket on -I IFACE.")
    private boolean link;

    @ArgGroup(exclusive = false)
    private LinkFields linkFields = new LinkFields();

    /** Fields of the Ethernet frame: they need --link. */
    static final class LinkFields {
        @Option(names = "--src-mac", paramLabel = "MAC", description = "With --link: source MAC (default: the interface's).")
        String sourceMac;

        @Option(names = "--dst-mac", paramLabel = "MAC",
                description = "With --link: destination MAC (default: broadcast for ARP, the neighbour table's entry for IP).")
        String destinationMac;

        @Option(names = "--ethertype", paramLabel = "N", converter = NumberConverter.class,
                description = "With --link: the frame's EtherType; one other than IPv4/IPv6/ARP carries just the payload.")
        Long etherType;
    }

    @ArgGroup(exclusive = false)
    private VlanFields vlanFields = new VlanFields();

    /** 802.1Q tags pushed on a --link frame. */
    static final class VlanFields {
        @Option(names = "--vlan", paramLabel = "ID[,ID]", split = ",", hideParamSyntax = true,
                converter = NumberConverter.class,
                description = "With --link: tag the frame with VLAN ID (0..4095, 802.1Q); with two ids, QinQ: the outer "
                        + "tag 802.1ad (TPID 0x88a8), the inner 802.1Q (0x8100).")
        List<Long> ids;

        @Option(names = "--vlan-prio", paramLabel = "P", converter = NumberConverter.class,
                description = "With --vlan: the priority (PCP) of every tag, 0..7 (default 0).")
        Long priority;
    }

    @ArgGroup(exclusive = false)
    private ArpFields arpFields = new ArpFields();

    /** Fields of the ARP message (--link -p arp), as arping forges them. */
    static final class ArpFields {
        @Option(names = "--arp-op", paramLabel = "OP", completionCandidates = Candidates.ArpOperations.class,
                description = "With -p arp: the operation, ${COMPLETION-CANDIDATES} or a number 0..65535 "
                        + "(default request; reply with --arp-spa equal to --dst is arping -A's announcement).")
        String operation;

        @Option(names = "--arp-sha", paramLabel = "MAC",
                description = "With -p arp: the sender hardware address (default: --src-mac, else the interface's).")
        String senderMac;

        @Option(names = "--arp-spa", paramLabel = "ADDR",
                description = "With -p arp: the sender IPv4 address (default: --src, else the interface's); "
                        + "--arp-spa equal to --dst makes a gratuitous ARP.")
        String senderIp;

        @Option(names = "--arp-tha", paramLabel = "MAC",
                description = "With -p arp: the target hardware address (default: zero in a request, "
                        + "the frame's destination in a reply).")
        String targetMac;

        @Option(names = "--arp-tpa", paramLabel = "ADDR", description = "With -p arp: the target IPv4 address (default: --dst).")
        String targetIp;
    }

    @ArgGroup(exclusive = false)
    private IpFields ipFields = new IpFields();

    /** Fields of the IP header that both versions have. */
    static final class IpFields {
        @Option(names = "--hdrincl", description = "Write the IPv4 header ourselves even without --src.")
        boolean headerIncluded;

        @Option(names = "--ttl", paramLabel = "LIST",
                description = "Time to live (hop limit), 1..255; a list or ranges (1-30) send one probe per value.")
        String ttl;

        @Option(names = "--tos", paramLabel = "N", converter = NumberConverter.class, description = "Type of service byte, 0..255.")
        Long tos;

        @Option(names = "--flow-label", paramLabel = "N", converter = NumberConverter.class,
                description = "IPv6 flow label, 0..0xfffff (rawsock then writes the IPv6 header).")
        Long flowLabel;
    }

    @ArgGroup(exclusive = false)
    private Ipv4Fields ipv4Fields = new Ipv4Fields();

    /** Fields only the IPv4 header has. */
    static final class Ipv4Fields {
        @Option(names = "--id", paramLabel = "N", converter = NumberConverter.class, description = "IPv4 identification, 0..65535.")
        Long ipId;

        @Option(names = DF, description = "Set don't-fragment (the kernel refuses packets over the path MTU).")
        boolean dontFragment;

        @Option(names = "--mf", description = "Set more-fragments.")
        boolean moreFragments;

        @Option(names = "--frag-offset", paramLabel = "N", converter = NumberConverter.class,
                description = "Fragment offset in 8-byte units, 0..8191.")
        Long fragmentOffset;

        @Option(names = "--ip-options", paramLabel = "HEX", description = "Raw IPv4 options (padded to 4 bytes, at most 40).")
        String ipOptions;
    }

    @ArgGroup(exclusive = false)
    private IcmpFields icmpFields = new IcmpFields();

    /** Fields of the ICMP and ICMPv6 header. */
    static final class IcmpFields {
        @Option(names = "--icmp-type", paramLabel = "TYPE",
                description = "ICMP type: a number or a name (echo-request, timestamp, ...; default echo-request).")
        String type;

        @Option(names = "--icmp-code", paramLabel = "N", converter = NumberConverter.class, description = "ICMP code, 0..255.")
        Long code;

        @Option(names = "--icmp-id", paramLabel = "N", converter = NumberConverter.class,
                description = "ICMP identifier, 0..65535 (default: the process id).")
        Long id;

        @Option(names = "--icmp-seq", paramLabel = "N", converter = NumberConverter.class,
                description = "First ICMP sequence number, counting up per packet (default 1).")
        Long seq;

        @Option(names = "--icmp-mtu", paramLabel = "N", converter = NumberConverter.class,
                description = "Next-hop MTU of a fragmentation-needed unreachable (ICMP type 3, 0..65535; RFC 1191) or "
                        + "the MTU of an ICMPv6 packet-too-big (type 2).")
        Long mtu;

        @Option(names = "--icmp-gateway", paramLabel = "ADDR", description = "Gateway address of an ICMP redirect (type 5).")
        String gateway;

        @Option(names = "--icmp-pointer", paramLabel = "N", converter = NumberConverter.class,
                description = "Offending octet of an ICMP parameter problem (type 12, 0..255) or ICMPv6 (type 4).")
        Long pointer;

        @Option(names = "--nd-flags", paramLabel = "LETTERS",
                description = "Neighbour discovery flags: R, S, O of an ICMPv6 neighbor-advert (router, solicited, "
                        + "override), M, O of a router-advert (managed, other configuration); default none.")
        String ndFlags;

        @Option(names = "--nd-target", paramLabel = "ADDR",
                description = "Target address of an ICMPv6 neighbor-solicit, neighbor-advert or redirect (default ::).")
        String ndTarget;

        @Option(names = "--nd-destination", paramLabel = "ADDR",
                description = "Destination address of an ICMPv6 redirect (default ::).")
        String ndDestination;

        @Option(names = "--nd-sll", paramLabel = "MAC",
                description = "Source link-layer address option of an ICMPv6 router-solicit, router-advert or "
                        + "neighbor-solicit (default with -I: the interface's MAC, as the kernel sends them; "
                        + "none = leave it out).")
        String ndSll;

        @Option(names = "--nd-tll", paramLabel = "MAC",
                description = "Target link-layer address option of an ICMPv6 neighbor-advert (default with -I: the "
                        + "interface's MAC) or redirect (default none); none = leave it out.")
        String ndTll;

        @Option(names = "--nd-hop-limit", paramLabel = "N", converter = NumberConverter.class,
                description = "Cur hop limit of an ICMPv6 router-advert, 0..255 (default 0: unspecified).")
        Long ndHopLimit;

        @Option(names = "--nd-router-lifetime", paramLabel = "SECONDS", converter = NumberConverter.class,
                description = "Router lifetime of an ICMPv6 router-advert, 0..65535 (default 0: not a default router).")
        Long ndRouterLifetime;

        @Option(names = "--nd-reachable-time", paramLabel = "MS", converter = NumberConverter.class,
                description = "Reachable time of an ICMPv6 router-advert in milliseconds (default 0: unspecified).")
        Long ndReachableTime;

        @Option(names = "--nd-retrans-timer", paramLabel = "MS", converter = NumberConverter.class,
                description = "Retrans timer of an ICMPv6 router-advert in milliseconds (default 0: unspecified).")
        Long ndRetransTimer;
    }

    @ArgGroup(exclusive = false)
    private PortFields portFields = new PortFields();

    /** The ports of UDP and TCP. */
    static final class PortFields {
        @Option(names = "--sport", paramLabel = "LIST",
                description = "UDP/TCP source port (default: a random ephemeral port); a list or ranges send one probe "
                        + "per port (with --wait one port: each probe's counts up from it and names it).")
        String source;

        @Option(names = "--dport", paramLabel = "LIST",
                description = "UDP/TCP destination port (default 0 for UDP, 80 for TCP); a list or ranges "
                        + "(22,80,8000-8100) send one probe per port.")
        String destination;
    }

    @ArgGroup(exclusive = false)
    private TcpFields tcpFields = new TcpFields();

    /** Fields of the TCP header. */
    static final class TcpFields {
        @Option(names = "--flags", paramLabel = "LETTERS", description = "TCP flags from FSRPAUEC (default S).")
        String flags;

        @Option(names = "--seq", paramLabel = "N", converter = NumberConverter.class,
                description = "TCP sequence number (default random).")
        Long seq;

        @Option(names = "--ack", paramLabel = "N", converter = NumberConverter.class, description = "TCP acknowledgment number.")
        Long ack;

        @Option(names = "--win", paramLabel = "N", converter = NumberConverter.class, description = "TCP window (default 65535).")
        Long window;

        @Option(names = "--urg", paramLabel = "N", converter = NumberConverter.class, description = "TCP urgent pointer.")
        Long urgent;

        @Option(names = "--tcp-options", paramLabel = "HEX", description = "Raw TCP options (padded to 4 bytes, at most 40).")
        String options;
    }

    @ArgGroup(exclusive = false)
    private IgmpFields igmpFields = new IgmpFields();

    /** Fields of the IGMP message. */
    static final class IgmpFields {
        @Option(names = "--igmp-type", paramLabel = "TYPE",
                description = "IGMP type: " + Igmp.TYPE_NAMES + ", or a number (default query).")
        String type;

        @Option(names = "--igmp-group", paramLabel = "ADDR", description = "IGMP group address (default 0.0.0.0).")
        String group;

        @Option(names = "--igmp-max-resp", paramLabel = "N", converter = NumberConverter.class,
                description = "IGMP max response time in 1/10 s, 0..255 (default 100).")
        Long maxResponse;
    }

    @Option(names = CHECKSUM, paramLabel = "N", converter = NumberConverter.class,
            description = "Send this ICMP/UDP/TCP/IGMP checksum instead of the computed one (0..65535).")
    private Long checksum;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Payload payload;

    static final class Payload {
        @Option(names = "--data", paramLabel = "TEXT", description = "Payload: this text (UTF-8).")
        String text;

        @Option(names = "--hex", paramLabel = "HEX", description = "Payload: these bytes.")
        String hex;

        @Option(names = "--file", paramLabel = "PATH", description = "Payload: the contents of a file ('-' = stdin).")
        String file;

        @Option(names = "--size", paramLabel = "N", converter = NumberConverter.class,
                description = "Payload: N bytes counting 00 01 02 ...")
        Long size;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private WholePackets wholePackets;

    static final class WholePackets {
        @Option(names = "--stdin-hex",
                description = "Send whole IP packets (with --link: Ethernet frames), one line of hex each, from stdin.")
        boolean stdinHex;

        @Option(names = "--read-pcap", paramLabel = "FILE", description = "Replay the packets of a pcap file ('-' = stdin).")
        String pcap;
    }

    @Option(names = "--fix-checksums",
            description = "With --stdin-hex/--read-pcap: recompute each packet's IPv4 header and TCP/UDP/ICMP/ICMPv6/"
                    + "IGMP checksums (captures of loopback or veth traffic carry unfinished, offloaded checksums).")
    private boolean fixChecksums;

    @Option(names = "--timing", paramLabel = "MODE", completionCandidates = Candidates.Timings.class,
            description = "With --read-pcap: 'fast' (default, or --rate/--interval) or 'original' (the capture's spacing).")
    private String timing;

    @Option(names = {"-c", "--count"}, paramLabel = "N", converter = NumberConverter.class,
            description = "Packets to send, or with lists of targets, ports or TTLs rounds of every combination "
                    + "(default 1; 0 = until interrupted). With --stdin-hex/--read-pcap: at most N.")
    private Long count;

    @Option(names = {"-i", "--interval"}, paramLabel = "DUR", converter = DurationConverter.class,
            description = "Time between packets: 1s, 10ms, 250us (default 1s).")
    private Long interval;

    @Option(names = "--rate", paramLabel = "PPS", converter = NumberConverter.class, description = "Packets per second.")
    private Long rate;

    @Option(names = "--flood", description = "Send as fast as possible.")
    private boolean flood;

    @Option(names = "--wait", paramLabel = "DUR", arity = "0..1", fallbackValue = "1s", converter = DurationConverter.class,
            description = "Probe: print each reply (matched to its probe; with --link -p arp the ARP replies, as arping) "
                    + "with its round-trip time, and wait DUR (default 1s) for the last; exit 0 when any reply came, "
                    + "1 when none.")
    private Long waitFor;

    @Option(names = "--traceroute",
            description = "Trace the route: probes with TTL (hop limit) 1, 2, ... up to --ttl N (default 30), "
                    + "--count per hop (default 3), several hops in flight (paced by --interval or --rate when "
                    + "given), each waiting --wait (default 5s); a line per hop as traceroute prints it, until the "
                    + "destination answers (echo reply, port unreachable, syn-ack or rst). -p udp and -p tcp (SYN) "
                    + "probe too; -f json: an object per probe and per hop. Exit 0 when the destination was reached.")
    private boolean traceroute;

    @Option(names = {"-f", "--format"}, paramLabel = "FMT", completionCandidates = Candidates.SendFormats.class,
            description = "With --wait: text (default) or json (one object per reply, then a summary object); "
                    + "with --traceroute: an object per probe and per hop.")
    private String format;

    @Override
    public Integer call() throws IOException {
        SendSpec request = toSpec();
        return new SendJob(request, parent.console().in(), parent.console().out(), parent.console().err(),
                parent.console().stderrIsTerminal() && !request.quiet, Interrupts.install()).run();
    }

    /** Validates every option and builds the spec; throws UsageException before anything is sent. */
    SendSpec toSpec() throws IOException {
        if (targetWords != null && !targetWords.isEmpty()) {
            if (destination != null) {
                throw new UsageException("the destination is given twice: -d " + destination + " and "
                        + String.join(" ", targetWords));
            }
            destination = String.join(",", targetWords);
        }
        SendSpec.Builder s = new SendSpec.Builder();
        s.quiet = parent.quiet();
        s.user = parent.account();
        InterfaceOption.check(iface);
        readLink(s);
        readInput(s);
        readPacing(s);
        readWait(s);
        readTraceroute(s);
        if (s.input != SendSpec.Input.BUILD) {
            OptionSpec header = given(headerOptions());
            if (header != null) {
                throw new UsageException(notForWholePackets(header.longestName(), s.input));
            }
            if (destinationFile != null) {
                throw new UsageException(notForWholePackets("--dst-file", s.input));
            }
            if (destination != null || ipv6) {
                // Not rewritten and not used to route (which would send a packet where its header does
                // not say): a replayed packet goes where its own header sends it.
                throw new UsageException(notForWholePackets(destination != null ? "--dst" : "-6", s.input)
                        + (s.link ? ": each frame carries its own MACs" : ": each goes to the destination in its own header"));
            }
            s.iface = iface;
            return s.build();
        }
        if (destination == null && destinationFile == null) {
            throw new UsageException("--dst is required (the host to send to)");
        }
        readTargets(s);
        if (ipv6 && !s.ipv6) {
            throw new UsageException("-6: --dst " + destination + " is an IPv4 address");
        }
        if (s.link && protocol.equalsIgnoreCase("arp")) {
            if (s.ipv6) {
                throw new UsageException("--proto arp resolves IPv4 addresses; --dst " + destination + " is IPv6");
            }
            s.arp = true;
            s.protocol = 0;
            return finishArp(s);
        }
        s.protocol = parseProtocol(protocol, s.ipv6);
        if (source != null) {
            s.source = AddressOption.resolve("--src", source, s.ipv6);
            if ((s.source instanceof Inet6Address) != s.ipv6) {
                throw new UsageException("--src " + source + " is " + (s.ipv6 ? "IPv4" : "IPv6") + " but --dst is "
                        + (s.ipv6 ? "IPv6" : "IPv4"));
            }
        }
        OptionSpec arpField = given(group(ArpFields.class));
        if (arpField != null) {
            throw new UsageException(arpField.longestName() + " applies to --link -p arp, not to --proto " + protocol);
        }
        refuseOtherProtocols(s.protocol);
        if (s.waitNanos >= 0 && s.protocol != IpProtocol.ICMP && s.protocol != IpProtocol.ICMP6
                && s.protocol != IpProtocol.TCP && s.protocol != IpProtocol.UDP) {
            throw new UsageException((traceroute ? "--traceroute" : "--wait")
                    + " matches replies to icmp, icmp6, tcp and udp probes, not to --proto "
                    + protocol);
        }
        if (s.ipv6) {
            refuseIpv4Only();
        } else if (ipFields.flowLabel != null) {
            throw new UsageException("--flow-label is an IPv6 field; --dst " + destination + " is IPv4");
        }
        s.iface = iface;
        s.headerIncluded = ipFields.headerIncluded;
        readIpHeader(s);
        if (s.traceroute && s.ttl == null) {
            s.ttl = DEFAULT_MAX_HOPS;
        }
        readTransport(s);
        if (s.traceroute && s.protocol == IpProtocol.UDP && s.destinationPort == null) {
            s.destinationPort = TRACEROUTE_UDP_PORT;
        }
        s.payload = readPayload();
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
        TargetOption targets = new TargetOption(ipv6);
        if (destination != null) {
            targets.addList("--dst", destination);
        }
        if (destinationFile != null) {
            targets.addFile(destinationFile, parent.console().in());
        }
        s.targets = targets.build();
        s.destination = s.targets.first();
        s.ipv6 = s.targets.ipv6();
        if (link && s.targets.size() > 1) {
            throw new UsageException("--link sends to one destination: a list or block of targets does not apply");
        }
    }

    /** The longest --wait that makes sense: a probe's reply later than this is no reply. */
    private static final long MAX_WAIT_NANOS = 3_600_000_000_000L;

    private void readWait(SendSpec.Builder s) {
        if (format != null) {
            if (waitFor == null && !traceroute) {
                throw new UsageException("-f applies to the replies of --wait; without it send prints no data");
            }
            if (!format.equals("text") && !format.equals("json")) {
                throw new UsageException("-f '" + format + "' is not text or json");
            }
            s.jsonReplies = format.equals("json");
        }
        if (waitFor == null) {
            return;
        }
        if (waitFor > MAX_WAIT_NANOS) {
            throw new UsageException("--wait is longer than an hour: a reply that late answers no probe");
        }
        if (flood) {
            throw new UsageException("--wait with --flood: probes need time for their replies; use --rate or --interval");
        }
        if (s.input != SendSpec.Input.BUILD) {
            throw new UsageException(notForWholePackets("--wait", s.input));
        }
        if (link && !protocol.equalsIgnoreCase("arp")) {
            throw new UsageException("--wait with --link matches ARP replies only (-p arp); probe IP through the IP stack");
        }
        s.waitNanos = waitFor;
    }

    /** The refusal of an option that shapes packets when they come whole from --stdin-hex or --read-pcap. */
    private static String notForWholePackets(String option, SendSpec.Input input) {
        return option + " does not apply to whole packets from "
                + (input == SendSpec.Input.STDIN_HEX ? "--stdin-hex" : "--read-pcap");
    }

    /** traceroute's defaults: 30 hops, 3 probes per hop, 5 s for each probe's answer. */
    private static final int DEFAULT_MAX_HOPS = 30;
    private static final int DEFAULT_PROBES_PER_HOP = 3;
    private static final long DEFAULT_TRACE_WAIT_NANOS = 5_000_000_000L;
    /** traceroute's first UDP port (here every probe goes to it; the source port numbers the probe). */
    private static final int TRACEROUTE_UDP_PORT = 33434;

    /**
     * --traceroute: --ttl is the maximum hop, --count the probes per hop; without --interval or
     * --rate the probes leave as fast as the window of probes in flight allows.
     */
    private void readTraceroute(SendSpec.Builder s) {
        if (!traceroute) {
            return;
        }
        if (s.input != SendSpec.Input.BUILD) {
            throw new UsageException(notForWholePackets("--traceroute", s.input));
        }
        if (link) {
            throw new UsageException("--traceroute does not apply to --link frames (it probes through the IP stack)");
        }
        ValueList maxHop = ValueListOption.parse("--ttl", ipFields.ttl, 1, 255);
        if (maxHop != null && maxHop.varies()) {
            throw new UsageException("--ttl " + ipFields.ttl + " with --traceroute: one number, the maximum hop"
                    + " (the trace goes from 1 up to it)");
        }
        s.traceroute = true;
        s.count = count == null ? DEFAULT_PROBES_PER_HOP : Ranges.check("--count", count, 1, 10);
        if (waitFor == null) {
            s.waitNanos = DEFAULT_TRACE_WAIT_NANOS;
        }
        if (interval == null && rate == null) {
            s.intervalNanos = 0;
        }
    }

    private void readLink(SendSpec.Builder s) {
        s.link = link;
        if (!link) {
            List<OptionSpec> frameFields = new ArrayList<>(group(LinkFields.class));
            frameFields.addAll(group(VlanFields.class));
            OptionSpec frameField = given(frameFields);
            if (frameField != null) {
                throw new UsageException(frameField.longestName() + " needs --link (frames through a packet socket)");
            }
            return;
        }
        if (iface == null) {
            throw new UsageException("--link needs -I IFACE: a packet socket sends on one interface");
        }
        if (ipFields.headerIncluded) {
            throw new UsageException("--hdrincl does not apply to --link: rawsock writes the whole frame, "
                    + "IP header included");
        }
        s.sourceMac = mac("--src-mac", linkFields.sourceMac);
        s.destinationMac = mac("--dst-mac", linkFields.destinationMac);
        s.etherType = Ranges.optional("--ethertype", linkFields.etherType, 0, 0xffff);
        readVlan(s);
    }

    /** An S-tag and a C-tag: QinQ's two; deeper stacks are no convenience rawsock offers. */
    private static final int MAX_VLAN_TAGS = 2;

    private void readVlan(SendSpec.Builder s) {
        if (vlanFields.ids == null) {
            if (vlanFields.priority != null) {
                throw new UsageException("--vlan-prio needs --vlan (the priority of the tags it pushes)");
            }
            return;
        }
        if (vlanFields.ids.size() > MAX_VLAN_TAGS) {
            throw new UsageException("--vlan has " + vlanFields.ids.size() + " ids; at most " + MAX_VLAN_TAGS
                    + " (an outer 802.1ad and an inner 802.1Q tag)");
        }
        s.vlanIds = new int[vlanFields.ids.size()];
        for (int i = 0; i < s.vlanIds.length; i++) {
            s.vlanIds[i] = Ranges.check("--vlan", vlanFields.ids.get(i), 0, Vlan.MAX_VID);
        }
        if (vlanFields.priority != null) {
            s.vlanPriority = Ranges.check("--vlan-prio", vlanFields.priority, 0, Vlan.MAX_PCP);
        }
    }

    static byte[] mac(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }

    /** An ARP message needs only its addresses and the frame's; header options of IP protocols do not apply. */
    private SendSpec finishArp(SendSpec.Builder s) throws IOException {
        List<OptionSpec> fields = headerOptions();
        fields.remove(option(PROTO));
        fields.remove(option(SRC));
        for (Class<?> frame : List.of(LinkFields.class, VlanFields.class, ArpFields.class)) {
            fields.removeAll(group(frame));
        }
        OptionSpec field = given(fields);
        if (field != null) {
            throw new UsageException(field.longestName() + " does not apply to --proto arp");
        }
        s.source = ipv4("--src", source);
        if (arpFields.operation != null) {
            try {
                s.arpOperation = Arp.parseOperation(arpFields.operation);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--arp-op: " + e.getMessage());
            }
        }
        s.arpSenderMac = mac("--arp-sha", arpFields.senderMac);
        s.arpSenderIp = ipv4("--arp-spa", arpFields.senderIp);
        s.arpTargetMac = mac("--arp-tha", arpFields.targetMac);
        s.arpTargetIp = ipv4("--arp-tpa", arpFields.targetIp);
        if (s.waitNanos >= 0 && s.arpOperation != Arp.REQUEST) {
            throw new UsageException("--wait matches replies to ARP requests; --arp-op " + arpFields.operation
                    + " draws none");
        }
        s.iface = iface;
        return s.build();
    }

    /** An IPv4 address of the ARP message (the only kind ARP for IPv4 carries), or null when not given. */
    private static InetAddress ipv4(String option, String text) {
        if (text == null) {
            return null;
        }
        InetAddress address = AddressOption.resolve(option, text, false);
        if (!(address instanceof Inet4Address)) {
            throw new UsageException(option + " " + text + " is IPv6; ARP carries IPv4 addresses");
        }
        return address;
    }

    /**
     * The header fields of one protocol (an option group each): given with another protocol they
     * would be silently ignored.
     */
    private void refuseOtherProtocols(int number) {
        boolean icmp = number == IpProtocol.ICMP || number == IpProtocol.ICMP6;
        boolean tcp = number == IpProtocol.TCP;
        refuseUnless(icmp, IcmpFields.class, "icmp and icmp6", number);
        refuseUnless(tcp || number == IpProtocol.UDP, PortFields.class, "udp and tcp", number);
        refuseUnless(tcp, TcpFields.class, "tcp", number);
        refuseUnless(number == IpProtocol.IGMP, IgmpFields.class, "igmp", number);
    }

    private void refuseUnless(boolean applies, Class<?> fields, String protocols, int number) {
        OptionSpec option = applies ? null : given(group(fields));
        if (option != null) {
            throw new UsageException(option.longestName() + " applies to " + protocols + ", not to --proto "
                    + IpProtocol.name(number));
        }
    }

    /** Options that exist only in the IPv4 header: one line saying why they cannot apply. */
    private void refuseIpv4Only() {
        OptionSpec option = given(group(Ipv4Fields.class));
        if (option != null) {
            throw new UsageException(option.longestName() + " is an IPv4 header field; IPv6 has none"
                    + (option == option(DF) ? " (IPv6 routers never fragment)" : ""));
        }
    }

    // ---- which options were given, through picocli's model: a rule names an option group or an
    // option object, never an option's name written again, so renaming an option keeps its rules.

    /** Options that shape a built packet; they do not apply to whole packets from stdin or pcap. */
    private List<OptionSpec> headerOptions() {
        List<OptionSpec> options = new ArrayList<>(List.of(option(PROTO), option(SRC)));
        for (Class<?> fields : List.of(LinkFields.class, VlanFields.class, ArpFields.class, IpFields.class,
                Ipv4Fields.class, IcmpFields.class, PortFields.class, TcpFields.class, IgmpFields.class)) {
            options.addAll(group(fields));
        }
        options.add(option(CHECKSUM));
        options.addAll(group(Payload.class));
        return options;
    }

    /** The options of the group declared by {@code fields}. */
    private List<OptionSpec> group(Class<?> fields) {
        for (ArgGroupSpec group : spec.argGroups()) {
            if (group.typeInfo().getType() == fields) {
                return group.options();
            }
        }
        throw new IllegalStateException("no option group " + fields.getSimpleName());
    }

    private OptionSpec option(String name) {
        OptionSpec option = spec.findOption(name);
        if (option == null) {
            throw new IllegalStateException("no option " + name);
        }
        return option;
    }

    /** The first of {@code options} given on the command line, or null. */
    private OptionSpec given(List<OptionSpec> options) {
        for (OptionSpec option : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                return option;
            }
        }
        return null;
    }

    private void readInput(SendSpec.Builder s) {
        if (wholePackets != null && wholePackets.stdinHex) {
            s.input = SendSpec.Input.STDIN_HEX;
        } else if (wholePackets != null && wholePackets.pcap != null) {
            s.input = SendSpec.Input.READ_PCAP;
            s.inputPath = wholePackets.pcap;
        }
        if (fixChecksums && s.input == SendSpec.Input.BUILD) {
            throw new UsageException("--fix-checksums applies to whole packets from --stdin-hex or --read-pcap "
                    + "(rawsock computes the checksums of the packets it builds)");
        }
        s.fixChecksums = fixChecksums;
        if (timing != null) {
            if (s.input != SendSpec.Input.READ_PCAP) {
                throw new UsageException("--timing applies only to --read-pcap");
            }
            if (!timing.equals("original") && !timing.equals("fast")) {
                throw new UsageException("--timing '" + timing + "' is not 'fast' or 'original'");
            }
            s.originalTiming = timing.equals("original");
        }
    }

    private void readPacing(SendSpec.Builder s) {
        int pacers = (flood ? 1 : 0) + (interval != null ? 1 : 0) + (rate != null ? 1 : 0)
                + (s.originalTiming ? 1 : 0);
        if (pacers > 1) {
            throw new UsageException("choose one of --flood, --interval, --rate and --timing original");
        }
        if (count != null) {
            if (count < 0) {
                throw new UsageException("--count " + count + " is negative (0 means until interrupted)");
            }
            s.count = count;
        } else if (s.input != SendSpec.Input.BUILD) {
            s.count = 0;
        }
        s.flood = flood;
        if (flood || s.originalTiming) {
            s.intervalNanos = 0;
        } else if (rate != null) {
            long pps = Ranges.check("--rate", rate, 1, 100_000_000);
            s.intervalNanos = Math.max(1, 1_000_000_000L / pps);
        } else if (interval != null) {
            s.intervalNanos = interval;
        } else if (s.input != SendSpec.Input.BUILD) {
            s.intervalNanos = 0;
        }
    }

    private void readIpHeader(SendSpec.Builder s) {
        s.ttls = ValueListOption.parse("--ttl", ipFields.ttl, 1, 255);
        if (link && s.ttls != null && s.ttls.varies()) {
            throw new UsageException("--link sends one frame shape: a list of TTLs does not apply");
        }
        s.tos = Ranges.optional("--tos", ipFields.tos, 0, 255);
        s.ipId = Ranges.optional("--id", ipv4Fields.ipId, 0, 65535);
        s.dontFragment = ipv4Fields.dontFragment;
        s.moreFragments = ipv4Fields.moreFragments;
        s.fragmentOffset = Ranges.optional("--frag-offset", ipv4Fields.fragmentOffset, 0, 8191);
        s.ipOptions = HexConverter.option("--ip-options", ipv4Fields.ipOptions);
        if (s.ipOptions != null && s.ipOptions.length > 40) {
            throw new UsageException("--ip-options has " + s.ipOptions.length + " bytes (at most 40)");
        }
    }

    private void readTransport(SendSpec.Builder s) {
        if (s.ipv6) {
            s.icmpType = Icmpv6Types.ECHO_REQUEST;
        }
        if (icmpFields.type != null) {
            try {
                s.icmpType = s.ipv6 ? Icmpv6Types.parse(icmpFields.type) : IcmpTypes.parse(icmpFields.type);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--icmp-type " + e.getMessage());
            }
        }
        if (icmpFields.code != null) {
            s.icmpCode = Ranges.check("--icmp-code", icmpFields.code, 0, 255);
        }
        s.icmpId = icmpFields.id != null ? Ranges.check("--icmp-id", icmpFields.id, 0, 65535) : (int) (ProcessHandle.current().pid() & 0xffff);
        IcmpRestOfHeader.fill(s, icmpFields);
        if (icmpFields.seq != null) {
            s.icmpSeq = Ranges.check("--icmp-seq", icmpFields.seq, 0, 65535);
        }
        s.sourcePorts = ValueListOption.parse("--sport", portFields.source, 0, 65535);
        s.destinationPorts = ValueListOption.parse("--dport", portFields.destination, 0, 65535);
        if (s.waitNanos >= 0 && s.sourcePorts != null && s.sourcePorts.varies()) {
            throw new UsageException("--sport " + portFields.source + " with --wait: give one port; each probe's source "
                    + "port counts up from it and names the probe a reply answers");
        }
        if (link && (s.destinationPorts != null && s.destinationPorts.varies()
                || s.sourcePorts != null && s.sourcePorts.varies())) {
            throw new UsageException("--link sends one frame shape: port lists do not apply");
        }
        if (tcpFields.flags != null) {
            try {
                s.tcpFlags = TcpFlags.parse(tcpFields.flags);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--flags " + e.getMessage());
            }
        }
        if (tcpFields.seq != null) {
            s.tcpSeq = (long) Ranges.check("--seq", tcpFields.seq, 0, 0xffffffffL) & 0xffffffffL;
        }
        if (tcpFields.ack != null) {
            s.tcpAck = (long) Ranges.check("--ack", tcpFields.ack, 0, 0xffffffffL) & 0xffffffffL;
        }
        if (tcpFields.window != null) {
            s.tcpWindow = Ranges.check("--win", tcpFields.window, 0, 65535);
        }
        if (tcpFields.urgent != null) {
            s.tcpUrgent = Ranges.check("--urg", tcpFields.urgent, 0, 65535);
        }
        s.tcpOptions = HexConverter.option("--tcp-options", tcpFields.options);
        if (s.tcpOptions != null && s.tcpOptions.length > 40) {
            throw new UsageException("--tcp-options has " + s.tcpOptions.length + " bytes (at most 40)");
        }
        if (igmpFields.type != null) {
            s.igmpType = parseIgmpType(igmpFields.type);
        }
        if (igmpFields.group != null) {
            s.igmpGroup = AddressOption.resolve("--igmp-group", igmpFields.group, false);
            if (s.igmpGroup instanceof Inet6Address) {
                throw new UsageException("--igmp-group " + igmpFields.group + " is IPv6; IGMP groups are IPv4 (IPv6 uses MLD)");
            }
        }
        if (igmpFields.maxResponse != null) {
            s.igmpMaxResponse = Ranges.check("--igmp-max-resp", igmpFields.maxResponse, 0, 255);
        }
        s.checksum = Ranges.optional("--checksum", checksum, 0, 65535);
        s.flowLabel = Ranges.optional("--flow-label", ipFields.flowLabel, 0, 0xfffff);
    }

    private byte[] readPayload() throws IOException {
        if (payload == null) {
            return new byte[0];
        }
        if (payload.text != null) {
            return payload.text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (payload.hex != null) {
            return HexConverter.option("--hex", payload.hex);
        }
        if (payload.size != null) {
            int size = Ranges.check("--size", payload.size, 0, 65535);
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) i;
            }
            return bytes;
        }
        return readFile(payload.file, parent.console().in());
    }

    private static byte[] readFile(String path, InputStream stdin) throws IOException {
        try (InputStream in = path.equals("-") ? stdin : Files.newInputStream(Path.of(path))) {
            byte[] bytes = in.readNBytes(65536);
            if (bytes.length > 65535) {
                throw new UsageException("--file " + path + " is larger than 65535 bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new UsageException("--file " + path + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UsageException("--file " + path + ": permission denied");
        } catch (IOException e) {
            throw new UsageException("--file " + path + ": " + e.getMessage());
        }
    }

    private static int parseProtocol(String text, boolean ipv6) {
        if (text.equalsIgnoreCase("arp")) {
            throw new UsageException("--proto arp needs --link -I IFACE (ARP travels in Ethernet frames, not in IP)");
        }
        int number = ProtocolOption.parse(text, ipv6);
        if (ipv6 && number == IpProtocol.IGMP) {
            throw new UsageException("--proto igmp is IPv4 only (IPv6 uses MLD, in ICMPv6)");
        }
        return number;
    }

    private static int parseIgmpType(String text) {
        int named = Igmp.typeByName(text);
        if (named >= 0) {
            return named;
        }
        try {
            return Ranges.check("--igmp-type", NumberConverter.parse(text), 0, 255);
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new UsageException("--igmp-type '" + text + "' is not " + Igmp.TYPE_NAMES + " or 0..255");
        }
    }
}
