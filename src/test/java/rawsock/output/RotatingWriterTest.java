package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rawsock.packet.LinkType;

/** File names and boundaries of -C/-G/-W, with files kept in memory and read back by our reader. */
class RotatingWriterTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    /** 2026-11-28T08:12:27Z */
    private static final long T0 = 1_795_853_547_000_000_000L;

    private final Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
    private final List<String> opened = new ArrayList<>();

    private RotatingWriter.Opener memory() {
        return name -> {
            opened.add(name);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            files.put(name, out);
            return out;
        };
    }

    private static long packets(byte[] file) throws IOException {
        CaptureReader r = CaptureReader.open(new ByteArrayInputStream(file));
        PcapRecord record = new PcapRecord();
        long n = 0;
        while (r.next(record)) {
            n++;
        }
        return n;
    }

    private void write(RotatingWriter w, long ts) throws IOException {
        w.write(TestPackets.meta(ts, 84), TestPackets.buffer(TestPackets.ICMP_ECHO), null);
        w.flush();
    }

    @Test
    void bySizeTheFilesAreNumberedAndARingWrapsAround() throws IOException {
        try (RotatingWriter w = new RotatingWriter(OutputFormat.PCAP, LinkType.RAW, 0, "cap.pcap", 250, 0, 3, memory(), UTC)) {
            for (int i = 0; i < 10; i++) {
                write(w, T0 + i);
            }
        }
        // As tcpdump: a file is left once it has reached the size. 24 + 2 x (16 + 84) = 224 < 250, so a
        // third packet still goes in (324 bytes); the fourth begins the next file. 10 packets: 3, 3, 3, 1.
        assertEquals(List.of("cap.pcap0", "cap.pcap1", "cap.pcap2", "cap.pcap0"), opened);
        assertEquals(3, packets(files.get("cap.pcap1").toByteArray()));
        assertEquals(1, packets(files.get("cap.pcap0").toByteArray()), "the ring's oldest, overwritten, closed whole");
    }

    @Test
    void byTimeNamesComeFromTheFilesStartAndWCompletesTheCapture() throws IOException {
        RotatingWriter w = new RotatingWriter(OutputFormat.PCAPNG, LinkType.RAW, 0, "cap-%H%M%S.pcapng", 0, 2, 2,
                memory(), UTC);
        write(w, T0);
        write(w, T0 + 1_999_999_999L);
        write(w, T0 + 2_000_000_000L);
        write(w, T0 + 3_500_000_000L);
        assertThrows(RotatingWriter.Complete.class, () -> write(w, T0 + 4_000_000_000L));
        w.close();
        assertEquals(List.of("cap-081227.pcapng", "cap-081229.pcapng"), opened);
        assertEquals(2, packets(files.get("cap-081227.pcapng").toByteArray()));
        assertEquals(2, packets(files.get("cap-081229.pcapng").toByteArray()));
    }

    @Test
    void strftime() {
        assertEquals("2026-11-28 08:12:27 1795853547 %", Strftime.format("%F %T %s %%", T0, UTC));
        assertEquals(1, Strftime.finest("a-%H%M%S"));
        assertEquals(60, Strftime.finest("a-%H%M"));
        assertEquals(0, Strftime.finest("plain"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Strftime.finest("%Q")).getMessage().contains("%Q"));
    }
}
