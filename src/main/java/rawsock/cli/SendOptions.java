package rawsock.cli;

import static rawsock.cli.OptionSpecs.flag;
import static rawsock.cli.OptionSpecs.group;
import static rawsock.cli.OptionSpecs.number;
import static rawsock.cli.OptionSpecs.option;
import static rawsock.cli.OptionSpecs.text;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import rawsock.packet.IcmpFields;
import rawsock.packet.IcmpTypes;
import rawsock.packet.Igmp;
import rawsock.packet.IgmpFields;
import rawsock.packet.TcpFields;
import rawsock.packet.TcpFlags;
import rawsock.packet.UdpFields;

/**
 * The options of {@code rawsock send}: one object per option and one group per header, built anew
 * for each model (an OptionSpec belongs to one command). {@link SendRequestReader} and its parts read
 * them; their rules name these objects and groups, never an option's name written again, so
 * renaming an option keeps its rules. {@link #addTo} adds them in the order --help lists them.
 */
final class SendOptions {
    final OptionSpec destination = text("HOSTS", "-d", "--dst")
            .description("Destinations, comma-separated: addresses, host names, CIDR blocks (169.254.92.0/28, "
                    + "fd99::/126; network and broadcast addresses included) and IPv4 octet ranges (169.254.92.1-20, "
                    + "169.254.91-92.1). Each is expanded as it is probed, in the order given.").build();

    final OptionSpec destinationFile = text("FILE", "--dst-file")
            .description("Destinations from a file ('-' = stdin), one item as for --dst per line; '#' starts a comment.")
            .build();

    /** ping, hping3 and nping take the host without an option: so does send. */
    final PositionalParamSpec hosts = PositionalParamSpec.builder().descriptionKey("").prompt("").arity("0..*").index("0..*").paramLabel("HOST")
            .type(List.class).auxiliaryTypes(String.class).description("Destinations, the same as -d HOSTS.").build();

    final OptionSpec ipv6 = flag("ipv6", "-6").description("Use IPv6 (implied by an address containing ':').").build();

    final OptionSpec protocol = text("PROTO", "-p", "--proto").defaultValue("icmp")
            .completionCandidates(new Candidates.SendProtocols())
            .description("icmp, icmp6, udp, tcp, igmp, raw, a protocol number 0..255, or with --link arp "
                    + "(default: ${DEFAULT-VALUE}; icmp means icmp6 over IPv6).").build();

    final OptionSpec source = text("ADDR", "-s", "--src")
            .description("Source address to write into the IP header (spoofing; implies IP_HDRINCL).").build();

    final OptionSpec iface = text("NAME", "-I", "--iface")
            .description("Send through this interface (SO_BINDTODEVICE).").build();

    final OptionSpec link = flag("link", "--link")
            .description("Send whole Ethernet frames through a packet socket on -I IFACE.").build();

    // Fields of the Ethernet frame: they need --link.
    final OptionSpec sourceMac = text("MAC", "--src-mac")
            .description("With --link: source MAC (default: the interface's).").build();
    final OptionSpec destinationMac = text("MAC", "--dst-mac")
            .description("With --link: destination MAC (default: broadcast for ARP, the neighbour table's entry for IP).")
            .build();
    final OptionSpec etherType = number("N", "--ethertype")
            .description("With --link: the frame's EtherType; one other than IPv4/IPv6/ARP carries just the payload.")
            .build();
    final ArgGroupSpec linkFields = group(false, sourceMac, destinationMac, etherType);

    // 802.1Q tags pushed on a --link frame.
    final OptionSpec vlanIds = option("--vlan").paramLabel("ID[,ID]").type(List.class)
            .auxiliaryTypes(Long.class).splitRegex(",").hideParamSyntax(true).converters(new NumberConverter())
            .description("With --link: tag the frame with VLAN ID (0..4095, 802.1Q); with two ids, QinQ: the outer "
                    + "tag 802.1ad (TPID 0x88a8), the inner 802.1Q (0x8100).").build();
    final OptionSpec vlanPriority = number("P", "--vlan-prio")
            .description("With --vlan: the priority (PCP) of every tag, 0..7 (default 0).").build();
    final ArgGroupSpec vlanFields = group(false, vlanIds, vlanPriority);

    // Fields of the ARP message (--link -p arp), as arping forges them.
    final OptionSpec arpOperation = text("OP", "--arp-op").completionCandidates(new Candidates.ArpOperations())
            .description("With -p arp: the operation, ${COMPLETION-CANDIDATES} or a number 0..65535 "
                    + "(default request; reply with --arp-spa equal to --dst is arping -A's announcement).").build();
    final OptionSpec arpSenderMac = text("MAC", "--arp-sha")
            .description("With -p arp: the sender hardware address (default: --src-mac, else the interface's).").build();
    final OptionSpec arpSenderIp = text("ADDR", "--arp-spa")
            .description("With -p arp: the sender IPv4 address (default: --src, else the interface's); "
                    + "--arp-spa equal to --dst makes a gratuitous ARP.").build();
    final OptionSpec arpTargetMac = text("MAC", "--arp-tha")
            .description("With -p arp: the target hardware address (default: zero in a request, "
                    + "the frame's destination in a reply).").build();
    final OptionSpec arpTargetIp = text("ADDR", "--arp-tpa")
            .description("With -p arp: the target IPv4 address (default: --dst).").build();
    final ArgGroupSpec arpFields = group(false, arpOperation, arpSenderMac, arpSenderIp, arpTargetMac, arpTargetIp);

    // Fields of the IP header that both versions have.
    final OptionSpec headerIncluded = flag("headerIncluded", "--hdrincl")
            .description("Write the IPv4 header ourselves even without --src.").build();
    final OptionSpec ttl = text("LIST", "--ttl")
            .description("Time to live (hop limit), 1..255; a list or ranges (1-30) send one probe per value.").build();
    final OptionSpec tos = number("N", "--tos").description("Type of service byte, 0..255.").build();
    final OptionSpec flowLabel = number("N", "--flow-label")
            .description("IPv6 flow label, 0..0xfffff (rawsock then writes the IPv6 header).").build();
    final ArgGroupSpec ipFields = group(false, headerIncluded, ttl, tos, flowLabel);

    // Fields only the IPv4 header has.
    final OptionSpec ipId = number("N", "--id").description("IPv4 identification, 0..65535.").build();
    final OptionSpec dontFragment = flag("dontFragment", "--df")
            .description("Set don't-fragment (the kernel refuses packets over the path MTU).").build();
    final OptionSpec moreFragments = flag("moreFragments", "--mf").description("Set more-fragments.").build();
    final OptionSpec fragmentOffset = number("N", "--frag-offset")
            .description("Fragment offset in 8-byte units, 0..8191.").build();
    final OptionSpec ipOptions = text("HEX", "--ip-options")
            .description("Raw IPv4 options (padded to 4 bytes, at most 40).").build();
    final ArgGroupSpec ipv4Fields = group(false, ipId, dontFragment, moreFragments, fragmentOffset, ipOptions);

    // Fields of the ICMP and ICMPv6 header.
    final OptionSpec icmpType = text("TYPE", "--icmp-type")
            .description("ICMP type: a number or a name (echo-request, timestamp, ...; default "
                    + IcmpTypes.name(IcmpFields.DEFAULT.type()) + ").").build();
    final OptionSpec icmpCode = number("N", "--icmp-code").description("ICMP code, 0..255.").build();
    final OptionSpec icmpId = number("N", "--icmp-id")
            .description("ICMP identifier, 0..65535 (default: the process id).").build();
    final OptionSpec icmpSeq = number("N", "--icmp-seq")
            .description("First ICMP sequence number, counting up per packet (default 1).").build();
    final OptionSpec icmpMtu = number("N", "--icmp-mtu")
            .description("Next-hop MTU of a fragmentation-needed unreachable (ICMP type 3, 0..65535; RFC 1191) or "
                    + "the MTU of an ICMPv6 packet-too-big (type 2).").build();
    final OptionSpec icmpGateway = text("ADDR", "--icmp-gateway")
            .description("Gateway address of an ICMP redirect (type 5).").build();
    final OptionSpec icmpPointer = number("N", "--icmp-pointer")
            .description("Offending octet of an ICMP parameter problem (type 12, 0..255) or ICMPv6 (type 4).").build();
    final OptionSpec ndFlags = text("LETTERS", "--nd-flags")
            .description("Neighbour discovery flags: R, S, O of an ICMPv6 neighbor-advert (router, solicited, "
                    + "override), M, O of a router-advert (managed, other configuration); default none.").build();
    final OptionSpec ndTarget = text("ADDR", "--nd-target")
            .description("Target address of an ICMPv6 neighbor-solicit, neighbor-advert or redirect (default ::).")
            .build();
    final OptionSpec ndDestination = text("ADDR", "--nd-destination")
            .description("Destination address of an ICMPv6 redirect (default ::).").build();
    final OptionSpec ndSll = text("MAC", "--nd-sll")
            .description("Source link-layer address option of an ICMPv6 router-solicit, router-advert or "
                    + "neighbor-solicit (default with -I: the interface's MAC, as the kernel sends them; "
                    + "none = leave it out).").build();
    final OptionSpec ndTll = text("MAC", "--nd-tll")
            .description("Target link-layer address option of an ICMPv6 neighbor-advert (default with -I: the "
                    + "interface's MAC) or redirect (default none); none = leave it out.").build();
    final OptionSpec ndHopLimit = number("N", "--nd-hop-limit")
            .description("Cur hop limit of an ICMPv6 router-advert, 0..255 (default 0: unspecified).").build();
    final OptionSpec ndRouterLifetime = number("SECONDS", "--nd-router-lifetime")
            .description("Router lifetime of an ICMPv6 router-advert, 0..65535 (default 0: not a default router).")
            .build();
    final OptionSpec ndReachableTime = number("MS", "--nd-reachable-time")
            .description("Reachable time of an ICMPv6 router-advert in milliseconds (default 0: unspecified).").build();
    final OptionSpec ndRetransTimer = number("MS", "--nd-retrans-timer")
            .description("Retrans timer of an ICMPv6 router-advert in milliseconds (default 0: unspecified).").build();
    final ArgGroupSpec icmpFields = group(false, icmpType, icmpCode, icmpId, icmpSeq, icmpMtu, icmpGateway,
            icmpPointer, ndFlags, ndTarget, ndDestination, ndSll, ndTll, ndHopLimit, ndRouterLifetime,
            ndReachableTime, ndRetransTimer);

    // The ports of UDP and TCP.
    final OptionSpec sourcePort = text("LIST", "--sport")
            .description("UDP/TCP source port (default: a random ephemeral port); a list or ranges send one probe "
                    + "per port (with --wait one port: each probe's counts up from it and names it).").build();
    final OptionSpec destinationPort = text("LIST", "--dport")
            .description("UDP/TCP destination port (default " + UdpFields.DEFAULT.destinationPort() + " for UDP, "
                    + TcpFields.DEFAULT.destinationPort() + " for TCP); a list or ranges "
                    + "(22,80,8000-8100) send one probe per port.").build();
    final ArgGroupSpec portFields = group(false, sourcePort, destinationPort);

    // Fields of the TCP header.
    final OptionSpec tcpFlags = text("LETTERS", "--flags").description("TCP flags from FSRPAUEC (default " + TcpFlags.format(TcpFields.DEFAULT.flags()) + ").").build();
    final OptionSpec tcpSeq = number("N", "--seq").description("TCP sequence number (default random).").build();
    final OptionSpec tcpAck = number("N", "--ack").description("TCP acknowledgment number.").build();
    final OptionSpec tcpWindow = number("N", "--win").description("TCP window (default " + TcpFields.DEFAULT.window() + ").").build();
    final OptionSpec tcpUrgent = number("N", "--urg").description("TCP urgent pointer.").build();
    final OptionSpec tcpOptions = text("HEX", "--tcp-options")
            .description("Raw TCP options (padded to 4 bytes, at most 40).").build();
    final ArgGroupSpec tcpFields = group(false, tcpFlags, tcpSeq, tcpAck, tcpWindow, tcpUrgent, tcpOptions);

    // Fields of the IGMP message.
    final OptionSpec igmpType = text("TYPE", "--igmp-type")
            .description("IGMP type: " + Igmp.TYPE_NAMES + ", or a number (default query).").build();
    final OptionSpec igmpGroup = text("ADDR", "--igmp-group").description("IGMP group address (default 0.0.0.0).")
            .build();
    final OptionSpec igmpMaxResponse = number("N", "--igmp-max-resp")
            .description("IGMP max response time in 1/10 s, 0..255 (default " + IgmpFields.DEFAULT.maxResp() + ").").build();
    final ArgGroupSpec igmpFields = group(false, igmpType, igmpGroup, igmpMaxResponse);

    final OptionSpec checksum = number("N", "--checksum")
            .description("Send this ICMP/UDP/TCP/IGMP checksum instead of the computed one (0..65535).").build();

    // The payload: one of these at most.
    final OptionSpec data = text("TEXT", "--data").description("Payload: this text (UTF-8).").build();
    final OptionSpec hex = text("HEX", "--hex").description("Payload: these bytes.").build();
    final OptionSpec file = text("PATH", "--file").description("Payload: the contents of a file ('-' = stdin).").build();
    final OptionSpec size = number("N", "--size").description("Payload: N bytes counting 00 01 02 ...").build();
    final ArgGroupSpec payload = group(true, data, hex, file, size);

    // Whole packets instead of a built one: one of these at most.
    final OptionSpec stdinHex = flag("stdinHex", "--stdin-hex").initialValue(null)
            .description("Send whole IP packets (with --link: Ethernet frames), one line of hex each, from stdin.")
            .build();
    final OptionSpec readPcap = text("FILE", "--read-pcap")
            .description("Replay the packets of a pcap file ('-' = stdin).").build();
    final ArgGroupSpec wholePackets = group(true, stdinHex, readPcap);

    final OptionSpec fixChecksums = flag("fixChecksums", "--fix-checksums")
            .description("With --stdin-hex/--read-pcap: recompute each packet's IPv4 header and TCP/UDP/ICMP/ICMPv6/"
                    + "IGMP checksums (captures of loopback or veth traffic carry unfinished, offloaded checksums).")
            .build();

    final OptionSpec timing = text("MODE", "--timing").completionCandidates(new Candidates.Timings())
            .description("With --read-pcap: 'fast' (default, or --rate/--interval) or 'original' (the capture's spacing).")
            .build();

    final OptionSpec count = number("N", "-c", "--count")
            .description("Packets to send, or with lists of targets, ports or TTLs rounds of every combination "
                    + "(default 1; 0 = until interrupted). With --stdin-hex/--read-pcap: at most N.").build();

    final OptionSpec interval = option("-i", "--interval").paramLabel("DUR").type(Long.class)
            .converters(new DurationConverter())
            .description("Time between packets: 1s, 10ms, 250us (default 1s).").build();

    final OptionSpec rate = number("PPS", "--rate").description("Packets per second.").build();

    final OptionSpec flood = flag("flood", "--flood").description("Send as fast as possible.").build();

    final OptionSpec waitFor = option("--wait").paramLabel("DUR").type(Long.class).arity("0..1")
            .fallbackValue("1s").converters(new DurationConverter())
            .description("Probe: print each reply (matched to its probe; with --link -p arp the ARP replies, as arping) "
                    + "with its round-trip time, and wait DUR (default 1s) for the last; exit 0 when any reply came, "
                    + "1 when none.").build();

    final OptionSpec traceroute = flag("traceroute", "--traceroute")
            .description("Trace the route: probes with TTL (hop limit) 1, 2, ... up to --ttl N (default 30), "
                    + "--count per hop (default 3), several hops in flight (paced by --interval or --rate when "
                    + "given), each waiting --wait (default 5s); a line per hop as traceroute prints it, until the "
                    + "destination answers (echo reply, port unreachable, syn-ack or rst). -p udp and -p tcp (SYN) "
                    + "probe too; -f json: an object per probe and per hop. Exit 0 when the destination was reached.")
            .build();

    final OptionSpec format = text("FMT", "-f", "--format").completionCandidates(new Candidates.SendFormats())
            .description("With --wait: text (default) or json (one object per reply, then a summary object); "
                    + "with --traceroute: an object per probe and per hop.").build();

    /** The groups of header fields, each of which applies to some packets only. */
    List<ArgGroupSpec> headerGroups() {
        return List.of(linkFields, vlanFields, arpFields, ipFields, ipv4Fields, icmpFields, portFields, tcpFields,
                igmpFields);
    }

    /** Options that shape a built packet (they do not apply to whole packets from stdin or pcap); a new list each call. */
    List<OptionSpec> headerOptions() {
        List<OptionSpec> options = new ArrayList<>(List.of(protocol, source));
        for (ArgGroupSpec fields : headerGroups()) {
            options.addAll(fields.options());
        }
        options.add(checksum);
        options.addAll(payload.options());
        return options;
    }

    /** Adds every option and group to {@code command}, in the order --help lists them. */
    void addTo(CommandSpec command) {
        command.addOption(destination);
        command.addOption(destinationFile);
        command.addPositional(hosts);
        for (OptionSpec option : List.of(ipv6, protocol, source, iface, link)) {
            command.addOption(option);
        }
        for (ArgGroupSpec group : headerGroups()) {
            command.addArgGroup(group);
        }
        command.addOption(checksum);
        command.addArgGroup(payload);
        command.addArgGroup(wholePackets);
        for (OptionSpec option : List.of(fixChecksums, timing, count, interval, rate, flood, waitFor, traceroute,
                format)) {
            command.addOption(option);
        }
    }
}
