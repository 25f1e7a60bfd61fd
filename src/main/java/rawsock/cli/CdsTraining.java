package rawsock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rawsock.output.Hex;
import rawsock.output.OutputFormat;
import rawsock.output.PacketWriter;
import rawsock.output.PacketWriters;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.packet.PacketMeta;

/**
 * The run that records the AppCDS archive (scripts/rawsock and scripts/install start it with
 * -XX:ArchiveClassesAtExit). The archive holds only the classes its recording run loaded, so a
 * first run of {@code --version} would leave send and recv to load theirs from the jar ever
 * after; this walks the common paths of both in one JVM instead, whatever the user runs first.
 *
 * <p>It sends nothing: every command line binds to an interface that does not exist, so each
 * stops at SO_BINDTODEVICE or the interface lookup (without root, at socket()), after the
 * options, the packet and the native binding are done. Received packets are stood in for by one
 * built-in packet, decoded and written in every format to nowhere.
 */
public final class CdsTraining {
    /** An interface name no machine has; if one does, the command lines are skipped. */
    static final String NO_SUCH_INTERFACE = "rawsock-cds0";

    static final List<String[]> COMMAND_LINES = List.of(
        new String[] {"--version"},
        new String[] {"--help"},
        new String[] {"send", "--help"},
        new String[] {"recv", "--help"},
        new String[] {"send", "-d", "127.0.0.1", "-I", NO_SUCH_INTERFACE},
        new String[] {"send", "-p", "udp", "-d", "127.0.0.1", "--dport", "9", "--data", "x", "-c", "2", "--flood",
            "-I", NO_SUCH_INTERFACE},
        new String[] {"send", "-p", "tcp", "-d", "127.0.0.1", "--src", "127.0.0.2", "--flags", "S", "-I",
            NO_SUCH_INTERFACE},
        new String[] {"send", "-d", "127.0.0.1", "--wait=1ms", "-I", NO_SUCH_INTERFACE},
        new String[] {"send", "-d", "::1", "-I", NO_SUCH_INTERFACE},
        new String[] {"send", "--stdin-hex", "-I", NO_SUCH_INTERFACE},
        new String[] {"send", "--link", "-p", "arp", "-d", "127.0.0.1", "-I", NO_SUCH_INTERFACE},
        new String[] {"recv", "-p", "udp", "--filter", "port 53", "-c", "1", "-I", NO_SUCH_INTERFACE},
        new String[] {"recv", "-6", "-f", "json", "-c", "1", "-I", NO_SUCH_INTERFACE},
        new String[] {"recv", "--link", "-f", "pcap", "-c", "1", "-I", NO_SUCH_INTERFACE});

    /** An ICMP echo request from 127.0.0.1 to itself, as `ping` sends it. */
    private static final String SAMPLE_PACKET = "45000054d2f340004001a9b37f0000017f000001"
            + "0800307c9d2a0001e7c2556100000000" + "2d61010000000000101112131415161718191a1b1c1d1e1f"
            + "202122232425262728292a2b2c2d2e2f3031323334353637";

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        run();
        // Ends as rawsock.Main does, so the exit path is recorded too: on JDK 21 and later
        // System.exit looks up a System.Logger ("java.lang.Runtime"), about 40 classes that a
        // run ending at the end of main never loads.
        System.exit(0);
    }

    /** Runs the training; returns the exit status of each command line (empty when skipped). */
    static List<Integer> run() throws IOException {
        List<Integer> statuses = new ArrayList<>();
        if (!Files.exists(Path.of("/sys/class/net", NO_SUCH_INTERFACE))) {
            Console nowhere = new Console(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                    new PrintWriter(Writer.nullWriter()), () -> false);
            for (String[] line : COMMAND_LINES) {
                statuses.add(Rawsock.execute(nowhere, line));
            }
        }
        writeSampleInEveryFormat();
        return statuses;
    }

    private static void writeSampleInEveryFormat() throws IOException {
        ByteBuffer packet = ByteBuffer.wrap(Hex.decode(SAMPLE_PACKET));
        DecodedPacket decoded = new PacketDecoder().decode(packet, LinkType.RAW);
        PacketMeta meta = new PacketMeta();
        for (OutputFormat format : OutputFormat.values()) {
            try (PacketWriter writer = PacketWriters.create(format, OutputStream.nullOutputStream(), LinkType.RAW,
                    false)) {
                writer.write(meta, packet, decoded);
            }
        }
    }
}
