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
    private final ProbePlan plan;
    /** Per-probe results for the summary of a scan; null for a single probe per round. */
    private final ScanResults results;
    private long textTarget = -1;
    private String targetText;

    private ReplyWatcher(SendSpec spec, ProbePlan plan, List<RawSocket> sockets, ReplyMatcher matcher,
            ReplyPrinter printer) {
        this.spec = spec;
        this.plan = plan;
        this.results = plan.isScan() ? new ScanResults() : null;
        this.sockets = sockets;
        this.poller = new Poller(sockets.toArray(new RawSocket[0]));
        this.matcher = matcher;
        this.table = new ProbeTable(matcher.keySpan());
        this.printer = printer;
    }

    /** Opens the receive sockets before any probe leaves, so no early reply is missed. */
    static ReplyWatcher open(SendSpec spec, ProbePlan plan, PacketTemplate template, OutputStream out,
            PrintWriter err) throws IOException {
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
            boolean severalTargets = plan.targets().size() > 1;
            ReplyWatcher watcher = new ReplyWatcher(spec, plan, sockets, matcher,
                    new ReplyPrinter(out, err, spec.jsonReplies, spec.quiet,
                            severalTargets ? plan.targets().exactSize() + " targets" : matcher.destination(),
                            severalTargets));
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
            return FilterCompiler.compile(sourcePorts(spec, matcher), spec.ipv6 ? FilterTarget.IPV6_RAW : FilterTarget.IPV4_RAW);
        } catch (FilterSyntaxException e) {
            throw new IllegalStateException("a port filter failed to compile", e);
        }
    }

    /** Most port ranges a filter lists; a longer --dport list lets every segment of the protocol through. */
    private static final int FILTER_RANGES = 32;

    /** "src port 80", or the ranges of a --dport list ("src portrange 1-1024 or src port 8080"). */
    private static String sourcePorts(SendSpec spec, ReplyMatcher matcher) {
        ValueList ports = spec.destinationPorts;
        if (ports == null || !ports.varies()) {
            return "src port " + matcher.destinationPort();
        }
        List<String> ranges = new ArrayList<>();
        for (int k = 0; k < ports.ranges(); k++) {
            int low = ports.low(k);
            int high = ports.high(k);
            ranges.add(low == high ? "src port " + low : "src portrange " + low + "-" + high);
        }
        return ranges.size() > FILTER_RANGES ? (spec.ipv6 ? "ip6" : "ip") : String.join(" or ", ranges);
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
        if (index >= 0 && !ReplyMatcher.confirm(reply, target(index),
                plan.destinationPort(index, matcher.destinationPort()))) {
            index = -1;
        }
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
        if (results != null && !reply.duplicate) {
            results.record(plan.position(index), plan.targetIndex(index), reply);
        }
        printer.reply(reply);
    }

    /** The text of probe {@code index}'s target, as replies name it (kept while probes go to one target). */
    private String target(long index) {
        long t = plan.targetIndex(index);
        if (t != textTarget) {
            targetText = ReplyMatcher.text(plan.targets().get(t));
            textTarget = t;
        }
        return targetText;
    }

    /** Prints the summary; the exit status is 0 when any probe was answered, 1 when none (errors are no answer). */
    @Override
    public int finish() throws IOException {
        if (results != null) {
            new ScanSummary(plan, results, spec.protocol, matcher.destinationPort()).print(table.transmitted(),
                    printer.out(), printer.json());
        }
        printer.summary(table, (System.nanoTime() - startNanos) / 1_000_000);
        return table.received() > 0 ? ExitStatus.OK : ExitStatus.NOT_MET;
    }

    @Override
    public void close() {
        sockets.forEach(RawSocket::close);
    }
}
