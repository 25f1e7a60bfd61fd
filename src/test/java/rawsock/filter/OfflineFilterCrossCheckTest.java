package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import rawsock.cli.Console;
import rawsock.cli.Rawsock;
import rawsock.output.OutputFormat;
import rawsock.output.PacketWriter;
import rawsock.output.PacketWriters;
import rawsock.packet.LinkType;
import rawsock.packet.PacketMeta;

/**
 * {@code recv --read-pcap FILE --filter EXPR} against {@code tcpdump -r FILE EXPR}: the crafted
 * packets of the filter tests (those tcpdump's programs can be compared on) go into an Ethernet
 * capture and a RAW one, packet i stamped i seconds; for every cross-check expression the packets
 * rawsock passes must be the ones tcpdump prints. Where tcpdump refuses an expression for a link
 * type, rawsock must refuse it too or pass nothing.
 */
class OfflineFilterCrossCheckTest {
    @TempDir
    static Path dir;
    private static Path ethernet;
    private static Path raw;

    @BeforeAll
    static void captures() throws IOException {
        ethernet = write("eth.pcap", LinkType.ETHERNET, List.of(FilterTarget.ETHERNET));
        raw = write("raw.pcap", LinkType.RAW, List.of(FilterTarget.IPV4_RAW, FilterTarget.IPV6_RAW));
    }

    private static Path write(String name, LinkType link, List<FilterTarget> targets) throws IOException {
        Path file = dir.resolve(name);
        PacketMeta meta = new PacketMeta();
        int i = 1;
        try (OutputStream out = Files.newOutputStream(file);
                PacketWriter w = PacketWriters.create(OutputFormat.PCAP, out, link, false)) {
            for (FilterTarget target : targets) {
                for (Packets.Sample s : Packets.forTarget(target)) {
                    if (s.tcpdump() == null || s.tcpdump().vlanPresent()) {
                        continue;
                    }
                    byte[] bytes = java.util.Arrays.copyOfRange(s.tcpdump().buf(), s.tcpdump().dataOff(),
                            s.tcpdump().buf().length);
                    meta.reset();
                    meta.timestampNanos(i++ * 1_000_000_000L).wireLength(bytes.length);
                    w.write(meta, java.nio.ByteBuffer.wrap(bytes), null);
                }
            }
        }
        return file;
    }

    @TestFactory
    Stream<DynamicTest> offlineVerdictsAreTcpdumps() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed");
        List<DynamicTest> tests = new ArrayList<>();
        for (String expr : TcpdumpCrossCheckTest.expressions()) {
            tests.add(DynamicTest.dynamicTest("EN10MB '" + expr + "'", () -> compare(ethernet, expr)));
            tests.add(DynamicTest.dynamicTest("RAW '" + expr + "'", () -> compare(raw, expr)));
        }
        return tests.stream();
    }

    /** The comparison is not empty: 'udp' passes some packets of each file, and not all. */
    @org.junit.jupiter.api.Test
    void theCapturesHoldBothVerdicts() throws Exception {
        for (Path file : List.of(ethernet, raw)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteArrayOutputStream udp = new ByteArrayOutputStream();
            Rawsock.execute(new Console(InputStream.nullInputStream(), all, new PrintWriter(new StringWriter()), () -> false),
                    "recv", "--read-pcap", file.toString(), "-f", "hex", "-q");
            Rawsock.execute(new Console(InputStream.nullInputStream(), udp, new PrintWriter(new StringWriter()), () -> false),
                    "recv", "--read-pcap", file.toString(), "-f", "hex", "-q", "--filter", "udp");
            long n = all.toString(StandardCharsets.US_ASCII).lines().count();
            long passed = udp.toString(StandardCharsets.US_ASCII).lines().count();
            assertTrue(n > 5 && passed > 0 && passed < n, file + ": " + passed + " of " + n);
        }
    }

    private static void compare(Path file, String expr) throws Exception {
        Process p = new ProcessBuilder("tcpdump", "-nn", "-tt", "-r", file.toString(), expr).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tcpdump hung");
        TreeSet<Long> theirs = new TreeSet<>();
        boolean refused = p.exitValue() != 0;
        if (!refused) {
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    theirs.add(Long.parseLong(line.substring(0, line.indexOf('.'))));
                }
            }
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        StringWriter stderr = new StringWriter();
        int status = Rawsock.execute(new Console(InputStream.nullInputStream(), stdout, new PrintWriter(stderr), () -> false),
                "recv", "--read-pcap", file.toString(), "--filter", expr, "-f", "json", "-q");
        TreeSet<Long> ours = new TreeSet<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            int at = line.indexOf("\"ts_ns\":\"");
            if (at >= 0) {
                ours.add(Long.parseLong(line.substring(at + 9, line.indexOf('"', at + 9))) / 1_000_000_000L);
            }
        }
        if (refused) {
            assertTrue(status == 2 || ours.isEmpty(), () -> "tcpdump refuses (" + err.trim() + "), we passed " + ours);
            return;
        }
        if (status == 2) {
            // We refuse what can never match here; tcpdump must print nothing.
            assertEquals(new TreeSet<Long>(), theirs, () -> "we refused (" + stderr + "), tcpdump passes packets");
            return;
        }
        assertEquals(0, status, stderr::toString);
        assertEquals(theirs, ours, () -> "packets passed (by number): tcpdump " + theirs + ", rawsock " + ours);
    }
}
