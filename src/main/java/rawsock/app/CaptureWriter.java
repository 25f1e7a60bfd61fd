package rawsock.app;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import rawsock.net.Interfaces;
import rawsock.output.OutputFormat;
import rawsock.output.PacketWriter;
import rawsock.output.PacketWriters;
import rawsock.output.RotatingWriter;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.packet.PacketMeta;

/**
 * The writer side of recv: takes (metadata, bytes) of each packet, in order, and writes it to
 * every output (-w FILE's pcap, stdout's format). Packets are decoded only when an output prints
 * layers (text, json), never for hex and pcap. Knows nothing of where packets come from: the
 * capture queue feeds it, and so can any other source of packets.
 *
 * <p>A closed stdout pipe is not an error: {@link #write} and {@link #flush} return false and the
 * caller ends quietly. Any other I/O error is thrown.
 */
public final class CaptureWriter implements AutoCloseable {
    /** One destination of packets; {@code stdout} marks the one whose closing ends us quietly. */
    private static final class Output {
        final PacketWriter writer;
        final boolean stdout;

        Output(PacketWriter writer, boolean stdout) {
            this.writer = writer;
            this.stdout = stdout;
        }
    }

    private final List<Output> outputs;
    private final LinkType linkType;
    private final PacketDecoder decoder;
    /** pcapng names each packet's interface, so the name is looked up for it too. */
    private final boolean namesInterfaces;
    private boolean stdoutClosed;
    private boolean complete;

    private CaptureWriter(List<Output> outputs, LinkType linkType, boolean decodes, boolean namesInterfaces) {
        this.outputs = outputs;
        this.namesInterfaces = namesInterfaces;
        this.linkType = linkType;
        this.decoder = decodes ? new PacketDecoder() : null;
    }

    /**
     * Opens -w (a pcap or pcapng file, split by -C/-G when asked; "-" for stdout; or none) and
     * stdout's format (or none) for packets of {@code linkType}, with the snaplen in force (which
     * pcap and pcapng headers state). A path that cannot be written is
     * an IOException naming it.
     */
    public static CaptureWriter open(RecvSpec spec, OutputStream stdout, LinkType linkType) throws IOException {
        String outputPath = spec.outputPath;
        OutputFormat format = spec.format;
        List<Output> outputs = new ArrayList<>(2);
        if (outputPath != null && (spec.rotateBytes > 0 || spec.rotateSeconds > 0)) {
            outputs.add(new Output(rotating(spec, linkType), false));
        } else if (outputPath != null && !outputPath.equals("-")) {
            OutputStream file;
            try {
                file = Files.newOutputStream(Path.of(outputPath));
            } catch (IOException e) {
                throw new IOException("-w " + outputPath + ": cannot write (" + describe(e) + ")", e);
            }
            outputs.add(new Output(create(spec, spec.fileFormat, new BufferedOutputStream(file, 1 << 16), linkType),
                    false));
        } else if (outputPath != null) {
            outputs.add(new Output(create(spec, spec.fileFormat, stdout, linkType), true));
        }
        if (format != null && !"-".equals(outputPath)) {
            outputs.add(new Output(create(spec, format, stdout, linkType), true));
        }
        return new CaptureWriter(outputs, linkType, format == OutputFormat.TEXT || format == OutputFormat.JSON,
                format == OutputFormat.PCAPNG || outputPath != null && spec.fileFormat == OutputFormat.PCAPNG);
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
        return PacketWriters.create(format, out, link, spec.snaplen, false);
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }

    /**
     * Writes one packet ({@code packet} from position to limit, not moved) to every output.
     * Returns false when stdout's reader went away; nothing more should be written then.
     */
    public boolean write(PacketMeta meta, ByteBuffer packet) throws IOException {
        DecodedPacket decoded = null;
        if (meta.ifname() == null && (decoder != null || namesInterfaces)) {
            meta.ifname(Interfaces.nameOf(meta.ifindex()));
        }
        if (decoder != null) {
            decoded = decoder.decode(packet, linkType);
        }
        // A plain loop, no lambda: this runs for every packet and allocates nothing.
        for (int i = 0; i < outputs.size(); i++) {
            Output output = outputs.get(i);
            try {
                output.writer.write(meta, packet, decoded);
            } catch (IOException e) {
                return stdoutClosed(output, e);
            }
        }
        return true;
    }

    /** Flushes every output; returns false when stdout's reader went away. */
    public boolean flush() throws IOException {
        for (int i = 0; i < outputs.size(); i++) {
            Output output = outputs.get(i);
            try {
                output.writer.flush();
            } catch (IOException e) {
                return stdoutClosed(output, e);
            }
        }
        return true;
    }

    /** True once stdout's reader has gone away. */
    public boolean stdoutClosed() {
        return stdoutClosed;
    }

    /**
     * True once -G with -W has written its last file: the capture has reached its planned end (as
     * tcpdump's does), an ordinary end that is summed up like any other.
     */
    public boolean complete() {
        return complete;
    }

    /**
     * Returns false when {@code e} ends the writing without being an error: stdout's reader going
     * away (we end quietly), or the last of -W's files being complete. Rethrows anything else.
     */
    private boolean stdoutClosed(Output output, IOException e) throws IOException {
        if (e instanceof RotatingWriter.Complete) {
            complete = true;
            return false;
        }
        if (!output.stdout || !Pipes.isClosed(e)) {
            throw e;
        }
        stdoutClosed = true;
        return false;
    }

    /** Flushes and closes every output (a pcap file stays complete); a closed stdout is noted, not thrown. */
    @Override
    public void close() throws IOException {
        close(-1);
    }

    /**
     * Like {@link #close()}, first giving formats that record statistics (pcapng) the kernel's
     * drop count ({@code kernelDrops}, -1 when unknown).
     */
    public void close(long kernelDrops) throws IOException {
        IOException failure = null;
        for (Output output : outputs) {
            try {
                output.writer.endOfCapture(kernelDrops);
                output.writer.close();
            } catch (IOException e) {
                if (output.stdout && Pipes.isClosed(e)) {
                    stdoutClosed = true;
                } else if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
