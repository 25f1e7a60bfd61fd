package rawsock.app;

import rawsock.packet.AddressFormat;
import rawsock.packet.DecodedPacket;
import rawsock.packet.Icmp;
import rawsock.packet.IcmpTypes;
import rawsock.packet.Icmpv6;
import rawsock.packet.Icmpv6Types;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4;
import rawsock.packet.Ipv6;
import rawsock.packet.Layer;
import rawsock.packet.Tcp;
import rawsock.packet.TcpFlags;
import rawsock.packet.Udp;

/**
 * Decides whether a received packet answers one of our probes, and which: an ICMP echo reply by
 * identifier and sequence number; a TCP segment by ports and the numbers RFC 793 gives a reset
 * (see {@link #tcpAnswers}); a UDP
 * datagram by ports; an ICMP error by the probe it quotes. {@link #confirm} then checks the
 * probe's own target and port (a run may probe many). Anything else (another process's
 * ping, a second rawsock) is not ours. An ICMP error is an answer only when the destination
 * itself says its port (or, for other protocols, the protocol) is closed; from anyone else, or
 * of any other kind, it is an error, as ping counts it: shown, but no reply.
 */
final class ReplyMatcher {
    private final int protocol;
    private final String destination;
    private final int destinationPort;
    private final int icmpId;
    private final int firstSequence;
    private final int expectedReplyType;
    private final PacketTemplate template;
    /** What a segment answering ours acknowledges: our sequence + length (SYN and FIN count one). */
    private final long expectedAck;
    /** True when our probe occupies sequence space, so every answer acknowledges it. */
    private final boolean ackIdentifies;
    /** True when our probe carries ACK: a reset then takes its sequence number from our ack field. */
    private final boolean probeHasAck;
    private final long probeAck;

    ReplyMatcher(SendSpec spec, PacketTemplate template) {
        this.protocol = spec.protocol;
        this.destination = text(spec.destination);
        this.destinationPort = spec.destinationPort();
        this.icmpId = spec.icmpId;
        this.firstSequence = spec.icmpSeq;
        this.expectedReplyType = replyType(spec);
        this.template = template;
        // SYN and FIN each count as one byte of sequence space; the answer acknowledges them.
        int flagBytes = ((spec.tcpFlags & 0x02) != 0 ? 1 : 0) + ((spec.tcpFlags & 0x01) != 0 ? 1 : 0);
        this.ackIdentifies = flagBytes + spec.payload.length > 0;
        this.expectedAck = (template.tcpSequence() + spec.payload.length + flagBytes) & 0xffffffffL;
        this.probeHasAck = (spec.tcpFlags & TcpFlags.ACK) != 0;
        this.probeAck = spec.tcpAck == null ? 0 : spec.tcpAck & 0xffffffffL;
    }

    /** The reply type an ICMP request draws (echo 8 -> 0, timestamp 13 -> 14, ICMPv6 128 -> 129). */
    private static int replyType(SendSpec spec) {
        return spec.protocol == IpProtocol.ICMP6 ? Icmpv6Types.replyType(spec.icmpType)
                : IcmpTypes.replyType(spec.icmpType);
    }

    /** The ICMP type a reply to our probes has, or -1 when they draw none. */
    int expectedReplyType() {
        return expectedReplyType;
    }

    /** The port our UDP/TCP probes go to, whose answers come from it. */
    int destinationPort() {
        return destinationPort;
    }

    /** The destination as replies name it (RFC 5952 text for IPv6). */
    String destination() {
        return destination;
    }

    /** An address as replies name it (RFC 5952 text for IPv6). */
    static String text(java.net.InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? AddressFormat.ipv4(bytes) : AddressFormat.ipv6(bytes);
    }

    /** How many keys a probe run cycles through before they repeat. */
    long keySpan() {
        return isIcmp(protocol) ? 65536 : 65535;
    }

    /**
     * Returns the key offset of the probe {@code packet} answers (0 for the first probe), or -1
     * when it answers none of ours; fills {@code reply} for a match.
     */
    long match(DecodedPacket packet, Reply reply) {
        if (packet.size() < 2) {
            return -1;
        }
        Layer network = packet.layer(0);
        Layer transport = packet.layer(1);
        reply.from = packet.src();
        reply.ttl = arrivalTtl(network);
        if (transport instanceof Icmp) {
            Icmp icmp = (Icmp) transport;
            if (icmp.isError()) {
                return quoted(packet, reply, errorName(icmp.type(), icmp.code(), false),
                        icmp.type() == IcmpTypes.DEST_UNREACH && closed(icmp.code(), false));
            }
            if (icmp.type() == IcmpTypes.TIMESTAMP_REPLY && icmp.hasTimestamps()) {
                reply.originate = icmp.originate();
                reply.receive = icmp.receive();
                reply.transmit = icmp.transmit();
            }
            return echo(icmp.type(), icmp.id(), icmp.seq(), IcmpTypes.name(icmp.type()), reply);
        }
        if (transport instanceof Icmpv6) {
            Icmpv6 icmp = (Icmpv6) transport;
            return icmp.isError() ? quoted(packet, reply, errorName(icmp.type(), icmp.code(), true),
                    icmp.type() == Icmpv6Types.DEST_UNREACH && closed(icmp.code(), true))
                    : echo(icmp.type(), icmp.id(), icmp.seq(), Icmpv6Types.name(icmp.type()), reply);
        }
        reply.target = packet.src();
        if (transport instanceof Tcp && protocol == IpProtocol.TCP) {
            Tcp tcp = (Tcp) transport;
            if (!tcpAnswers(tcp)) {
                return -1;
            }
            reply.flags = TcpFlags.format(tcp.flags());
            boolean rst = (tcp.flags() & TcpFlags.RST) != 0;
            boolean synAck = (tcp.flags() & (TcpFlags.SYN | TcpFlags.ACK)) == (TcpFlags.SYN | TcpFlags.ACK);
            reply.kind = rst ? "rst" : synAck ? "syn-ack" : "tcp";
            reply.state = rst ? "closed" : synAck ? "open" : null;
            return portKey(tcp.dport(), tcp.sport(), reply);
        }
        if (transport instanceof Udp && protocol == IpProtocol.UDP) {
            Udp udp = (Udp) transport;
            reply.kind = "udp";
            reply.state = "open";
            return portKey(udp.dport(), udp.sport(), reply);
        }
        return -1;
    }

    /**
     * RFC 793 (3.4, "Reset Generation"): a reset to a segment with ACK has sequence number = that
     * segment's ack; to one without, ACK set and ack = its sequence + length (SYN and FIN count
     * one). Any other answer (a SYN-ACK) acknowledges our segment when it occupied sequence space.
     */
    private boolean tcpAnswers(Tcp tcp) {
        if ((tcp.flags() & TcpFlags.RST) != 0) {
            return probeHasAck ? (tcp.seq() & 0xffffffffL) == probeAck
                    : (tcp.flags() & TcpFlags.ACK) != 0 && (tcp.ack() & 0xffffffffL) == expectedAck;
        }
        return !ackIdentifies || (tcp.ack() & 0xffffffffL) == expectedAck;
    }

    private long echo(int type, int id, int seq, String name, Reply reply) {
        if (!isIcmp(protocol) || type != expectedReplyType || id != icmpId) {
            return -1;
        }
        reply.target = reply.from;
        reply.kind = name;
        reply.key = seq;
        return Math.floorMod(seq - firstSequence, 65536);
    }

    /**
     * True when a destination-unreachable code says "closed": port unreachable to a UDP or TCP
     * probe, protocol unreachable (IPv4 only; IPv6 says it with a parameter problem) to another.
     */
    private boolean closed(int code, boolean v6) {
        if (protocol == IpProtocol.UDP || protocol == IpProtocol.TCP) {
            return code == (v6 ? Icmpv6Types.CODE_PORT_UNREACH : IcmpTypes.CODE_PORT_UNREACH);
        }
        return !v6 && !isIcmp(protocol) && code == IcmpTypes.CODE_PROTOCOL_UNREACH;
    }

    /**
     * An ICMP error: ours when the packet it quotes is one of our probes; an answer when
     * {@code closed} and it comes from the destination, otherwise an error.
     */
    private long quoted(DecodedPacket packet, Reply reply, String name, boolean closed) {
        int at = packet.quotedStart();
        if (packet.size() < at + 2) {
            return -1;
        }
        Layer network = packet.layer(at);
        Layer transport = packet.layer(at + 1);
        String quotedDestination;
        int quotedProtocol;
        if (network instanceof Ipv4) {
            quotedDestination = ((Ipv4) network).dstText();
            quotedProtocol = ((Ipv4) network).protocol();
        } else if (network instanceof Ipv6) {
            quotedDestination = ((Ipv6) network).dstText();
            quotedProtocol = ((Ipv6) network).upperProtocol();
        } else {
            return -1;
        }
        if (quotedProtocol != protocol) {
            return -1;
        }
        reply.target = quotedDestination;
        reply.kind = name;
        reply.quotedError = true;
        reply.closedCode = closed;
        if (transport instanceof Icmp || transport instanceof Icmpv6) {
            int id = transport instanceof Icmp ? ((Icmp) transport).id() : ((Icmpv6) transport).id();
            int seq = transport instanceof Icmp ? ((Icmp) transport).seq() : ((Icmpv6) transport).seq();
            if (id != icmpId) {
                return -1;
            }
            reply.key = seq;
            return Math.floorMod(seq - firstSequence, 65536);
        }
        int sport;
        int dport;
        if (transport instanceof Udp) {
            sport = ((Udp) transport).sport();
            dport = ((Udp) transport).dport();
        } else if (transport instanceof Tcp) {
            sport = ((Tcp) transport).sport();
            dport = ((Tcp) transport).dport();
        } else {
            return -1;
        }
        return portKey(sport, dport, reply);
    }

    private long portKey(int ourPort, int theirPort, Reply reply) {
        reply.key = ourPort;
        reply.keyName = "sport";
        reply.dport = theirPort;
        return template.portOffset(ourPort);
    }

    /**
     * Finishes a match once its probe is known: true when the reply really concerns that probe
     * (it came from, or quotes, the probe's own target and port: a key alone can be someone
     * else's), and then whether an ICMP error is an answer: only "closed" from the target itself.
     */
    static boolean confirm(Reply reply, String target, int destinationPort) {
        if (!target.equals(reply.target) || (reply.dport >= 0 && reply.dport != destinationPort)) {
            return false;
        }
        if (reply.quotedError) {
            reply.error = !(reply.closedCode && target.equals(reply.from));
            if (reply.dport >= 0) {
                reply.state = reply.error ? "filtered" : "closed";
            }
        }
        return true;
    }

    /** The TTL (hop limit) an answer arrived with, or -1 for a network layer without one. */
    static int arrivalTtl(Layer network) {
        return network instanceof Ipv4 ? ((Ipv4) network).ttl()
                : network instanceof Ipv6 ? ((Ipv6) network).hopLimit() : -1;
    }

    /** An ICMP or ICMPv6 error by its code's name (port-unreachable, ...), else its type's. */
    static String errorName(int type, int code, boolean v6) {
        String codeName = v6 ? Icmpv6Types.codeName(type, code) : IcmpTypes.codeName(type, code);
        return codeName != null ? codeName : v6 ? Icmpv6Types.name(type) : IcmpTypes.name(type);
    }

    private static boolean isIcmp(int protocol) {
        return protocol == IpProtocol.ICMP || protocol == IpProtocol.ICMP6;
    }
}
