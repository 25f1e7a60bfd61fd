package rawsock.app;

import java.net.InetAddress;
import rawsock.packet.ArpFields;
import rawsock.packet.IcmpFields;
import rawsock.packet.IgmpFields;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4;
import rawsock.packet.Ipv6;
import rawsock.packet.TcpFields;
import rawsock.packet.UdpFields;

/**
 * Everything {@code send} needs, validated by the command line before any socket is opened, and
 * immutable from then on: the command line fills a {@link Builder}, {@link SendJob} reads the
 * result. Null means "not given: use the default or let the kernel decide".
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

    public final Input input;
    /** --read-pcap FILE, "-" for stdin. */
    public final String inputPath;
    /** --timing original: replay with the capture's own spacing. */
    public final boolean originalTiming;
    /** --fix-checksums: recompute the checksums of whole packets before sending them. */
    public final boolean fixChecksums;

    /** The first target (of {@link #targets}): what a single-destination run sends to. */
    public final InetAddress destination;
    /** Every target of --dst and --dst-file, expanded on demand; null for whole packets. */
    public final TargetList targets;
    /** IPv6 (-6 or an IPv6 destination): AF_INET6 sockets, ICMPv6, the IPv6 pseudo-header. */
    public final boolean ipv6;
    public final int protocol;
    public final InetAddress source;
    public final String iface;
    public final boolean headerIncluded;

    /**
     * The TTLs (hop limits on IPv6) of the probes, one probe per value: --ttl as a list or range,
     * else the single default the command line chose (the maximum hop of --traceroute, 255 for
     * neighbour discovery); null = the kernel's or, where rawsock writes the header, 64.
     */
    public final ValueList ttls;
    /** Traffic class on IPv6. */
    public final Integer tos;
    /** IPv6 flow label (20 bits); makes rawsock write the IPv6 header. */
    public final Integer flowLabel;
    public final Integer ipId;
    public final boolean dontFragment;
    public final boolean moreFragments;
    public final Integer fragmentOffset;
    public final byte[] ipOptions;

    public final int icmpType;
    public final int icmpCode;
    public final int icmpId;
    public final int icmpSeq;
    /** Bytes 4-7 of an ICMP/ICMPv6 type without identifier and sequence (MTU, gateway, pointer); 0 by default. */
    public final long icmpRest;
    /** ICMPv6 bytes after the 8-byte header, before the payload: a neighbour discovery message's fixed part and options. */
    public final byte[] icmpBody;

    /**
     * --sport and --dport as lists or ranges, one probe per value (or the command line's single
     * default: UDP port 33434 for --traceroute); null when not given.
     */
    public final ValueList sourcePorts;
    public final ValueList destinationPorts;
    public final int tcpFlags;
    public final Long tcpSeq;
    public final Long tcpAck;
    public final int tcpWindow;
    public final int tcpUrgent;
    public final byte[] tcpOptions;

    public final int igmpType;
    public final int igmpMaxResponse;
    public final InetAddress igmpGroup;

    /** --link: whole Ethernet frames through a packet socket on {@link #iface}. */
    public final boolean link;
    /** --proto arp (with --link): an ARP message about {@link #destination} (a request unless --arp-op). */
    public final boolean arp;
    /** --src-mac; null = the interface's own address. */
    public final byte[] sourceMac;
    /** --dst-mac; null = broadcast for ARP, the neighbour table's entry for IP. */
    public final byte[] destinationMac;
    /** --ethertype; null = from the payload (IPv4, IPv6, ARP). */
    public final Integer etherType;
    /** --vlan: the VLAN ids of the frame's tags, outermost first; empty = untagged. */
    public final int[] vlanIds;
    /** --vlan-prio: the priority (PCP, 0..7) of every tag. */
    public final int vlanPriority;

    /** --arp-op: the ARP operation ({@link rawsock.packet.Arp#REQUEST} unless given). */
    public final int arpOperation;
    /** --arp-sha; null = --src-mac, else the interface's MAC. */
    public final byte[] arpSenderMac;
    /** --arp-spa; null = --src, else the interface's IPv4 address. */
    public final InetAddress arpSenderIp;
    /** --arp-tha; null = zero in a request, the frame's destination MAC in any other operation. */
    public final byte[] arpTargetMac;
    /** --arp-tpa; null = {@link #destination}. */
    public final InetAddress arpTargetIp;

    /** --checksum: sent instead of the computed transport checksum. */
    public final Integer checksum;

    public final byte[] payload;

    /** Packets to send; 0 = until interrupted. */
    public final long count;
    /** Spacing; 0 with {@link #flood}. */
    public final long intervalNanos;
    public final boolean flood;

    /** --wait: how long to wait for each probe's reply (ns); -1 = do not watch for replies. */
    public final long waitNanos;
    /** -f json: replies as NDJSON (with --wait). */
    public final boolean jsonReplies;

    /**
     * --traceroute: probes with TTL 1, 2, ... up to {@link #ttl} (the maximum hop), {@link #count}
     * per hop, until the destination answers (see TracerouteJob).
     */
    public final boolean traceroute;

    /** -q: no summary or progress on stderr. */
    public final boolean quiet;

    /** --user: the account to become once the sockets are open; null = stay. */
    public final DropPrivileges.User user;

    private SendSpec(Builder b) {
        this.input = b.input;
        this.inputPath = b.inputPath;
        this.originalTiming = b.originalTiming;
        this.fixChecksums = b.fixChecksums;
        this.targets = b.targets != null ? b.targets : b.destination != null ? TargetList.of(b.destination) : null;
        this.destination = this.targets != null ? this.targets.first() : null;
        this.ipv6 = b.ipv6;
        this.protocol = b.protocol;
        this.source = b.source;
        this.iface = b.iface;
        this.headerIncluded = b.headerIncluded;
        this.ttls = listOr(b.ttls, b.ttl);
        this.tos = b.tos;
        this.flowLabel = b.flowLabel;
        this.ipId = b.ipId;
        this.dontFragment = b.dontFragment;
        this.moreFragments = b.moreFragments;
        this.fragmentOffset = b.fragmentOffset;
        this.ipOptions = b.ipOptions;
        this.icmpType = b.icmpType;
        this.icmpCode = b.icmpCode;
        this.icmpId = b.icmpId;
        this.icmpSeq = b.icmpSeq;
        this.icmpRest = b.icmpRest;
        this.icmpBody = b.icmpBody;
        this.sourcePorts = listOr(b.sourcePorts, b.sourcePort);
        this.destinationPorts = listOr(b.destinationPorts, b.destinationPort);
        this.tcpFlags = b.tcpFlags;
        this.tcpSeq = b.tcpSeq;
        this.tcpAck = b.tcpAck;
        this.tcpWindow = b.tcpWindow;
        this.tcpUrgent = b.tcpUrgent;
        this.tcpOptions = b.tcpOptions;
        this.igmpType = b.igmpType;
        this.igmpMaxResponse = b.igmpMaxResponse;
        this.igmpGroup = b.igmpGroup;
        this.link = b.link;
        this.arp = b.arp;
        this.sourceMac = b.sourceMac;
        this.destinationMac = b.destinationMac;
        this.etherType = b.etherType;
        this.vlanIds = b.vlanIds.clone();
        this.vlanPriority = b.vlanPriority;
        this.arpOperation = b.arpOperation;
        this.arpSenderMac = b.arpSenderMac;
        this.arpSenderIp = b.arpSenderIp;
        this.arpTargetMac = b.arpTargetMac;
        this.arpTargetIp = b.arpTargetIp;
        this.checksum = b.checksum;
        this.payload = b.payload;
        this.count = b.count;
        this.intervalNanos = b.intervalNanos;
        this.flood = b.flood;
        this.waitNanos = b.waitNanos;
        this.jsonReplies = b.jsonReplies;
        this.traceroute = b.traceroute;
        this.quiet = b.quiet;
        this.user = b.user;
    }

    /** The list given, else a list of the single value, else null. */
    private static ValueList listOr(ValueList list, Integer single) {
        return list != null ? list : single != null ? ValueList.of(single) : null;
    }

    /** The first probe's TTL (IPv6 hop limit; for --traceroute the maximum hop), or null: not given. */
    public Integer ttl() {
        return ttls == null ? null : ttls.first();
    }

    /** The first probe's source port, or null: a random ephemeral port. */
    public Integer sourcePort() {
        return sourcePorts == null ? null : sourcePorts.first();
    }

    /** The first probe's destination port: the first of --dport, else the protocol's default (TCP 80, UDP 0). */
    public int destinationPort() {
        if (destinationPorts != null) {
            return destinationPorts.first();
        }
        return protocol == IpProtocol.TCP ? TcpFields.DEFAULT.destinationPort() : UdpFields.DEFAULT.destinationPort();
    }

    /**
     * True when the tool writes the IP header itself (IP_HDRINCL, or IPV6_HDRINCL through a
     * raw socket of protocol 255): for a spoofed source, for header fields no socket option sets, and for
     * protocols 0 and 255. On IPv6 also for a chosen ICMPv6 checksum, which the kernel would
     * otherwise always compute. Frames sent through a packet socket always carry our header.
     */
    public boolean writesIpHeader() {
        if (link) {
            return true;
        }
        boolean header = headerIncluded || source != null || ipId != null || moreFragments || fragmentOffset != null
                || ipOptions != null || flowLabel != null || protocol == IpProtocol.HOPOPT || protocol == IpProtocol.RAW;
        return header || (ipv6 && protocol == IpProtocol.ICMP6 && checksum != null);
    }

    /** Which probe goes at which index: every target x TTL x port combination, round after round. */
    public ProbePlan plan() {
        return new ProbePlan(targets, ttls, destinationPorts, sourcePorts);
    }

    /** IPv4 carries at most this many bytes, its header included; IPv6 as many after its header. */
    public static final int MAX_IP_PACKET = 65535;

    /** A later IPv4 fragment (offset above 0): it carries only data, the transport header went in the first. */
    public boolean laterFragment() {
        return !ipv6 && fragmentOffset != null && fragmentOffset > 0;
    }

    /**
     * The transport header rawsock builds: the protocol's, TCP's with its options padded to 4
     * bytes; none in a later fragment.
     */
    public int transportHeaderLength() {
        if (laterFragment()) {
            return 0;
        }
        return IpProtocol.builtHeaderLength(protocol) + (protocol == IpProtocol.TCP ? padded(tcpOptions) : 0)
                + (protocol == IpProtocol.ICMP6 ? icmpBody.length : 0);
    }

    /**
     * The IP packet on the wire for a payload of {@code payloadLength} bytes: its header (IPv6's,
     * or IPv4's with its options, whoever writes it), the transport header and the payload.
     */
    public long ipPacketLength(int payloadLength) {
        int header = ipv6 ? Ipv6.HEADER_LENGTH : Ipv4.MIN_HEADER + padded(ipOptions);
        return (long) header + transportHeaderLength() + payloadLength;
    }

    private static int padded(byte[] options) {
        return options == null ? 0 : (options.length + 3) & ~3;
    }

    /**
     * The spec while the command line fills it: the one place the defaults live (a field left
     * alone keeps its default; null means "not given: use the default or let the kernel decide").
     * {@link #build} freezes it.
     */
    public static final class Builder {
        public Input input = Input.BUILD;
        public String inputPath;
        public boolean originalTiming;
        public boolean fixChecksums;

        public InetAddress destination;
        /** Several targets (or blocks); when set, {@link #destination} is ignored. */
        public TargetList targets;
        public boolean ipv6;
        public int protocol = IpProtocol.ICMP;
        public InetAddress source;
        public String iface;
        public boolean headerIncluded;

        /** A TTL for when --ttl gives none (see {@link SendSpec#ttls}); --ttl's list wins. */
        public Integer ttl;
        public ValueList ttls;
        public Integer tos;
        public Integer flowLabel;
        public Integer ipId;
        public boolean dontFragment;
        public boolean moreFragments;
        public Integer fragmentOffset;
        public byte[] ipOptions;

        public int icmpType = IcmpFields.DEFAULT.type();
        public int icmpCode;
        public int icmpId;
        public int icmpSeq = 1;
        public long icmpRest;
        public byte[] icmpBody = new byte[0];

        /** Ports for when --sport/--dport give none (see {@link SendSpec#sourcePorts}); the lists win. */
        public Integer sourcePort;
        public Integer destinationPort;
        public ValueList sourcePorts;
        public ValueList destinationPorts;
        public int tcpFlags = TcpFields.DEFAULT.flags();
        public Long tcpSeq;
        public Long tcpAck;
        public int tcpWindow = TcpFields.DEFAULT.window();
        public int tcpUrgent;
        public byte[] tcpOptions;

        public int igmpType = IgmpFields.DEFAULT.type();
        public int igmpMaxResponse = IgmpFields.DEFAULT.maxResp();
        public InetAddress igmpGroup;

        public boolean link;
        public boolean arp;
        public byte[] sourceMac;
        public byte[] destinationMac;
        public Integer etherType;
        public int[] vlanIds = new int[0];
        public int vlanPriority;

        public int arpOperation = ArpFields.DEFAULT.operation();
        public byte[] arpSenderMac;
        public InetAddress arpSenderIp;
        public byte[] arpTargetMac;
        public InetAddress arpTargetIp;

        public Integer checksum;

        public byte[] payload = new byte[0];

        public long count = 1;
        public long intervalNanos = 1_000_000_000L;
        public boolean flood;

        public long waitNanos = -1;
        public boolean jsonReplies;

        public boolean traceroute;

        public boolean quiet;

        public DropPrivileges.User user;

        public SendSpec build() {
            return new SendSpec(this);
        }
    }
}
