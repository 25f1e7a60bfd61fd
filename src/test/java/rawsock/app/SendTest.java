package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.testing.CliRun;
import rawsock.testing.InetChecksum;
import rawsock.testing.Marks;
import rawsock.testing.PcapFiles;
import rawsock.testing.RequiresRoot;
import rawsock.testing.Tcpdump;

/**
 * {@code rawsock send} on 127.0.0.1, each result checked by something that is not rawsock: the
 * kernel's replies seen by tcpdump, or a JDK DatagramSocket.
 */
@RequiresRoot
class SendTest {
    private static final InetAddress LOCALHOST = loopback();
    /**
     * The most a test waits for tcpdump to print a line, or for a datagram to arrive: bounds for a
     * loaded machine, where a waiting test returns as soon as the line or datagram is there.
     */
    private static final long WAIT_MILLIS = 30_000;

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void icmpEchoDrawsTheKernelsEchoReplies() throws Exception {
        int id = Marks.id();
        try (Tcpdump tcpdump = Tcpdump.start("lo", "icmp and icmp[4:2] == " + id)) {
            CliRun run = CliRun.run("send", "--proto", "icmp", "--dst", "127.0.0.1", "--icmp-id", String.valueOf(id),
                    "--data", Marks.payload(), "--count", "3", "--interval", "20ms");
            assertEquals(0, run.status, run.toString());
            assertEquals(0, run.stdout.length, "stdout is for data only");
            assertTrue(run.stderr.contains("sent 3 packets"), run.stderr);
            List<String> lines = tcpdump.awaitLines("echo reply", 3, WAIT_MILLIS);
            String all = String.join("\n", lines);
            for (int seq = 1; seq <= 3; seq++) {
                assertTrue(all.contains("ICMP echo request, id " + id + ", seq " + seq), all);
                assertTrue(all.contains("ICMP echo reply, id " + id + ", seq " + seq), all);
            }
        }
    }

    @Test
    void spoofedUdpReachesADatagramSocketWithThatSourceAndPayload() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOCALHOST)) {
            receiver.setSoTimeout(5000);
            String payload = Marks.payload();
            CliRun run = CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--src", "127.0.0.9", "--sport", "4242",
                    "--dport", String.valueOf(receiver.getLocalPort()), "--data", payload);
            assertEquals(0, run.status, run.toString());
            DatagramPacket got = receive(receiver, payload);
            assertEquals("127.0.0.9", got.getAddress().getHostAddress());
            assertEquals(4242, got.getPort());
        }
    }

    @Test
    void udpWithoutSourceUsesTheKernelsHeaderAndAValidChecksum() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOCALHOST)) {
            receiver.setSoTimeout(5000);
            String payload = Marks.payload();
            CliRun run = CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--sport", "4243",
                    "--dport", String.valueOf(receiver.getLocalPort()), "--data", payload, "--ttl", "7");
            assertEquals(0, run.status, run.toString());
            DatagramPacket got = receive(receiver, payload);
            assertEquals(4243, got.getPort());
        }
    }

    @Test
    void aWrongChecksumIsNotDeliveredButTheRightOneIs() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOCALHOST)) {
            receiver.setSoTimeout((int) WAIT_MILLIS);
            int port = receiver.getLocalPort();
            byte[] bad = Marks.payload().getBytes(StandardCharsets.US_ASCII);
            byte[] src = LOCALHOST.getAddress();
            int right = InetChecksum.udp(src, src, 4244, port, bad);
            int wrong = right ^ 0x0101;
            CliRun badRun = CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--sport", "4244", "--dport",
                    String.valueOf(port), "--data", new String(bad, StandardCharsets.US_ASCII), "--checksum",
                    String.valueOf(wrong));
            assertEquals(0, badRun.status, badRun.toString());
            String good = Marks.payload();
            CliRun goodRun = CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--sport", "4244", "--dport",
                    String.valueOf(port), "--data", good);
            assertEquals(0, goodRun.status, goodRun.toString());
            // The first datagram to arrive must be the good one: the kernel dropped the bad one.
            DatagramPacket first = new DatagramPacket(new byte[2048], 2048);
            receiver.receive(first);
            assertEquals(good, new String(first.getData(), 0, first.getLength(), StandardCharsets.US_ASCII));
            // And with the right checksum given explicitly, it is delivered.
            CliRun explicit = CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--sport", "4244", "--dport",
                    String.valueOf(port), "--data", new String(bad, StandardCharsets.US_ASCII), "--checksum",
                    String.valueOf(right));
            assertEquals(0, explicit.status, explicit.toString());
            receive(receiver, new String(bad, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void tcpSynToAListeningPortDrawsSynAckAndToAClosedPortRst() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, LOCALHOST)) {
            int open = server.getLocalPort();
            int closed = Marks.freeTcpPort();
            int sport = 20000 + Marks.id() % 20000;
            try (Tcpdump tcpdump = Tcpdump.start("lo", "tcp and dst port " + sport)) {
                CliRun synOpen = CliRun.run("send", "-p", "tcp", "-d", "127.0.0.1", "--sport", String.valueOf(sport),
                        "--dport", String.valueOf(open), "--flags", "S", "--seq", "1000");
                assertEquals(0, synOpen.status, synOpen.toString());
                CliRun synClosed = CliRun.run("send", "-p", "tcp", "-d", "127.0.0.1", "--sport",
                        String.valueOf(sport), "--dport", String.valueOf(closed), "--flags", "S", "--seq", "5000");
                assertEquals(0, synClosed.status, synClosed.toString());
                // Wait for both answers: the two SYNs may be handled on different CPUs, so the RST
                // can be captured before the SYN-ACK.
                tcpdump.awaitLines("Flags [S.]", 1, WAIT_MILLIS);
                List<String> lines = tcpdump.awaitLines("Flags [R.]", 1, WAIT_MILLIS);
                String all = String.join("\n", lines);
                assertTrue(all.contains("127.0.0.1." + open + " > 127.0.0.1." + sport + ": Flags [S.]"), all);
                assertTrue(all.contains("ack 1001"), all);
                assertTrue(all.contains("127.0.0.1." + closed + " > 127.0.0.1." + sport + ": Flags [R.]"), all);
                assertTrue(all.contains("ack 5001"), all);
            }
        }
    }

    @Test
    void ipHeaderFieldsAsSentAppearInACapture() throws Exception {
        int port = Marks.freeUdpPort();
        try (Tcpdump tcpdump = Tcpdump.start("lo", "udp and dst port " + port)) {
            CliRun run = CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--src", "127.0.0.1", "--dport",
                    String.valueOf(port), "--sport", "999", "--ttl", "33", "--tos", "0x10", "--id", "4321", "--df",
                    "--data", "abc");
            assertEquals(0, run.status, run.toString());
            // tcpdump -v prints the IP header's line first, then the UDP line: wait for the last.
            String all = String.join("\n", tcpdump.awaitLines("UDP, length 3", 1, WAIT_MILLIS));
            assertTrue(all.contains("tos 0x10, ttl 33, id 4321, offset 0, flags [DF], proto UDP (17), length 31"), all);
            assertTrue(all.contains("127.0.0.1.999 > 127.0.0.1." + port + ": UDP, length 3"), all);
        }
    }

    @Test
    void stdinHexSendsEveryLineToItsOwnDestination() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOCALHOST)) {
            receiver.setSoTimeout(5000);
            byte[] src = InetAddress.getByName("127.0.0.5").getAddress();
            String[] payloads = {Marks.payload(), Marks.payload(), Marks.payload()};
            StringBuilder input = new StringBuilder("# three datagrams\n");
            for (String payload : payloads) {
                byte[] packet = InetChecksum.udpPacket(src, LOCALHOST.getAddress(), 5555, receiver.getLocalPort(),
                        payload.getBytes(StandardCharsets.US_ASCII));
                input.append(hex(packet)).append('\n');
            }
            CliRun run = CliRun.runWithInput(input.toString().getBytes(StandardCharsets.US_ASCII), "send",
                    "--stdin-hex");
            assertEquals(0, run.status, run.toString());
            assertTrue(run.stderr.contains("sent 3 packets"), run.stderr);
            for (String payload : payloads) {
                DatagramPacket got = receive(receiver, payload);
                assertEquals("127.0.0.5", got.getAddress().getHostAddress());
            }
        }
    }

    @Test
    void aMalformedHexLineStopsWithExitFourAfterTheGoodOnes() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOCALHOST)) {
            receiver.setSoTimeout(5000);
            String payload = Marks.payload();
            byte[] packet = InetChecksum.udpPacket(LOCALHOST.getAddress(), LOCALHOST.getAddress(), 5556,
                    receiver.getLocalPort(), payload.getBytes(StandardCharsets.US_ASCII));
            String input = hex(packet) + "\n45zz\n" + hex(packet) + "\n";
            CliRun run = CliRun.runWithInput(input.getBytes(StandardCharsets.US_ASCII), "send", "--stdin-hex");
            assertEquals(4, run.status, run.toString());
            assertTrue(run.stderr.contains("line 2"), run.stderr);
            assertTrue(run.stderr.contains("1 packets sent before it"), run.stderr);
            receive(receiver, payload);
        }
    }

    @Test
    void readPcapReplaysACaptureThatTcpdumpWrote(@TempDir Path dir) throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOCALHOST)) {
            receiver.setSoTimeout(5000);
            String[] payloads = {Marks.payload(), Marks.payload(), Marks.payload()};
            Path capture = captureWithTcpdump(dir, receiver, payloads);
            CliRun run = CliRun.run("send", "--read-pcap", capture.toString());
            assertEquals(0, run.status, run.toString());
            assertTrue(run.stderr.contains("sent 3 packets"), run.stderr);
            for (String payload : payloads) {
                receive(receiver, payload);
            }
        }
    }

    @Test
    void aTruncatedPcapSendsTheWholeRecordsThenExitsFour(@TempDir Path dir) throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOCALHOST)) {
            receiver.setSoTimeout(5000);
            String[] payloads = {Marks.payload(), Marks.payload(), Marks.payload()};
            Path capture = captureWithTcpdump(dir, receiver, payloads);
            byte[] whole = java.nio.file.Files.readAllBytes(capture);
            Path truncated = dir.resolve("truncated.pcap");
            java.nio.file.Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 5));
            CliRun run = CliRun.runWithInput(java.nio.file.Files.readAllBytes(truncated), "send", "--read-pcap", "-");
            assertEquals(4, run.status, run.toString());
            assertTrue(run.stderr.contains("record 3"), run.stderr);
            assertTrue(run.stderr.contains("2 packets sent before it"), run.stderr);
            receive(receiver, payloads[0]);
            receive(receiver, payloads[1]);
        }
    }

    /**
     * Ethernet frames under two VLAN tags (802.1ad outside 802.1Q, and the pre-standard 0x9100),
     * each carrying a UDP datagram whose checksum is wrong, as a capture of offloaded traffic has
     * it: the IP packets are found under the tags and repaired, and the kernel, which drops a
     * datagram with a bad checksum, delivers both.
     */
    @Test
    void aQinQCaptureIsReplayedAndItsChecksumsRepaired() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOCALHOST)) {
            receiver.setSoTimeout(5000);
            String[] payloads = {Marks.payload(), Marks.payload()};
            String[] tags = {"88a8" + "0064" + "8100" + "00c8", "9100" + "0064" + "8100" + "00c8"};
            byte[][] frames = new byte[payloads.length][];
            for (int i = 0; i < frames.length; i++) {
                byte[] packet = InetChecksum.udpPacket(LOCALHOST.getAddress(), LOCALHOST.getAddress(), 5557,
                        receiver.getLocalPort(), payloads[i].getBytes(StandardCharsets.US_ASCII));
                packet[26] = (byte) 0xde; // the UDP checksum, wrong
                packet[27] = (byte) 0xad;
                frames[i] = rawsock.output.Hex.decode("000000000000" + "000000000000" + tags[i] + "0800"
                        + rawsock.output.Hex.encode(packet));
            }
            CliRun run = CliRun.runWithInput(PcapFiles.of(1, 0, frames), "send", "--read-pcap", "-", "--fix-checksums");
            assertEquals(0, run.status, run.toString());
            assertTrue(run.stderr.contains("sent 2 packets"), run.stderr);
            for (String payload : payloads) {
                receive(receiver, payload);
            }
        }
    }

    @Test
    void originalTimingKeepsTheCapturesSpacing(@TempDir Path dir) throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOCALHOST)) {
            receiver.setSoTimeout(5000);
            String[] payloads = {Marks.payload(), Marks.payload(), Marks.payload()};
            // A pcap written by hand (LINKTYPE_RAW): records 0, 300 and 600 ms apart.
            byte[][] packets = new byte[payloads.length][];
            for (int i = 0; i < payloads.length; i++) {
                packets[i] = InetChecksum.udpPacket(LOCALHOST.getAddress(), LOCALHOST.getAddress(), 5557,
                        receiver.getLocalPort(), payloads[i].getBytes(StandardCharsets.US_ASCII));
            }
            byte[] pcap = PcapFiles.of(101, 300_000, packets);
            long start = System.nanoTime();
            CliRun run = CliRun.runWithInput(pcap, "send", "--read-pcap", "-", "--timing", "original");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, run.status, run.toString());
            assertTrue(elapsedMillis >= 590, "the replay took the capture's 600 ms, not " + elapsedMillis);
            for (String payload : payloads) {
                receive(receiver, payload);
            }
        }
    }

    @Test
    void sendingThroughANamedInterfaceWorksAndAMissingOneIsNamed() throws Exception {
        int id = Marks.id();
        try (Tcpdump tcpdump = Tcpdump.start("lo", "icmp and icmp[4:2] == " + id)) {
            CliRun run = CliRun.run("send", "-d", "127.0.0.1", "-I", "lo", "--icmp-id", String.valueOf(id));
            assertEquals(0, run.status, run.toString());
            String all = String.join("\n", tcpdump.awaitLines("echo reply", 1, WAIT_MILLIS));
            assertTrue(all.contains("ICMP echo reply, id " + id), all);
        }
        CliRun missing = CliRun.run("send", "-d", "127.0.0.1", "-I", "nosuch0");
        assertEquals(2, missing.status, "a usage error, listing the interfaces: " + missing);
        assertEquals(1, missing.stderr.strip().split("\n").length, missing.stderr);
        assertTrue(missing.stderr.contains("no such interface: nosuch0"), missing.stderr);
    }

    /**
     * tcpdump writes the capture (link type EN10MB on lo): an independent pcap writer. The
     * datagrams come from rawsock, whose UDP checksums are complete on the wire; a JDK socket's
     * would be captured before checksum offload fills them in, and replaying them would be dropped.
     */
    private static Path captureWithTcpdump(Path dir, DatagramSocket receiver, String... payloads) throws Exception {
        int port = receiver.getLocalPort();
        Path capture = dir.resolve("tcpdump.pcap");
        Process tcpdump = new ProcessBuilder("tcpdump", "-i", "lo", "-w", capture.toString(), "-c",
                String.valueOf(payloads.length), "--immediate-mode", "-U", "udp and dst port " + port)
                .redirectErrorStream(true).start();
        try {
            StringBuilder output = waitForListening(tcpdump);
            for (String payload : payloads) {
                CliRun sent = CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--dport", String.valueOf(port),
                        "--data", payload);
                assertEquals(0, sent.status, sent.toString());
                receive(receiver, payload);
            }
            // tcpdump -c exits once it has written the last datagram; it returns as soon as it did.
            boolean exited = tcpdump.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            synchronized (output) {
                assertTrue(exited, "tcpdump captured the datagrams:\n" + output);
            }
            assertEquals(0, tcpdump.exitValue(), () -> {
                synchronized (output) {
                    return "tcpdump failed:\n" + output;
                }
            });
            return capture;
        } finally {
            tcpdump.destroyForcibly();
        }
    }

    @Test
    void icmpTimestampRequestDrawsTheKernelsTimestampReply() throws Exception {
        int id = Marks.id();
        try (Tcpdump tcpdump = Tcpdump.start("lo", "icmp and icmp[4:2] == " + id)) {
            CliRun run = CliRun.run("send", "-d", "127.0.0.1", "--icmp-type", "timestamp", "--icmp-id",
                    String.valueOf(id));
            assertEquals(0, run.status, run.toString());
            String all = String.join("\n", tcpdump.awaitLines("time stamp reply", 1, WAIT_MILLIS));
            assertTrue(all.contains("time stamp query id " + id + " seq 1"), all);
            assertTrue(all.contains("time stamp reply id " + id + " seq 1"), all);
        }
    }

    @Test
    void igmpQueryIsWellFormedOnTheWire() throws Exception {
        try (Tcpdump tcpdump = Tcpdump.start("lo", "igmp")) {
            CliRun run = CliRun.run("send", "-p", "igmp", "-d", "127.0.0.1", "--igmp-type", "v2-report",
                    "--igmp-group", "239.1.2.3");
            assertEquals(0, run.status, run.toString());
            String all = String.join("\n", tcpdump.awaitLines("239.1.2.3", 1, WAIT_MILLIS));
            assertTrue(all.contains("igmp v2 report 239.1.2.3"), all);
            assertTrue(!all.contains("bad igmp cksum"), all);
        }
    }

    /**
     * Waits (bounded, even if tcpdump prints nothing) for tcpdump's "listening on" on its merged
     * output, which it prints once its capture and filter are in place; a daemon thread keeps
     * reading the output, returned for failure messages (synchronize on it to read it).
     */
    private static StringBuilder waitForListening(Process tcpdump) throws Exception {
        StringBuilder output = new StringBuilder();
        java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(tcpdump.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("listening on")) {
                        listening.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // tcpdump ended
            }
        }, "tcpdump-output");
        reader.setDaemon(true);
        reader.start();
        if (!listening.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            synchronized (output) {
                throw new AssertionError("tcpdump did not start listening:\n" + output);
            }
        }
        return output;
    }

    /**
     * Reads datagrams until one carries {@code payload}, for at most {@link #WAIT_MILLIS}
     * whatever the socket's own timeout; others' datagrams are skipped.
     */
    static DatagramPacket receive(DatagramSocket receiver, String payload) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        for (int skipped = 0; skipped < 100_000; skipped++) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
            receiver.setSoTimeout((int) left);
            try {
                receiver.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            if (text.equals(payload)) {
                return packet;
            }
        }
        throw new AssertionError("datagram with payload " + payload + " never arrived");
    }

    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b & 0xff));
        }
        return text.toString();
    }
}
