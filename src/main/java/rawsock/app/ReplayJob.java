package rawsock.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import rawsock.net.Family;
import rawsock.net.Interfaces;
import rawsock.net.NativeException;
import rawsock.net.RawSocket;
import rawsock.output.HexLineReader;
import rawsock.output.PcapFormatException;
import rawsock.output.CaptureReader;
import rawsock.output.PcapReader;
import rawsock.output.PcapRecord;
import rawsock.packet.LinuxCooked;
import rawsock.packet.ChecksumRepair;
import rawsock.packet.Ethernet;
import rawsock.packet.EthernetFrame;
import rawsock.packet.IpProtocol;

/**
 * Sends whole IPv4 and IPv6 packets as they are (IP_HDRINCL / IPV6_HDRINCL): one per line of hex
 * on stdin, or the records of a pcap capture. Each goes to its own destination address unless
 * --dst names one. A malformed line or record stops the run with exit 4 after the good packets
 * before it.
 */
final class ReplayJob {
    private final SendSpec spec;
    private final InputStream stdin;
    private final PrintWriter err;
    private final boolean live;
    private final Interrupts interrupts;
    private final Destinations ipv4Destinations = new Destinations(4, 16);
    private final Destinations ipv6Destinations = new Destinations(16, 24);
    private RawSocket ipv6Socket;
    /** --read-pcap FILE's stream (never stdin), closed when the run ends however it ends. */
    private InputStream file;
    private final byte[] frameDestination = new byte[6];
    private final ChecksumRepair checksums = new ChecksumRepair();

    ReplayJob(SendSpec spec, InputStream stdin, PrintWriter err, boolean live, Interrupts interrupts) {
        this.spec = spec;
        this.stdin = stdin;
        this.err = err;
        this.live = live;
        this.interrupts = interrupts;
    }

    int run() throws IOException {
        try {
            return replay(open());
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }

    private int replay(ReplaySource source) throws IOException {
        SendStats stats = new SendStats(err, live, spec.intervalNanos);
        String failure = null;
        boolean started = false;
        try (RawSocket socket = spec.link ? RawSocket.open(Family.PACKET, 0) : openHeaderIncluded(Family.INET)) {
            int ifindex = spec.link ? Interfaces.indexOf(spec.iface) : 0;
            if (spec.user != null && !spec.link) {
                // Opened lazily otherwise; after --user drops root it could no longer be.
                ipv6Socket();
            }
            DropPrivileges.to(spec.user);
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
                String problem = spec.link ? checkFrame(packet) : checkIp(packet);
                if (problem != null) {
                    failure = source.position() + ": " + problem;
                    break;
                }
                if (spec.fixChecksums) {
                    repairChecksums(packet);
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
                    if (spec.link) {
                        stats.sent(sendFrame(socket, packet, ifindex));
                        continue;
                    }
                    boolean v6 = (packet.get(packet.position()) & 0xf0) == 0x60;
                    RawSocket through = v6 ? ipv6Socket() : socket;
                    Destinations destinations = v6 ? ipv6Destinations : ipv4Destinations;
                    InetAddress to = destinations.of(packet);
                    stats.sent(through.send(packet, to));
                } catch (NativeException e) {
                    throw e.withHint(source.position() + ": " + (e.hint() == null ? e.errnoName() : e.hint())
                            + "; " + stats.packets() + " packets sent before it");
                }
            }
        } finally {
            if (ipv6Socket != null) {
                ipv6Socket.close();
            }
            // The error line says it all when nothing went out (a run that failed while setting up,
            // or at its first packet); otherwise the summary says what did before it.
            if (!spec.quiet && started && (failure == null || stats.packets() > 0)) {
                stats.summary(failure == null ? "" : " before the error");
            }
        }
        if (failure != null) {
            throw new IOException(failure + " (" + stats.packets() + " packets sent before it)");
        }
        return interrupts.requested() ? interrupts.exitStatus() : ExitStatus.OK;
    }

    private ReplaySource open() throws IOException {
        if (spec.input == SendSpec.Input.STDIN_HEX) {
            return new HexSource(new HexLineReader(stdin));
        }
        InputStream in = spec.inputPath.equals("-") ? stdin : (file = ReadPcapFile.open(spec.inputPath));
        CaptureReader reader;
        int link;
        try {
            reader = CaptureReader.open(in);
            link = reader.linkType();
        } catch (PcapFormatException e) {
            // Read, but not a capture: bad data (exit 4, as a malformed --stdin-hex line), named.
            throw new IOException("--read-pcap " + spec.inputPath + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw ReadPcapFile.cannotRead(spec.inputPath, e);  // a directory opens, but reading it fails (EISDIR)
        }
        if (spec.link && link != CaptureReader.LINKTYPE_ETHERNET && link >= 0) {
            throw new UsageException("--link replays Ethernet frames; " + spec.inputPath + " has link type " + link
                    + " (replay it without --link)");
        }
        // Without --link the IP packets inside Ethernet frames and cooked captures are sent; with it, whole frames.
        return new PcapSource(reader, !spec.link);
    }

    private RawSocket openHeaderIncluded(Family family) throws NativeException {
        RawSocket socket = RawSocket.open(family, IpProtocol.RAW);
        try {
            socket.setHeaderIncluded(true);
            if (spec.iface != null) {
                socket.bindToDevice(spec.iface);
            }
            return socket;
        } catch (NativeException e) {
            socket.close();
            throw e;
        }
    }

    /** The IPv6 socket, opened when the first IPv6 packet comes. */
    private RawSocket ipv6Socket() throws NativeException {
        if (ipv6Socket == null) {
            ipv6Socket = openHeaderIncluded(Family.INET6);
        }
        return ipv6Socket;
    }

    /** Sends a whole frame to the MAC and with the EtherType it carries. */
    private int sendFrame(RawSocket socket, ByteBuffer frame, int ifindex) throws NativeException {
        int at = frame.position();
        frame.get(at, frameDestination, 0, 6);
        return socket.sendFrame(frame, ifindex, frame.getShort(at + Ethernet.TYPE_OFFSET) & 0xffff, frameDestination);
    }

    /** Recomputes the checksums of the IP packet, or of the one inside the frame for --link. */
    private void repairChecksums(ByteBuffer packet) {
        if (spec.link) {
            checksums.repairFrame(packet);
        } else {
            checksums.repair(packet);
        }
    }

    private static String checkFrame(ByteBuffer frame) {
        return frame.remaining() < Ethernet.HEADER_LENGTH ? "too short for an Ethernet frame (" + frame.remaining() + " bytes)"
                : null;
    }

    /** Why {@code packet} (positioned at its IP header) cannot be sent, or null. */
    private static String checkIp(ByteBuffer packet) {
        if (packet.remaining() < 1) {
            return "empty packet";
        }
        int version = (packet.get(packet.position()) & 0xff) >> 4;
        int minimum = version == 6 ? 40 : 20;
        if (version != 4 && version != 6) {
            return "not an IPv4 or IPv6 packet (version " + version + ")";
        }
        if (packet.remaining() < minimum) {
            return "too short for an IPv" + version + " header (" + packet.remaining() + " bytes)";
        }
        return null;
    }

    /**
     * The destination address in each packet's header, as an InetAddress made only when it
     * differs from the previous packet's (replays usually go to one host).
     */
    private static final class Destinations {
        private final int length;
        private final int offset;
        private final byte[] last;
        private InetAddress address;

        Destinations(int length, int offset) {
            this.length = length;
            this.offset = offset;
            this.last = new byte[length];
        }

        InetAddress of(ByteBuffer packet) throws IOException {
            int at = packet.position() + offset;
            boolean same = address != null;
            for (int i = 0; i < length && same; i++) {
                same = last[i] == packet.get(at + i);
            }
            if (!same) {
                packet.get(at, last, 0, length);
                address = InetAddress.getByAddress(last.clone());
            }
            return address;
        }
    }

    /** Packets one at a time, with where each came from for error messages. */
    private interface ReplaySource {
        /** Fills {@code into} (position at the first byte to send, limit after the last). */
        boolean next(ByteBuffer into) throws IOException;

        /** "line 3" or "record 7", for messages. */
        String position();

        long timestampNanos();
    }

    private static final class HexSource implements ReplaySource {
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

    private static final class PcapSource implements ReplaySource {
        private final CaptureReader reader;
        private final boolean stripLink;
        private final PcapRecord record = new PcapRecord(true);
        private final EthernetFrame frame = new EthernetFrame();

        PcapSource(CaptureReader reader, boolean stripLink) {
            this.reader = reader;
            this.stripLink = stripLink;
        }

        @Override
        public boolean next(ByteBuffer into) throws IOException {
            if (!reader.next(record)) {
                return false;
            }
            ByteBuffer data = record.data();
            int offset = data.position();
            if (stripLink && record.linkType() == CaptureReader.LINKTYPE_ETHERNET) {
                // Past the Ethernet header and its VLAN tags; a frame that is not IP is left whole
                // and refused later.
                int ip = frame.walk(data).ipOffset();
                offset = ip < 0 ? offset : ip;
            } else if (stripLink) {
                offset += LinuxCooked.headerLength(record.linkType());
            }
            into.clear();
            int length = Math.max(0, data.limit() - offset);
            into.put(0, data, offset, Math.min(length, into.capacity()));
            into.limit(Math.min(length, into.capacity()));
            return true;
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
