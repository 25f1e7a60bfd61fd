package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rawsock.packet.DecodedPacket;
import rawsock.packet.Layer;
import rawsock.packet.PacketMeta;
import rawsock.testing.Json;
import rawsock.testing.KnownKeys;

class JsonWriterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final JsonWriter writer = new JsonWriter(out, true);
    private final DecodedPacket decoded = new DecodedPacket();

    private Map<String, Object> writeOne(PacketMeta meta, ByteBuffer packet, int quotedAt,
            Layer... layers) throws IOException {
        decoded.clear();
        for (int i = 0; i < layers.length; i++) {
            if (i == quotedAt) {
                decoded.markQuotedStart();
            }
            decoded.add(layers[i]);
        }
        out.reset();
        writer.write(meta, packet, decoded);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), text);
        assertEquals(text.length() - 1, text.indexOf('\n'), "exactly one line: " + text);
        return KnownKeys.packet(Json.object(text));
    }

    private static Map<?, ?> map(Object o) {
        return (Map<?, ?>) o;
    }

    @Test
    void icmpEchoWithAllTopLevelKeysInOrder() throws IOException {
        PacketMeta meta = TestPackets.meta(TestPackets.TS, 84).pktType(PacketMeta.PKTTYPE_HOST);
        ByteBuffer packet = TestPackets.offsetBuffer(TestPackets.ICMP_ECHO);
        decoded.clear();
        decoded.src("127.0.0.1");
        decoded.dst("127.0.0.2");
        decoded.proto("icmp");
        decoded.add(new FakeLayer("ip", "IP", "ttl", 64, "src", "127.0.0.1", "df", true));
        decoded.add(new FakeLayer("icmp", "ICMP", "type", 8, "code", 0L, "id", 0x1234));
        out.reset();
        writer.write(meta, packet, decoded);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(text.length() - 1, text.indexOf('\n'), "exactly one line: " + text);
        Map<String, Object> o = KnownKeys.packet(Json.object(text));
        assertEquals(List.of("ts", "ts_ns", "ifindex", "iface", "direction", "len", "caplen", "src",
                "dst", "proto", "truncated", "ip", "icmp", "hex"), List.copyOf(o.keySet()));
        assertEquals("2026-11-28T08:12:27.123456789Z", o.get("ts"));
        assertEquals(Long.toString(TestPackets.TS), o.get("ts_ns"));
        // the timestamp string and the number say the same instant
        Instant ts = Instant.parse((String) o.get("ts"));
        assertEquals(TestPackets.TS, ts.getEpochSecond() * 1_000_000_000L + ts.getNano());
        assertEquals(1L, o.get("ifindex"));
        assertEquals("lo", o.get("iface"));
        assertEquals("in", o.get("direction"));
        assertEquals(84L, o.get("len"));
        assertEquals(84L, o.get("caplen"));
        assertEquals("127.0.0.1", o.get("src"));
        assertEquals("127.0.0.2", o.get("dst"));
        assertEquals("icmp", o.get("proto"));
        assertEquals(false, o.get("truncated"));
        assertEquals(Map.of("ttl", 64L, "src", "127.0.0.1", "df", true), o.get("ip"));
        assertEquals(Map.of("type", 8L, "code", 0L, "id", 0x1234L), o.get("icmp"));
        assertEquals(TestPackets.ICMP_ECHO, o.get("hex"));
        assertEquals(0, packet.position());
        assertEquals(84, packet.limit());
    }

    @Test
    void unknownMetadataAndAbsentSummaryAreNullOrOmitted() throws IOException {
        PacketMeta meta = new PacketMeta().timestampNanos(0).wireLength(3).capturedLength(3);
        out.reset();
        writer.write(meta, ByteBuffer.wrap(new byte[] {1, 2, 3}), new DecodedPacket());
        Map<String, Object> o = KnownKeys.packet(Json.object(out.toString(StandardCharsets.UTF_8)));
        assertEquals("1970-01-01T00:00:00.000000000Z", o.get("ts"));
        assertEquals(0L, o.get("ifindex"));
        assertTrue(o.containsKey("iface"));
        assertNull(o.get("iface"));
        assertFalse(o.containsKey("direction"));
        assertTrue(o.containsKey("src") && o.containsKey("dst") && o.containsKey("proto"));
        assertNull(o.get("src"));
        assertNull(o.get("proto"));
        assertEquals("010203", o.get("hex"));
        assertFalse(o.containsKey("quoted"));
    }

    @Test
    void directionNames() {
        assertEquals("in", JsonWriter.direction(PacketMeta.PKTTYPE_HOST));
        assertEquals("out", JsonWriter.direction(PacketMeta.PKTTYPE_OUTGOING));
        assertEquals("broadcast", JsonWriter.direction(PacketMeta.PKTTYPE_BROADCAST));
        assertEquals("multicast", JsonWriter.direction(PacketMeta.PKTTYPE_MULTICAST));
        assertEquals("otherhost", JsonWriter.direction(PacketMeta.PKTTYPE_OTHERHOST));
        assertNull(JsonWriter.direction(PacketMeta.PKTTYPE_UNKNOWN));
        assertNull(JsonWriter.direction(99));
    }

    @Test
    void summaryFieldsComeFromTheDecoder() throws IOException {
        decoded.clear();
        decoded.src("192.0.2.1");
        decoded.dst("198.51.100.2");
        decoded.proto("udp");
        decoded.add(new FakeLayer("ip", "IP"));
        decoded.add(new FakeLayer("udp", "UDP", "sport", 40001, "dport", 9999));
        out.reset();
        writer.write(TestPackets.meta(TestPackets.TS, 41), TestPackets.buffer(TestPackets.UDP), decoded);
        Map<String, Object> o = KnownKeys.packet(Json.object(out.toString(StandardCharsets.UTF_8)));
        assertEquals("192.0.2.1", o.get("src"));
        assertEquals("198.51.100.2", o.get("dst"));
        assertEquals("udp", o.get("proto"));
        assertEquals(Map.of(), o.get("ip"));
        assertEquals(40001L, map(o.get("udp")).get("sport"));
    }

    @Test
    void repeatedLayerNamesGetSuffixesAndQuotedLayersNest() throws IOException {
        Map<String, Object> o = writeOne(TestPackets.meta(TestPackets.TS, 60),
                ByteBuffer.wrap(new byte[60]), 5,
                new FakeLayer("eth", "", "type", 0x8100),
                new FakeLayer("vlan", "", "id", 10),
                new FakeLayer("vlan", "", "id", 20),
                new FakeLayer("ip", "", "ttl", 1),
                new FakeLayer("icmp", "", "type", 11),
                new FakeLayer("ip", "", "ttl", 64),
                new FakeLayer("udp", "", "dport", 33434).markTruncated());
        assertEquals(List.of("eth", "vlan", "vlan_2", "ip", "icmp", "quoted", "hex"),
                List.copyOf(o.keySet()).subList(10, 17));
        assertFalse(o.containsKey("direction"), "unknown pktType: no direction");
        assertEquals(10L, map(o.get("vlan")).get("id"));
        assertEquals(20L, map(o.get("vlan_2")).get("id"));
        Map<?, ?> quoted = map(o.get("quoted"));
        assertEquals(List.of("ip", "udp"), List.copyOf(quoted.keySet()));
        assertEquals(64L, map(quoted.get("ip")).get("ttl"));
        assertEquals(1L, map(o.get("ip")).get("ttl"));
        assertEquals(true, o.get("truncated"), "a truncated layer makes the packet truncated");
    }

    @Test
    void aLayerNamedLikeATopLevelKeyCannotClobberIt() throws IOException {
        Map<String, Object> o = writeOne(TestPackets.meta(TestPackets.TS, 2),
                ByteBuffer.wrap(new byte[] {(byte) 0xca, (byte) 0xfe}), -1,
                new FakeLayer("hex", "", "x", 1), new FakeLayer("ts", "", "y", 2));
        assertEquals("cafe", o.get("hex"));
        assertEquals("2026-11-28T08:12:27.123456789Z", o.get("ts"));
        assertEquals(Map.of("x", 1L), o.get("hex_2"));
        assertEquals(Map.of("y", 2L), o.get("ts_2"));
    }

    @Test
    void failingLayersAreUndecodableWithoutHalfWrittenFields() throws IOException {
        Map<String, Object> o = writeOne(TestPackets.meta(TestPackets.TS, 84),
                TestPackets.buffer(TestPackets.ICMP_ECHO), -1,
                new FakeLayer("ip", "", "ttl", 64, "id", 1).failFields(),
                new FakeLayer("icmp", "").failName(),
                new FakeLayer("udp", "", "sport", 1, "note", null, "weird \"name\"\n", "x"));
        assertEquals(Map.of("error", "undecodable"), o.get("ip"));
        assertEquals(Map.of("error", "undecodable"), o.get("unknown"));
        Map<?, ?> udp = map(o.get("udp"));
        assertTrue(udp.containsKey("note"));
        assertNull(udp.get("note"));
        assertEquals("x", udp.get("weird \"name\"\n"));
        assertEquals(TestPackets.ICMP_ECHO, o.get("hex"));
    }

    @Test
    void snaplenTruncationIsReported() throws IOException {
        PacketMeta meta = TestPackets.meta(TestPackets.TS, 1500).capturedLength(20);
        Map<String, Object> o = writeOne(meta, TestPackets.buffer(TestPackets.ICMP_ECHO.substring(0, 40)), -1);
        assertEquals(1500L, o.get("len"));
        assertEquals(20L, o.get("caplen"));
        assertEquals(true, o.get("truncated"));
        assertEquals(TestPackets.ICMP_ECHO.substring(0, 40), o.get("hex"));
    }

    @Test
    void manyPacketsAreManyIndependentLinesWithTheirOwnHexAndTime() throws IOException {
        ByteArrayOutputStream bulk = new ByteArrayOutputStream();
        String[] packets = {TestPackets.ICMP_ECHO, TestPackets.UDP, TestPackets.TCP_SYN};
        DecodedPacket d = new DecodedPacket();
        d.add(new FakeLayer("ip", "", "ttl", 64));
        try (PacketWriter w = PacketWriters.create(OutputFormat.JSON, bulk,
                rawsock.packet.LinkType.RAW, false)) {
            for (int i = 0; i < 3000; i++) {
                String hex = packets[i % 3];
                w.write(TestPackets.meta(TestPackets.TS + i * 1000L, hex.length() / 2),
                        TestPackets.buffer(hex), d);
            }
        }
        String[] lines = bulk.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(3001, lines.length);
        assertEquals("", lines[3000]);
        for (int i = 0; i < 3000; i++) {
            Map<String, Object> o = KnownKeys.packet(Json.object(lines[i]));
            assertEquals(packets[i % 3], o.get("hex"));
            assertEquals(Long.toString(TestPackets.TS + i * 1000L), o.get("ts_ns"));
            assertEquals(Rfc3339.format(TestPackets.TS + i * 1000L), o.get("ts"));
            assertEquals(64L, map(o.get("ip")).get("ttl"));
        }
    }
}
