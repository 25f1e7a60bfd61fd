package rawsock.app;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import rawsock.net.BatchSource;
import rawsock.net.Family;
import rawsock.net.Interfaces;
import rawsock.net.LinuxConstants;
import rawsock.net.NativeException;
import rawsock.net.PacketRing;
import rawsock.net.PacketSource;
import rawsock.net.RawSocket;
import rawsock.net.ReceiveBatch;
import rawsock.net.ReceiveInfo;
import rawsock.output.OutputFormat;
import rawsock.output.PacketWriter;
import rawsock.output.PacketWriters;
import rawsock.output.RotatingWriter;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.packet.PacketMeta;

/**
 * The receive loop: one raw socket, one source of packets (recvmmsg batches, or for --link a
 * TPACKET_V3 ring), one reused decoder and metadata; each packet goes to the writers as it
 * arrives, and they are flushed once per batch or ring block. Ends on --count, --timeout, a
 * signal or a closed stdout pipe, then prints the counts on stderr.
 */
public final class RecvJob {
    private static final Log LOG = Log.of(RecvJob.class);
    /** How often a blocked receive wakes to check for signals and the deadline. */
    private static final long WAKE_MICROS = 100_000;
    private static final int WAKE_MILLIS = (int) (WAKE_MICROS / 1000);
    /** Packets per recvmmsg. */
    private static final int BATCH = 32;

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
        List<Output> outputs = openOutputs(spec, stdout, linkType());
        long received = 0;
        long drops = -1;
        boolean pipeClosed = false;
        boolean timedOut = false;
        try (RawSocket socket = open(); PacketSource source = configure(socket)) {
            // Only now, with every option set and the ring mapped: nothing after this needs root.
            DropPrivileges.to(spec.user);
            ReceiveInfo info = new ReceiveInfo();
            PacketMeta meta = new PacketMeta();
            PacketDecoder decoder = new PacketDecoder();
            Ipv6HeaderRebuilder ipv6 = spec.mode == RecvSpec.Mode.IPV6 ? new Ipv6HeaderRebuilder(spec.protocol) : null;
            long deadline = spec.timeoutNanos == 0 ? Long.MAX_VALUE : System.nanoTime() + spec.timeoutNanos;
            receiving:
            while ((spec.count == 0 || received < spec.count) && !interrupts.requested()) {
                if (System.nanoTime() - deadline >= 0) {
                    timedOut = true;
                    break;
                }
                int n = source.receive();
                for (int i = 0; i < n && (spec.count == 0 || received < spec.count); i++) {
                    ByteBuffer packet = source.next(info);
                    if (packet == null) {
                        break;
                    }
                    received++;
                    describe(info, meta);
                    if (ipv6 != null) {
                        ipv6.rebuild(packet, info);
                        meta.wireLength(Ipv6HeaderRebuilder.HEADROOM + info.wireLength()).capturedLength(packet.remaining());
                    }
                    if (info.kernelDrops() >= 0) {
                        drops = info.kernelDrops();
                    }
                    DecodedPacket decoded = decoder.decode(packet, linkType());
                    pipeClosed = !writeAll(outputs, meta, packet, decoded);
                    if (pipeClosed || interrupts.requested()) {
                        break receiving;
                    }
                }
                // One flush per batch (or ring block): a reader sees each packet as soon as the
                // batch that brought it is written, and a flood costs one write per batch, not
                // per packet.
                if (n > 0 && !flushAll(outputs)) {
                    pipeClosed = true;
                    break;
                }
            }
            if (spec.mode == RecvSpec.Mode.LINK) {
                long[] stats = socket.packetStatistics();
                drops = stats[1];
                LOG.debug("PACKET_STATISTICS: {} packets, {} dropped, ring full {} times", stats[0], stats[1], stats[2]);
            }
        } finally {
            pipeClosed |= !closeAll(outputs, drops);
        }
        if (!spec.quiet && !pipeClosed) {
            err.println(received + " packet" + (received == 1 ? "" : "s") + " received, "
                    + Math.max(0, drops) + " dropped by the kernel");
            err.flush();
        }
        if (interrupts.requested()) {
            return interrupts.exitStatus();
        }
        if (pipeClosed) {
            return ExitStatus.OK;
        }
        return timedOut && spec.count > 0 ? ExitStatus.NOT_MET : ExitStatus.OK;
    }

    private RawSocket open() throws NativeException {
        switch (spec.mode) {
            case IPV6:
                return RawSocket.open(Family.INET6, spec.protocol);
            case LINK:
                return RawSocket.open(Family.PACKET, LinuxConstants.ETH_P_ALL);
            default:
                return RawSocket.open(Family.INET, spec.protocol);
        }
    }

    private LinkType linkType() {
        return spec.mode == RecvSpec.Mode.LINK ? LinkType.ETHERNET : LinkType.RAW;
    }

    /**
     * Sets the socket up and returns where its packets will come from. The order matters: the
     * filter is attached before the ring exists, so every frame in the ring passed it; what was
     * queued before then is drained.
     */
    private PacketSource configure(RawSocket socket) throws IOException {
        socket.enableTimestamps();
        boolean link = spec.mode == RecvSpec.Mode.LINK;
        if (link) {
            int ifindex = spec.iface == null ? 0 : Interfaces.indexOf(spec.iface);
            socket.bindLink(ifindex, LinuxConstants.ETH_P_ALL);
            if (spec.promiscuous) {
                socket.enablePromiscuous(ifindex);
            }
        } else {
            socket.enablePacketInfo();
            socket.enableDropCounter();
            if (spec.iface != null) {
                socket.bindToDevice(spec.iface);
            }
        }
        if (spec.filter != null) {
            socket.attachFilter(spec.filter);
            LOG.info("filter attached: {} ({} instructions)", spec.filterExpression, spec.filter.length / 8);
        }
        PacketSource source = link && spec.ring ? mapRing(socket) : null;
        if (source == null) {
            source = batches(socket);
        }
        try {
            int discarded = socket.drain();
            if (link) {
                socket.packetStatistics();  // the kernel resets them on read: count from here
            }
            LOG.debug("discarded {} packets queued before the socket was configured", discarded);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
        // Like tcpdump's line: from here on nothing is missed (scripts and tests wait for it, with -v).
        LOG.info("listening on {} ({}), snaplen {}", spec.iface == null ? "all interfaces" : spec.iface,
                link ? "Ethernet frames" : spec.mode == RecvSpec.Mode.IPV6
                        ? "IPv6 protocol " + spec.protocol : "IPv4 protocol " + spec.protocol, spec.snaplen);
        return source;
    }

    /**
     * The TPACKET_V3 ring for --link, sized by --buffer; null when the kernel refuses it (no
     * TPACKET_V3, no memory for the ring, a sandbox without PACKET_RX_RING): recvmmsg then does
     * the job on the same socket, more slowly, and a warning says so.
     */
    private PacketSource mapRing(RawSocket socket) {
        PacketRing.Geometry geometry = PacketRing.Geometry.of(spec.snaplen, spec.bufferBytes);
        try {
            PacketRing ring = PacketRing.map(socket, geometry, spec.snaplen, WAKE_MILLIS);
            LOG.info("receive ring (TPACKET_V3): {}", geometry);
            return ring;
        } catch (NativeException e) {
            LOG.warn("no receive ring ({}); receiving with recvmmsg instead", e.getMessage());
            return null;
        }
    }

    /** recvmmsg batches into buffers of ours, behind a receive buffer of --buffer bytes. */
    private PacketSource batches(RawSocket socket) throws NativeException {
        int headroom;
        if (spec.mode == RecvSpec.Mode.IPV6) {
            // IPv6 sockets deliver no IPv6 header: the payload lands after room for a rebuilt one.
            headroom = Ipv6HeaderRebuilder.HEADROOM;
        } else if (spec.mode == RecvSpec.Mode.LINK) {
            // Room to put back a VLAN tag the kernel took out of the frame, as the ring does.
            socket.enableAuxData();
            headroom = ReceiveBatch.VLAN_HEADROOM;
        } else {
            headroom = 0;
        }
        int granted = socket.setReceiveBuffer(spec.bufferBytes);
        LOG.info("receive buffer: {} bytes granted for {} asked (recvmmsg, {} packets per call)", granted,
                spec.bufferBytes, BATCH);
        return new BatchSource(socket, new ReceiveBatch(BATCH, spec.snaplen, headroom), WAKE_MICROS);
    }

    private static void describe(ReceiveInfo info, PacketMeta meta) {
        meta.reset();
        long ts = info.timestampNanos();
        if (ts == 0) {
            java.time.Instant now = java.time.Instant.now();
            ts = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
        meta.timestampNanos(ts).ifindex(info.ifindex()).ifname(Interfaces.nameOf(info.ifindex()))
                .wireLength(info.wireLength()).capturedLength(info.capturedLength()).pktType(info.pktType());
    }

    /** One destination of packets; {@code stdout} marks the one whose closing ends us quietly. */
    static final class Output {
        final PacketWriter writer;
        final boolean stdout;

        Output(PacketWriter writer, boolean stdout) {
            this.writer = writer;
            this.stdout = stdout;
        }
    }

    /**
     * Opens -w FILE and stdout's writer before any socket (or input file), so a bad path costs
     * nothing. {@code link} is where the packets' bytes start.
     */
    static List<Output> openOutputs(RecvSpec spec, OutputStream stdout, LinkType link) throws IOException {
        List<Output> outputs = new ArrayList<>(2);
        if (spec.outputPath != null && (spec.rotateBytes > 0 || spec.rotateSeconds > 0)) {
            outputs.add(new Output(rotating(spec, link), false));
        } else if (spec.outputPath != null && !spec.outputPath.equals("-")) {
            OutputStream file;
            try {
                file = Files.newOutputStream(Path.of(spec.outputPath));
            } catch (IOException e) {
                throw new IOException("-w " + spec.outputPath + ": cannot write (" + describe(e) + ")", e);
            }
            outputs.add(new Output(create(spec, spec.fileFormat, new BufferedOutputStream(file, 1 << 16), link), false));
        } else if (spec.outputPath != null) {
            outputs.add(new Output(create(spec, spec.fileFormat, stdout, link), true));
        }
        if (spec.format != null && !"-".equals(spec.outputPath)) {
            outputs.add(new Output(create(spec, spec.format, stdout, link), true));
        }
        return outputs;
    }

    /** -w FILE with -C/-G: files opened as packets come; the directory is checked now, so a bad path costs nothing. */
    private static PacketWriter rotating(RecvSpec spec, LinkType link) throws IOException {
        Path parent = Path.of(spec.outputPath).toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new IOException("-w " + spec.outputPath + ": cannot write (" + (parent != null && Files.isDirectory(parent)
                    ? "permission denied" : "no such directory") + ")");
        }
        return new RotatingWriter(spec.fileFormat, link, spec.fileFormat == OutputFormat.PCAPNG ? spec.snaplen : 0,
                spec.outputPath, spec.rotateBytes, spec.rotateSeconds, spec.rotateFiles,
                name -> new BufferedOutputStream(Files.newOutputStream(Path.of(name)), 1 << 16), ZoneId.systemDefault());
    }

    /** pcapng's interface blocks carry the snaplen in force; pcap's header keeps its own. */
    private static PacketWriter create(RecvSpec spec, OutputFormat format, OutputStream out, LinkType link) {
        return format == OutputFormat.PCAPNG ? PacketWriters.create(format, out, link, spec.snaplen, false)
                : PacketWriters.create(format, out, link, false);
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }

    /** Writes to every output; returns false when stdout's reader went away (a closed pipe). */
    static boolean writeAll(List<Output> outputs, PacketMeta meta, ByteBuffer packet, DecodedPacket decoded)
            throws IOException {
        // A plain loop, no lambda: this runs for every packet and allocates nothing.
        for (int i = 0; i < outputs.size(); i++) {
            Output output = outputs.get(i);
            try {
                output.writer.write(meta, packet, decoded);
            } catch (IOException e) {
                stdoutClosed(output, e);
                return false;
            }
        }
        return true;
    }

    /** Flushes every output; returns false when stdout's reader went away. */
    static boolean flushAll(List<Output> outputs) throws IOException {
        for (int i = 0; i < outputs.size(); i++) {
            Output output = outputs.get(i);
            try {
                output.writer.flush();
            } catch (IOException e) {
                stdoutClosed(output, e);
                return false;
            }
        }
        return true;
    }

    /** Returns when {@code e} is stdout's reader going away (we end quietly); rethrows anything else. */
    private static void stdoutClosed(Output output, IOException e) throws IOException {
        if (e instanceof RotatingWriter.Complete) {
            return;  // -G with -W: the last file is complete, the capture ends as tcpdump's does
        }
        if (!output.stdout || !Pipes.isClosed(e)) {
            throw e;
        }
    }

    /**
     * Ends every output (with the kernel's drop count, -1 when unknown, for formats that record
     * it) and closes it; returns false when stdout's reader went away.
     */
    static boolean closeAll(List<Output> outputs, long kernelDrops) throws IOException {
        boolean stdoutOpen = true;
        IOException failure = null;
        for (Output output : outputs) {
            try {
                output.writer.endOfCapture(kernelDrops);
                output.writer.close();
            } catch (IOException e) {
                if (output.stdout && Pipes.isClosed(e)) {
                    stdoutOpen = false;
                } else if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return stdoutOpen;
    }
}
