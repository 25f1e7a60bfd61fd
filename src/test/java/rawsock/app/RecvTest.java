package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.output.JsonSchema;
import rawsock.testing.CliRun;
import rawsock.testing.KnownKeys;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;
import rawsock.testing.ThreadStat;
import rawsock.testing.UntilDone;

/**
 * {@code rawsock recv} on 127.0.0.1 while a JDK DatagramSocket (an independent sender) sends
 * marked datagrams; the output is read back with tcpdump and a JSON parser.
 */
@RequiresRoot
class RecvTest {
    private static final ExecutorService POOL = Executors.newCachedThreadPool();
    /**
     * How long senders keep going while recv runs: recv ends by its own -t 10s once it listens,
     * but an in-process run that starts cold on a loaded machine can take seconds to get there,
     * so the traffic must outlast its start, not just a fixed number of rounds.
     */
    private static final long SEND_WHILE_RECV_RUNS_MILLIS = 30_000;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    /** Runs recv in the background and sends marked datagrams until it is done (bounded). */
    static CliRun receiveWhileSending(int port, String payload, String... args) throws Exception {
        return receiveWhileSending(POOL.submit(() -> CliRun.run(args)), port, payload);
    }

    private static <T> T receiveWhileSending(Future<T> recv, int port, String payload) throws Exception {
        byte[] data = payload.getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket sender = new DatagramSocket()) {
            InetAddress localhost = InetAddress.getByName("127.0.0.1");
            UntilDone.repeat(recv, SEND_WHILE_RECV_RUNS_MILLIS, 25,
                    round -> sender.send(new DatagramPacket(data, data.length, localhost, port)));
        }
        return recv.get(30, TimeUnit.SECONDS);
    }

    /** recv writes at a lower priority than it captures, and gives the thread that ran it its own back. */
    @Test
    void theThreadThatRanRecvKeepsItsPriority() throws Exception {
        int port = Marks.freeUdpPort();
        int[] nice = receiveWhileSending(POOL.submit(() -> {
            int before = ThreadStat.nice();
            CliRun.run("recv", "-q", "-p", "udp", "--filter", "dst port " + port, "-c", "1", "-t", "10s", "-f", "hex");
            return new int[] {before, ThreadStat.nice()};
        }), port, Marks.payload());
        assertEquals(nice[0], nice[1]);
    }

    /** No -p: a filter naming one transport opens the socket for it, so a JDK socket's datagrams arrive. */
    @Test
    void aFilterThatNamesOneTransportChoosesTheSocketsProtocol() throws Exception {
        int port = Marks.freeUdpPort();
        String payload = Marks.payload();
        CliRun run = receiveWhileSending(port, payload, "recv", "--filter", "udp dst port " + port, "-c", "2", "-t",
                "10s", "-f", "json");
        assertEquals(0, run.status, run.toString());
        for (String line : run.out().split("\n")) {
            assertEquals("udp", KnownKeys.in(JsonSchema.PACKET, topLevelScalars(line)).get("proto"), line);
        }
    }

    @Test
    void textLinesShowAddressesPortsAndLengths() throws Exception {
        int port = Marks.freeUdpPort();
        CliRun run = receiveWhileSending(port, Marks.payload(), "recv", "-p", "udp", "--filter",
                "udp and dst port " + port, "-c", "3", "-t", "10s");
        assertEquals(0, run.status, run.toString());
        String[] lines = run.out().split("\n");
        assertEquals(3, lines.length, run.out());
        for (String line : lines) {
            assertTrue(line.matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z .*"), line);
            assertTrue(line.contains("127.0.0.1"), line);
            assertTrue(line.contains("> " + port), line);
            assertTrue(line.contains("UDP"), line);
        }
        assertTrue(run.stderr.contains("3 packets received"), run.stderr);
    }

    @Test
    void hexLinesAreTheWholeIpPacket() throws Exception {
        int port = Marks.freeUdpPort();
        String payload = Marks.payload();
        CliRun run = receiveWhileSending(port, payload, "recv", "-p", "udp", "--filter", "dst port " + port, "-c", "2",
                "-t", "10s", "-f", "hex");
        assertEquals(0, run.status, run.toString());
        String[] lines = run.out().split("\n");
        assertEquals(2, lines.length, run.out());
        for (String line : lines) {
            byte[] packet = unhex(line);
            assertEquals(0x45, packet[0] & 0xff, line);
            assertEquals(28 + payload.length(), ((packet[2] & 0xff) << 8) | (packet[3] & 0xff), line);
            assertEquals(17, packet[9], line);
            assertEquals(port, ((packet[22] & 0xff) << 8) | (packet[23] & 0xff), line);
            assertEquals(payload, new String(packet, 28, packet.length - 28, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void jsonLinesParseAndCarryTheSameBytes() throws Exception {
        int port = Marks.freeUdpPort();
        String payload = Marks.payload();
        CliRun run = receiveWhileSending(port, payload, "recv", "-p", "udp", "--filter", "dst port " + port, "-c", "4",
                "-t", "10s", "-f", "json");
        assertEquals(0, run.status, run.toString());
        String[] lines = run.out().split("\n");
        assertEquals(4, lines.length, run.out());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Map<String, String> top = KnownKeys.in(JsonSchema.PACKET, topLevelScalars(line));
            assertEquals("127.0.0.1", top.get("src"), line);
            assertEquals("127.0.0.1", top.get("dst"), line);
            assertEquals("udp", top.get("proto"), line);
            assertEquals(String.valueOf(28 + payload.length()), top.get("len"), line);
            assertEquals(top.get("len"), top.get("caplen"), line);
            // A datagram the kernel queued in the socket's first moments, before it was asked to
            // record interfaces, has none; the sender's later ones (25 ms apart) do.
            if (i >= 2 || top.get("iface") != null) {
                assertEquals("lo", top.get("iface"), line);
            }
            assertTrue(top.get("ts").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z"), line);
            byte[] packet = unhex(top.get("hex"));
            assertEquals(payload, new String(packet, 28, packet.length - 28, StandardCharsets.US_ASCII));
            assertTrue(line.contains("\"dport\":" + port), line);
        }
    }

    @Test
    void pcapFileIsReadByTcpdump(@TempDir Path dir) throws Exception {
        int port = Marks.freeUdpPort();
        String payload = Marks.payload();
        Path file = dir.resolve("capture.pcap");
        CliRun run = receiveWhileSending(port, payload, "recv", "-p", "udp", "--filter", "dst port " + port, "-c", "4",
                "-t", "10s", "-w", file.toString());
        assertEquals(0, run.status, run.toString());
        assertEquals(0, run.stdout.length, "-w FILE alone writes nothing on stdout");
        List<String> lines = tcpdumpRead(file);
        assertEquals(4, lines.size(), String.join("\n", lines));
        for (String line : lines) {
            assertTrue(line.contains("IP 127.0.0.1."), line);
            assertTrue(line.contains("> 127.0.0.1." + port + ": UDP, length " + payload.length()), line);
        }
    }

    @Test
    void pcapOnStdoutIsReadByTcpdump(@TempDir Path dir) throws Exception {
        int port = Marks.freeUdpPort();
        CliRun run = receiveWhileSending(port, Marks.payload(), "recv", "-p", "udp", "--filter", "dst port " + port,
                "-c", "2", "-t", "10s", "-f", "pcap");
        assertEquals(0, run.status, run.toString());
        Path file = dir.resolve("stdout.pcap");
        Files.write(file, run.stdout);
        assertEquals(2, tcpdumpRead(file).size());
    }

    @Test
    void theFilterKeepsOutWhatItShould() throws Exception {
        int wanted = Marks.freeUdpPort();
        int unwanted = Marks.freeUdpPort();
        String payload = Marks.payload();
        Future<CliRun> recv = POOL.submit(() -> CliRun.run("recv", "-p", "udp", "--filter",
                "udp and dst port " + wanted + " or dst port " + unwanted + " and not dst port " + unwanted,
                "-c", "3", "-t", "10s", "-f", "hex"));
        byte[] data = payload.getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket sender = new DatagramSocket()) {
            InetAddress localhost = InetAddress.getByName("127.0.0.1");
            UntilDone.repeat(recv, SEND_WHILE_RECV_RUNS_MILLIS, 25, round -> {
                sender.send(new DatagramPacket(data, data.length, localhost, unwanted));
                sender.send(new DatagramPacket(data, data.length, localhost, unwanted));
                sender.send(new DatagramPacket(data, data.length, localhost, wanted));
            });
        }
        CliRun run = recv.get(30, TimeUnit.SECONDS);
        assertEquals(0, run.status, run.toString());
        for (String line : run.out().split("\n")) {
            byte[] packet = unhex(line);
            assertEquals(wanted, ((packet[22] & 0xff) << 8) | (packet[23] & 0xff), "only the wanted port: " + line);
        }
    }

    @Test
    void snaplenKeepsTheFirstBytesAndTheWireLength(@TempDir Path dir) throws Exception {
        int port = Marks.freeUdpPort();
        String payload = Marks.payload();
        Path file = dir.resolve("snap.pcap");
        CliRun run = receiveWhileSending(port, payload, "recv", "-p", "udp", "--filter", "dst port " + port, "-c", "2",
                "-t", "10s", "--snaplen", "30", "-f", "json", "-w", file.toString());
        assertEquals(0, run.status, run.toString());
        for (String line : run.out().split("\n")) {
            Map<String, String> top = KnownKeys.in(JsonSchema.PACKET, topLevelScalars(line));
            assertEquals("30", top.get("caplen"), line);
            assertEquals(String.valueOf(28 + payload.length()), top.get("len"), line);
            assertEquals(60, top.get("hex").length(), line);
        }
        // tcpdump sees 30 captured bytes of a longer packet, in a file whose header says snaplen 30.
        Process tcpdump = new ProcessBuilder("tcpdump", "-nn", "-r", file.toString(), "-v").redirectErrorStream(true)
                .start();
        String out = new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tcpdump.waitFor(30, TimeUnit.SECONDS));
        assertTrue(out.contains("length " + (28 + payload.length())), out);
        assertTrue(out.contains("snapshot length 30"), out);
        assertEquals(2, tcpdumpRead(file).size());
    }

    @Test
    void countNotReachedBeforeTheTimeoutExitsOne() throws Exception {
        int port = Marks.freeUdpPort();
        CliRun run = CliRun.run("recv", "-p", "udp", "--filter", "dst port " + port, "-c", "1", "-t", "300ms");
        assertEquals(1, run.status, run.toString());
        assertTrue(run.stderr.contains("0 packets received"), run.stderr);
        assertEquals(0, run.stdout.length);
    }

    @Test
    void recvSeesAnEchoSentByAnotherSocket() throws Exception {
        // As root, the JDK's isReachable sends a real ICMP echo request through its own socket.
        // 20 packets: other ICMP on lo (another process's port unreachables) may come first.
        Future<CliRun> recv = POOL.submit(() -> CliRun.run("recv", "-p", "icmp", "--filter", "host 127.0.0.1",
                "-c", "20", "-t", "10s"));
        InetAddress localhost = InetAddress.getByName("127.0.0.1");
        UntilDone.repeat(recv, SEND_WHILE_RECV_RUNS_MILLIS, 25, round -> localhost.isReachable(100));
        CliRun run = recv.get(30, TimeUnit.SECONDS);
        assertEquals(0, run.status, run.toString());
        assertTrue(run.out().contains("ICMP echo"), run.out());
    }

    static List<String> tcpdumpRead(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("tcpdump", "-nn", "-r", file.toString()).redirectError(
                ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "tcpdump -r failed: " + out);
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    static Map<String, String> topLevelScalars(String json) throws IOException {
        Map<String, String> values = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken());
            int depth = 1;
            String field = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                } else if (depth == 1 && field != null) {
                    values.put(field, token == JsonToken.VALUE_NULL ? null : parser.getText());
                }
            }
            assertEquals(0, depth);
        }
        return values;
    }

    static byte[] unhex(String text) {
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
