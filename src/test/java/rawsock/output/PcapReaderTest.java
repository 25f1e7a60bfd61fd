package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;

class PcapReaderTest {
    private static final String[] PACKETS = {
        TestPackets.ICMP_ECHO, TestPackets.UDP, TestPackets.TCP_SYN,
    };

    @TempDir
    Path dir;

    /** Our writer's file: three IP packets, 1 ms apart. */
    private static byte[] ourCapture() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.RAW, false)) {
            for (int i = 0; i < PACKETS.length; i++) {
                w.write(TestPackets.meta(TestPackets.TS + i * 1_000_000L, PACKETS[i].length() / 2),
                        TestPackets.buffer(PACKETS[i]), new DecodedPacket());
            }
        }
        return out.toByteArray();
    }

    /** A pcap made by hand, byte by byte, in either order and resolution. */
    private static byte[] handMade(ByteOrder order, boolean nanos, int snaplen, int linkType,
            long[] timestampsNanos, String... packets) {
        int size = 24;
        for (String p : packets) {
            size += 16 + p.length() / 2;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        b.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(snaplen).putInt(linkType);
        for (int i = 0; i < packets.length; i++) {
            byte[] bytes = Hex.decode(packets[i]);
            long ts = timestampsNanos[i];
            b.putInt((int) (ts / 1_000_000_000L));
            b.putInt((int) (nanos ? ts % 1_000_000_000L : ts % 1_000_000_000L / 1000));
            b.putInt(bytes.length).putInt(bytes.length + 7).put(bytes);
        }
        return b.array();
    }

    private static List<String> readAll(PcapReader r, List<Long> timestamps) throws IOException {
        List<String> out = new ArrayList<>();
        PcapRecord rec = new PcapRecord();
        while (r.next(rec)) {
            out.add(Hex.encode(rec.data()));
            timestamps.add(rec.timestampNanos());
            assertEquals(out.size(), rec.number());
        }
        assertFalse(r.next(rec), "stays at EOF");
        return out;
    }

    @Test
    void readsWhatOurWriterWrote() throws IOException {
        PcapReader r = new PcapReader(new ByteArrayInputStream(ourCapture()));
        assertEquals(101, r.linkType());
        assertEquals(LinkType.RAW, r.link());
        assertTrue(r.nanosecond());
        assertFalse(r.bigEndian());
        assertEquals(2, r.versionMajor());
        assertEquals(4, r.versionMinor());
        List<Long> ts = new ArrayList<>();
        assertEquals(Arrays.asList(PACKETS), readAll(r, ts));
        assertEquals(List.of(TestPackets.TS, TestPackets.TS + 1_000_000L, TestPackets.TS + 2_000_000L), ts);
        assertEquals(3, r.recordsRead());
    }

    @Test
    void recordFieldsAndOffsets() throws IOException {
        PcapReader r = new PcapReader(new ByteArrayInputStream(ourCapture()));
        PcapRecord rec = new PcapRecord(true);
        assertTrue(r.next(rec));
        assertTrue(rec.data().isDirect());
        assertEquals(84, rec.capturedLength());
        assertEquals(84, rec.originalLength());
        assertEquals(24, rec.offset());
        assertEquals(0, rec.data().position());
        assertTrue(r.next(rec));
        assertEquals(2, rec.number());
        assertEquals(24 + 16 + 84, rec.offset());
        assertEquals(41, rec.data().remaining());
    }

    @Test
    void readsFilesThatTcpdumpWrote() throws Exception {
        ExternalTool.requireTcpdump();
        Path ours = dir.resolve("ours.pcap");
        Path theirs = dir.resolve("theirs.pcap");
        Files.write(ours, ourCapture());
        // tcpdump writes the microsecond magic in the host's byte order
        ExternalTool.Result result = ExternalTool.run(ours.toFile(), theirs.toFile(),
                "tcpdump", "-r", "-", "-w", "-");
        assertEquals(0, result.exitCode, result.toString());
        byte[] bytes = Files.readAllBytes(theirs);
        PcapReader r = new PcapReader(new ByteArrayInputStream(bytes));
        assertFalse(r.nanosecond(), "tcpdump -w writes microseconds");
        assertEquals(101, r.linkType());
        List<Long> ts = new ArrayList<>();
        assertEquals(Arrays.asList(PACKETS), readAll(r, ts));
        assertEquals(List.of(TestPackets.TS - 789, TestPackets.TS - 789 + 1_000_000L,
                TestPackets.TS - 789 + 2_000_000L), ts);
    }

    @Test
    void readsAnEthernetFileThatTcpdumpWrote() throws Exception {
        ExternalTool.requireTcpdump();
        Path ours = dir.resolve("eth.pcap");
        Path theirs = dir.resolve("eth-theirs.pcap");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, false)) {
            w.write(TestPackets.meta(TestPackets.TS, 98), TestPackets.buffer(TestPackets.ETH_ICMP), null);
        }
        Files.write(ours, out.toByteArray());
        ExternalTool.Result result = ExternalTool.run(null, theirs.toFile(),
                "tcpdump", "-r", ours.toString(), "-w", "-", "icmp");
        assertEquals(0, result.exitCode, result.toString());
        PcapReader r = new PcapReader(Files.newInputStream(theirs));
        assertEquals(1, r.linkType());
        assertEquals(LinkType.ETHERNET, r.link());
        assertEquals(List.of(TestPackets.ETH_ICMP), readAll(r, new ArrayList<>()));
    }

    @Test
    void readsBothByteOrdersAndBothResolutions() throws IOException {
        long[] ts = {TestPackets.TS, TestPackets.TS + 1};
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (boolean nanos : new boolean[] {true, false}) {
                byte[] file = handMade(order, nanos, 65535, 101, ts, TestPackets.UDP, TestPackets.TCP_SYN);
                PcapReader r = new PcapReader(new ByteArrayInputStream(file));
                String what = order + (nanos ? " ns" : " us");
                assertEquals(order == ByteOrder.BIG_ENDIAN, r.bigEndian(), what);
                assertEquals(nanos, r.nanosecond(), what);
                assertEquals(65535, r.snaplen(), what);
                PcapRecord rec = new PcapRecord();
                assertTrue(r.next(rec), what);
                assertEquals(TestPackets.UDP, Hex.encode(rec.data()), what);
                assertEquals(nanos ? TestPackets.TS : TestPackets.TS - 789, rec.timestampNanos(), what);
                assertEquals(41 + 7, rec.originalLength(), what);
                assertTrue(r.next(rec), what);
                assertEquals(TestPackets.TCP_SYN, Hex.encode(rec.data()), what);
                assertEquals(nanos ? TestPackets.TS + 1 : TestPackets.TS - 789, rec.timestampNanos(), what);
                assertFalse(r.next(rec), what);
            }
        }
    }

    @Test
    void linkTypes() throws IOException {
        long[] ts = {0};
        for (int link : new int[] {1, 101, 113, 228, 229, 276}) {
            PcapReader r = new PcapReader(new ByteArrayInputStream(
                    handMade(ByteOrder.BIG_ENDIAN, false, 0, link, ts, "00")));
            assertEquals(link, r.linkType());
            assertEquals(link == 1 ? LinkType.ETHERNET : LinkType.RAW, r.link());
            assertEquals(PcapReader.MAX_RECORD, r.snaplen(), "snaplen 0 reads as the maximum");
        }
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> new PcapReader(
                new ByteArrayInputStream(handMade(ByteOrder.LITTLE_ENDIAN, false, 0, 147, ts, "00"))));
        assertEquals("pcap file header at byte offset 20: unsupported link type 147 "
                + "(supported: 1 EN10MB, 101 RAW, 113 LINUX_SLL, 228 IPV4, 229 IPV6, 276 LINUX_SLL2)", e.getMessage());
        assertEquals(0, e.recordNumber());
        assertEquals(20, e.offset());
    }

    @Test
    void pcapngIsLeftToItsOwnReader() throws IOException {
        byte[] ng = Hex.decode("0a0d0d0a1c0000004d3c2b1a01000000ffffffffffffffff1c000000");
        PcapFormatException e = assertThrows(PcapFormatException.class,
                () -> new PcapReader(new ByteArrayInputStream(ng)));
        assertEquals("pcap file header at byte offset 0: pcapng: read it with CaptureReader.open", e.getMessage());
        assertTrue(CaptureReader.open(new ByteArrayInputStream(ng)) instanceof PcapngReader);
    }

    @Test
    void aRealPcapngFromEditcapReadsLikeThePcap() throws Exception {
        ExternalTool.assumeInstalled("editcap", "makes a real pcapng file (comes with tshark)");
        Path ours = dir.resolve("ours.pcap");
        Path ng = dir.resolve("ours.pcapng");
        Files.write(ours, ourCapture());
        ExternalTool.Result result = ExternalTool.run(null, null,
                "editcap", "-F", "pcapng", ours.toString(), ng.toString());
        assertEquals(0, result.exitCode, result.toString());
        CaptureReader pcap = CaptureReader.open(Files.newInputStream(ours));
        CaptureReader pcapng = CaptureReader.open(Files.newInputStream(ng));
        assertTrue(pcapng instanceof PcapngReader);
        assertEquals(pcap.linkType(), pcapng.linkType());
        PcapRecord a = new PcapRecord();
        PcapRecord b = new PcapRecord();
        int n = 0;
        while (pcap.next(a)) {
            assertTrue(pcapng.next(b), "record " + (n + 1));
            assertEquals(a.timestampNanos(), b.timestampNanos());
            assertEquals(a.originalLength(), b.originalLength());
            assertEquals(a.data(), b.data());
            assertEquals(a.linkType(), b.linkType());
            n++;
        }
        assertFalse(pcapng.next(b));
        assertTrue(n > 0);
    }

    @Test
    void badHeaders() {
        assertEquals("pcap file header at byte offset 0: empty input, expected a pcap file header",
                assertThrows(PcapFormatException.class,
                        () -> new PcapReader(new ByteArrayInputStream(new byte[0]))).getMessage());
        assertEquals("pcap file header at byte offset 0: not a pcap file (magic 0x7f454c46; "
                        + "expected 0xa1b2c3d4 or 0xa1b23c4d)",
                assertThrows(PcapFormatException.class, () -> new PcapReader(
                        new ByteArrayInputStream(Hex.decode("7f454c46020101000000000000000000"))))
                        .getMessage());
        byte[] v1 = handMade(ByteOrder.LITTLE_ENDIAN, false, 0, 1, new long[0]);
        v1[4] = 1;
        assertEquals("pcap file header at byte offset 4: unsupported pcap version 1.4 (expected 2.4)",
                assertThrows(PcapFormatException.class,
                        () -> new PcapReader(new ByteArrayInputStream(v1))).getMessage());
    }

    @Test
    void everyTruncationIsAFormatErrorOrACleanEndAtARecordBoundary() throws IOException {
        byte[] full = ourCapture();
        List<Integer> boundaries = new ArrayList<>(List.of(24));
        int at = 24;
        for (String p : PACKETS) {
            at += 16 + p.length() / 2;
            boundaries.add(at);
        }
        assertEquals(full.length, at);
        for (int cut = 0; cut <= full.length; cut++) {
            byte[] prefix = Arrays.copyOf(full, cut);
            int records = 0;
            try {
                PcapReader r = new PcapReader(new ByteArrayInputStream(prefix));
                PcapRecord rec = new PcapRecord();
                while (r.next(rec)) {
                    records++;
                }
                int index = boundaries.indexOf(cut);
                assertTrue(index >= 0, "clean end at " + cut + ", not a record boundary");
                assertEquals(index, records, "records in a file cut at " + cut);
            } catch (PcapFormatException e) {
                assertFalse(boundaries.contains(cut), "cut at a boundary " + cut + ": " + e.getMessage());
                assertEquals(cut, e.offset(), "the offset named is where the input ended: " + e.getMessage());
                if (cut >= 24) {
                    assertEquals(records + 1, e.recordNumber(), e.getMessage());
                    assertTrue(e.getMessage().startsWith("pcap record " + (records + 1)
                            + " at byte offset " + cut + ": truncated record "), e.getMessage());
                }
            }
        }
    }

    @Test
    void truncationMessagesSayWhatIsMissing() {
        byte[] full = assertDoesNotThrowBytes();
        byte[] inSecondBody = Arrays.copyOf(full, 24 + 16 + 84 + 16 + 10);
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> {
            PcapReader r = new PcapReader(new ByteArrayInputStream(inSecondBody));
            PcapRecord rec = new PcapRecord();
            while (r.next(rec)) {
                // read on
            }
        });
        assertEquals("pcap record 2 at byte offset 150: truncated record body (10 of 41 bytes)",
                e.getMessage());
        byte[] inThirdHeader = Arrays.copyOf(full, 24 + 16 + 84 + 16 + 41 + 5);
        e = assertThrows(PcapFormatException.class, () -> {
            PcapReader r = new PcapReader(new ByteArrayInputStream(inThirdHeader));
            PcapRecord rec = new PcapRecord();
            while (r.next(rec)) {
                // read on
            }
        });
        assertEquals("pcap record 3 at byte offset 186: truncated record header (5 of 16 bytes)",
                e.getMessage());
        e = assertThrows(PcapFormatException.class,
                () -> new PcapReader(new ByteArrayInputStream(Arrays.copyOf(full, 10))));
        assertEquals("pcap file header at byte offset 10: truncated file header (10 of 24 bytes)",
                e.getMessage());
    }

    private static byte[] assertDoesNotThrowBytes() {
        try {
            return ourCapture();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void recordsLargerThanTheSnaplenOrTheLimitAreRefused() throws IOException {
        byte[] small = handMade(ByteOrder.LITTLE_ENDIAN, true, 40, 101, new long[] {0},
                TestPackets.ICMP_ECHO);
        PcapFormatException e = assertThrows(PcapFormatException.class,
                () -> new PcapReader(new ByteArrayInputStream(small)).next(new PcapRecord()));
        assertEquals("pcap record 1 at byte offset 32: captured length 84 exceeds the file's snaplen 40",
                e.getMessage());

        ByteBuffer huge = ByteBuffer.wrap(handMade(ByteOrder.LITTLE_ENDIAN, true, 0, 101,
                new long[] {0}, "00")).order(ByteOrder.LITTLE_ENDIAN);
        for (long incl : new long[] {PcapReader.MAX_RECORD + 1L, 0xffffffffL, 0x80000000L}) {
            huge.putInt(24 + 8, (int) incl);
            e = assertThrows(PcapFormatException.class,
                    () -> new PcapReader(new ByteArrayInputStream(huge.array())).next(new PcapRecord()));
            assertEquals("pcap record 1 at byte offset 32: captured length " + incl
                    + " exceeds the limit of 262144", e.getMessage());
        }
        // exactly the limit is fine (when the bytes are there)
        byte[] max = new byte[24 + 16 + PcapReader.MAX_RECORD];
        System.arraycopy(huge.array(), 0, max, 0, 40);
        ByteBuffer.wrap(max).order(ByteOrder.LITTLE_ENDIAN).putInt(32, PcapReader.MAX_RECORD);
        PcapRecord rec = new PcapRecord();
        PcapReader r = new PcapReader(new ByteArrayInputStream(max));
        assertTrue(r.next(rec));
        assertEquals(PcapReader.MAX_RECORD, rec.capturedLength());
        assertFalse(r.next(rec));
    }

    @Test
    void aTrickleOfBytesReadsTheSame() throws IOException {
        byte[] file = ourCapture();
        InputStream trickle = new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < file.length ? file[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= file.length) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                b[off] = file[pos++];
                return 1;
            }
        };
        assertEquals(Arrays.asList(PACKETS), readAll(new PcapReader(trickle), new ArrayList<>()));
    }

    @Test
    void streamErrorsPropagateUnchanged() throws IOException {
        byte[] file = ourCapture();
        IOException failure = new IOException("Input/output error");
        InputStream failing = new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos == 60) {
                    throw failure;
                }
                return file[pos++] & 0xff;
            }
        };
        PcapReader r = new PcapReader(failing);
        assertSame(failure, assertThrows(IOException.class, () -> r.next(new PcapRecord())));
    }

    @Test
    void hostileBytesGiveOnlyFormatErrors() throws IOException {
        byte[] valid = ourCapture();
        SplittableRandom random = new SplittableRandom(1234);
        PcapRecord rec = new PcapRecord();
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 4 == 0) {
                input = new byte[random.nextInt(200)];
                random.nextBytes(input);
                if (input.length >= 4 && random.nextBoolean()) {
                    // a valid magic, so the rest of the header and the records get exercised
                    ByteBuffer.wrap(input).putInt(random.nextBoolean() ? 0xa1b2c3d4 : 0x4d3cb2a1);
                }
            } else {
                input = valid.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
                if (random.nextBoolean()) {
                    input = Arrays.copyOf(input, random.nextInt(input.length + 1));
                }
            }
            try {
                PcapReader r = new PcapReader(new ByteArrayInputStream(input));
                int n = 0;
                while (r.next(rec)) {
                    assertTrue(rec.capturedLength() <= PcapReader.MAX_RECORD);
                    n++;
                }
                assertTrue(n <= 3 + input.length / 16);
            } catch (PcapFormatException e) {
                assertTrue(e.getMessage().startsWith("pcap "), e.getMessage());
            } catch (IOException | RuntimeException e) {
                fail("input " + Hex.encode(input) + " gave " + e, e);
            }
        }
    }
}
