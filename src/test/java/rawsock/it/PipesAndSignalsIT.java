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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import rawsock.testing.Marks;
import rawsock.testing.PcapFiles;
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

    /** A probe run ends on either signal with its summary: JSON's last object, or text's lines on stderr. */
    @ParameterizedTest
    @CsvSource({"TERM,143,json", "INT,130,text"})
    void aSignalEndsAProbeRunWithItsSummary(String signal, int status, String format) throws Exception {
        Process process = new ProcessBuilder(ToolProcess.command("send", "-d", "127.0.0.1", "-c", "0", "-i", "20ms",
                "--wait", "-f", format)).start();
        java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // Bounded: a run that never prints its first reply fails the test instead of hanging the build.
        java.util.concurrent.Future<String> firstLine = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "first-line");
            thread.setDaemon(true);
            return thread;
        }).submit(out::readLine);
        String first;
        try {
            first = firstLine.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("no first reply within 30 s", e);
        }
        assertTrue(first != null && first.startsWith(format.equals("json") ? "{\"seq\":1," : "127.0.0.1: seq=1 "),
                "a first reply: " + first);
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        String last = first;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            last = line;
        }
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(status, process.exitValue(), stderr);
        if (format.equals("json")) {
            assertTrue(last.startsWith("{\"summary\":{"), "the summary comes last: " + last);
        } else {
            assertTrue(stderr.matches("(?s).*\\d+ probes transmitted, \\d+ received.*"), stderr);
        }
    }

    /**
     * recv in every output format, ended by SIGINT or SIGTERM: the exit status says which, the
     * output holds only whole packets (tcpdump reads the pcap; every line is complete), and the
     * count on stderr is the number of packets in the output.
     */
    @ParameterizedTest
    @CsvSource({"INT,130,text", "TERM,143,text", "INT,130,hex", "TERM,143,hex", "INT,130,json", "TERM,143,json",
        "INT,130,pcap", "TERM,143,pcap", "INT,130,file", "TERM,143,file"})
    void aSignalEndsRecvWithWholeOutputAndItsCounts(String signal, int status, String format, @TempDir Path dir)
            throws Exception {
        int port = Marks.freeUdpPort();
        Path file = dir.resolve("capture");
        Path errFile = dir.resolve("stderr.txt");
        String[] output = format.equals("file") ? new String[] {"-w", file.toString()} : new String[] {"-f", format};
        ProcessBuilder builder = new ProcessBuilder(ToolProcess.command("recv", "-p", "udp", "--filter",
                "dst port " + port, output[0], output[1])).redirectError(errFile.toFile());
        if (!format.equals("file")) {
            builder.redirectOutput(file.toFile());
        }
        Process process = builder.start();
        Thread sender = sendInBackground(port, 30_000);
        try {
            // Signal only once three whole packets are out, counted as the format frames them.
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline && packetsWrittenSoFar(file, format) < 3) {
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
        long packets = format.equals("pcap") || format.equals("file") ? packetsTcpdumpReads(file, port)
                : wholeLines(file, format, port);
        assertTrue(packets >= 3, "packets in the output: " + packets);
        assertTrue(stderr.contains(packets + " packets received"), "counts agree with the output: " + stderr);
    }

    /** Whole packets in the output so far: pcap records, or complete lines. */
    private static int packetsWrittenSoFar(Path file, String format) throws IOException {
        if (format.equals("pcap") || format.equals("file")) {
            return PcapFiles.wholeRecords(file);
        }
        int packets = 0;
        for (byte b : Files.exists(file) ? Files.readAllBytes(file) : new byte[0]) {
            packets += b == '\n' ? 1 : 0;
        }
        return packets;
    }

    /** The packets tcpdump reads from a pcap, which it must read to the end without complaint. */
    private static long packetsTcpdumpReads(Path pcap, int port) throws Exception {
        Process tcpdump = new ProcessBuilder("tcpdump", "-nn", "-r", pcap.toString()).start();
        String read = new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String readErr = new String(tcpdump.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tcpdump.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, tcpdump.exitValue(), "tcpdump reads the whole file: " + readErr);
        assertFalse(readErr.contains("truncated"), readErr);
        return read.lines().filter(l -> l.contains("> 127.0.0.1." + port + ": UDP")).count();
    }

    /** The lines of text, hex or JSON output, each checked to be a whole packet; the output ends with a newline. */
    private static long wholeLines(Path file, String format, int port) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "the last line is whole: " + text.substring(Math.max(0, text.length() - 80)));
        String portHex = String.format("%04x", port);
        String[] lines = text.split("\n");
        for (String line : lines) {
            boolean whole;
            switch (format) {
                case "text":
                    whole = line.contains(" > " + port + ", length ");
                    break;
                case "hex":
                    whole = line.matches("(?:[0-9a-f]{2})+") && line.length() >= 48 && line.substring(44, 48).equals(portHex);
                    break;
                default:
                    whole = line.startsWith("{") && line.endsWith("}") && line.contains("\"dport\":" + port);
                    break;
            }
            assertTrue(whole, "not a whole " + format + " packet: " + line);
        }
        return lines.length;
    }

    /**
     * A replay blocked reading a silent stdin cannot poll the signal flag: the watchdog ends it
     * with the signal's status. Without the watchdog the process would wait for input forever.
     */
    @ParameterizedTest
    @CsvSource({"INT,130", "TERM,143"})
    void aSignalEndsAReplayBlockedOnASilentStdin(String signal, int status) throws Exception {
        Process process;
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            receiver.setSoTimeout(20_000);
            process = new ProcessBuilder(ToolProcess.command("send", "--stdin-hex")).start();
            // One datagram through the replay proves its handlers are in place; then stdin stays open and silent.
            process.getOutputStream().write((udpToLoopbackHex(receiver.getLocalPort()) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
            receiver.receive(new DatagramPacket(new byte[1500], 1500));
        }
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
        try {
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the watchdog ended the blocked read");
            assertEquals(status, process.exitValue(), new String(process.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    /** IPv4 + UDP from and to 127.0.0.1 with a marked payload, checksums 0 (the kernel fills the IP one; UDP's is optional). */
    private static String udpToLoopbackHex(int port) {
        byte[] payload = Marks.payload().getBytes(StandardCharsets.US_ASCII);
        java.nio.ByteBuffer packet = java.nio.ByteBuffer.allocate(28 + payload.length);
        packet.put((byte) 0x45).put((byte) 0).putShort((short) packet.capacity()).putInt(0)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1})
                .putShort((short) 40000).putShort((short) port).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        return java.util.HexFormat.of().formatHex(packet.array());
    }

    @ParameterizedTest
    @CsvSource({"INT,130", "TERM,143"})
    void aSignalStopsAnEndlessSendWithItsSummary(String signal, int status) throws Exception {
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
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(status, process.exitValue(), stderr);
        assertTrue(stderr.matches("(?s).*sent \\d+ packets?,.*"), stderr);
        assertEquals(0, process.getInputStream().readAllBytes().length, "nothing on stdout");
    }
}
