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
 * identifier and sequence number; a TCP segment by ports and ack = our sequence + 1; a UDP
 * datagram by ports; an ICMP error by the probe it quotes. Anything else (another process's
 * ping, a second rawsock) is not ours.
 */
final class ReplyMatcher {
    private final int protocol;
    private final String destination;
    private final int destinationPort;
    private final int icmpId;
    private final int firstSequence;
    private final int expectedReplyType;
    private final PacketTemplate template;
    private final long expectedAck;
    private final boolean ackIdentifies;

    ReplyMatcher(SendSpec spec, PacketTemplate template) {
        this.protocol = spec.protocol;
        byte[] address = spec.destination.getAddress();
        this.destination = address.length == 4 ? AddressFormat.ipv4(address) : AddressFormat.ipv6(address);
        this.destinationPort = spec.destinationPort == null ? (protocol == IpProtocol.TCP ? 80 : 0) : spec.destinationPort;
        this.icmpId = spec.icmpId;
        this.firstSequence = spec.icmpSeq;
        this.expectedReplyType = replyType(spec);
        this.template = template;
        // SYN and FIN each count as one byte of sequence space; the answer acknowledges them.
        int flagBytes = ((spec.tcpFlags & 0x02) != 0 ? 1 : 0) + ((spec.tcpFlags & 0x01) != 0 ? 1 : 0);
        this.ackIdentifies = flagBytes > 0;
        this.expectedAck = (template.tcpSequence() + spec.payload.length + flagBytes) & 0xffffffffL;
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
        reply.ttl = network instanceof Ipv4 ? ((Ipv4) network).ttl()
                : network instanceof Ipv6 ? ((Ipv6) network).hopLimit() : -1;
        if (transport instanceof Icmp) {
            Icmp icmp = (Icmp) transport;
            if (icmp.isError()) {
                return quoted(packet, reply, errorName(icmp.type(), icmp.code(), false));
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
            return icmp.isError() ? quoted(packet, reply, errorName(icmp.type(), icmp.code(), true))
                    : echo(icmp.type(), icmp.id(), icmp.seq(), Icmpv6Types.name(icmp.type()), reply);
        }
        if (!destination.equals(packet.src())) {
            return -1;
        }
        if (transport instanceof Tcp && protocol == IpProtocol.TCP) {
            Tcp tcp = (Tcp) transport;
            if (tcp.sport() != destinationPort || (ackIdentifies && tcp.ack() != expectedAck)) {
                return -1;
            }
            reply.flags = TcpFlags.format(tcp.flags());
            reply.kind = (tcp.flags() & 0x04) != 0 ? "rst" : (tcp.flags() & 0x12) == 0x12 ? "syn-ack" : "tcp";
            return portKey(tcp.dport(), reply);
        }
        if (transport instanceof Udp && protocol == IpProtocol.UDP) {
            Udp udp = (Udp) transport;
            if (udp.sport() != destinationPort) {
                return -1;
            }
            reply.kind = "udp";
            return portKey(udp.dport(), reply);
        }
        return -1;
    }

    private long echo(int type, int id, int seq, String name, Reply reply) {
        if (!isIcmp(protocol) || type != expectedReplyType || id != icmpId || !destination.equals(reply.from)) {
            return -1;
        }
        reply.kind = name;
        reply.key = seq;
        return Math.floorMod(seq - firstSequence, 65536);
    }

    /** An ICMP error: ours when the packet it quotes is one of our probes. */
    private long quoted(DecodedPacket packet, Reply reply, String name) {
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
        if (quotedProtocol != protocol || !destination.equals(quotedDestination)) {
            return -1;
        }
        reply.kind = name;
        reply.error = true;
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
        return dport == destinationPort ? portKey(sport, reply) : -1;
    }

    private long portKey(int ourPort, Reply reply) {
        reply.key = ourPort;
        reply.keyName = "sport";
        return template.portOffset(ourPort);
    }

    private static String errorName(int type, int code, boolean v6) {
        String codeName = v6 ? Icmpv6Types.codeName(type, code) : IcmpTypes.codeName(type, code);
        return codeName != null ? codeName : v6 ? Icmpv6Types.name(type) : IcmpTypes.name(type);
    }

    private static boolean isIcmp(int protocol) {
        return protocol == IpProtocol.ICMP || protocol == IpProtocol.ICMP6;
    }
}
