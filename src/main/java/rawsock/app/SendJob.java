package rawsock.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import rawsock.net.Family;
import rawsock.net.Interfaces;
import rawsock.net.NativeException;
import rawsock.net.RawSocket;
import rawsock.net.SendBatch;
import rawsock.packet.IpProtocol;
import rawsock.packet.MacAddress;

/**
 * The send loop: opens the raw socket, builds the packet once, then sends it {@code count}
 * times on the pacer's schedule, patching only what changes per packet. Prints the summary on
 * stderr and returns the exit status.
 */
public final class SendJob {
    private static final Log LOG = Log.of(SendJob.class);
    /** Packets per sendmmsg for --flood, as the C reference sender uses (16 already gets most of it). */
    private static final int BATCH = 64;

    private final SendSpec spec;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final PrintWriter err;
    private final boolean live;
    private final Interrupts interrupts;

    public SendJob(SendSpec spec, InputStream stdin, OutputStream stdout, PrintWriter err, boolean live,
            Interrupts interrupts) {
        this.spec = spec;
        this.stdin = stdin;
        this.stdout = stdout;
        this.err = err;
        this.live = live;
        this.interrupts = interrupts;
    }

    public int run() throws IOException {
        if (spec.input != SendSpec.Input.BUILD) {
            return new ReplayJob(spec, stdin, err, live, interrupts).run();
        }
        if (spec.traceroute) {
            return new TracerouteJob(spec, stdout, err, interrupts).run();
        }
        return spec.link ? runLink() : runIp();
    }

    /** Sends probe {@code index}, returning its size on the wire; what differs between IP and packet sockets. */
    private interface Transmit {
        int send(long index) throws IOException;
    }

    /** The sending socket's clock reading just before its last sendmsg (see RawSocket). */
    private interface SendTime {
        long last();
    }

    private int runIp() throws IOException {
        boolean writesHeader = spec.writesIpHeader();
        ProbePlan plan = spec.plan();
        if (plan.isScan()) {
            LOG.info("expanded {} targets: {} probes per round", spec.targets.exactSize(), plan.perRound());
        }
        ProbeTemplates templates = new ProbeTemplates(spec, plan, writesHeader, new byte[0]);
        PacketTemplate template = templates.forProbe(0);
        Family family = spec.ipv6 ? Family.INET6 : Family.INET;
        try (RawSocket socket = RawSocket.open(family, writesHeader ? IpProtocol.RAW : spec.protocol);
                ReplyWatcher watcher = spec.waitNanos >= 0 ? ReplyWatcher.open(spec, plan, template, stdout, err) : null) {
            configure(spec, socket, writesHeader);
            if (watcher != null) {
                socket.enableSendTimestamps();
            }
            DropPrivileges.to(spec.user);
            Timeline.mark("socket");
            LOG.info("sending {} bytes per packet to {} (protocol {}, {} writes the IP header)",
                    template.length(), spec.destination.getHostAddress(), spec.protocol,
                    writesHeader ? "rawsock" : "the kernel");
            ProbeSender sender = new ProbeSender(socket, templates, writesHeader);
            if (spec.flood && watcher == null && !plan.isScan()) {
                SendBatch batch = new SendBatch(BATCH, template.length());
                batch.destination(spec.destination);
                return floodFixed(template, batch, socket);
            }
            if (spec.flood && watcher == null) {
                return flood(sender, plan.total(spec.count));
            }
            return loop(plan.total(spec.count), sender::send, watcher, socket::lastSendRealtime);
        } catch (IOException e) {
            return readerGone(e);
        }
    }

    /** --link: frames through a packet socket on one interface, addressed by MAC. */
    private int runLink() throws IOException {
        int ifindex = Interfaces.indexOf(spec.iface);
        LinkFrame frame = LinkFrame.build(spec);
        // Protocol 0: a packet socket that only sends (nothing is queued for it to receive).
        try (RawSocket socket = RawSocket.open(Family.PACKET, 0);
                ArpWatcher watcher = spec.waitNanos >= 0 ? ArpWatcher.open(spec, ifindex, frame.arp(), stdout, err) : null) {
            if (watcher != null) {
                socket.enableSendTimestamps();
            }
            DropPrivileges.to(spec.user);
            LOG.info("sending {}-byte frames on {} to {}", frame.template().length(), spec.iface,
                    MacAddress.format(frame.destinationMac()));
            if (spec.flood) {
                SendBatch batch = new SendBatch(BATCH, frame.template().length());
                batch.linkDestination(ifindex, frame.etherType(), frame.destinationMac());
                return floodFixed(frame.template(), batch, socket);
            }
            PacketTemplate template = frame.template();
            return loop(spec.count == 0 ? Long.MAX_VALUE : spec.count, index -> {
                template.prepare(index);
                socket.sendFrame(template.packet(), ifindex, frame.etherType(), frame.destinationMac());
                return template.wireLength();
            }, watcher, socket::lastSendRealtime);
        } catch (IOException e) {
            return readerGone(e);
        }
    }

    /** With --wait, a reader that closed the pipe (| head -1) ends the probing as it wanted: exit 0. */
    private int readerGone(IOException e) throws IOException {
        if (spec.waitNanos >= 0 && Pipes.isClosed(e)) {
            return ExitStatus.OK;
        }
        throw e;
    }

    /**
     * Sends probes 0..total-1 on the pacer's schedule and prints the summary. With a watcher
     * (--wait), replies are handled while waiting for each slot and for the wait after the last
     * probe, and the probe statistics replace the send summary.
     */
    private int loop(long total, Transmit transmit, ProbeWatcher watcher, SendTime sendTime) throws IOException {
        SendStats stats = new SendStats(err, live && watcher == null, spec.intervalNanos);
        Pacer pacer = new Pacer(spec.intervalNanos, interrupts);
        try {
            for (long i = 0; i < total; i++) {
                long due = pacer.deadline(i);
                if (watcher != null && !watcher.watchUntil(due, false, interrupts)) {
                    break;
                }
                if (!pacer.awaitUntil(due)) {
                    break;
                }
                int wireLength = transmit.send(i);
                if (watcher != null) {
                    watcher.sent(i, sendTime.last());
                }
                // Counted as IP packets (or frames) on the wire, whoever wrote the IP header.
                stats.sent(wireLength);
            }
        } catch (NativeException e) {
            throw failed(stats, e);
        }
        if (watcher != null) {
            watcher.watchUntil(System.nanoTime() + spec.waitNanos, true, interrupts);
            int status = watcher.finish();
            return interrupts.requested() ? interrupts.exitStatus() : status;
        }
        return finished(stats);
    }

    /** The summary line (unless -q) and the exit status of a run that ended normally. */
    private int finished(SendStats stats) {
        if (!spec.quiet) {
            stats.summary("");
        }
        return interrupts.requested() ? interrupts.exitStatus() : ExitStatus.OK;
    }

    /** The error line says it all when nothing went out; otherwise say what did before it. */
    private NativeException failed(SendStats stats, NativeException e) {
        if (!spec.quiet && stats.packets() > 0) {
            stats.summary(" before the error");
        }
        return e;
    }

    /**
     * --flood of a frame that never changes but for its counters: batches of copies of the
     * template, each patched for its packet, sent with one sendmmsg per batch; the last batch
     * holds just what --count leaves.
     */
    private int floodFixed(PacketTemplate template, SendBatch batch, RawSocket socket) throws NativeException {
        for (int j = 0; j < batch.capacity(); j++) {
            batch.length(j, template.copyInto(batch.slot(j)));
        }
        SendStats stats = new SendStats(err, live, 0);
        long sent = 0;
        try {
            while ((spec.count == 0 || sent < spec.count) && !interrupts.requested()) {
                int n = spec.count == 0 ? batch.capacity() : (int) Math.min(batch.capacity(), spec.count - sent);
                for (int j = 0; j < n; j++) {
                    template.prepare(batch.slot(j), sent + j);
                }
                socket.send(batch, n);
                stats.sent(n, template.wireLength());
                sent += n;
            }
        } catch (NativeException e) {
            throw failed(stats, e);
        }
        return finished(stats);
    }

    /** --flood of a probe plan: batches of probes to one target with one TTL (a sendmmsg names one address). */
    private int flood(ProbeSender sender, long total) throws IOException {
        SendStats stats = new SendStats(err, live, 0);
        SendBatch batch = new SendBatch(BATCH, sender.maxLength());
        long sent = 0;
        try {
            while (sent < total && !interrupts.requested()) {
                int n = sender.fill(batch, sent, (int) Math.min(batch.capacity(), total - sent));
                sender.sendBatch(batch, n);
                stats.sent(n, sender.wireLength());
                sent += n;
            }
        } catch (NativeException e) {
            throw failed(stats, e);
        }
        return finished(stats);
    }

    /**
     * The options of a socket that sends {@code spec}'s packets: the header fields the kernel
     * writes (a traceroute then changes the TTL per probe), the interface, broadcast and multicast.
     */
    static void configure(SendSpec spec, RawSocket socket, boolean writesHeader) throws NativeException {
        if (writesHeader) {
            socket.setHeaderIncluded(true);
        } else {
            if (spec.ttl() != null) {
                socket.setTtl(spec.ttl());
            }
            if (spec.tos != null) {
                socket.setTos(spec.tos);
            }
            if (!spec.ipv6) {
                // Exact control: DF only when asked for, and then no fragmentation by the kernel.
                socket.setPathMtuDiscovery(spec.dontFragment);
            }
        }
        if (spec.iface != null) {
            socket.bindToDevice(spec.iface);
        }
        if (!spec.ipv6) {
            // As hping3 and nping: a broadcast destination is the user's choice, not an error.
            socket.setBroadcast(true);
        }
        if (spec.destination.isMulticastAddress()) {
            // IP_TTL does not reach multicast, which the kernel sends with TTL 1 unless told.
            if (spec.ttl() != null && !writesHeader) {
                socket.setMulticastTtl(spec.ttl());
            }
            if (spec.iface != null) {
                socket.setMulticastInterface(Interfaces.indexOf(spec.iface));
            }
        }
    }
}
