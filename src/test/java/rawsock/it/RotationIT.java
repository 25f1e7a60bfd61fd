package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;

/**
 * {@code recv -w FILE -C/-G}, ended by SIGINT in the middle of a file: every file (pcap and
 * pcapng) is read whole by tcpdump and by tshark with the same count, and the files together hold
 * exactly the "received" count recv prints.
 */
@RequiresRoot
class RotationIT {
    @ParameterizedTest
    @CsvSource({"-C,2k,cap.pcap", "-C,2k,cap.pcapng", "-G,1,cap-%H%M%S.pcap", "-G,1,cap-%H%M%S.pcapng"})
    void everyFileIsWholeAndNoPacketIsLost(String option, String value, String name, @TempDir Path dir) throws Exception {
        int port = Marks.freeUdpPort();
        Process process = recv(dir, port, name, option, value);
        Thread sender = PipesAndSignalsIT.sendInBackground(port, 60_000);
        try {
            // SIGINT once three files exist: the third is being written.
            long deadline = System.currentTimeMillis() + 40_000;
            while (System.currentTimeMillis() < deadline && captures(dir).size() < 3) {
                Thread.sleep(50);
            }
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "rawsock did not exit after SIGINT");
        } finally {
            sender.interrupt();
            process.destroyForcibly();
        }
        String stderr = Files.readString(dir.resolve(STDERR));
        assertEquals(130, process.exitValue(), stderr);
        List<Path> files = captures(dir);
        assertTrue(files.size() >= 3, files.toString());
        long total = 0;
        for (Path f : files) {
            if (option.equals("-C")) {
                assertTrue(Files.size(f) < 2048 + 70_000, f + " is " + Files.size(f) + " bytes");
            }
            total += packetsIn(f);
        }
        Matcher received = Pattern.compile("(\\d+) packets received").matcher(stderr);
        assertTrue(received.find(), stderr);
        assertEquals(Long.parseLong(received.group(1)), total, "packets in " + files + " against: " + stderr);
    }

    /**
     * {@code -G 1 -W 2} ends the capture by itself once the second file is done: status 0, the
     * same summary line as any other end, and the two files together hold its "received" count.
     */
    @ParameterizedTest
    @CsvSource({"cap-%H%M%S.pcap", "cap-%H%M%S.pcapng"})
    void theLastFileOfWEndsTheCaptureWithItsSummary(String name, @TempDir Path dir) throws Exception {
        int port = Marks.freeUdpPort();
        Process process = recv(dir, port, name, "-G", "1", "-W", "2");
        Thread sender = PipesAndSignalsIT.sendInBackground(port, 60_000);
        try {
            assertTrue(process.waitFor(40, TimeUnit.SECONDS), "-W 2 did not end the capture");
        } finally {
            sender.interrupt();
            process.destroyForcibly();
        }
        String stderr = Files.readString(dir.resolve(STDERR));
        assertEquals(0, process.exitValue(), stderr);
        Matcher summary = Pattern.compile("(?m)^(\\d+) packets? received, \\d+ dropped by the kernel, "
                + "\\d+ dropped by rawsock \\(queue peak [^)]+ of [^)]+\\)$").matcher(stderr);
        assertTrue(summary.find(), "no summary line in: " + stderr);
        List<Path> files = captures(dir);
        assertEquals(2, files.size(), files.toString());
        long total = 0;
        for (Path f : files) {
            long packets = packetsIn(f);
            assertTrue(packets > 0, f + " is empty");
            total += packets;
        }
        assertEquals(Long.parseLong(summary.group(1)), total, "packets in " + files + " against: " + stderr);
    }

    private static final String STDERR = "stderr.txt";

    /** recv of the UDP datagrams to {@code port} into dir/NAME with {@code rotation}; stderr into dir/stderr.txt. */
    private static Process recv(Path dir, int port, String name, String... rotation) throws IOException {
        List<String> args = new ArrayList<>(List.of("recv", "-p", "udp", "--filter", "dst port " + port,
                "-w", dir.resolve(name).toString()));
        args.addAll(List.of(rotation));
        return new ProcessBuilder(ToolProcess.command(args.toArray(new String[0])))
                .redirectError(dir.resolve(STDERR).toFile()).start();
    }

    /** The packets in {@code file}, read whole by tcpdump and by tshark, which must agree. */
    private static long packetsIn(Path file) throws Exception {
        long tcpdump = count(file, "tcpdump", "-nn", "-r", file.toString());
        assertEquals(tcpdump, count(file, "tshark", "-n", "-r", file.toString()), file.toString());
        return tcpdump;
    }

    private static List<Path> captures(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> p.getFileName().toString().startsWith("cap")).sorted().toList();
        }
    }

    /** Packets the tool reads from the whole file (it must read to the end without complaint). */
    private static long count(Path file, String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), command[0] + " reads " + file + ": " + err);
        assertFalse(err.contains("truncated") || err.contains("cut short"), err);
        return out.lines().filter(l -> !l.isBlank()).count();
    }
}
