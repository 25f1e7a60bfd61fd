package rawsock.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import rawsock.net.BatchSource;
import rawsock.net.Family;
import rawsock.net.Interfaces;
import rawsock.net.LinuxConstants;
import rawsock.net.NativeException;
import rawsock.net.PacketRing;
import rawsock.net.PacketStatistics;
import rawsock.net.PacketSource;
import rawsock.net.RawSocket;
import rawsock.net.ReceiveBatch;
import rawsock.net.ThreadNice;
import rawsock.packet.LinkType;
import rawsock.packet.PacketMeta;

/**
 * recv: one raw socket, configured so that nothing it queued is lost or let through unjudged,
 * then two threads. A {@link Capture} thread moves packets from the kernel (recvmmsg batches, or
 * for --link a TPACKET_V3 ring) into a bounded {@link CaptureQueue}; this thread takes them out in
 * arrival order and hands them to a {@link CaptureWriter}, flushing whenever it has caught up.
 * Capture ends on --count, --timeout, a signal or a closed stdout pipe; the queue is written out
 * before the counts go to stderr.
 */
public final class RecvJob {
    private static final Log LOG = Log.of(RecvJob.class);
    /** How often a blocked receive wakes to check for signals and the deadline. */
    private static final long WAKE_MICROS = 100_000;
    private static final int WAKE_MILLIS = (int) (WAKE_MICROS / 1000);
    /** Packets per recvmmsg. */
    private static final int BATCH = 32;
    /** The writer's nice value, above the capture thread's (inherited, usually 0). */
    private static final int WRITER_NICE = 10;
    /**
     * The --link ring in front of the queue is at most this much of --buffer: the kernel maps and
     * pins all of it up front. It only has to ride out the moments the capture thread is not
     * reading (start-up, a GC pause); the queue holds the rest.
     */
    static final int RING_MAX = 32 << 20;
    /**
     * The socket receive buffer is --buffer, but at least {@link #SOCKET_BUFFER_MIN} and at most
     * this (the kernel caps SO_RCVBUFFORCE at half of INT_MAX). It is a limit, not an allocation:
     * the kernel holds only the packets queued, each at its full skb cost (about 1 KiB for a small
     * packet, ten times its record in the queue), so it matters only while the capture thread
     * falls behind, as it does until the JVM has configured the socket and warmed up.
     */
    static final int SOCKET_BUFFER_MAX = 1 << 30;
    /** A small --buffer shrinks the queue, not the kernel's buffer below what rides out start-up. */
    static final int SOCKET_BUFFER_MIN = 32 << 20;
    /**
     * The least memory the kernel charges a queued packet against the receive buffer (skb
     * truesize: the sk_buff and shared info alone take more). Bounds how many packets can have
     * been queued before the socket was configured.
     */
    private static final int MIN_TRUESIZE = 256;

    private final RecvSpec spec;
    private final OutputStream stdout;
    private final PrintWriter err;
    private final Interrupts interrupts;

    public RecvJob(RecvSpec spec, OutputStream stdout, PrintWriter err, Interrupts interrupts) {
        this.spec = spec;
        this.stdout = stdout;
        this.err = err;
        this.interrupts = interrupts;
    }

    public int run() throws IOException {
        // Outputs first, before any socket, so a bad path costs nothing.
        CaptureWriter writer = CaptureWriter.open(spec, stdout, linkType());
        CaptureQueue queue = new CaptureQueue(spec.queueBytes);
        Capture capture = new Capture(spec, queue, interrupts);
        long written = 0;
        long drops = -1;
        try (RawSocket socket = open(); PacketSource source = configure(socket, capture)) {
            // Only now, with every option set and the ring mapped: nothing after this needs root.
            DropPrivileges.to(spec.user);
            capture.start(source);
            // Formatting yields to capturing: on a busy machine (two cores, a flood, -f json) the
            // capture thread and whatever sends the packets get the CPU first, and the writer
            // catches up from the queue. Set after the capture thread exists, which keeps nice 0.
            // Given back at the end: a caller in the same process (a test) keeps its thread as it was.
            Integer niceBefore = ThreadNice.get();
            if (!ThreadNice.set(WRITER_NICE)) {
                LOG.debug("could not lower the writer thread's priority");
            }
            try {
                written = writeQueue(queue, writer, capture);
            } finally {
                capture.stop();
                capture.join();
                if (niceBefore != null && !ThreadNice.set(niceBefore)) {
                    LOG.debug("could not give the writer thread its priority back");
                }
            }
            drops = Math.max(capture.kernelDrops(), socket.receiveDrops());
            if (spec.mode == RecvSpec.Mode.LINK) {
                PacketStatistics stats = socket.packetStatistics();
                drops = stats.drops();
                LOG.debug("PACKET_STATISTICS: {} packets, {} dropped, ring full {} times", stats.packets(), stats.drops(),
                        stats.ringFullCount());
            }
        } finally {
            try {
                writer.close(drops);
            } finally {
                queue.release();
            }
        }
        // -G with -W ending the capture (writer.complete()) is an ordinary end: summed up, status 0
        boolean pipeClosed = writer.stdoutClosed();
        LOG.info("capture queue: high-water mark {} ({} bytes) of {}, {} packets it had no room for",
                Sizes.human(queue.peakBytes()), queue.peakBytes(), Sizes.human(queue.limitBytes()), queue.dropped());
        if (!spec.quiet && !pipeClosed) {
            err.println(summary(written, Math.max(0, drops), queue));
            err.flush();
        }
        if (interrupts.requested()) {
            return interrupts.exitStatus();
        }
        if (pipeClosed) {
            return ExitStatus.OK;
        }
        return capture.timedOut() && spec.count > 0 ? ExitStatus.NOT_MET : ExitStatus.OK;
    }

    /**
     * The line recv ends with: packets written, and the two places a packet can be lost, the
     * kernel's buffer (or ring) and rawsock's queue.
     */
    static String summary(long received, long kernelDrops, CaptureQueue queue) {
        return received + " packet" + (received == 1 ? "" : "s") + " received, " + kernelDrops
                + " dropped by the kernel, " + queue.dropped() + " dropped by rawsock (queue peak "
                + Sizes.human(queue.peakBytes()) + " of " + Sizes.human(queue.limitBytes()) + ")";
    }

    /**
     * The writer's loop: every packet of the queue, in order, to {@code writer}; a flush each time
     * the queue is empty, so a reader sees a lone packet at once and a flood costs one write per
     * buffer. Returns the packets written, when the capture has ended and the queue is empty, or
     * when stdout's reader went away.
     */
    private static long writeQueue(CaptureQueue queue, CaptureWriter writer, Capture capture) throws IOException {
        PacketMeta meta = new PacketMeta();
        long written = 0;
        boolean unflushed = false;
        while (true) {
            ByteBuffer packet = queue.poll(meta);
            if (packet != null) {
                if (!writer.write(meta, packet)) {
                    return written;
                }
                written++;
                unflushed = true;
            } else if (unflushed) {
                if (!writer.flush()) {
                    return written;
                }
                unflushed = false;
            } else if (queue.drained()) {
                return written;
            } else {
                queue.await(WAKE_MICROS * 1000);
            }
        }
    }

    /**
     * Opens the socket and, at once, sets what matters for the packets the kernel queues from that
     * moment: the receive buffer, so a burst that begins as the socket opens finds room, and the
     * options the kernel records as a packet is queued (timestamp; for IP sockets the interface
     * and destination), so such a packet still has them.
     */
    private RawSocket open() throws NativeException {
        boolean link = spec.mode == RecvSpec.Mode.LINK;
        int socketBytes = (int) Math.max(SOCKET_BUFFER_MIN, Math.min(spec.queueBytes, SOCKET_BUFFER_MAX));
        // The buffer first: a packet without room is lost, one queued before an option only lacks
        // what the option records; then the interface, whose absence a user sees (a JSON "iface"
        // of null), before the kernel timestamp, for which the time of reading stands in.
        RawSocket.Setup first = socket -> {
            socket.requestReceiveBuffer(socketBytes);
            if (!link) {
                socket.enablePacketInfo();
            }
            socket.enableTimestamps();
        };
        if (link) {
            return RawSocket.open(Family.PACKET, LinuxConstants.ETH_P_ALL, first);
        }
        return RawSocket.open(spec.mode == RecvSpec.Mode.IPV6 ? Family.INET6 : Family.INET, spec.protocol, first);
    }

    private LinkType linkType() {
        return spec.mode == RecvSpec.Mode.LINK ? LinkType.ETHERNET : LinkType.RAW;
    }

    /**
     * Finishes setting the socket up ({@link #open} set what counts from its first moment) and
     * returns where its packets will come from. The order matters: the filter comes last, and what
     * the kernel queued before it is read and kept when the filter (run here) and the interface
     * accept it; for --link this happens before the ring is mapped, since mapping it discards the
     * socket's queue.
     */
    private PacketSource configure(RawSocket socket, Capture capture) throws IOException {
        boolean link = spec.mode == RecvSpec.Mode.LINK;
        int granted = socket.receiveBuffer();
        int ifindex = spec.iface == null ? 0 : Interfaces.indexOf(spec.iface);
        if (link) {
            // Room to put back a VLAN tag the kernel took out of a frame, as the ring does.
            socket.enableAuxData();
            socket.bindLink(ifindex, LinuxConstants.ETH_P_ALL);
            if (spec.promiscuous) {
                socket.enablePromiscuous(ifindex);
            }
        } else {
            socket.enableDropCounter();
            if (spec.iface != null) {
                socket.bindToDevice(spec.iface);
            }
        }
        if (spec.filter != null) {
            socket.attachFilter(spec.filter);
            LOG.info("filter attached: {} ({} instructions)", spec.filterExpression, spec.filter.length / 8);
        }
        BacklogFilter judge = new BacklogFilter(spec.filterProgram, spec.mode, ifindex);
        // No more packets than this can have been queued before the filter and the bind.
        long bound = granted / MIN_TRUESIZE + BATCH;
        PacketSource source = null;
        if (link && spec.ring) {
            capture.readBacklog(socket, new ReceiveBatch(BATCH, spec.snaplen, ReceiveBatch.VLAN_HEADROOM), judge, bound);
            source = mapRing(socket, (int) Math.min(spec.queueBytes, RING_MAX));
        }
        if (source == null) {
            ReceiveBatch batch = new ReceiveBatch(BATCH, spec.snaplen, headroom());
            LOG.info("receive buffer: {} bytes granted (recvmmsg, {} packets per call)", granted, BATCH);
            source = new BatchSource(socket, batch, WAKE_MICROS);
            if (judge.needed()) {
                try {
                    capture.readBacklog(socket, batch, judge, bound);
                } catch (IOException | RuntimeException e) {
                    source.close();
                    throw e;
                }
            }
        }
        LOG.info("{} packets queued before the socket was configured were judged, {} of them left out", judge.judged(),
                judge.rejected());
        // Like tcpdump's line: from here on nothing is missed (scripts and tests wait for it, with -v).
        LOG.info("listening on {} ({}), snaplen {}", spec.iface == null ? "all interfaces" : spec.iface,
                link ? "Ethernet frames" : spec.mode == RecvSpec.Mode.IPV6
                        ? "IPv6 protocol " + spec.protocol : "IPv4 protocol " + spec.protocol, spec.snaplen);
        return source;
    }

    /**
     * The TPACKET_V3 ring for --link, sized by --buffer (at most {@link #RING_MAX}); null when the kernel refuses it (no
     * TPACKET_V3, no memory for the ring, a sandbox without PACKET_RX_RING): recvmmsg then does
     * the job on the same socket, more slowly, and a warning says so.
     */
    private PacketSource mapRing(RawSocket socket, int ringBytes) {
        PacketRing.Geometry geometry = PacketRing.Geometry.of(spec.snaplen, ringBytes);
        try {
            PacketRing ring = PacketRing.map(socket, geometry, spec.snaplen, WAKE_MILLIS);
            LOG.info("receive ring (TPACKET_V3): {}", geometry);
            return ring;
        } catch (NativeException e) {
            LOG.warn("no receive ring ({}); receiving with recvmmsg instead", e.getMessage());
            return null;
        }
    }

    /**
     * Room left before each packet in recvmmsg's buffers: IPv6 sockets deliver no IPv6 header, so
     * the payload lands after room for a rebuilt one; packet sockets get room to put back a VLAN
     * tag the kernel took out of a frame.
     */
    private int headroom() {
        switch (spec.mode) {
            case IPV6:
                return Ipv6HeaderRebuilder.HEADROOM;
            case LINK:
                return ReceiveBatch.VLAN_HEADROOM;
            default:
                return 0;
        }
    }
}
