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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.testing.Background;
import rawsock.testing.Marks;
import rawsock.testing.PcapFiles;
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
        return line.replaceAll("\"ts\":\"[^\"]*\",\"ts_ns\":\"\\d+\",", "");
    }

    @Test
    void framesOnLoAreDecodedStampedAndMarkedAsTheRecvmmsgPathMarksThem() throws Exception {
        int port = Marks.freeUdpPort();
        String mark = Marks.payload();
        String filter = "udp and port " + port;
        // -t only bounds a broken run: the ring's window opens before the reference's JVM starts.
        Background ring = listening("--filter", filter, "-c", "4", "-t", "90s", "-f", "json");
        Background reference = listening("--no-ring", "--filter", filter, "-c", "4", "-t", "90s", "-f", "json");
        assertEquals(32L << 20, ringBytes(ring.pid()), "the default ring (--buffer 32M) is mapped");
        assertEquals(0, ringBytes(reference.pid()), "--no-ring maps nothing");
        assertTrue(ring.stderr().contains("receive ring (TPACKET_V3): 128 blocks of 256 KiB"), ring.stderr());
        long before = System.currentTimeMillis() * 1_000_000L;
        sendUdp(port, mark.getBytes(StandardCharsets.US_ASCII), 2);
        long after = System.currentTimeMillis() * 1_000_000L;
        assertEquals(0, ring.await(120), ring.stderr());
        assertEquals(0, reference.await(120), reference.stderr());
        List<String> lines = ring.stdout().lines().toList();
        assertEquals(4, lines.size(), ring.stdout());
        // Each datagram twice on lo: first going out, then coming in.
        assertEquals(2, lines.stream().filter(l -> l.contains("\"direction\":\"out\"")).count(), ring.stdout());
        assertEquals(2, lines.stream().filter(l -> l.contains("\"direction\":\"in\"")).count(), ring.stdout());
        String markHex = rawsock.output.Hex.encode(mark.getBytes(StandardCharsets.US_ASCII));
        for (String line : lines) {
            assertTrue(line.contains("\"iface\":\"lo\"") && line.contains("\"dport\":" + port), line);
            assertTrue(line.contains("\"eth\":{") && line.contains(markHex), line);
            Matcher ts = Pattern.compile("\"ts_ns\":\"(\\d+)\"").matcher(line);
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
     * exactly what passed the filter: each datagram twice, the sentinels below included.
     *
     * <p>Nothing here waits a fixed time. The burst goes out in steps, each one delivered to a
     * UDP socket of ours before the next is sent: lo hands a packet to the packet socket (ring or
     * drop count) before UDP gets it, so no step can overflow the per-CPU backlog
     * (netdev_max_backlog) and lose packets that neither count would see. After SIGCONT,
     * numbered sentinel datagrams are sent one at a time until one is in the output twice (its
     * outgoing and its incoming copy): the ring is read in order, so everything sent before it
     * has been received or dropped by then.
     */
    @Test
    void dropsWhenTheRingOverflowsAreReportedFromTheKernelsStatistics() throws Exception {
        int datagrams = 3000;
        InetAddress localhost = InetAddress.getByName("127.0.0.1");
        // -t only bounds a broken run; SIGTERM ends this one.
        try (DatagramSocket receiver = new DatagramSocket(0, localhost);
                DatagramSocket sender = new DatagramSocket();
                Background ring = listening("--filter", "udp and port " + receiver.getLocalPort(), "--buffer", "4k",
                        "-f", "hex", "-t", "120s")) {
            assertEquals(256L << 10, ringBytes(ring.pid()), "two blocks of 128 KiB");
            long pid = ring.pid();
            signal("STOP", pid);
            try {
                awaitStopped(pid);
                sendInDeliveredSteps(sender, receiver, new byte[16], datagrams);
            } finally {
                signal("CONT", pid);
            }
            int sentinels = sendSentinelsUntilOneIsRead(ring, sender, receiver.getLocalPort());
            signal("TERM", pid);
            assertEquals(143, ring.await(30), ring.stderr());
            Matcher summary = Pattern.compile("(\\d+) packets received, (\\d+) dropped by the kernel").matcher(ring.stderr());
            assertTrue(summary.find(), ring.stderr());
            long received = Long.parseLong(summary.group(1));
            long dropped = Long.parseLong(summary.group(2));
            assertTrue(dropped > 0, "the ring overflowed: " + ring.stderr());
            assertTrue(received > 0, ring.stderr());
            assertEquals(2L * (datagrams + sentinels), received + dropped, sentinels + " sentinels; " + ring.stderr());
            assertEquals(received, ring.stdout().lines().count());
        }
    }

    /**
     * Sends {@code count} datagrams to {@code receiver} in steps of 50, each step received there
     * (bounded by its timeout) before the next is sent.
     */
    private static void sendInDeliveredSteps(DatagramSocket sender, DatagramSocket receiver, byte[] payload, int count)
            throws IOException {
        receiver.setReceiveBufferSize(1 << 20);
        receiver.setSoTimeout(30_000);
        DatagramPacket delivered = new DatagramPacket(new byte[payload.length + 1], payload.length + 1);
        DatagramPacket datagram = new DatagramPacket(payload, payload.length, receiver.getLocalSocketAddress());
        for (int sent = 0; sent < count; ) {
            int step = Math.min(50, count - sent);
            for (int i = 0; i < step; i++) {
                sender.send(datagram);
            }
            sent += step;
            for (int i = 0; i < step; i++) {
                receiver.receive(delivered);
            }
        }
    }

    /**
     * Sends numbered sentinels to {@code port}, one at a time (a new one every 500 ms, for 30 s at
     * most), until the last one sent is in the ring's output twice; returns how many were sent.
     */
    private static int sendSentinelsUntilOneIsRead(Background ring, DatagramSocket sender, int port) throws Exception {
        InetAddress localhost = InetAddress.getByName("127.0.0.1");
        int sentinels = 0;
        boolean read = false;
        long deadline = System.currentTimeMillis() + 30_000;
        while (!read && sentinels < 600 && System.currentTimeMillis() < deadline) {
            byte[] sentinel = String.format("ring-drained-%05d", sentinels).getBytes(StandardCharsets.US_ASCII);
            String tail = rawsock.output.Hex.encode(sentinel);  // lo adds no padding: the frame ends in it
            sender.send(new DatagramPacket(sentinel, sentinel.length, localhost, port));
            sentinels++;
            long next = Math.min(deadline, System.currentTimeMillis() + 500);
            do {
                read = ring.stdout().lines().filter(line -> line.endsWith(tail)).count() >= 2;
                if (!read) {
                    Thread.sleep(50);
                }
            } while (!read && System.currentTimeMillis() < next);
        }
        assertTrue(read, sentinels + " sentinels sent, none came out twice: " + ring.stderr());
        return sentinels;
    }

    /** Waits (bounded) until every thread of the process has stopped, so none reads the ring any more. */
    private static void awaitStopped(long pid) throws Exception {
        Path tasks = Path.of("/proc/" + pid + "/task");
        long deadline = System.currentTimeMillis() + 20_000;
        List<String> states = List.of();
        while (System.currentTimeMillis() < deadline) {
            List<String> now = new ArrayList<>();
            try (Stream<Path> each = Files.list(tasks)) {
                for (Path task : each.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        now.add(stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
                    } catch (IOException gone) {
                        // a thread that ended meanwhile
                    }
                }
            }
            states = now;
            if (!states.isEmpty() && states.stream().allMatch(state -> state.equals("T") || state.equals("t"))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("SIGSTOP did not stop every thread: states " + states);
    }

    /** SIGINT ends the ring's loop like the recvmmsg one: counts printed, the pcap whole, 130. */
    @Test
    void sigintLeavesAWholePcapAndTheCounts(@TempDir Path dir) throws Exception {
        int port = Marks.freeUdpPort();
        Path pcap = dir.resolve("int.pcap");
        Background ring = listening("--filter", "udp and port " + port, "-w", pcap.toString());
        assertTrue(ringBytes(ring.pid()) > 0, "ring mapped");
        sendUdp(port, new byte[10], 3);
        // SIGINT once the six frames are in the file as whole records (bounded): then the counts
        // and the file must still say six after the signal.
        long deadline = System.currentTimeMillis() + 20_000;
        while (PcapFiles.wholeRecords(pcap) < 6 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
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
                + "' -t 60s") + " | head -1";
        Process shell = new ProcessBuilder("bash", "-c", script).start();
        // Until the pipeline ends (a datagram printed, then one more written into the closed pipe),
        // however long the JVM takes to start: bounded by time and count.
        try (DatagramSocket sender = new DatagramSocket()) {
            InetAddress localhost = InetAddress.getByName("127.0.0.1");
            long deadline = System.currentTimeMillis() + 90_000;
            for (int i = 0; i < 4000 && shell.isAlive() && System.currentTimeMillis() < deadline; i++) {
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
        // "listening on" comes just before the drop: wait for it (bounded; returns once it is done).
        Pattern nobody = Pattern.compile("(?m)^Uid:\\s+65534\\s");
        String status = "";
        long deadline = System.currentTimeMillis() + 30_000;
        for (int i = 0; i < 600 && !nobody.matcher(status).find() && System.currentTimeMillis() < deadline; i++) {
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
