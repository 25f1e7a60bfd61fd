package rawsock.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import rawsock.output.CaptureReader;
import rawsock.output.HexFormatException;
import rawsock.output.HexLineReader;
import rawsock.output.HexWriter;
import rawsock.output.PcapFormatException;
import rawsock.output.PcapReader;
import rawsock.output.PcapRecord;
import rawsock.output.PcapWriter;
import rawsock.output.PcapngWriter;
import rawsock.packet.LinkType;
import rawsock.packet.PacketMeta;

/**
 * The replay readers on what a file or a pipe may hold. PcapReader and HexLineReader on random
 * input and on files written by PcapWriter / HexWriter and then damaged: they either read records
 * or throw their documented checked exception (PcapFormatException, HexFormatException), never
 * another exception, and never hang (each try runs within {@link Bounded#SECONDS}, and the number
 * of records is bounded by the input's size). Valid input, however it reaches the reader (in
 * chunks of any size; pcap in either byte order and time unit; hex in either case, with
 * separators, CRLF, comments and blank lines), reads back exactly.
 */
class ReaderFuzzTest {

    /** A packet and its capture time. */
    record Packet(byte[] bytes, long ts, int wireLength) {
        @Override
        public String toString() {
            return Hexes.of(bytes) + " @" + ts + " wire " + wireLength;
        }
    }

    /** What a read produced: records (data and time) until the end, or the exception that stopped it. */
    record Read(List<byte[]> data, List<Long> times, List<Long> wire, PcapFormatException error) {
    }

    // ---- pcap ------------------------------------------------------------------------------------

    @Property
    void pcapReaderOnRandomBytes(@ForAll("pcapish") byte[] input, @ForAll("chunks") int chunk) {
        pcapStatistics(Bounded.call(() -> readPcap(input, chunk)));
    }

    @Property
    void pcapReaderOnDamagedFiles(@ForAll("packets") List<Packet> packets, @ForAll("link") LinkType link,
                                  @ForAll("snaplen") int snaplen, @ForAll("pcapDamage") List<Mutations.Mutation> damage,
                                  @ForAll("chunks") int chunk) {
        pcapStatistics(Bounded.call(() -> {
            byte[] file = pcap(packets, link, snaplen);
            byte[] damaged = Mutations.apply(file, pcapLengthFields(packets), damage);
            return readPcap(damaged, chunk);
        }));
    }

    /** PcapWriter's files read back exactly: bytes cut to the snaplen, times, wire lengths. */
    @Property
    void pcapRoundTrip(@ForAll("packets") List<Packet> packets, @ForAll("link") LinkType link,
                       @ForAll("snaplen") int snaplen, @ForAll("chunks") int chunk) {
        Bounded.run(() -> {
            Read read = readPcap(pcap(packets, link, snaplen), chunk);
            assertEquals(null, read.error(), "a valid file was refused");
            assertEquals(packets.size(), read.data().size());
            int limit = snaplen == 0 ? PcapWriter.DEFAULT_SNAPLEN : snaplen;
            for (int i = 0; i < packets.size(); i++) {
                Packet p = packets.get(i);
                byte[] expected = java.util.Arrays.copyOf(p.bytes(), Math.min(limit, p.bytes().length));
                assertArrayEquals(expected, read.data().get(i));
                assertEquals(p.ts(), read.times().get(i));
                assertEquals(Math.max(p.wireLength(), p.bytes().length), read.wire().get(i));
            }
        });
    }

    /** Files of the other flavours the reader accepts, written here by hand: either byte order, micro- or nanoseconds, four link types. */
    @Property
    void pcapReaderReadsEveryFlavour(@ForAll("packets") List<Packet> packets, @ForAll boolean bigEndian,
                                     @ForAll boolean nanos, @ForAll("linkCode") int linkType, @ForAll("chunks") int chunk) {
        Bounded.run(() -> {
            ByteBuffer file = ByteBuffer.allocate(24 + packets.stream().mapToInt(p -> 16 + p.bytes().length).sum())
                    .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            file.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(65535 * 4).putInt(linkType);
            for (Packet p : packets) {
                long seconds = p.ts() / 1_000_000_000L;
                long fraction = p.ts() % 1_000_000_000L;
                file.putInt((int) seconds).putInt((int) (nanos ? fraction : fraction / 1000)).putInt(p.bytes().length)
                        .putInt(Math.max(p.wireLength(), p.bytes().length)).put(p.bytes());
            }
            InputStream in = chunked(file.array(), chunk);
            PcapReader reader = new PcapReader(in);
            assertEquals(linkType, reader.linkType());
            assertEquals(bigEndian, reader.bigEndian());
            assertEquals(nanos, reader.nanosecond());
            assertEquals(linkType == 1 ? LinkType.ETHERNET : LinkType.RAW, reader.link());
            PcapRecord r = new PcapRecord(true);
            for (Packet p : packets) {
                assertTrue(reader.next(r));
                byte[] data = new byte[r.capturedLength()];
                r.data().get(0, data);
                assertArrayEquals(p.bytes(), data);
                long ts = nanos ? p.ts() : p.ts() / 1000 * 1000;
                assertEquals(ts, r.timestampNanos());
            }
            assertFalse(reader.next(r));
            assertEquals(packets.size(), reader.recordsRead());
        });
    }

    private static void pcapStatistics(Read read) {
        Statistics.label("pcap").collect(read.error() == null ? (read.data().isEmpty() ? "read, no record" : "read, records")
                : read.error().recordNumber() == 0 ? "refused: file header" : "refused: a record");
    }

    private static void hexStatistics(int badLines) {
        Statistics.label("hex").collect(badLines == 0 ? "read" : "bad lines");
    }

    /** Reads the whole input; a PcapFormatException ends it, anything else fails the property. */
    private static Read readPcap(byte[] input, int chunk) throws IOException {
        List<byte[]> data = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Long> wire = new ArrayList<>();
        try {
            PcapReader reader = new PcapReader(chunked(input, chunk));
            PcapRecord r = new PcapRecord();
            long maxRecords = (input.length - 24) / 16;
            while (reader.next(r)) {
                assertTrue(data.size() < maxRecords, "more records than the input can hold");
                assertEquals(data.size() + 1, r.number());
                byte[] b = new byte[r.capturedLength()];
                r.data().get(0, b);
                assertTrue(b.length <= reader.snaplen());
                data.add(b);
                times.add(r.timestampNanos());
                wire.add(r.originalLength());
            }
            assertFalse(reader.next(r), "records after the end");
            return new Read(data, times, wire, null);
        } catch (PcapFormatException e) {
            if (e.getMessage().contains("truncated")) {
                assertEquals(input.length, e.offset(), () -> "a truncation found short of the end: " + e.getMessage());
            }
            assertTrue(e.offset() >= 0 && e.offset() <= input.length, () -> "offset " + e.offset() + " of " + input.length
                    + " bytes: " + e.getMessage());
            assertTrue(e.recordNumber() >= 0 && e.recordNumber() <= data.size() + 1, e.getMessage());
            return new Read(data, times, wire, e);
        }
    }

    private static byte[] pcap(List<Packet> packets, LinkType link, int snaplen) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketMeta meta = new PacketMeta();
        try (PcapWriter w = new PcapWriter(out, link, snaplen, false)) {
            for (Packet p : packets) {
                meta.reset();
                meta.timestampNanos(p.ts()).wireLength(p.wireLength());
                w.write(meta, ByteBuffer.wrap(p.bytes()), null);
            }
        }
        return out.toByteArray();
    }

    /** The header's version, snaplen and link type, and each record's incl_len and orig_len (assuming no snaplen cut). */
    private static List<PacketGen.LengthField> pcapLengthFields(List<Packet> packets) {
        List<PacketGen.LengthField> fields = new ArrayList<>();
        for (int at : new int[] {4, 16, 20}) {
            fields.add(new PacketGen.LengthField(at, PacketGen.Width.U16));
        }
        int offset = 24;
        for (Packet p : packets) {
            for (int at : new int[] {8, 10, 12, 14}) {
                fields.add(new PacketGen.LengthField(offset + at, PacketGen.Width.U16));
            }
            fields.add(new PacketGen.LengthField(offset + 8, PacketGen.Width.BYTE));
            offset += 16 + p.bytes().length;
        }
        return fields;
    }

    // ---- pcapng ----------------------------------------------------------------------------------

    /** A packet of one of two interfaces, with a direction or none. */
    record NgPacket(Packet packet, int iface, int pktType) {
    }

    @Property
    void pcapngReaderOnRandomBytes(@ForAll("pcapngish") byte[] input, @ForAll("chunks") int chunk) {
        captureStatistics(Bounded.call(() -> readCapture(input, chunk)));
    }

    @Property
    void pcapngReaderOnDamagedFiles(@ForAll("ngPackets") List<NgPacket> packets, @ForAll("link") LinkType link,
                                    @ForAll("pcapDamage") List<Mutations.Mutation> damage, @ForAll("chunks") int chunk) {
        captureStatistics(Bounded.call(() -> {
            byte[] file = pcapng(packets, link);
            return readCapture(Mutations.apply(file, pcapngLengthFields(file), damage), chunk);
        }));
    }

    /** PcapngWriter's files read back exactly: bytes, times, wire lengths, interface names, directions. */
    @Property
    void pcapngRoundTrip(@ForAll("ngPackets") List<NgPacket> packets, @ForAll("link") LinkType link,
                         @ForAll("chunks") int chunk) {
        Bounded.run(() -> {
            CaptureReader reader = CaptureReader.open(chunked(pcapng(packets, link), chunk));
            PcapRecord r = new PcapRecord();
            for (NgPacket p : packets) {
                assertTrue(reader.next(r));
                byte[] data = new byte[r.capturedLength()];
                r.data().get(0, data);
                assertArrayEquals(p.packet().bytes(), data);
                assertEquals(p.packet().ts(), r.timestampNanos());
                assertEquals(Math.max(p.packet().wireLength(), p.packet().bytes().length), r.originalLength());
                int version = p.packet().bytes().length == 0 ? 4 : (p.packet().bytes()[0] & 0xff) >>> 4;
                assertEquals(link == LinkType.ETHERNET ? 1 : version == 6 ? 229 : 228, r.linkType());
                assertEquals("if" + p.iface(), r.interfaceName());
                assertEquals(p.pktType() == PacketMeta.PKTTYPE_UNKNOWN, r.flags() < 0);
                assertEquals(p.pktType() == PacketMeta.PKTTYPE_OUTGOING, (r.flags() & 3) == 2);
            }
            assertFalse(reader.next(r));
        });
    }

    private static void captureStatistics(Read read) {
        Statistics.label("pcapng").collect(read.error() == null ? (read.data().isEmpty() ? "read, no packet" : "read, packets")
                : read.error().recordNumber() <= 1 ? "refused: first block" : "refused: a later block");
    }

    /** Reads the whole input through CaptureReader.open; a PcapFormatException ends it, anything else fails. */
    private static Read readCapture(byte[] input, int chunk) throws IOException {
        List<byte[]> data = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Long> wire = new ArrayList<>();
        try {
            CaptureReader reader = CaptureReader.open(chunked(input, chunk));
            PcapRecord r = new PcapRecord();
            while (reader.next(r)) {
                assertTrue(data.size() < input.length / 12, "more packets than the input can hold");
                byte[] b = new byte[r.capturedLength()];
                r.data().get(0, b);
                data.add(b);
                times.add(r.timestampNanos());
                wire.add(r.originalLength());
            }
            assertFalse(reader.next(r), "packets after the end");
            return new Read(data, times, wire, null);
        } catch (PcapFormatException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= input.length, () -> "offset " + e.offset() + " of " + input.length
                    + " bytes: " + e.getMessage());
            return new Read(data, times, wire, e);
        }
    }

    private static byte[] pcapng(List<NgPacket> packets, LinkType link) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketMeta meta = new PacketMeta();
        try (PcapngWriter w = new PcapngWriter(out, link, PcapWriter.MAX_SNAPLEN, false)) {
            for (NgPacket p : packets) {
                meta.reset();
                meta.timestampNanos(p.packet().ts()).wireLength(p.packet().wireLength()).ifindex(p.iface())
                        .ifname("if" + p.iface()).pktType(p.pktType());
                w.write(meta, ByteBuffer.wrap(p.packet().bytes()), null);
            }
            w.endOfCapture(7);
        }
        return out.toByteArray();
    }

    /** Every block's two length fields and an EPB's captured length, found by walking the (valid, little-endian) file. */
    private static List<PacketGen.LengthField> pcapngLengthFields(byte[] file) {
        List<PacketGen.LengthField> fields = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        while (at + 8 <= file.length) {
            int length = b.getInt(at + 4);
            fields.add(new PacketGen.LengthField(at + 4, PacketGen.Width.U16));
            fields.add(new PacketGen.LengthField(at + length - 4, PacketGen.Width.U16));
            if (b.getInt(at) == 6) {
                fields.add(new PacketGen.LengthField(at + 20, PacketGen.Width.U16));
            }
            at += length;
        }
        return fields;
    }

    @Provide
    Arbitrary<List<NgPacket>> ngPackets() {
        return Combinators.combine(packets(), Arbitraries.integers().between(1, 2).list().ofSize(5),
                Arbitraries.of(PacketMeta.PKTTYPE_UNKNOWN, PacketMeta.PKTTYPE_HOST, PacketMeta.PKTTYPE_OUTGOING,
                        PacketMeta.PKTTYPE_BROADCAST).list().ofSize(5))
                .as((ps, ifaces, types) -> {
                    List<NgPacket> out = new ArrayList<>();
                    for (int i = 0; i < ps.size(); i++) {
                        out.add(new NgPacket(ps.get(i), ifaces.get(i), types.get(i)));
                    }
                    return out;
                });
    }

    /** Random bytes behind a Section Header Block of either byte order (so blocks get parsed), or random bytes. */
    @Provide
    Arbitrary<byte[]> pcapngish() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        Arbitrary<byte[]> headed = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMinSize(28).ofMaxSize(300),
                Arbitraries.of(false, true), Arbitraries.of(false, true, true)).as((b, bigEndian, realHeader) -> {
                    ByteBuffer h = ByteBuffer.wrap(b).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                    h.putInt(0, 0x0a0d0d0a).putInt(8, 0x1a2b3c4d);
                    if (realHeader) {
                        h.putInt(4, 28).putShort(12, (short) 1).putShort(14, (short) 0).putInt(24, 28);
                        if (b.length >= 28 + 20) { // an IDB of a supported link type, so packets follow
                            h.putInt(28, 1).putInt(32, 20).putShort(36, (short) 1).putInt(44, 20);
                        }
                    }
                    return b;
                });
        return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(3, headed));
    }

    // ---- hex lines -------------------------------------------------------------------------------

    @Property
    void hexReaderOnRandomText(@ForAll("hexish") byte[] input, @ForAll("capacity") int capacity, @ForAll("chunks") int chunk) {
        hexStatistics(Bounded.call(() -> readHex(input, capacity, chunk)));
    }

    @Property
    void hexReaderOnDamagedFiles(@ForAll("packets") List<Packet> packets, @ForAll("style") Style style,
                                 @ForAll("hexDamage") List<Mutations.Mutation> damage, @ForAll("capacity") int capacity,
                                 @ForAll("chunks") int chunk) {
        hexStatistics(Bounded.call(() -> readHex(Mutations.apply(style.apply(hex(packets)), List.of(), damage), capacity, chunk)));
    }

    /**
     * HexWriter's lines, restyled the ways the reader documents (either case, separators between
     * bytes, CRLF, comments, blank lines), read back exactly; a packet longer than the buffer is
     * refused with a HexFormatException and the reader goes on with the next line.
     */
    @Property
    void hexRoundTrip(@ForAll("packets") List<Packet> packets, @ForAll("style") Style style,
                      @ForAll("capacity") int capacity, @ForAll("chunks") int chunk) {
        Bounded.run(() -> {
            byte[] text = style.apply(hex(packets));
            HexLineReader reader = new HexLineReader(chunked(text, chunk));
            ByteBuffer into = ByteBuffer.allocate(capacity);
            for (Packet p : packets) {
                if (p.bytes().length == 0) {
                    continue; // an empty line, skipped
                }
                if (p.bytes().length > capacity) {
                    try {
                        reader.next(into);
                        throw new AssertionError("a packet of " + p.bytes().length + " bytes read into " + capacity);
                    } catch (HexFormatException expected) {
                        continue;
                    }
                }
                assertTrue(reader.next(into), "packet missing");
                byte[] b = new byte[into.remaining()];
                into.get(b);
                assertArrayEquals(p.bytes(), b);
            }
            assertFalse(reader.next(into), "a packet too many");
        });
    }

    /** Reads everything; a HexFormatException skips its line, anything else fails the property. */
    private static int readHex(byte[] input, int capacity, int chunk) throws IOException {
        HexLineReader reader = new HexLineReader(chunked(input, chunk));
        ByteBuffer into = ByteBuffer.allocate(capacity);
        long newlines = 0;
        for (byte b : input) {
            if (b == '\n') {
                newlines++;
            }
        }
        long calls = 0;
        long lastLine = 0;
        int errors = 0;
        String[] lines = new String(input, StandardCharsets.ISO_8859_1).split("\n", -1);
        while (true) {
            assertTrue(++calls <= newlines + 2, "more results than lines");
            try {
                if (!reader.next(into)) {
                    break;
                }
                assertTrue(into.position() == 0 && into.remaining() > 0 && into.remaining() <= capacity);
            } catch (HexFormatException e) {
                assertTrue(e.line() >= 1 && e.line() <= newlines + 1, e.getMessage());
                // the column names a byte of that line that is to blame: a digit without its pair, a digit
                // past the buffer's room, or a character that has no place there; never a separator
                String line = lines[(int) e.line() - 1];
                assertTrue(e.column() >= 1 && e.column() <= line.length(), () -> e.getMessage() + " in '" + line + "'");
                char at = line.charAt((int) e.column() - 1);
                assertFalse(at == ' ' || at == '\t' || at == '\r' || at == ':', () -> e.getMessage() + " points at a separator in '"
                        + line + "'");
                assertEquals(!e.getMessage().contains("is not a hex digit"), Character.digit(at, 16) >= 0,
                        () -> e.getMessage() + " in '" + line + "'");
                errors++;
            }
            assertTrue(reader.lineNumber() > lastLine, "the line number did not advance");
            lastLine = reader.lineNumber();
        }
        assertFalse(reader.next(into), "packets after the end");
        return errors;
    }

    private static byte[] hex(List<Packet> packets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HexWriter w = new HexWriter(out, false)) {
            PacketMeta meta = new PacketMeta();
            for (Packet p : packets) {
                w.write(meta, ByteBuffer.wrap(p.bytes()), null);
            }
        }
        return out.toByteArray();
    }

    /** Ways a person or a tool may reformat hex lines that the reader accepts. */
    record Style(boolean upper, String separator, boolean crlf, boolean comments, boolean blankLines, String indent) {
        byte[] apply(byte[] text) {
            String[] lines = new String(text, StandardCharsets.US_ASCII).split("\n", -1);
            StringBuilder out = new StringBuilder();
            String eol = crlf ? "\r\n" : "\n";
            for (int i = 0; i < lines.length - 1; i++) {
                String line = lines[i];
                if (comments) {
                    out.append(indent).append("# packet ").append(i).append(": ff gg").append(eol);
                }
                if (blankLines) {
                    out.append(indent).append(eol);
                }
                StringBuilder l = new StringBuilder(indent);
                for (int j = 0; j < line.length(); j += 2) {
                    if (j > 0) {
                        l.append(separator);
                    }
                    l.append(line, j, j + 2);
                }
                out.append(upper ? l.toString().toUpperCase(Locale.ROOT) : l).append(eol);
            }
            return out.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    // ---- inputs ----------------------------------------------------------------------------------

    /** An input stream that hands out at most {@code chunk} bytes per read (as a pipe may). */
    static InputStream chunked(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Provide
    Arbitrary<Integer> chunks() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Integer.MAX_VALUE)),
                Tuple.of(1, Arbitraries.integers().between(1, 40)));
    }

    @Provide
    Arbitrary<LinkType> link() {
        return Arbitraries.of(LinkType.RAW, LinkType.ETHERNET);
    }

    @Provide
    Arbitrary<Integer> linkCode() {
        return Arbitraries.of(1, 101, 228, 229);
    }

    @Provide
    Arbitrary<Integer> snaplen() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 200)),
                Tuple.of(1, Arbitraries.just(PcapWriter.MAX_SNAPLEN)));
    }

    @Provide
    Arbitrary<Integer> capacity() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(HexLineReader.MAX_PACKET)),
                Tuple.of(1, Arbitraries.integers().between(1, 100)));
    }

    /** Zero to five packets: real ones built by the builders, or random bytes. */
    @Provide
    Arbitrary<List<Packet>> packets() {
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(
                Arbitraries.oneOf(PacketGen.anyIpv4(1), PacketGen.anyIpv6(1), PacketGen.anyFrame()).map(PacketGen.Built::bytes),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(80));
        Arbitrary<Long> ts = Arbitraries.longs().between(0, 0xffffffffL * 1_000_000_000L + 999_999_999L);
        Arbitrary<Integer> wire = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 70_000));
        return Combinators.combine(bytes, ts, wire).as(Packet::new).list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Mutations.Mutation>> pcapDamage() {
        return Mutations.mutation().list().ofMinSize(1).ofMaxSize(4);
    }

    /** Text damage: the byte-level mutations, plus stray characters the reader must name. */
    @Provide
    Arbitrary<List<Mutations.Mutation>> hexDamage() {
        Arbitrary<Mutations.Mutation> stray = Combinators.combine(
                Arbitraries.integers().greaterOrEqual(0).withDistribution(net.jqwik.api.RandomDistribution.uniform()),
                Arbitraries.of("g", "0x", "#", " ", ":", "\r", "\n", "\t", "-", "a", "\u00e9", "\u0000", "\n\n#x\n"))
                .as((where, s) -> new Mutations.Mutation(Mutations.Kind.INSERT, where, 0, s.getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(Mutations.mutation(), stray).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Style> style() {
        return Combinators.combine(Arbitraries.of(false, true), Arbitraries.of("", "", " ", ":", "\t", "  ", " : "),
                Arbitraries.of(false, true), Arbitraries.of(false, true), Arbitraries.of(false, true),
                Arbitraries.of("", " ", "\t ")).as(Style::new);
    }

    /** Random bytes, and random bytes behind a pcap magic and version (so records get parsed). */
    @Provide
    Arbitrary<byte[]> pcapish() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        Arbitrary<byte[]> headed = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMinSize(24).ofMaxSize(200),
                Arbitraries.of(0xa1b2c3d4, 0xa1b23c4d, 0xd4c3b2a1, 0x4d3cb2a1, 0xa1b2c3d4, 0x0a0d0d0a), Arbitraries.of(1, 101, 228, 229, 1, 101, 0),
                Arbitraries.of(false, true, true, true)).as((b, magic, link, realVersion) -> {
                    ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                    h.putInt(0, magic);
                    boolean swapped = magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1;
                    if (realVersion) {
                        h.order(swapped ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                        h.putShort(4, (short) 2).putShort(6, (short) 4);
                        if (link != 0) {
                            h.putInt(20, link);
                        }
                    }
                    return b;
                });
        return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(3, headed));
    }

    /** Random text over what hex lines are made of (digits of both cases, separators, '#', newlines) and anything else. */
    @Provide
    Arbitrary<byte[]> hexish() {
        Arbitrary<String> alphabet = Arbitraries.strings()
                .withChars("0123456789abcdefABCDEF0123456789abcdef  \t:\r\n\n#")
                .withChars('g', 'x', '-', '\u0000', '\u00ff', '\u00e9')
                .ofMaxLength(300);
        return Arbitraries.oneOf(alphabet.map(s -> s.getBytes(StandardCharsets.ISO_8859_1)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
    }
}
