package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.testing.CliRun;
import rawsock.testing.PcapFiles;

/**
 * {@code recv --read-pcap FILE -w NAME -G 1 -W 2}: the capture ends after the second file like any
 * other end, with its summary on stderr and status 0, and the summary counts what the files hold.
 */
class OfflineRotationTest {
    @Test
    void theLastFileEndsTheRunWithItsSummary(@TempDir Path dir) throws Exception {
        byte[][] packets = new byte[6][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = new byte[] {0x45, 0, 0, 20, 0, (byte) i, 0, 0, 64, (byte) 253, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1};
        }
        // 600 ms apart from 1700000000 s: 0 and 0.6 in the first second, 1.2 and 1.8 in the next;
        // 2.4 would begin a third file.
        Path input = dir.resolve("in.pcap");
        Files.write(input, PcapFiles.of(101, 600_000, packets));
        CliRun run = CliRun.run("recv", "--read-pcap", input.toString(), "-w", dir.resolve("cap-%s.pcap").toString(),
                "-G", "1", "-W", "2");
        assertEquals(0, run.status, run.toString());
        assertEquals("4 packets read\n", run.stderr, run.toString());
        List<Path> files;
        try (Stream<Path> all = Files.list(dir)) {
            files = all.filter(p -> p.getFileName().toString().startsWith("cap-")).sorted().toList();
        }
        assertEquals(List.of(dir.resolve("cap-1700000000.pcap"), dir.resolve("cap-1700000001.pcap")), files);
        assertEquals(2, PcapFiles.wholeRecords(files.get(0)));
        assertEquals(2, PcapFiles.wholeRecords(files.get(1)));
    }
}
