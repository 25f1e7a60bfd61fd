package rawsock.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import rawsock.filter.ProbeFilters;
import rawsock.net.Family;
import rawsock.net.NativeException;
import rawsock.net.RawSocket;
import rawsock.net.ReceiveInfo;
import rawsock.packet.DecodedPacket;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4;
import rawsock.packet.Ipv6;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;

/**
 * send --traceroute: probes with TTL (hop limit) 1, 2, ... up to the spec's TTL, {@code count}
 * per hop, up to {@link #IN_FLIGHT} of them unanswered at once (paced by --interval or --rate
 * when given), until the destination answers. Answers are tied to their probe by
 * {@link TraceMatcher}, timed from the kernel's receive timestamp against the clock read just
 * before the probe's sendmsg, and printed a complete hop at a time by {@link TracePrinter}.
 * Exit 0 when the destination was reached, 1 when not.
 */
final class TracerouteJob {
    private static final Log LOG = Log.of(TracerouteJob.class);
    /** Probes unanswered at once, as traceroute's default (-N 16). */
    static final int IN_FLIGHT = 16;
    /** The longest single poll: a signal is noticed within it. */
    private static final int POLL_SLICE_MILLIS = 50;

    private final SendSpec spec;
    private final OutputStream out;
    private final PrintWriter err;
    private final Interrupts interrupts;
    private final PacketDecoder decoder = new PacketDecoder();
    private final TraceAnswer answer = new TraceAnswer();

    TracerouteJob(SendSpec spec, OutputStream out, PrintWriter err, Interrupts interrupts) {
        this.spec = spec;
        this.out = out;
        this.err = err;
        this.interrupts = interrupts;
    }

    int run() throws IOException {
        boolean writesHeader = spec.writesIpHeader();
        InetAddress source = spec.source;
        if (source == null && (writesHeader || PacketTemplate.needsPseudoHeader(spec.protocol))) {
            source = SourceAddress.toward(spec.destination, spec.iface);
        }
        PacketTemplate template = PacketTemplate.build(spec, source, writesHeader);
        TraceHops hops = new TraceHops(spec.ttl(), (int) spec.count, spec.waitNanos);
        TraceMatcher matcher = new TraceMatcher(spec, template, hops.probes());
        Family family = spec.ipv6 ? Family.INET6 : Family.INET;
        try (RawSocket socket = RawSocket.open(family, writesHeader ? IpProtocol.RAW : spec.protocol);
                AnswerSockets answers = openReceivers(matcher)) {
            SendJob.configure(spec, socket, writesHeader);
            socket.enableSendTimestamps();
            DropPrivileges.to(spec.user);
            if (!spec.quiet) {
                // traceroute's first line, on stderr as traceroute prints it.
                err.println("traceroute to " + matcher.destination() + ", " + spec.ttl() + " hops max, "
                        + template.wireLength() + " byte packets");
                err.flush();
            }
            return trace(template, socket, writesHeader, hops, matcher, answers);
        } catch (IOException e) {
            if (Pipes.isClosed(e)) {
                return ExitStatus.OK;
            }
            throw e;
        }
    }

    /**
     * The receive sockets, open (and filtered, and emptied) before the first probe leaves: ICMP
     * (or ICMPv6) for the routers' errors and echo replies, and TCP for a TCP trace's SYN-ACK or
     * reset.
     */
    private AnswerSockets openReceivers(TraceMatcher matcher) throws IOException {
        return AnswerSockets.open(spec.ipv6, ProbeFilters.icmpReplies(spec.ipv6, matcher.expectedReplyType(), spec.icmpId),
                spec.protocol == IpProtocol.TCP ? IpProtocol.TCP : 0, "src port " + TraceMatcher.destinationPort(spec));
    }

    /**
     * The loop: send the next probe when its slot is due and fewer than {@link #IN_FLIGHT} wait;
     * otherwise poll for answers until the next slot or the next probe's wait ends; print each
     * hop once complete, in order, and stop after the last.
     */
    private int trace(PacketTemplate template, RawSocket socket, boolean writesHeader, TraceHops hops,
            TraceMatcher matcher, AnswerSockets answers) throws IOException {
        AnswerSockets.Handler handler = (packet, info) -> handle(packet, info, hops, matcher);
        TracePrinter printer = new TracePrinter(out, spec.jsonReplies);
        Pacer pacer = new Pacer(spec.intervalNanos, interrupts);
        long due = pacer.deadline(0);
        int printed = 0;
        int ttlSet = -1;
        while (!interrupts.requested()) {
            long now = System.nanoTime();
            while (printed < spec.ttl() && hops.complete(printed + 1, now)) {
                printed++;
                printer.hop(hops, printed);
                if (hops.last(printed)) {
                    return hops.reached(printed) ? ExitStatus.OK : ExitStatus.NOT_MET;
                }
            }
            int next = hops.next();
            boolean canSend = next >= 0 && hops.inFlight(now) < IN_FLIGHT;
            if (canSend && now - due >= 0) {
                int hop = hops.hopOf(next);
                if (hop != ttlSet) {
                    setHopLimit(socket, template, writesHeader, hop);
                    ttlSet = hop;
                }
                template.prepare(next);
                socket.send(template.packet(), spec.destination);
                hops.sent(next, socket.lastSendRealtime(), System.nanoTime());
                LOG.debug("probe {} left with TTL {}", next, hop);
                due = pacer.deadline(next + 1);
                continue;
            }
            long until = Math.min(hops.nextExpiry(now), canSend ? due : Long.MAX_VALUE);
            long millis = until == Long.MAX_VALUE ? POLL_SLICE_MILLIS
                    : Math.min(POLL_SLICE_MILLIS, Math.max(0, (until - now + 999_999) / 1_000_000));
            if (answers.poll((int) millis)) {
                answers.readReady(handler);
            }
        }
        return interrupts.exitStatus();
    }

    /** The TTL of the next probes: a socket option, or the byte of the header rawsock writes. */
    private void setHopLimit(RawSocket socket, PacketTemplate template, boolean writesHeader, int hop)
            throws NativeException {
        if (!writesHeader) {
            socket.setTtl(hop);
            return;
        }
        // The kernel recomputes an IP_HDRINCL header's checksum, so the TTL alone is written.
        ByteBuffer packet = template.packet();
        if (spec.ipv6) {
            Ipv6.writeHopLimit(packet, packet.position(), hop);
        } else {
            Ipv4.writeTtl(packet, packet.position(), hop);
        }
    }

    private void handle(ByteBuffer packet, ReceiveInfo info, TraceHops hops, TraceMatcher matcher) {
        DecodedPacket decoded = decoder.decode(packet, LinkType.RAW);
        answer.clear();
        long probe = matcher.match(decoded, answer);
        boolean kept = probe >= 0 && hops.answer((int) probe, info.timestampNanos(), answer);
        LOG.debug("received {} from {}: probe {}{}", decoded.proto(), answer.from, probe,
                probe >= 0 && !kept ? " (duplicate or late)" : "");
    }
}
