package rawsock.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import rawsock.output.OutputFormat;
import rawsock.output.PacketWriter;
import rawsock.output.PacketWriters;
import rawsock.output.PcapReader;
import rawsock.output.PcapRecord;
import rawsock.packet.DecodedPacket;
import rawsock.packet.Layer;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.packet.PacketMeta;
import rawsock.testing.Json;
import rawsock.testing.JsonSchemaCheck;
import rawsock.testing.KnownKeys;
import rawsock.testing.RecordedFields;

/**
 * The four output writers ({@link PacketWriters#create} with flushEachPacket false) on sequences of
 * decoded hostile packets (random bytes and damaged real packets) with generated capture
 * metadata: writing never throws, and each format says exactly what it should, checked with
 * tools independent of the writers (the JDK's hex and time formatting, jackson's parser,
 * a pcap header parsed by hand):
 * <ul>
 * <li>text: one line per packet, starting with the RFC 3339 timestamp, ending with the length,
 *     no layer shown as undecodable;</li>
 * <li>hex: one line per packet, the packet's bytes;</li>
 * <li>json: one object per line, unique keys, its hex the packet, ts/len/caplen from the
 *     metadata, src/dst/proto from the decoder, one object per layer holding exactly the fields
 *     the layer wrote, never an "undecodable" layer;</li>
 * <li>pcap: the file header of the link type, one record per packet with its bytes, timestamp
 *     and wire length, read back by PcapReader.</li>
 * </ul>
 */
class WriterFuzzTest {
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> TOP_KEYS = Set.of("ts", "ts_ns", "ifindex", "iface", "direction", "len",
            "caplen", "src", "dst", "proto", "truncated", "quoted", "hex");

    /** One packet to write: its bytes, the capture metadata. */
    record Capture(byte[] bytes, long ts, int ifindex, String ifname, int pktType, int wireLength) {
        @Override
        public String toString() {
            return Hexes.of(bytes) + " @" + ts + " if " + ifindex + "/" + ifname + " type " + pktType + " wire " + wireLength;
        }
    }

    /** What the decoder said of a packet, kept before the decoder moves on to the next. */
    record Expected(Capture capture, String src, String dst, String proto, int quotedStart,
                    List<String> names, List<Map<String, Object>> fields, boolean truncated) {
    }

    @Property
    void everyFormatWritesEveryPacket(@ForAll("links") LinkType link, @ForAll("captures") List<Capture> captures) {
        Bounded.run(() -> {
            Map<OutputFormat, ByteArrayOutputStream> outs = new EnumMap<>(OutputFormat.class);
            Map<OutputFormat, PacketWriter> writers = new EnumMap<>(OutputFormat.class);
            for (OutputFormat f : OutputFormat.values()) {
                outs.put(f, new ByteArrayOutputStream());
                writers.put(f, PacketWriters.create(f, outs.get(f), link, false));
            }
            PacketDecoder decoder = new PacketDecoder();
            PacketMeta meta = new PacketMeta();
            List<Expected> expected = new ArrayList<>();
            for (Capture c : captures) {
                ByteBuffer buf = ByteBuffer.wrap(c.bytes());
                DecodedPacket p = decoder.decode(buf, link);
                expected.add(expect(c, p));
                meta.reset();
                meta.timestampNanos(c.ts()).ifindex(c.ifindex()).ifname(c.ifname()).pktType(c.pktType())
                        .wireLength(c.wireLength()).capturedLength(c.bytes().length);
                for (PacketWriter w : writers.values()) {
                    w.write(meta, buf, p);
                    assertEquals(0, buf.position(), "a writer moved the position");
                    assertEquals(c.bytes().length, buf.limit(), "a writer moved the limit");
                }
            }
            for (PacketWriter w : writers.values()) {
                w.close();
            }
            checkText(outs.get(OutputFormat.TEXT).toByteArray(), expected);
            checkHex(outs.get(OutputFormat.HEX).toByteArray(), expected);
            checkJson(outs.get(OutputFormat.JSON).toByteArray(), expected);
            checkPcap(outs.get(OutputFormat.PCAP).toByteArray(), expected, link);
        });
    }

    private static Expected expect(Capture c, DecodedPacket p) {
        List<String> names = new ArrayList<>();
        List<Map<String, Object>> fields = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            Layer layer = p.layer(i);
            names.add(layer.name());
            fields.add(RecordedFields.of(layer).values);
        }
        return new Expected(c, p.src(), p.dst(), p.proto(), p.quotedStart(), names, fields, p.truncated());
    }

    private static int wire(Capture c) {
        return Math.max(c.wireLength(), c.bytes().length);
    }

    private static List<String> lines(byte[] out, int count) {
        String text = new String(out, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "output does not end with a newline");
        List<String> lines = List.of(text.substring(0, text.length() - 1).split("\n", -1));
        assertEquals(count, lines.size(), "lines");
        return lines;
    }

    private static void checkText(byte[] out, List<Expected> expected) {
        List<String> lines = lines(out, expected.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Capture c = expected.get(i).capture();
            String ts = RFC3339.format(Instant.ofEpochSecond(Math.floorDiv(c.ts(), 1_000_000_000L),
                    Math.floorMod(c.ts(), 1_000_000_000L)));
            String iface = c.ifname() != null && !c.ifname().isEmpty() ? c.ifname() : c.ifindex() > 0 ? "if" + c.ifindex() : "-";
            String start = ts + " " + iface + " " + (c.pktType() == PacketMeta.PKTTYPE_OUTGOING ? "out " : "");
            assertTrue(line.startsWith(start), () -> "text line does not start with '" + start + "': " + line);
            // the wire length: after the Ethernet header of a frame (as tcpdump -e), at the end of a
            // packet without layers, else not at all; a short capture is marked at the end
            String captured = c.bytes().length < wire(c) ? " [captured " + c.bytes().length + " of " + wire(c) + "]" : "";
            assertTrue(line.endsWith(captured), () -> "text line does not end with '" + captured + "': " + line);
            Expected e = expected.get(i);
            if (e.names().isEmpty()) {
                assertTrue(line.endsWith("unknown, length " + wire(c) + captured), line);
            } else if (e.names().get(0).equals("eth")) {
                String frame = ", length " + wire(c);
                assertTrue(line.contains(frame + ": ") || line.endsWith(frame + captured),
                        () -> "frame without '" + frame + "' after its Ethernet header: " + line);
            }
            assertFalse(line.contains("[undecodable]"), () -> "a layer's describe threw: " + line);
            for (char ch : line.toCharArray()) {
                assertTrue(ch >= 0x20 && ch != 0x7f, () -> "control character in text line: " + line);
            }
        }
    }

    private static void checkHex(byte[] out, List<Expected> expected) {
        List<String> lines = lines(out, expected.size());
        for (int i = 0; i < lines.size(); i++) {
            assertArrayEquals(expected.get(i).capture().bytes(), Hexes.parse(lines.get(i)), "hex line " + i);
            assertEquals(Hexes.of(expected.get(i).capture().bytes()), lines.get(i), "lowercase hex");
        }
    }

    private static void checkJson(byte[] out, List<Expected> expected) throws IOException {
        List<String> lines = lines(out, expected.size());
        for (int i = 0; i < lines.size(); i++) {
            Expected e = expected.get(i);
            Capture c = e.capture();
            Map<String, Object> o = parseObject(lines.get(i));
            JsonSchemaCheck.packet(o);
            assertEquals(Hexes.of(c.bytes()), o.get("hex"), "json hex");
            assertEquals(Long.toString(c.ts()), o.get("ts_ns"), "ts_ns: the digits of the epoch nanoseconds, as a string");
            assertEquals(RFC3339.format(Instant.ofEpochSecond(c.ts() / 1_000_000_000L, c.ts() % 1_000_000_000L)), o.get("ts"));
            assertEquals((long) c.ifindex(), o.get("ifindex"));
            assertEquals(c.ifname() == null || c.ifname().isEmpty() ? null : c.ifname(), o.get("iface"));
            assertEquals((long) wire(c), o.get("len"));
            assertEquals((long) c.bytes().length, o.get("caplen"));
            assertEquals(e.src(), o.get("src"));
            assertEquals(e.dst(), o.get("dst"));
            assertEquals(e.proto(), o.get("proto"));
            assertEquals(c.bytes().length < wire(c) || e.truncated(), o.get("truncated"));
            List<Map<String, Object>> outer = layerObjects(o, e.names().subList(0, e.quotedStart()));
            List<Map<String, Object>> quoted = new ArrayList<>();
            if (e.quotedStart() < e.names().size()) {
                Object q = o.get("quoted");
                assertTrue(q instanceof Map, "quoted layers missing");
                @SuppressWarnings("unchecked")
                Map<String, Object> qm = (Map<String, Object>) q;
                quoted = layerObjects(qm, e.names().subList(e.quotedStart(), e.names().size()));
            } else {
                assertFalse(o.containsKey("quoted"), "quoted without quoted layers");
            }
            List<Map<String, Object>> all = new ArrayList<>(outer);
            all.addAll(quoted);
            assertEquals(e.fields(), all, "json layer fields differ from what the layers wrote");
        }
    }

    /** The layer objects of {@code o} in order: keys not among the top-level ones, named after the layers. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> layerObjects(Map<String, Object> o, List<String> names) {
        List<Map<String, Object>> layers = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Object> entry : o.entrySet()) {
            if (!TOP_KEYS.contains(entry.getKey())) {
                keys.add(entry.getKey());
                assertTrue(entry.getValue() instanceof Map, () -> "layer " + entry.getKey() + " is not an object");
                layers.add((Map<String, Object>) entry.getValue());
            }
        }
        assertEquals(names.size(), keys.size(), () -> "layer keys " + keys + " for layers " + names);
        for (int i = 0; i < names.size(); i++) {
            String key = keys.get(i);
            String name = names.get(i);
            assertTrue(key.equals(name) || key.matches(java.util.regex.Pattern.quote(name) + "_[0-9]+"),
                    () -> "layer key " + key + " for layer " + name);
            assertFalse(layers.get(i).containsKey("error"), () -> "layer " + key + " written as undecodable");
        }
        return layers;
    }

    /**
     * One JSON object of a line (duplicate keys refused, nothing after it), numbers as Long; a
     * lookup of a key the schema does not list fails ({@link KnownKeys}).
     */
    static Map<String, Object> parseObject(String line) throws IOException {
        return KnownKeys.packet(Json.object(line));
    }

    private static void checkPcap(byte[] out, List<Expected> expected, LinkType link) throws IOException {
        // the file header, by hand: little-endian, nanosecond magic, 2.4, snaplen 262144, the link type
        ByteBuffer h = ByteBuffer.wrap(out, 0, 24).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b23c4d, h.getInt(0));
        assertEquals(2, h.getShort(4));
        assertEquals(4, h.getShort(6));
        assertEquals(262_144, h.getInt(16));
        assertEquals(link.pcapCode(), h.getInt(20));
        PcapReader reader = new PcapReader(new ByteArrayInputStream(out));
        assertEquals(link, reader.link());
        PcapRecord r = new PcapRecord();
        int offset = 24;
        for (Expected e : expected) {
            Capture c = e.capture();
            assertTrue(reader.next(r), "record missing");
            byte[] data = new byte[r.data().remaining()];
            r.data().get(data);
            assertArrayEquals(c.bytes(), data, "pcap record bytes");
            assertEquals(c.ts(), r.timestampNanos(), "pcap record time");
            assertEquals(wire(c), r.originalLength(), "pcap orig_len");
            assertEquals(offset, r.offset());
            offset += 16 + c.bytes().length;
        }
        assertFalse(reader.next(r), "a record too many");
        assertEquals(offset, out.length);
    }

    // ---- generators ------------------------------------------------------------------------------

    @Provide
    Arbitrary<LinkType> links() {
        return Arbitraries.of(LinkType.RAW, LinkType.ETHERNET);
    }

    /** One to four packets: damaged IPv4, IPv6 and Ethernet packets or random bytes, with metadata. */
    @Provide
    Arbitrary<List<Capture>> captures() {
        Arbitrary<byte[]> damaged = Combinators.combine(
                Arbitraries.oneOf(PacketGen.anyIpv4(1), PacketGen.anyIpv6(1), PacketGen.anyFrame()),
                Mutations.mutation().list().ofMaxSize(3))
                .as((b, m) -> Mutations.apply(b.bytes(), b.lengths(), m));
        Arbitrary<byte[]> bytes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, damaged),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(100)));
        // what Linux allows in an interface name: no '/', ':' or white space (dev_valid_name), UTF-8 included
        Arbitrary<String> ifname = Arbitraries.strings().withCharRange('!', '~').withChars('\u00e9', '\u00fc', '\u4e2d')
                .excludeChars('/', ':').ofMinLength(0).ofMaxLength(15).injectNull(0.3);
        Arbitrary<Long> ts = Arbitraries.longs().between(0, 0xffffffffL * 1_000_000_000L + 999_999_999L);
        Arbitrary<Integer> pktType = Arbitraries.oneOf(Arbitraries.of(-1, 0, 1, 2, 3, 4), Arbitraries.integers());
        Arbitrary<Integer> extra = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 100_000));
        Arbitrary<Capture> capture = Combinators.combine(bytes, ts, Arbitraries.integers().greaterOrEqual(0), ifname,
                pktType, extra).as((b, t, index, name, type, more) -> new Capture(b, t, index, name, type,
                        more == 0 ? 0 : b.length + more - 50));
        return capture.list().ofMinSize(1).ofMaxSize(4);
    }
}
