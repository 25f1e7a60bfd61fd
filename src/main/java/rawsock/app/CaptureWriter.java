package rawsock.app;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rawsock.net.Interfaces;
import rawsock.output.OutputFormat;
import rawsock.output.PacketWriter;
import rawsock.output.PacketWriters;
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
    private boolean stdoutClosed;

    private CaptureWriter(List<Output> outputs, LinkType linkType, boolean decodes) {
        this.outputs = outputs;
        this.linkType = linkType;
        this.decoder = decodes ? new PacketDecoder() : null;
    }

    /**
     * Opens {@code outputPath} (-w: a pcap file, "-" for stdout, or null) and stdout's
     * {@code format} (or null for none) for packets of {@code linkType} cut to {@code snaplen}
     * (which a pcap header states). A path that cannot be written is an IOException naming it.
     */
    public static CaptureWriter open(String outputPath, OutputFormat format, OutputStream stdout, LinkType linkType,
            int snaplen) throws IOException {
        List<Output> outputs = new ArrayList<>(2);
        if (outputPath != null && !outputPath.equals("-")) {
            OutputStream file;
            try {
                file = Files.newOutputStream(Path.of(outputPath));
            } catch (IOException e) {
                throw new IOException("-w " + outputPath + ": cannot write (" + describe(e) + ")", e);
            }
            outputs.add(new Output(PacketWriters.create(OutputFormat.PCAP, new BufferedOutputStream(file, 1 << 16),
                    linkType, snaplen, false), false));
        } else if (outputPath != null) {
            outputs.add(new Output(PacketWriters.create(OutputFormat.PCAP, stdout, linkType, snaplen, false), true));
        }
        if (format != null && !"-".equals(outputPath)) {
            outputs.add(new Output(PacketWriters.create(format, stdout, linkType, snaplen, false), true));
        }
        return new CaptureWriter(outputs, linkType, format == OutputFormat.TEXT || format == OutputFormat.JSON);
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
        if (decoder != null) {
            if (meta.ifname() == null) {
                meta.ifname(Interfaces.nameOf(meta.ifindex()));
            }
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

    /** Returns false when {@code e} is stdout's reader going away (we end quietly); rethrows anything else. */
    private boolean stdoutClosed(Output output, IOException e) throws IOException {
        if (!output.stdout || !Pipes.isClosed(e)) {
            throw e;
        }
        stdoutClosed = true;
        return false;
    }

    /** Flushes and closes every output (a pcap file stays complete); a closed stdout is noted, not thrown. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Output output : outputs) {
            try {
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
