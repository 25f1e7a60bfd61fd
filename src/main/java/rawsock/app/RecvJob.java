package rawsock.app;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rawsock.net.Family;
import rawsock.net.Interfaces;
import rawsock.net.LinuxConstants;
import rawsock.net.NativeException;
import rawsock.net.RawSocket;
import rawsock.net.ReceiveBatch;
import rawsock.net.ReceiveInfo;
import rawsock.output.OutputFormat;
import rawsock.output.PacketWriter;
import rawsock.output.PacketWriters;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.packet.PacketMeta;

/**
 * The receive loop: one raw socket, one reused buffer, decoder and metadata; each packet goes to
 * the writers as it arrives. Ends on --count, --timeout, a signal or a closed stdout pipe, then
 * prints the counts on stderr.
 */
public final class RecvJob {
    private static final Log LOG = Log.of(RecvJob.class);
    /** How often a blocked receive wakes to check for signals and the deadline. */
    private static final long WAKE_MICROS = 100_000;
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
        List<Output> outputs = openOutputs();
        long received = 0;
        long drops = -1;
        boolean pipeClosed = false;
        boolean timedOut = false;
        try (RawSocket socket = open()) {
            configure(socket);
            DropPrivileges.to(spec.user);
            // IPv6 sockets deliver no IPv6 header: the payload lands after room for a rebuilt one.
            int headroom = spec.mode == RecvSpec.Mode.IPV6 ? Ipv6HeaderRebuilder.HEADROOM : 0;
            ReceiveBatch batch = new ReceiveBatch(BATCH, spec.snaplen, headroom);
            ReceiveInfo info = new ReceiveInfo();
            PacketMeta meta = new PacketMeta();
            PacketDecoder decoder = new PacketDecoder();
            Ipv6HeaderRebuilder ipv6 = headroom > 0 ? new Ipv6HeaderRebuilder(spec.protocol) : null;
            long deadline = spec.timeoutNanos == 0 ? Long.MAX_VALUE : System.nanoTime() + spec.timeoutNanos;
            receiving:
            while ((spec.count == 0 || received < spec.count) && !interrupts.requested()) {
                if (System.nanoTime() - deadline >= 0) {
                    timedOut = true;
                    break;
                }
                int n = socket.receive(batch);
                for (int i = 0; i < n && (spec.count == 0 || received < spec.count); i++) {
                    ByteBuffer packet = batch.packet(i, info);
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
                // One flush per batch: a reader sees each packet as soon as the batch that
                // brought it is written, and a flood costs one write per batch, not per packet.
                if (n > 0 && !flushAll(outputs)) {
                    pipeClosed = true;
                    break;
                }
            }
            if (spec.mode == RecvSpec.Mode.LINK) {
                drops = socket.packetStatistics()[1];
            }
        } finally {
            pipeClosed |= !closeAll(outputs);
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

    private void configure(RawSocket socket) throws IOException {
        socket.enableTimestamps();
        if (spec.mode == RecvSpec.Mode.LINK) {
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
        int granted = socket.setReceiveBuffer(spec.bufferBytes);
        LOG.info("receive buffer: {} bytes granted for {} asked", granted, spec.bufferBytes);
        if (spec.filter != null) {
            socket.attachFilter(spec.filter);
            LOG.info("filter attached: {} ({} instructions)", spec.filterExpression, spec.filter.length / 8);
        }
        socket.setReceiveTimeout(WAKE_MICROS);
        int discarded = socket.drain();
        if (spec.mode == RecvSpec.Mode.LINK) {
            socket.packetStatistics();  // the kernel resets them on read: count from here
        }
        LOG.debug("discarded {} packets queued before the socket was configured", discarded);
        // Like tcpdump's line: from here on nothing is missed (scripts and tests wait for it, with -v).
        LOG.info("listening on {} ({}), snaplen {}", spec.iface == null ? "all interfaces" : spec.iface,
                spec.mode == RecvSpec.Mode.LINK ? "Ethernet frames" : spec.mode == RecvSpec.Mode.IPV6
                        ? "IPv6 protocol " + spec.protocol : "IPv4 protocol " + spec.protocol, spec.snaplen);
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
    private static final class Output {
        final PacketWriter writer;
        final boolean stdout;

        Output(PacketWriter writer, boolean stdout) {
            this.writer = writer;
            this.stdout = stdout;
        }
    }

    /** Opens -w FILE and stdout's writer before any socket, so a bad path costs nothing. */
    private List<Output> openOutputs() throws IOException {
        List<Output> outputs = new ArrayList<>(2);
        if (spec.outputPath != null && !spec.outputPath.equals("-")) {
            OutputStream file;
            try {
                file = Files.newOutputStream(Path.of(spec.outputPath));
            } catch (IOException e) {
                throw new IOException("-w " + spec.outputPath + ": cannot write (" + describe(e) + ")", e);
            }
            outputs.add(new Output(PacketWriters.create(OutputFormat.PCAP, new BufferedOutputStream(file, 1 << 16),
                    linkType(), false), false));
        } else if (spec.outputPath != null) {
            outputs.add(new Output(PacketWriters.create(OutputFormat.PCAP, stdout, linkType(), false), true));
        }
        if (spec.format != null && !"-".equals(spec.outputPath)) {
            outputs.add(new Output(PacketWriters.create(spec.format, stdout, linkType(), false), true));
        }
        return outputs;
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }

    /** Writes to every output; returns false when stdout's reader went away (a closed pipe). */
    private static boolean writeAll(List<Output> outputs, PacketMeta meta, ByteBuffer packet, DecodedPacket decoded)
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
    private static boolean flushAll(List<Output> outputs) throws IOException {
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
        if (!output.stdout || !Pipes.isClosed(e)) {
            throw e;
        }
    }

    private static boolean closeAll(List<Output> outputs) throws IOException {
        boolean stdoutOpen = true;
        IOException failure = null;
        for (Output output : outputs) {
            try {
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
