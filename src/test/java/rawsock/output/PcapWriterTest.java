package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;
import rawsock.packet.PacketMeta;

class PcapWriterTest {
    @TempDir
    Path dir;

    /** Three real IP packets, 1 ms apart, starting at {@link TestPackets#TS}. */
    private Path rawCapture(String name) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
                PacketWriter w = PacketWriters.create(OutputFormat.PCAP, out, LinkType.RAW, false)) {
            String[] packets = {TestPackets.ICMP_ECHO, TestPackets.UDP, TestPackets.TCP_SYN};
            for (int i = 0; i < packets.length; i++) {
                int len = packets[i].length() / 2;
                w.write(TestPackets.meta(TestPackets.TS + i * 1_000_000L, len),
                        TestPackets.offsetBuffer(packets[i]), new DecodedPacket());
            }
        }
        return file;
    }

    @Test
    void headerAndRecordBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 1500, false)) {
            w.write(new PacketMeta().timestampNanos(TestPackets.TS).wireLength(98),
                    TestPackets.buffer(TestPackets.ETH_ICMP), null);
        }
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24 + 16 + 98, b.remaining());
        assertEquals(0xa1b23c4d, b.getInt());
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        assertEquals(0, b.getInt());
        assertEquals(0, b.getInt());
        assertEquals(1500, b.getInt());
        assertEquals(1, b.getInt());
        assertEquals(1_795_853_547, b.getInt());
        assertEquals(123_456_789, b.getInt());
        assertEquals(98, b.getInt());
        assertEquals(98, b.getInt());
        byte[] body = new byte[98];
        b.get(body);
        assertArrayEquals(Hex.decode(TestPackets.ETH_ICMP), body);
    }

    @Test
    void anEmptyCaptureIsAValidFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out, LinkType.RAW, false).close();
        assertEquals(24, out.size());
        PcapReader r = new PcapReader(new java.io.ByteArrayInputStream(out.toByteArray()));
        assertEquals(101, r.linkType());
        assertEquals(262_144, r.snaplen());
        assertTrue(r.nanosecond());
        assertEquals(false, r.next(new PcapRecord()));
    }

    @Test
    void packetsLongerThanTheSnaplenAreCut() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.RAW, 20, false)) {
            w.write(TestPackets.meta(TestPackets.TS, 84), TestPackets.buffer(TestPackets.ICMP_ECHO), null);
        }
        PcapReader r = new PcapReader(new java.io.ByteArrayInputStream(out.toByteArray()));
        PcapRecord rec = new PcapRecord();
        assertTrue(r.next(rec));
        assertEquals(20, rec.capturedLength());
        assertEquals(84, rec.originalLength());
        assertEquals(TestPackets.ICMP_ECHO.substring(0, 40), Hex.encode(rec.data()));
    }

    @Test
    void snaplenOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new PcapWriter(new ByteArrayOutputStream(), LinkType.RAW, -1, false));
        assertThrows(IllegalArgumentException.class,
                () -> new PcapWriter(new ByteArrayOutputStream(), LinkType.RAW, 262_145, false));
        assertEquals(262_144,
                new PcapWriter(new ByteArrayOutputStream(), LinkType.RAW, 0, false).snaplen());
    }

    @Test
    void tcpdumpReadsOurRawCapture() throws Exception {
        ExternalTool.requireTcpdump();
        Path file = rawCapture("raw.pcap");
        // stdin, as in `rawsock recv -f pcap | tcpdump -nr -`
        ExternalTool.Result r = ExternalTool.run(file.toFile(), null,
                "tcpdump", "-n", "-tt", "--nano", "-r", "-");
        assertEquals(0, r.exitCode, r.toString());
        List<String> lines = r.lines();
        assertEquals(3, lines.size(), r.toString());
        assertTrue(r.stderr.contains("RAW"), r.stderr);
        assertTrue(r.stderr.contains("snapshot length 262144"), r.stderr);
        assertTrue(lines.get(0).startsWith("1795853547.123456789 IP 127.0.0.1 > 127.0.0.1: ICMP echo request, id 4660, seq 1, length 64"),
                lines.get(0));
        assertEquals("1795853547.124456789 IP 192.0.2.1.40001 > 198.51.100.2.9999: UDP, length 13",
                lines.get(1));
        assertTrue(lines.get(2).startsWith("1795853547.125456789 IP 192.0.2.1.40000 > 198.51.100.2.80: Flags [S], seq 1000, win 64240, options [mss 1460], length 0"),
                lines.get(2));
    }

    @Test
    void tcpdumpVerifiesTheChecksumsOfTheTestPackets() throws Exception {
        // guards the hand-written fixtures themselves: tcpdump -v checks IP/ICMP/UDP/TCP sums
        ExternalTool.requireTcpdump();
        Path file = rawCapture("sums.pcap");
        ExternalTool.Result r = ExternalTool.run(null, null, "tcpdump", "-nvv", "-r", file.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(!r.stdout.contains("bad") && !r.stdout.contains("incorrect"), r.stdout);
        assertTrue(r.stdout.contains("[udp sum ok]"), r.stdout);
        assertTrue(r.stdout.contains("cksum 0x"), r.stdout);
    }

    @Test
    void tcpdumpReadsOurEthernetCapture() throws Exception {
        ExternalTool.requireTcpdump();
        Path file = dir.resolve("eth.pcap");
        try (OutputStream out = Files.newOutputStream(file);
                PacketWriter w = PacketWriters.create(OutputFormat.PCAP, out, LinkType.ETHERNET, true)) {
            for (int i = 0; i < 5; i++) {
                w.write(TestPackets.meta(TestPackets.TS + i, 98).ifname("eth0"),
                        TestPackets.buffer(TestPackets.ETH_ICMP), new DecodedPacket());
            }
        }
        ExternalTool.Result r = ExternalTool.run(null, null,
                "tcpdump", "-n", "-e", "-tt", "--nano", "-r", file.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("EN10MB"), r.stderr);
        List<String> lines = r.lines();
        assertEquals(5, lines.size(), r.toString());
        assertTrue(lines.get(4).startsWith("1795853547.123456793 02:00:00:00:00:01 > 02:00:00:00:00:02, "
                + "ethertype IPv4 (0x0800), length 98: 127.0.0.1 > 127.0.0.1: ICMP echo request"), lines.get(4));
    }

    @Test
    void throughAPipeTcpdumpPrintsEachPacketBeforeTheCaptureEnds() throws Exception {
        // `rawsock recv -f pcap | tcpdump -l -nr -`: flushing per packet must be enough for
        // tcpdump to see the header and the packet while the writer is still open.
        ExternalTool.requireTcpdump();
        Process tcpdump = new ProcessBuilder("tcpdump", "-l", "-n", "-r", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                        tcpdump.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                PacketWriter w = PacketWriters.create(OutputFormat.PCAP, tcpdump.getOutputStream(),
                        LinkType.RAW, true)) {
            java.util.concurrent.ExecutorService reader =
                    java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                String[] packets = {TestPackets.ICMP_ECHO, TestPackets.UDP, TestPackets.TCP_SYN};
                String[] expected = {"IP 127.0.0.1 > 127.0.0.1: ICMP echo request",
                    "IP 192.0.2.1.40001 > 198.51.100.2.9999: UDP, length 13",
                    "IP 192.0.2.1.40000 > 198.51.100.2.80: Flags [S]"};
                for (int i = 0; i < packets.length; i++) {
                    w.write(TestPackets.meta(TestPackets.TS, packets[i].length() / 2),
                            TestPackets.buffer(packets[i]), null);
                    String line = reader.submit(lines::readLine)
                            .get(30, java.util.concurrent.TimeUnit.SECONDS);
                    assertTrue(line != null && line.contains(expected[i]), "packet " + i + ": " + line);
                }
            } finally {
                reader.shutdownNow();
            }
        } finally {
            if (!tcpdump.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                tcpdump.destroyForcibly();
            }
        }
        assertEquals(0, tcpdump.exitValue());
    }

    @Test
    void tcpdumpSeesTheSnaplenTruncation() throws Exception {
        ExternalTool.requireTcpdump();
        Path file = dir.resolve("cut.pcap");
        try (OutputStream out = Files.newOutputStream(file);
                PacketWriter w = PacketWriters.create(OutputFormat.PCAP, out, LinkType.RAW, 28, false)) {
            w.write(TestPackets.meta(TestPackets.TS, 84), TestPackets.buffer(TestPackets.ICMP_ECHO), null);
        }
        ExternalTool.Result r = ExternalTool.run(null, null, "tcpdump", "-n", "-r", file.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("snapshot length 28"), r.stderr);
        assertTrue(r.stdout.contains("IP 127.0.0.1 > 127.0.0.1: ICMP echo request"), r.stdout);
    }

    @Test
    void tsharkReadsOurCaptureWithNanosecondTimestamps() throws Exception {
        ExternalTool.assumeInstalled("tshark", "second independent pcap reader (optional)");
        Path file = rawCapture("tshark.pcap");
        ExternalTool.Result r = ExternalTool.run(null, null, "tshark", "-n", "-r", file.toString(),
                "-T", "fields", "-e", "frame.time_epoch", "-e", "ip.src", "-e", "ip.dst",
                "-e", "_ws.col.Protocol");
        assertEquals(0, r.exitCode, r.toString());
        List<String> lines = r.lines();
        assertEquals(3, lines.size(), r.toString());
        assertEquals("1795853547.123456789\t127.0.0.1\t127.0.0.1\tICMP", lines.get(0));
        assertEquals("1795853547.124456789\t192.0.2.1\t198.51.100.2\tUDP", lines.get(1));
        assertEquals("1795853547.125456789\t192.0.2.1\t198.51.100.2\tTCP", lines.get(2));
    }
}
