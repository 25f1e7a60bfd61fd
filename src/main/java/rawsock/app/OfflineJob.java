package rawsock.app;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import rawsock.filter.BpfInterpreter;
import rawsock.filter.BpfProgram;
import rawsock.filter.FilterCompiler;
import rawsock.filter.FilterSyntaxException;
import rawsock.filter.FilterTarget;
import rawsock.output.CaptureReader;
import rawsock.output.PcapFormatException;
import rawsock.output.PcapRecord;
import rawsock.packet.EtherType;
import rawsock.packet.Ethernet;
import rawsock.packet.LinkType;
import rawsock.packet.LinuxCooked;
import rawsock.packet.PacketMeta;

/**
 * {@code recv --read-pcap FILE|-}: packets from a capture file instead of a socket, through the
 * same decoder and writers as a live capture. The file's link type decides where the bytes start:
 * Ethernet frames stay frames; RAW, IPv4 and IPv6 files hold IP packets; the cooked headers of
 * SLL and SLL2 are taken off (their packet type and SLL2's interface index go into the metadata),
 * leaving the IP packet, as a raw IP socket would have shown it. The filter runs in
 * {@link BpfInterpreter} over the frame (or, for IP packets, over an Ethernet header put in
 * front of them, so one program serves every link type), and {@code --snaplen} cuts what is
 * kept. Damage in the file ends the run after the packets before it are written (exit 4).
 */
public final class OfflineJob {

    private final RecvSpec spec;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final PrintWriter err;
    private final Interrupts interrupts;
    private CaptureWriter writer;
    /** Set when stdout's reader went away while flushing before a read. */
    private boolean pipeClosed;

    public OfflineJob(RecvSpec spec, InputStream stdin, OutputStream stdout, PrintWriter err, Interrupts interrupts) {
        this.spec = spec;
        this.stdin = stdin;
        this.stdout = stdout;
        this.err = err;
        this.interrupts = interrupts;
    }

    public int run() throws IOException {
        InputStream file = null;
        try {
            InputStream raw = spec.inputPath.equals("-") ? stdin : (file = ReadPcapFile.open(spec.inputPath));
            // Output is flushed whenever the reader must wait for more input: a reader of a pipe
            // (`tcpdump -w - | rawsock recv --read-pcap -`) sees each packet as it comes.
            InputStream in = new BufferedInputStream(new FlushBeforeRead(raw), 1 << 16);
            CaptureReader reader;
            int fileLink;
            try {
                reader = CaptureReader.open(in);
                fileLink = reader.linkType();
            } catch (PcapFormatException e) {
                throw new IOException(name() + e.getMessage(), e);
            } catch (IOException e) {
                throw ReadPcapFile.cannotRead(spec.inputPath, e);
            }
            LinkType link = fileLink == CaptureReader.LINKTYPE_ETHERNET ? LinkType.ETHERNET : LinkType.RAW;
            BpfProgram filter = compileFilter(link);
            DropPrivileges.to(spec.user);
            writer = CaptureWriter.open(spec, stdout, link);
            return decode(reader, link, filter);
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }

    private int decode(CaptureReader reader, LinkType link, BpfProgram filter) throws IOException {
        PcapRecord record = new PcapRecord();
        PacketMeta meta = new PacketMeta();
        long read = 0;
        long written = 0;
        String failure = null;
        try {
            while ((spec.count == 0 || written < spec.count) && !interrupts.requested() && !pipeClosed) {
                try {
                    if (!reader.next(record)) {
                        break;
                    }
                } catch (PcapFormatException e) {
                    if (!pipeClosed) { // else the input was cut short by us, not damaged
                        failure = e.getMessage();
                    }
                    break;
                }
                read++;
                ByteBuffer data = record.data();
                int recordLink = record.linkType();
                if ((recordLink == CaptureReader.LINKTYPE_ETHERNET) != (link == LinkType.ETHERNET)) {
                    failure = "packet " + record.number() + " at byte offset " + record.offset() + ": link type "
                            + recordLink + " after packets of link type " + link.pcapCode()
                            + " (one capture of mixed link types is not supported)";
                    break;
                }
                int cooked = LinuxCooked.headerLength(recordLink);
                describe(record, data, cooked, meta);
                int start = Math.min(cooked, data.limit());
                int keep = data.limit() - start;
                if (filter != null) {
                    keep = Math.min(keep, verdict(filter, data, start, link, recordLink));
                    if (keep == 0) {
                        continue;
                    }
                }
                keep = Math.min(keep, spec.snaplen);
                data.limit(start + keep).position(start);
                meta.capturedLength(keep);
                if (!writer.write(meta, data)) {
                    if (writer.complete()) {
                        // -G's last file (-W) is done: an ordinary end, summed up. The record that would
                        // have begun one more file is left, as those after it are, so "read" stays
                        // the count the files hold (without a filter).
                        read--;
                    } else {
                        pipeClosed = true;
                    }
                    break;
                }
                written++;
            }
        } finally {
            writer.close();
            pipeClosed |= writer.stdoutClosed();
        }
        if (failure != null) {
            throw new IOException(name() + failure + " (" + written + " packet" + (written == 1 ? "" : "s")
                    + " written before it)");
        }
        if (!spec.quiet && !pipeClosed) {
            err.println(read + " packet" + (read == 1 ? "" : "s") + " read"
                    + (filter == null ? "" : ", " + written + " passed the filter"));
            err.flush();
        }
        if (interrupts.requested()) {
            return interrupts.exitStatus();
        }
        return ExitStatus.OK;
    }

    /** The metadata a live capture would have given, as far as the file records it. */
    private static void describe(PcapRecord record, ByteBuffer data, int cooked, PacketMeta meta) {
        meta.reset();
        // "" (not null): a name the file lacks is unknown, never looked up on this machine.
        meta.timestampNanos(record.timestampNanos())
                .wireLength((int) Math.min(Integer.MAX_VALUE, Math.max(0, record.originalLength() - cooked)))
                .ifname(record.interfaceName() == null ? "" : record.interfaceName());
        if (cooked > 0) {
            meta.pktType(LinuxCooked.packetType(data, 0, record.linkType()))
                    .ifindex(LinuxCooked.ifindex(data, 0, record.linkType()));
        } else if (record.flags() >= 0) {
            meta.pktType(packetType(record.flags()));
        }
    }

    /** sll_pkttype for pcapng's epb_flags (direction in bits 0-1, reception type in bits 2-4). */
    static int packetType(int flags) {
        int direction = flags & 3;
        if (direction == 2) {
            return PacketMeta.PKTTYPE_OUTGOING;
        }
        if (direction != 1) {
            return PacketMeta.PKTTYPE_UNKNOWN;
        }
        switch ((flags >>> 2) & 7) {
            case 2:
                return PacketMeta.PKTTYPE_MULTICAST;
            case 3:
                return PacketMeta.PKTTYPE_BROADCAST;
            case 4:
                return PacketMeta.PKTTYPE_OTHERHOST;
            default:
                return PacketMeta.PKTTYPE_HOST;
        }
    }

    /**
     * Runs the filter over the packet as a packet socket would show it: an Ethernet frame as it
     * is, an IP packet behind an Ethernet header whose type says its version (or, for a cooked
     * capture, the header's protocol).
     */
    private static int verdict(BpfProgram filter, ByteBuffer data, int start, LinkType link, int recordLink) {
        int n = data.limit() - start;
        byte[] frame;
        if (link == LinkType.ETHERNET) {
            frame = new byte[n];
            data.get(start, frame, 0, n);
        } else {
            frame = new byte[Ethernet.HEADER_LENGTH + n];
            int type;
            if (start > 0) {
                type = Math.max(0, LinuxCooked.protocol(data, 0, recordLink));
            } else {
                int version = n > 0 ? (data.get(start) & 0xff) >>> 4 : 0;
                type = version == 4 ? EtherType.IPV4 : version == 6 ? EtherType.IPV6 : 0;
            }
            ByteBuffer.wrap(frame).order(ByteOrder.BIG_ENDIAN).putShort(12, (short) type);
            data.get(start, frame, Ethernet.HEADER_LENGTH, n);
        }
        int v = BpfInterpreter.run(filter, BpfInterpreter.Skb.ethernet(frame));
        return v == 0 ? 0 : (int) Math.min(Integer.toUnsignedLong(v), n);
    }

    /**
     * The filter for this file: compiled for Ethernet frames (IP packets are shown to it behind
     * an Ethernet header); for a file without a link layer, link-layer primitives are refused as
     * they are on a raw IP socket.
     */
    private BpfProgram compileFilter(LinkType link) {
        if (spec.filterExpression == null) {
            return null;
        }
        try {
            if (link == LinkType.RAW) {
                FilterSyntaxException refused = null;
                for (FilterTarget target : new FilterTarget[] {FilterTarget.IPV4_RAW, FilterTarget.IPV6_RAW}) {
                    try {
                        FilterCompiler.compile(spec.filterExpression, target);
                        refused = null;
                        break;
                    } catch (FilterSyntaxException e) {
                        refused = refused == null ? e : refused;
                    }
                }
                if (refused != null) {
                    throw refused;
                }
            }
            return FilterCompiler.compile(spec.filterExpression, FilterTarget.ETHERNET);
        } catch (FilterSyntaxException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private String name() {
        return "--read-pcap " + spec.inputPath + ": ";
    }

    /** Flushes the outputs before each read of the input, which may wait. */
    private final class FlushBeforeRead extends FilterInputStream {
        FlushBeforeRead(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (writer != null && !pipeClosed && !writer.flush()) {
                pipeClosed = true;
            }
            return pipeClosed ? -1 : super.read(b, off, len);
        }
    }
}
