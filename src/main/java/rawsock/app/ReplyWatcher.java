package rawsock.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import rawsock.filter.ProbeFilters;
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
final class ReplyWatcher extends ProbeWatcher {
    private static final Log LOG = Log.of(ReplyWatcher.class);

    private final SendSpec spec;
    private final AnswerSockets sockets;
    private final AnswerSockets.Handler handler = this::handle;
    private final ReplyMatcher matcher;
    private final PacketDecoder decoder = new PacketDecoder();
    private final Reply reply = new Reply();
    private final ProbePlan plan;
    /** Per-probe results for the summary of a scan; null for a single probe per round. */
    private final ScanResults results;
    private long textTarget = -1;
    private String targetText;

    private ReplyWatcher(SendSpec spec, ProbePlan plan, AnswerSockets sockets, ReplyMatcher matcher,
            ReplyPrinter printer) {
        super(new ProbeTable(matcher.keySpan()), printer);
        this.spec = spec;
        this.plan = plan;
        this.results = plan.isScan() ? new ScanResults() : null;
        this.sockets = sockets;
        this.matcher = matcher;
    }

    /**
     * Opens the receive sockets before any probe leaves, so no early reply is missed: ICMP, and
     * the probes' own protocol for TCP and UDP, each letting through only what may answer us.
     */
    static ReplyWatcher open(SendSpec spec, ProbePlan plan, PacketTemplate template, OutputStream out,
            PrintWriter err) throws IOException {
        ReplyMatcher matcher = new ReplyMatcher(spec, template);
        int transport = spec.protocol == IpProtocol.TCP || spec.protocol == IpProtocol.UDP ? spec.protocol : 0;
        AnswerSockets sockets = AnswerSockets.open(spec.ipv6,
                ProbeFilters.icmpReplies(spec.ipv6, matcher.expectedReplyType(), spec.icmpId), transport,
                transport == 0 ? null : sourcePorts(spec, matcher));
        try {
            boolean severalTargets = plan.targets().size() > 1;
            return new ReplyWatcher(spec, plan, sockets, matcher,
                    new ReplyPrinter(out, err, spec.jsonReplies, spec.quiet,
                            severalTargets ? plan.targets().exactSize() + " targets" : matcher.destination(),
                            severalTargets));
        } catch (RuntimeException e) {
            sockets.close();
            throw e;
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
    boolean poll(int millis) throws IOException {
        return sockets.poll(millis);
    }

    @Override
    void readReady() throws IOException {
        sockets.readReady(handler);
    }

    private void handle(ByteBuffer packet, ReceiveInfo info) throws IOException {
        long receivedAt = info.timestampNanos();
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

    /** Prints the summary (first, for a scan, the state of every target and port). */
    @Override
    int finish() throws IOException {
        if (results != null) {
            new ScanSummary(plan, results, spec.protocol, matcher.destinationPort()).print(table.transmitted(),
                    printer.out(), printer.json());
        }
        return super.finish();
    }

    @Override
    public void close() {
        sockets.close();
    }
}
