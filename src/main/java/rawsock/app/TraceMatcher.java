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
 * Ties a received packet to the traceroute probe it answers, or to none. Each probe carries its
 * number in a field that every answer gives back: the ICMP sequence number of an echo request,
 * the source port of a UDP or TCP probe (counted up per probe by {@link PacketTemplate}). A
 * router's "time exceeded" or "unreachable" quotes the probe's IP header and at least its first
 * 8 bytes, which hold that field; the quote must name our destination and protocol, and carry
 * our ICMP identifier (or our destination port, and for TCP our sequence number), so another
 * process's ping or traceroute to the same host is never taken for ours. The destination
 * answers with an echo reply, a "port unreachable" (UDP, TCP), a SYN-ACK or a reset.
 */
final class TraceMatcher {
    private final int protocol;
    private final boolean ipv6;
    private final String destination;
    private final int icmpId;
    private final int firstSequence;
    private final int destinationPort;
    private final long tcpSequence;
    private final long expectedAck;
    private final PacketTemplate template;
    private final long probes;

    /**
     * @param probes how many probes the trace may send: a number beyond them names none
     */
    TraceMatcher(SendSpec spec, PacketTemplate template, long probes) {
        this.protocol = spec.protocol;
        this.ipv6 = spec.ipv6;
        byte[] address = spec.destination.getAddress();
        this.destination = address.length == 4 ? AddressFormat.ipv4(address) : AddressFormat.ipv6(address);
        this.icmpId = spec.icmpId;
        this.firstSequence = spec.icmpSeq;
        this.destinationPort = destinationPort(spec);
        this.tcpSequence = template.tcpSequence();
        // What a SYN-ACK or a reset to our segment acknowledges: sequence + length (SYN and FIN count one).
        int flagBytes = ((spec.tcpFlags & TcpFlags.SYN) != 0 ? 1 : 0) + ((spec.tcpFlags & TcpFlags.FIN) != 0 ? 1 : 0);
        this.expectedAck = (tcpSequence + spec.payload.length + flagBytes) & 0xffffffffL;
        this.template = template;
        this.probes = probes;
    }

    /** The port UDP and TCP probes go to: as the template builds them (UDP 0 and TCP 80 unless given). */
    static int destinationPort(SendSpec spec) {
        return spec.destinationPort();
    }

    /** The ICMP type our probes' answers from the destination have, or -1 (UDP and TCP probes). */
    int expectedReplyType() {
        if (protocol == IpProtocol.ICMP) {
            return IcmpTypes.ECHO_REPLY;
        }
        return protocol == IpProtocol.ICMP6 ? Icmpv6Types.ECHO_REPLY : -1;
    }

    String destination() {
        return destination;
    }

    /**
     * Returns the number (0-based) of the probe {@code packet} answers, filling {@code answer};
     * -1 when it answers none of ours.
     */
    long match(DecodedPacket packet, TraceAnswer answer) {
        if (packet.size() < 2) {
            return -1;
        }
        Layer network = packet.layer(0);
        Layer transport = packet.layer(1);
        answer.from = packet.src();
        answer.ttl = ReplyMatcher.arrivalTtl(network);
        if (answer.from == null) {
            return -1;
        }
        if (transport instanceof Icmp) {
            Icmp icmp = (Icmp) transport;
            if (icmp.type() == IcmpTypes.TIME_EXCEEDED) {
                return quoted(packet, answer, IcmpTypes.name(icmp.type()), null, false);
            }
            if (icmp.type() == IcmpTypes.DEST_UNREACH) {
                return unreachable(packet, answer, ReplyMatcher.errorName(icmp.type(), icmp.code(), false), icmp.code(), false);
            }
            return echoReply(icmp.type(), icmp.id(), icmp.seq(), IcmpTypes.name(icmp.type()), answer);
        }
        if (transport instanceof Icmpv6) {
            Icmpv6 icmp = (Icmpv6) transport;
            if (icmp.type() == Icmpv6Types.TIME_EXCEEDED) {
                return quoted(packet, answer, Icmpv6Types.name(icmp.type()), null, false);
            }
            if (icmp.type() == Icmpv6Types.DEST_UNREACH) {
                return unreachable(packet, answer, ReplyMatcher.errorName(icmp.type(), icmp.code(), true), icmp.code(), true);
            }
            if (icmp.type() == Icmpv6Types.PACKET_TOO_BIG) {
                return quoted(packet, answer, Icmpv6Types.name(icmp.type()), TraceMarks.TOO_BIG, false);
            }
            return echoReply(icmp.type(), icmp.id(), icmp.seq(), Icmpv6Types.name(icmp.type()), answer);
        }
        if (transport instanceof Tcp && protocol == IpProtocol.TCP && destination.equals(answer.from)) {
            return tcpAnswer((Tcp) transport, answer);
        }
        return -1;
    }

    private long echoReply(int type, int id, int seq, String name, TraceAnswer answer) {
        if (type != expectedReplyType() || id != icmpId || !destination.equals(answer.from)) {
            return -1;
        }
        answer.kind = name;
        answer.reached = true;
        return probe(Math.floorMod(seq - firstSequence, 65536));
    }

    /**
     * "Destination unreachable": from the destination saying its port is closed (UDP, TCP
     * probes) or that it does not speak the probe's protocol, the trace arrived; otherwise a mark.
     */
    private long unreachable(DecodedPacket packet, TraceAnswer answer, String name, int code, boolean v6) {
        boolean fromDestination = destination.equals(answer.from);
        boolean portClosed = (protocol == IpProtocol.UDP || protocol == IpProtocol.TCP)
                && code == (v6 ? Icmpv6Types.CODE_PORT_UNREACH : IcmpTypes.CODE_PORT_UNREACH);
        if (fromDestination && portClosed) {
            return quoted(packet, answer, name, null, true);
        }
        return quoted(packet, answer, name, v6 ? TraceMarks.ipv6(code) : TraceMarks.ipv4(code), false);
    }

    /** An ICMP error: ours when the packet it quotes is one of our probes. */
    private long quoted(DecodedPacket packet, TraceAnswer answer, String name, String mark, boolean reached) {
        int at = packet.quotedStart();
        if (at <= 0 || packet.size() < at + 2) {
            return -1;
        }
        Layer network = packet.layer(at);
        Layer transport = packet.layer(at + 1);
        String quotedDestination;
        int quotedProtocol;
        if (network instanceof Ipv4 && !ipv6) {
            quotedDestination = ((Ipv4) network).dstText();
            quotedProtocol = ((Ipv4) network).protocol();
        } else if (network instanceof Ipv6 && ipv6) {
            quotedDestination = ((Ipv6) network).dstText();
            quotedProtocol = ((Ipv6) network).upperProtocol();
        } else {
            return -1;
        }
        if (quotedProtocol != protocol || !destination.equals(quotedDestination)) {
            return -1;
        }
        long probe = quotedProbe(transport);
        if (probe < 0) {
            return -1;
        }
        answer.kind = name;
        answer.mark = mark;
        answer.reached = reached;
        return probe;
    }

    /** The probe number a quoted transport header carries, or -1 when it is not one of ours. */
    private long quotedProbe(Layer transport) {
        if (transport instanceof Icmp && protocol == IpProtocol.ICMP) {
            Icmp icmp = (Icmp) transport;
            return icmp.type() == IcmpTypes.ECHO_REQUEST && icmp.id() == icmpId
                    ? probe(Math.floorMod(icmp.seq() - firstSequence, 65536)) : -1;
        }
        if (transport instanceof Icmpv6 && protocol == IpProtocol.ICMP6) {
            Icmpv6 icmp = (Icmpv6) transport;
            return icmp.type() == Icmpv6Types.ECHO_REQUEST && icmp.id() == icmpId
                    ? probe(Math.floorMod(icmp.seq() - firstSequence, 65536)) : -1;
        }
        if (transport instanceof Udp && protocol == IpProtocol.UDP) {
            Udp udp = (Udp) transport;
            return udp.dport() == destinationPort ? probe(template.portOffset(udp.sport())) : -1;
        }
        if (transport instanceof Tcp && protocol == IpProtocol.TCP) {
            Tcp tcp = (Tcp) transport;
            return tcp.dport() == destinationPort && (tcp.seq() & 0xffffffffL) == tcpSequence
                    ? probe(template.portOffset(tcp.sport())) : -1;
        }
        return -1;
    }

    /** A SYN-ACK or a reset from the destination's probed port that acknowledges our SYN. */
    private long tcpAnswer(Tcp tcp, TraceAnswer answer) {
        int flags = tcp.flags();
        boolean rst = (flags & TcpFlags.RST) != 0;
        boolean synAck = (flags & (TcpFlags.SYN | TcpFlags.ACK)) == (TcpFlags.SYN | TcpFlags.ACK);
        if (tcp.sport() != destinationPort || !(rst || synAck) || (flags & TcpFlags.ACK) == 0
                || (tcp.ack() & 0xffffffffL) != expectedAck) {
            return -1;
        }
        answer.kind = rst ? "rst" : "syn-ack";
        answer.reached = true;
        return probe(template.portOffset(tcp.dport()));
    }

    private long probe(long offset) {
        return offset >= 0 && offset < probes ? offset : -1;
    }
}
