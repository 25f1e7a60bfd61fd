package rawsock.app;

import java.net.InetAddress;

/**
 * Everything {@code send} needs, validated by the command line before any socket is opened.
 * A plain holder: the command line fills it, {@link SendJob} reads it. Null means "not given:
 * use the default or let the kernel decide".
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

    public Input input = Input.BUILD;
    /** --read-pcap FILE, "-" for stdin. */
    public String inputPath;
    /** --timing original: replay with the capture's own spacing. */
    public boolean originalTiming;
    /** --fix-checksums: recompute the checksums of whole packets before sending them. */
    public boolean fixChecksums;

    public InetAddress destination;
    /** IPv6 (-6 or an IPv6 destination): AF_INET6 sockets, ICMPv6, the IPv6 pseudo-header. */
    public boolean ipv6;
    public int protocol = 1;
    public InetAddress source;
    public String iface;
    public boolean headerIncluded;

    /** Hop limit on IPv6. */
    public Integer ttl;
    /** Traffic class on IPv6. */
    public Integer tos;
    /** IPv6 flow label (20 bits); makes rawsock write the IPv6 header. */
    public Integer flowLabel;
    public Integer ipId;
    public boolean dontFragment;
    public boolean moreFragments;
    public Integer fragmentOffset;
    public byte[] ipOptions;

    public int icmpType = 8;
    public int icmpCode;
    public int icmpId;
    public int icmpSeq = 1;
    /** Bytes 4-7 of an ICMP/ICMPv6 type without identifier and sequence (MTU, gateway, pointer); 0 by default. */
    public long icmpRest;

    public Integer sourcePort;
    public Integer destinationPort;
    public int tcpFlags = 0x02;
    public Long tcpSeq;
    public Long tcpAck;
    public int tcpWindow = rawsock.packet.TcpBuilder.DEFAULT_WINDOW;
    public int tcpUrgent;
    public byte[] tcpOptions;

    public int igmpType = 0x11;
    public int igmpMaxResponse = 100;
    public InetAddress igmpGroup;

    /** --link: whole Ethernet frames through a packet socket on {@link #iface}. */
    public boolean link;
    /** --proto arp (with --link): an ARP request for {@link #destination}. */
    public boolean arp;
    /** --src-mac; null = the interface's own address. */
    public byte[] sourceMac;
    /** --dst-mac; null = broadcast for ARP, the neighbour table's entry for IP. */
    public byte[] destinationMac;
    /** --ethertype; null = from the payload (IPv4, IPv6, ARP). */
    public Integer etherType;

    /** --checksum: sent instead of the computed transport checksum. */
    public Integer checksum;

    public byte[] payload = new byte[0];

    /** Packets to send; 0 = until interrupted. */
    public long count = 1;
    /** Spacing; 0 with {@link #flood}. */
    public long intervalNanos = 1_000_000_000L;
    public boolean flood;

    /** --wait: how long to wait for each probe's reply (ns); -1 = do not watch for replies. */
    public long waitNanos = -1;
    /** -f json: replies as NDJSON (with --wait). */
    public boolean jsonReplies;

    /** -q: no summary or progress on stderr. */
    public boolean quiet;

    /** --user: the account to become once the sockets are open; null = stay. */
    public rawsock.net.Privileges.Account user;

    /**
     * True when the tool writes the IP header itself (IP_HDRINCL, or IPV6_HDRINCL through an
     * IPPROTO_RAW socket): for a spoofed source, for header fields no socket option sets, and for
     * protocols 0 and 255. On IPv6 also for a chosen ICMPv6 checksum, which the kernel would
     * otherwise always compute. Frames sent through a packet socket always carry our header.
     */
    public boolean writesIpHeader() {
        if (link) {
            return true;
        }
        boolean header = headerIncluded || source != null || ipId != null || moreFragments || fragmentOffset != null
                || ipOptions != null || flowLabel != null || protocol == 0 || protocol == 255;
        return header || (ipv6 && protocol == 58 && checksum != null);
    }
}
