package rawsock.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import rawsock.net.Family;
import rawsock.net.LinuxConstants;
import rawsock.net.NativeException;
import rawsock.net.RawSocket;
import rawsock.output.HexLineReader;
import rawsock.output.PcapReader;
import rawsock.output.PcapRecord;

/**
 * Sends whole IPv4 packets as they are (IP_HDRINCL): one per line of hex on stdin, or the
 * records of a pcap capture. Each goes to its own destination address unless --dst names one.
 * A malformed line or record stops the run with exit 4 after the good packets before it.
 */
final class ReplayJob {
    private static final int ETHERNET_HEADER = 14;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_VLAN = 0x8100;

    private final SendSpec spec;
    private final InputStream stdin;
    private final PrintWriter err;
    private final boolean live;
    private final Interrupts interrupts;
    private final byte[] lastDestination = new byte[4];
    private InetAddress destination;

    ReplayJob(SendSpec spec, InputStream stdin, PrintWriter err, boolean live, Interrupts interrupts) {
        this.spec = spec;
        this.stdin = stdin;
        this.err = err;
        this.live = live;
        this.interrupts = interrupts;
    }

    int run() throws IOException {
        PacketSource source = open();
        SendStats stats = new SendStats(err, live);
        String failure = null;
        boolean started = false;
        try (RawSocket socket = RawSocket.open(Family.INET, LinuxConstants.IPPROTO_RAW)) {
            socket.setHeaderIncluded(true);
            if (spec.iface != null) {
                socket.bindToDevice(spec.iface);
            }
            started = true;
            Pacer pacer = new Pacer(spec.intervalNanos, interrupts);
            ByteBuffer packet = ByteBuffer.allocateDirect(PcapReader.MAX_RECORD).order(ByteOrder.BIG_ENDIAN);
            long firstTimestamp = 0;
            long start = 0;
            for (long i = 0; spec.count == 0 || i < spec.count; i++) {
                try {
                    if (!source.next(packet)) {
                        break;
                    }
                } catch (IOException e) {
                    failure = e.getMessage();
                    break;
                }
                String problem = toIpv4(packet);
                if (problem != null) {
                    failure = source.position() + ": " + problem;
                    break;
                }
                boolean onTime;
                if (spec.originalTiming) {
                    if (i == 0) {
                        firstTimestamp = source.timestampNanos();
                        start = System.nanoTime();
                    }
                    onTime = pacer.awaitUntil(start + Math.max(0, source.timestampNanos() - firstTimestamp));
                } else {
                    onTime = pacer.awaitSlot(i);
                }
                if (!onTime) {
                    break;
                }
                try {
                    stats.sent(socket.send(packet, destinationOf(packet)));
                } catch (NativeException e) {
                    throw e.withHint(source.position() + ": " + (e.hint() == null ? e.errnoName() : e.hint())
                            + "; " + stats.packets() + " packets sent before it");
                }
            }
        } finally {
            // A run that failed while setting up sent nothing: the error line says it all.
            if (!spec.quiet && started) {
                stats.summary(failure == null ? "" : " before the error");
            }
        }
        if (failure != null) {
            throw new IOException(failure + " (" + stats.packets() + " packets sent before it)");
        }
        return interrupts.requested() ? interrupts.exitStatus() : ExitStatus.OK;
    }

    private PacketSource open() throws IOException {
        if (spec.input == SendSpec.Input.STDIN_HEX) {
            return new HexSource(new HexLineReader(stdin));
        }
        InputStream in;
        if (spec.inputPath.equals("-")) {
            in = stdin;
        } else {
            try {
                in = Files.newInputStream(Path.of(spec.inputPath));
            } catch (NoSuchFileException e) {
                throw new UsageException("--read-pcap " + spec.inputPath + ": no such file");
            } catch (IOException e) {
                throw new UsageException("--read-pcap " + spec.inputPath + ": cannot read (" + e.getMessage() + ")");
            }
        }
        PcapReader reader = new PcapReader(in);
        int link = reader.linkType();
        if (link != PcapReader.LINKTYPE_RAW && link != PcapReader.LINKTYPE_IPV4
                && link != PcapReader.LINKTYPE_ETHERNET && link != PcapReader.LINKTYPE_IPV6) {
            throw new UsageException("--read-pcap " + spec.inputPath + ": link type " + link
                    + " is not supported (RAW, IPv4 or Ethernet carrying IPv4)");
        }
        return new PcapSource(reader, link == PcapReader.LINKTYPE_ETHERNET);
    }

    /**
     * Leaves {@code packet} positioned at its IPv4 header (skipping an Ethernet header);
     * returns why it cannot be sent, or null.
     */
    private String toIpv4(ByteBuffer packet) {
        if (packet.remaining() < 20) {
            return "too short for an IPv4 header (" + packet.remaining() + " bytes)";
        }
        int version = (packet.get(packet.position()) & 0xff) >> 4;
        if (version == 6) {
            return "IPv6 packets are not supported yet";
        }
        if (version != 4) {
            return "not an IPv4 packet (version " + version + ")";
        }
        return null;
    }

    private InetAddress destinationOf(ByteBuffer packet) throws IOException {
        if (spec.destination != null) {
            return spec.destination;
        }
        int at = packet.position() + 16;
        boolean same = destination != null;
        for (int i = 0; i < 4 && same; i++) {
            same = lastDestination[i] == packet.get(at + i);
        }
        if (!same) {
            packet.get(at, lastDestination, 0, 4);
            destination = InetAddress.getByAddress(lastDestination.clone());
        }
        return destination;
    }

    /** Packets one at a time, with where each came from for error messages. */
    private interface PacketSource {
        /** Fills {@code into} (position at the first byte to send, limit after the last). */
        boolean next(ByteBuffer into) throws IOException;

        /** "line 3" or "record 7", for messages. */
        String position();

        long timestampNanos();
    }

    private static final class HexSource implements PacketSource {
        private final HexLineReader reader;

        HexSource(HexLineReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean next(ByteBuffer into) throws IOException {
            return reader.next(into);
        }

        @Override
        public String position() {
            return "line " + reader.lineNumber();
        }

        @Override
        public long timestampNanos() {
            return 0;
        }
    }

    private static final class PcapSource implements PacketSource {
        private final PcapReader reader;
        private final boolean ethernet;
        private final PcapRecord record = new PcapRecord(true);

        PcapSource(PcapReader reader, boolean ethernet) {
            this.reader = reader;
            this.ethernet = ethernet;
        }

        @Override
        public boolean next(ByteBuffer into) throws IOException {
            if (!reader.next(record)) {
                return false;
            }
            ByteBuffer data = record.data();
            int offset = data.position();
            if (ethernet) {
                offset += linkHeaderLength(data);
            }
            into.clear();
            int length = Math.max(0, data.limit() - offset);
            into.put(0, data, offset, Math.min(length, into.capacity()));
            into.limit(Math.min(length, into.capacity()));
            return true;
        }

        /** Ethernet (and one 802.1Q tag); a non-IPv4 frame is left whole and refused later. */
        private static int linkHeaderLength(ByteBuffer frame) {
            int start = frame.position();
            if (frame.limit() - start < ETHERNET_HEADER) {
                return 0;
            }
            int type = frame.getShort(start + 12) & 0xffff;
            if (type == ETHERTYPE_VLAN && frame.limit() - start >= ETHERNET_HEADER + 4) {
                type = frame.getShort(start + 16) & 0xffff;
                return type == ETHERTYPE_IPV4 ? ETHERNET_HEADER + 4 : 0;
            }
            return type == ETHERTYPE_IPV4 ? ETHERNET_HEADER : 0;
        }

        @Override
        public String position() {
            return "record " + record.number();
        }

        @Override
        public long timestampNanos() {
            return record.timestampNanos();
        }
    }
}
