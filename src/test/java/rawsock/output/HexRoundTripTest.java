package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.packet.DecodedPacket;

class HexRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void oneLineOfLowercaseHexPerPacket() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HexWriter w = new HexWriter(out, true)) {
            ByteBuffer p = TestPackets.offsetBuffer(TestPackets.UDP);
            w.write(TestPackets.meta(TestPackets.TS, 41), p, new DecodedPacket());
            assertEquals(0, p.position());
            assertEquals(41, p.limit());
            w.write(TestPackets.meta(TestPackets.TS, 2), ByteBuffer.wrap(new byte[] {(byte) 0xAB, 0x0F}),
                    new DecodedPacket());
        }
        assertEquals(TestPackets.UDP + "\nab0f\n", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void writerThenReaderGivesTheSameBytes() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] p = new byte[1 + random.nextInt(i == 0 ? 65535 : 1600)];
            random.nextBytes(p);
            packets.add(p);
        }
        packets.add(new byte[65535]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PacketWriter w = PacketWriters.create(OutputFormat.HEX, out,
                rawsock.packet.LinkType.RAW, false)) {
            for (byte[] p : packets) {
                w.write(TestPackets.meta(0, p.length), ByteBuffer.wrap(p), new DecodedPacket());
            }
        }
        HexLineReader reader = new HexLineReader(new ByteArrayInputStream(out.toByteArray()));
        ByteBuffer into = ByteBuffer.allocateDirect(HexLineReader.MAX_PACKET);
        for (int i = 0; i < packets.size(); i++) {
            assertTrue(reader.next(into), "packet " + i);
            byte[] got = new byte[into.remaining()];
            into.get(got);
            assertArrayEquals(packets.get(i), got, "packet " + i);
            assertEquals(i + 1, reader.lineNumber());
        }
        assertFalse(reader.next(into));
        assertFalse(reader.next(into));
    }

    @Test
    void xxdTurnsALineBackIntoThePacket() throws Exception {
        ExternalTool.assumeInstalled("xxd", "xxd -r -p round trip (the Java reader round trip "
                + "above still runs)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HexWriter w = new HexWriter(out, false)) {
            w.write(TestPackets.meta(0, 84), TestPackets.buffer(TestPackets.ICMP_ECHO), null);
        }
        Path hex = dir.resolve("packet.hex");
        Path bin = dir.resolve("packet.bin");
        Files.write(hex, out.toByteArray());
        ExternalTool.Result r = ExternalTool.run(hex.toFile(), bin.toFile(), "xxd", "-r", "-p");
        assertEquals(0, r.exitCode, r.toString());
        assertArrayEquals(Hex.decode(TestPackets.ICMP_ECHO), Files.readAllBytes(bin));
    }
}
