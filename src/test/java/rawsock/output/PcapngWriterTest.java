package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;
import rawsock.packet.PacketMeta;

/**
 * pcapng as rawsock writes it, read back by tshark and tcpdump (independent readers): packet
 * count, bytes, interface names, direction, timestamps; and the block layout the format requires.
 */
class PcapngWriterTest {
    @TempDir
    Path dir;

    private static final String[] FRAMES = {TestPackets.ETH_ICMP, TestPackets.ETH_ICMP, TestPackets.ETH_ICMP};
    private static final int[] DIRECTIONS = {PacketMeta.PKTTYPE_OUTGOING, PacketMeta.PKTTYPE_HOST,
        PacketMeta.PKTTYPE_BROADCAST};

    /** Three frames: two on "lo" (out, in), one on "veth-x" (broadcast), and the ISBs at the end. */
    private Path linkCapture() throws IOException {
        Path file = dir.resolve("link.pcapng");
        try (OutputStream out = Files.newOutputStream(file);
                PacketWriter w = PacketWriters.create(OutputFormat.PCAPNG, out, LinkType.ETHERNET, 65535, true)) {
            for (int i = 0; i < FRAMES.length; i++) {
                PacketMeta meta = TestPackets.meta(TestPackets.TS + i, FRAMES[i].length() / 2)
                        .ifindex(i < 2 ? 1 : 7).ifname(i < 2 ? "lo" : "veth-x").pktType(DIRECTIONS[i]);
                w.write(meta, TestPackets.buffer(FRAMES[i]), new DecodedPacket());
            }
            w.endOfCapture(42);
        }
        return file;
    }

    @Test
    void tsharkReadsInterfacesDirectionsAndBytes() throws Exception {
        ExternalTool.assumeInstalled("tshark", "reads pcapng independently of rawsock");
        Path file = linkCapture();
        ExternalTool.Result r = ExternalTool.run(null, null, "tshark", "-r", file.toString(), "-T", "fields",
                "-e", "frame.interface_name", "-e", "frame.packet_flags_direction", "-e", "frame.time_epoch",
                "-e", "frame.len", "-e", "data.data", "-e", "eth.src");
        assertEquals(0, r.exitCode, r.toString());
        List<String> lines = r.lines();
        assertEquals(3, lines.size(), r.toString());
        String[] names = {"lo", "lo", "veth-x"};
        String[] directions = {"0x00000002", "0x00000001", "0x00000001"};
        for (int i = 0; i < 3; i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertEquals(names[i], f[0], lines.get(i));
            assertEquals(directions[i], f[1], lines.get(i));
            assertEquals(0, new java.math.BigDecimal(f[2]).compareTo(
                    java.math.BigDecimal.valueOf(TestPackets.TS + i, 9)), lines.get(i));
            assertEquals(String.valueOf(FRAMES[i].length() / 2), f[3]);
            assertEquals("02:00:00:00:00:01", f[5]);
        }
        ExternalTool.Result hex = ExternalTool.run(null, null, "tshark", "-r", file.toString(), "-x");
        assertTrue(hex.stdout.replaceAll("(?m)^[0-9a-f]{4}  |  .*$|\\s", "")
                .startsWith(TestPackets.ETH_ICMP), hex.stdout);
        ExternalTool.Result stats = ExternalTool.run(null, null, "capinfos", "-M", file.toString());
        assertTrue(stats.stdout.contains("Number of interfaces in file: 2"), stats.stdout);
    }

    @Test
    void tcpdumpReadsTheSameCountAndBytes() throws Exception {
        ExternalTool.requireTcpdump();
        Path file = linkCapture();
        ExternalTool.Result r = ExternalTool.run(null, null, "tcpdump", "-n", "-e", "-tt", "--nano", "-x", "-r",
                file.toString());
        assertEquals(0, r.exitCode, r.toString());
        List<String> firsts = new ArrayList<>();
        StringBuilder bytes = new StringBuilder();
        for (String line : r.lines()) {
            if (line.startsWith("\t")) {
                bytes.append(line.replaceAll("^\\s*0x[0-9a-f]+:\\s*", "").replace(" ", ""));
            } else {
                firsts.add(line);
            }
        }
        assertEquals(3, firsts.size(), r.toString());
        assertTrue(firsts.get(0).startsWith("1795853547.123456789 02:00:00:00:00:01 > 02:00:00:00:00:02"),
                firsts.get(0));
        // tcpdump -x prints from the network header on
        String ip = TestPackets.ICMP_ECHO;
        assertEquals(ip + ip + ip, bytes.toString());
    }

    @Test
    void blocksAreWhereTheFormatPutsThem() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PacketWriter w = PacketWriters.create(OutputFormat.PCAPNG, out, LinkType.RAW, 100, false)) {
            w.write(TestPackets.meta(TestPackets.TS, 84).ifindex(1).ifname("lo"),
                    TestPackets.buffer(TestPackets.ICMP_ECHO), null);
            w.write(TestPackets.meta(TestPackets.TS, 84).ifindex(1).ifname("lo"),
                    TestPackets.buffer(TestPackets.ICMP_ECHO), null);
            w.endOfCapture(-1);
        }
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> types = new ArrayList<>();
        int at = 0;
        while (at < b.limit()) {
            int type = b.getInt(at);
            int length = b.getInt(at + 4);
            assertEquals(0, length % 4, "block at " + at);
            assertEquals(length, b.getInt(at + length - 4), "trailing length of the block at " + at);
            types.add(type);
            if (type == PcapngWriter.IDB) {
                assertEquals(228, b.getShort(at + 8), "IPv4 packets: LINKTYPE_IPV4, which libpcap takes for several interfaces");
                assertEquals(100, b.getInt(at + 12), "snaplen");
            }
            if (type == PcapngWriter.EPB) {
                assertEquals(0, b.getInt(at + 8), "interface id");
                long ts = (long) b.getInt(at + 12) << 32 | (b.getInt(at + 16) & 0xffffffffL);
                assertEquals(TestPackets.TS, ts, "nanoseconds (if_tsresol 9)");
                assertEquals(84, b.getInt(at + 20));
            }
            at += length;
        }
        assertEquals(List.of(PcapngWriter.SHB, PcapngWriter.IDB, PcapngWriter.EPB, PcapngWriter.EPB, PcapngWriter.ISB),
                types, "one IDB for the one interface seen; no epb_flags without a direction");
        // And our own reader agrees.
        CaptureReader reader = CaptureReader.open(new ByteArrayInputStream(out.toByteArray()));
        PcapRecord record = new PcapRecord();
        assertTrue(reader.next(record));
        assertEquals("lo", record.interfaceName());
        assertEquals(-1, record.flags());
        assertEquals(TestPackets.buffer(TestPackets.ICMP_ECHO), record.data());
        assertEquals(TestPackets.TS, record.timestampNanos());
        assertTrue(reader.next(record));
        assertFalse(reader.next(record));
    }

    @Test
    void aPipeReaderSeesEachPacketAsItIsWritten() throws Exception {
        ExternalTool.assumeInstalled("tshark", "reads pcapng from a pipe");
        Process tshark = new ProcessBuilder("tshark", "-l", "-n", "-r", "-", "-T", "fields", "-e", "frame.number")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                        tshark.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                PacketWriter w = PacketWriters.create(OutputFormat.PCAPNG, tshark.getOutputStream(),
                        LinkType.RAW, 0, true)) {
            java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                for (int i = 1; i <= 3; i++) {
                    w.write(TestPackets.meta(TestPackets.TS, 84).ifname("lo"), TestPackets.buffer(TestPackets.ICMP_ECHO),
                            null);
                    assertEquals(String.valueOf(i), reader.submit(lines::readLine)
                            .get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
            } finally {
                reader.shutdownNow();
            }
        } finally {
            if (!tshark.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                tshark.destroyForcibly();
            }
        }
    }
}
