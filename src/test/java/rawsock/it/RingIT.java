package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.testing.Background;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;

/**
 * {@code recv --link} through the TPACKET_V3 ring, on lo (where a packet socket sees every
 * packet twice: going out and coming in). Each test first checks that the ring is really mapped,
 * in /proc/PID/maps, so a silent fallback to recvmmsg fails it; the recvmmsg path (--no-ring) runs
 * beside it as the reference its output must equal.
 */
@RequiresRoot
class RingIT {
    /** The mapping of a packet socket's ring: "start-end rw-s ... socket:[inode]". */
    private static final Pattern SOCKET_MAPPING = Pattern.compile("(?m)^([0-9a-f]+)-([0-9a-f]+) rw-s .*socket:\\[\\d+\\]$");

    private static Background listening(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("recv", "-v", "--link", "-I", "lo"));
        command.addAll(List.of(args));
        Background recv = Background.start(ToolProcess.command(command.toArray(new String[0])));
        assertTrue(recv.awaitStderr("listening on", 30_000), "never listened: " + recv.stderr());
        return recv;
    }

    /** Bytes of packet-socket mappings the process has (0: no ring). */
    private static long ringBytes(long pid) throws IOException {
        String maps = Files.readString(Path.of("/proc/" + pid + "/maps"));
        Matcher m = SOCKET_MAPPING.matcher(maps);
        long bytes = 0;
        while (m.find()) {
            bytes += Long.parseUnsignedLong(m.group(2), 16) - Long.parseUnsignedLong(m.group(1), 16);
        }
        return bytes;
    }

    private static void sendUdp(int port, byte[] payload, int count) throws IOException {
        try (DatagramSocket sender = new DatagramSocket()) {
            InetAddress localhost = InetAddress.getByName("127.0.0.1");
            for (int i = 0; i < count; i++) {
                sender.send(new DatagramPacket(payload, payload.length, localhost, port));
            }
        }
    }

    /** A JSON line without its timestamps (the two paths read them from different kernel fields). */
    private static String withoutTimestamps(String line) {
        return line.replaceAll("\"ts\":\"[^\"]*\",\"ts_ns\":\\d+,", "");
    }

    @Test
    void framesOnLoAreDecodedStampedAndMarkedAsTheRecvmmsgPathMarksThem() throws Exception {
        int port = Marks.freeUdpPort();
        String mark = Marks.payload();
        String filter = "udp and port " + port;
        Background ring = listening("--filter", filter, "-c", "4", "-t", "20s", "-f", "json");
        Background reference = listening("--no-ring", "--filter", filter, "-c", "4", "-t", "20s", "-f", "json");
        assertEquals(32L << 20, ringBytes(ring.pid()), "the default ring (--buffer 32M) is mapped");
        assertEquals(0, ringBytes(reference.pid()), "--no-ring maps nothing");
        assertTrue(ring.stderr().contains("receive ring (TPACKET_V3): 128 blocks of 256 KiB"), ring.stderr());
        long before = System.currentTimeMillis() * 1_000_000L;
        sendUdp(port, mark.getBytes(StandardCharsets.US_ASCII), 2);
        long after = System.currentTimeMillis() * 1_000_000L;
        assertEquals(0, ring.await(30), ring.stderr());
        assertEquals(0, reference.await(30), reference.stderr());
        List<String> lines = ring.stdout().lines().toList();
        assertEquals(4, lines.size(), ring.stdout());
        // Each datagram twice on lo: first going out, then coming in.
        assertEquals(2, lines.stream().filter(l -> l.contains("\"direction\":\"out\"")).count(), ring.stdout());
        assertEquals(2, lines.stream().filter(l -> l.contains("\"direction\":\"in\"")).count(), ring.stdout());
        String markHex = rawsock.output.Hex.encode(mark.getBytes(StandardCharsets.US_ASCII));
        for (String line : lines) {
            assertTrue(line.contains("\"iface\":\"lo\"") && line.contains("\"dport\":" + port), line);
            assertTrue(line.contains("\"eth\":{") && line.contains(markHex), line);
            Matcher ts = Pattern.compile("\"ts_ns\":(\\d+)").matcher(line);
            assertTrue(ts.find(), line);
            long stamp = Long.parseLong(ts.group(1));
            // The kernel's time, taken between our send calls (give the clocks' granularity 1 s).
            assertTrue(stamp >= before - 1_000_000_000L && stamp <= after + 1_000_000_000L, stamp + " not in send window");
        }
        assertEquals(reference.stdout().lines().map(RingIT::withoutTimestamps).toList(),
                lines.stream().map(RingIT::withoutTimestamps).toList(), "the ring's frames equal recvmmsg's");
        assertTrue(ring.stderr().contains("4 packets received, 0 dropped by the kernel"), ring.stderr());
    }

    @Test
    void aPcapFromTheRingIsReadByTcpdumpWithTheSnapLengthApplied(@TempDir Path dir) throws Exception {
        int port = Marks.freeUdpPort();
        Path pcap = dir.resolve("ring.pcap");
        Background ring = listening("--filter", "udp and port " + port, "--snaplen", "60", "-c", "4", "-t", "20s",
                "-w", pcap.toString());
        assertTrue(ringBytes(ring.pid()) > 0, "ring mapped");
        sendUdp(port, new byte[200], 2);
        assertEquals(0, ring.await(30), ring.stderr());
        // The records' own lengths: 60 bytes kept of 14 + 20 + 8 + 200.
        try (InputStream in = Files.newInputStream(pcap); DataInputStream data = new DataInputStream(in)) {
            data.skipNBytes(24);
            for (int i = 0; i < 4; i++) {
                data.skipNBytes(8);
                int caplen = Integer.reverseBytes(data.readInt());
                int len = Integer.reverseBytes(data.readInt());
                assertEquals(60, caplen);
                assertEquals(242, len);
                data.skipNBytes(caplen);
            }
            assertEquals(-1, data.read(), "four records, nothing after");
        }
        Process read = new ProcessBuilder("tcpdump", "-e", "-nn", "-r", pcap.toString()).start();
        String text = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(read.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(read.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, read.exitValue(), errors);
        assertTrue(errors.contains("link-type EN10MB"), errors);
        assertEquals(4, text.lines().filter(l -> l.contains("127.0.0.1." + port + ": UDP, length 200")).count(), text);
    }

    /**
     * A reader that stops (SIGSTOP) while a burst arrives: a 256 KiB ring (--buffer 4k: two
     * blocks of 128 KiB, each holding a frame of the default snap length) overflows, and the
     * kernel's count of frames it dropped comes from PACKET_STATISTICS. Received + dropped is
     * exactly what passed the filter: each datagram twice.
     */
    @Test
    void dropsWhenTheRingOverflowsAreReportedFromTheKernelsStatistics() throws Exception {
        int port = Marks.freeUdpPort();
        int datagrams = 3000;
        Background ring = listening("--filter", "udp and port " + port, "--buffer", "4k", "-f", "hex", "-t", "60s");
        assertEquals(256L << 10, ringBytes(ring.pid()), "two blocks of 128 KiB");
        long pid = ring.pid();
        signal("STOP", pid);
        try {
            sendUdp(port, new byte[16], datagrams);
        } finally {
            signal("CONT", pid);
        }
        // Let it empty the ring (its output stops growing), then end it as a user would.
        int seen = -1;
        for (int i = 0; i < 100 && seen != ring.stdout().lines().count(); i++) {
            seen = (int) ring.stdout().lines().count();
            Thread.sleep(300);
        }
        signal("TERM", pid);
        assertEquals(143, ring.await(30), ring.stderr());
        Matcher summary = Pattern.compile("(\\d+) packets received, (\\d+) dropped by the kernel").matcher(ring.stderr());
        assertTrue(summary.find(), ring.stderr());
        long received = Long.parseLong(summary.group(1));
        long dropped = Long.parseLong(summary.group(2));
        assertTrue(dropped > 0, "the ring overflowed: " + ring.stderr());
        assertTrue(received > 0, ring.stderr());
        assertEquals(2L * datagrams, received + dropped, ring.stderr());
        assertEquals(received, ring.stdout().lines().count());
    }

    /** SIGINT ends the ring's loop like the recvmmsg one: counts printed, the pcap whole, 130. */
    @Test
    void sigintLeavesAWholePcapAndTheCounts(@TempDir Path dir) throws Exception {
        int port = Marks.freeUdpPort();
        Path pcap = dir.resolve("int.pcap");
        Background ring = listening("--filter", "udp and port " + port, "-w", pcap.toString());
        assertTrue(ringBytes(ring.pid()) > 0, "ring mapped");
        sendUdp(port, new byte[10], 3);
        Thread.sleep(1000);   // a hundred times the longest a block waits before it is handed over
        signal("INT", ring.pid());
        assertEquals(130, ring.await(30), ring.stderr());
        assertTrue(ring.stderr().contains("6 packets received, 0 dropped by the kernel"), ring.stderr());
        Process read = new ProcessBuilder("tcpdump", "-nn", "-r", pcap.toString()).start();
        String text = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(read.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, read.exitValue());
        assertEquals(6, text.lines().filter(l -> l.contains("." + port + ": UDP, length 10")).count(), text);
    }

    /** A reader that goes away (| head -1) ends the capture quietly with status 0. */
    @Test
    void aClosedPipeEndsQuietly() throws Exception {
        int port = Marks.freeUdpPort();
        String script = "set -o pipefail; " + ToolProcess.shell("recv --link -I lo --filter 'udp and port " + port
                + "' -t 20s") + " | head -1";
        Process shell = new ProcessBuilder("bash", "-c", script).start();
        try (DatagramSocket sender = new DatagramSocket()) {
            InetAddress localhost = InetAddress.getByName("127.0.0.1");
            for (int i = 0; i < 400 && shell.isAlive(); i++) {
                sender.send(new DatagramPacket(new byte[4], 4, localhost, port));
                Thread.sleep(25);
            }
        }
        assertTrue(shell.waitFor(30, TimeUnit.SECONDS));
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(shell.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, shell.exitValue(), err);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.contains("UDP ") && out.contains(" > " + port + ", length 4"), out);
        assertEquals("", err.strip());
    }

    /** --user drops root after the ring is mapped; the ring keeps delivering. */
    @Test
    void theRingKeepsWorkingAfterDroppingPrivileges() throws Exception {
        int port = Marks.freeUdpPort();
        Background ring = listening("--user", "nobody", "--filter", "udp and port " + port, "-c", "2", "-t", "20s",
                "-f", "hex");
        assertTrue(ringBytes(ring.pid()) > 0, "ring mapped");
        // "listening on" comes just before the drop: wait for it (bounded).
        Pattern nobody = Pattern.compile("(?m)^Uid:\\s+65534\\s");
        String status = "";
        for (int i = 0; i < 100 && !nobody.matcher(status).find(); i++) {
            Thread.sleep(50);
            status = Files.readString(Path.of("/proc/" + ring.pid() + "/status"));
        }
        assertTrue(nobody.matcher(status).find(), status);
        sendUdp(port, new byte[8], 1);
        assertEquals(0, ring.await(30), ring.stderr());
        assertEquals(2, ring.stdout().lines().count(), ring.stdout());
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());
    }
}
