package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;

/** The conventions a pipeline relies on, checked on the real jar in a real process. */
@RequiresRoot
class PipesAndSignalsIT {
    /** Sends marked datagrams to 127.0.0.1:port in the background while the test runs. */
    static Thread sendInBackground(int port, long millis) {
        Thread thread = new Thread(() -> {
            byte[] data = Marks.payload().getBytes(StandardCharsets.US_ASCII);
            long deadline = System.currentTimeMillis() + millis;
            try (DatagramSocket sender = new DatagramSocket()) {
                InetAddress localhost = InetAddress.getByName("127.0.0.1");
                while (System.currentTimeMillis() < deadline && !Thread.currentThread().isInterrupted()) {
                    sender.send(new DatagramPacket(data, data.length, localhost, port));
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }, "udp-sender");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "hex", "json", "pcap"})
    void aClosedPipeEndsRecvQuietlyWithStatusZero(String format, @TempDir Path dir) throws Exception {
        int port = Marks.freeUdpPort();
        Path script = dir.resolve("pipe.sh");
        Files.writeString(script, ToolProcess.shell("recv -p udp --filter 'dst port " + port + "' -f " + format)
                + " | head -c 10 | od -An -c\nexit ${PIPESTATUS[0]}\n");
        Thread sender = sendInBackground(port, 30_000);
        try {
            Object[] result = ToolProcess.sh("bash " + script, 60);
            assertEquals(0, result[0], "rawsock's own exit status after head closed the pipe: " + result[2]);
            assertTrue(!((String) result[1]).isBlank(), "head got its bytes");
            assertEquals("", ((String) result[2]).strip(), "quiet on a closed pipe");
        } finally {
            sender.interrupt();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void aClosedPipeEndsAProbeRunQuietlyWithStatusZero(String format, @TempDir Path dir) throws Exception {
        Path script = dir.resolve("pipe.sh");
        Files.writeString(script, ToolProcess.shell("send -d 127.0.0.1 -c 50 -i 20ms --wait -f " + format)
                + " | head -n 1\nexit ${PIPESTATUS[0]}\n");
        Object[] result = ToolProcess.sh("bash " + script, 60);
        assertEquals(0, result[0], "exit status after head closed the pipe: " + result[2]);
        assertEquals(1, ((String) result[1]).strip().split("\n").length, (String) result[1]);
        assertEquals("", ((String) result[2]).strip(), "quiet on a closed pipe");
    }

    @Test
    void sigtermEndsAProbeRunWithItsJsonSummaryAndExits143() throws Exception {
        Process process = new ProcessBuilder(ToolProcess.command("send", "-d", "127.0.0.1", "-c", "0", "-i", "20ms",
                "--wait", "-f", "json")).start();
        java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertTrue(first != null && first.startsWith("{\"seq\":1,"), "a first reply: " + first);
        new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        String last = first;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            last = line;
        }
        assertEquals(143, process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(last.startsWith("{\"summary\":{"), "the summary comes last: " + last);
    }

    @Test
    void sigintFlushesACompletePcapPrintsCountsAndExits130(@TempDir Path dir) throws Exception {
        assertSignal(dir, "INT", 130);
    }

    @Test
    void sigtermFlushesACompletePcapPrintsCountsAndExits143(@TempDir Path dir) throws Exception {
        assertSignal(dir, "TERM", 143);
    }

    private void assertSignal(Path dir, String signal, int status) throws Exception {
        int port = Marks.freeUdpPort();
        Path file = dir.resolve("capture.pcap");
        Path errFile = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(ToolProcess.command("recv", "-p", "udp", "--filter", "dst port " + port,
                "-w", file.toString())).redirectError(errFile.toFile()).start();
        Thread sender = sendInBackground(port, 30_000);
        try {
            // Records here are at most 16 + 73 bytes: 324 bytes of file hold at least 3 packets.
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline && (!Files.exists(file) || Files.size(file) < 24 + 3 * 100)) {
                Thread.sleep(50);
            }
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "rawsock did not exit after SIG" + signal);
        } finally {
            sender.interrupt();
            process.destroyForcibly();
        }
        String stderr = Files.readString(errFile);
        assertEquals(status, process.exitValue(), stderr);
        assertTrue(stderr.matches("(?s).*\\d+ packets received.*"), stderr);
        Process tcpdump = new ProcessBuilder("tcpdump", "-nn", "-r", file.toString()).start();
        String read = new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String readErr = new String(tcpdump.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tcpdump.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, tcpdump.exitValue(), "tcpdump reads the whole file: " + readErr);
        assertFalse(readErr.contains("truncated"), readErr);
        long packets = read.lines().filter(l -> l.contains("> 127.0.0.1." + port + ": UDP")).count();
        assertTrue(packets >= 3, read);
        assertTrue(stderr.contains(packets + " packets received"), "counts agree with the file: " + stderr);
    }

    @Test
    void sigintStopsAnEndlessSendWithItsSummary() throws Exception {
        Process process;
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            receiver.setSoTimeout(20_000);
            process = new ProcessBuilder(ToolProcess.command("send", "-p", "udp", "-d", "127.0.0.1", "--dport",
                    String.valueOf(receiver.getLocalPort()), "--count", "0", "--interval", "10ms")).start();
            // Two datagrams arrived: the send loop runs, so its signal handlers are in place.
            for (int i = 0; i < 2; i++) {
                receiver.receive(new DatagramPacket(new byte[1500], 1500));
            }
        }
        new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(130, process.exitValue(), stderr);
        assertTrue(stderr.matches("(?s).*sent \\d+ packets?,.*"), stderr);
        assertEquals(0, process.getInputStream().readAllBytes().length, "nothing on stdout");
    }
}
