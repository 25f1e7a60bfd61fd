package rawsock.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import rawsock.filter.BpfProgram;
import rawsock.filter.FilterCompiler;
import rawsock.filter.FilterSyntaxException;
import rawsock.filter.FilterTarget;
import rawsock.filter.ProbeFilters;
import rawsock.net.Family;
import rawsock.net.Poller;
import rawsock.net.RawSocket;
import rawsock.net.ReceiveInfo;
import rawsock.packet.DecodedPacket;
import rawsock.packet.IpProtocol;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;

/**
 * The receiving half of {@code send --wait}: raw sockets opened before the first probe (ICMP for
 * replies and errors, plus TCP or UDP for those probes), polled while the send loop waits for
 * its next slot; each reply is matched to its probe, timed from the kernel's receive timestamp,
 * and printed.
 */
final class ReplyWatcher implements ProbeWatcher {
    private static final Log LOG = Log.of(ReplyWatcher.class);
    private static final int BUFFER_BYTES = 1 << 20;

    private final SendSpec spec;
    private final List<RawSocket> sockets;
    private final Poller poller;
    private final ReplyMatcher matcher;
    private final ProbeTable table;
    private final ReplyPrinter printer;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536 + Ipv6HeaderRebuilder.HEADROOM)
            .order(ByteOrder.BIG_ENDIAN);
    private final ReceiveInfo info = new ReceiveInfo();
    private final PacketDecoder decoder = new PacketDecoder();
    private final Reply reply = new Reply();
    private final List<Ipv6HeaderRebuilder> rebuilders = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    private ReplyWatcher(SendSpec spec, List<RawSocket> sockets, ReplyMatcher matcher, ReplyPrinter printer) {
        this.spec = spec;
        this.sockets = sockets;
        this.poller = new Poller(sockets.toArray(new RawSocket[0]));
        this.matcher = matcher;
        this.table = new ProbeTable(matcher.keySpan());
        this.printer = printer;
    }

    /** Opens the receive sockets before any probe leaves, so no early reply is missed. */
    static ReplyWatcher open(SendSpec spec, PacketTemplate template, OutputStream out, PrintWriter err)
            throws IOException {
        Family family = spec.ipv6 ? Family.INET6 : Family.INET;
        List<Integer> protocols = new ArrayList<>();
        protocols.add(spec.ipv6 ? IpProtocol.ICMP6 : IpProtocol.ICMP);
        if (spec.protocol == IpProtocol.TCP || spec.protocol == IpProtocol.UDP) {
            protocols.add(spec.protocol);
        }
        List<RawSocket> sockets = new ArrayList<>();
        try {
            ReplyMatcher matcher = new ReplyMatcher(spec, template);
            for (int protocol : protocols) {
                RawSocket socket = RawSocket.open(family, protocol);
                sockets.add(socket);
                socket.enableTimestamps();
                socket.enablePacketInfo();
                socket.setReceiveBuffer(BUFFER_BYTES);
                socket.attachFilter(filter(spec, protocol, matcher).toByteArray(ByteOrder.nativeOrder()));
                socket.drain();
            }
            ReplyWatcher watcher = new ReplyWatcher(spec, sockets, matcher,
                    new ReplyPrinter(out, err, spec.jsonReplies, spec.quiet, matcher.destination()));
            for (int protocol : protocols) {
                watcher.rebuilders.add(spec.ipv6 ? new Ipv6HeaderRebuilder(protocol) : null);
            }
            return watcher;
        } catch (IOException | RuntimeException e) {
            sockets.forEach(RawSocket::close);
            throw e;
        }
    }

    /**
     * Only what may answer us reaches user space: an ICMP socket sees every ICMP packet on the
     * host, and someone else's flood would otherwise fill its buffer and push our replies out.
     */
    private static BpfProgram filter(SendSpec spec, int protocol, ReplyMatcher matcher) {
        if (protocol == IpProtocol.ICMP || protocol == IpProtocol.ICMP6) {
            return ProbeFilters.icmpReplies(spec.ipv6, matcher.expectedReplyType(), spec.icmpId);
        }
        try {
            return FilterCompiler.compile("src port " + matcher.destinationPort(),
                    spec.ipv6 ? FilterTarget.IPV6_RAW : FilterTarget.IPV4_RAW);
        } catch (FilterSyntaxException e) {
            throw new IllegalStateException("a port filter failed to compile", e);
        }
    }

    @Override
    public void sent(long index, long realtimeNanos) {
        table.sent(index, realtimeNanos);
    }


    @Override
    public boolean watchUntil(long deadline, boolean stopWhenAnswered, Interrupts interrupts) throws IOException {
        return ProbeWatcher.pollUntil(deadline, stopWhenAnswered, interrupts, table, poller, this::readAll);
    }

    private void readAll() throws IOException {
        for (int i = 0; i < poller.size(); i++) {
            if (!poller.readable(i)) {
                continue;
            }
            Ipv6HeaderRebuilder rebuilder = rebuilders.get(i);
            int headroom = rebuilder == null ? 0 : Ipv6HeaderRebuilder.HEADROOM;
            buffer.clear().position(headroom);
            if (!poller.socket(i).receive(buffer, info)) {
                continue;
            }
            if (rebuilder != null) {
                rebuilder.rebuild(buffer, info);
            }
            handle(buffer, info.timestampNanos());
        }
    }

    private void handle(ByteBuffer packet, long receivedAt) throws IOException {
        DecodedPacket decoded = decoder.decode(packet, LinkType.RAW);
        reply.clear();
        long offset = matcher.match(decoded, reply);
        long index = offset < 0 ? -1 : table.indexOf(offset);
        if (LOG.isDebugEnabled()) {
            LOG.debug("received {} bytes: {} -> probe {}", packet.remaining(), decoded.proto(), index);
        }
        if (index < 0) {
            return;
        }
        if (reply.error) {
            table.error(index, receivedAt, spec.waitNanos, reply);
        } else {
            table.answer(index, receivedAt, spec.waitNanos, reply);
        }
        printer.reply(reply);
    }

    /** Prints the summary; the exit status is 0 when any probe was answered, 1 when none (errors are no answer). */
    @Override
    public int finish() throws IOException {
        printer.summary(table, (System.nanoTime() - startNanos) / 1_000_000);
        return table.received() > 0 ? ExitStatus.OK : ExitStatus.NOT_MET;
    }

    @Override
    public void close() {
        sockets.forEach(RawSocket::close);
    }
}
