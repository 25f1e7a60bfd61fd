package rawsock.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import rawsock.packet.AddressFormat;
import rawsock.packet.DecodedPacket;
import rawsock.packet.FieldSink;
import rawsock.packet.Layer;
import rawsock.packet.PacketMeta;

/**
 * NDJSON: one object per packet, one per line, written with jackson-core's streaming
 * generator. Keys, in this order:
 *
 * <pre>
 * ts         "2026-11-28T08:12:27.123456789Z"  RFC 3339, UTC, nanoseconds
 * ts_ns      "1795853547123456789"              epoch nanoseconds, a string: exact in jq and JavaScript
 * ifindex    1                                  0 when unknown
 * iface      "lo"                               null when unknown
 * direction  "in" | "out" | "broadcast" | "multicast" | "otherhost"   omitted when unknown
 * len        84                                 length on the wire
 * caplen     84                                 bytes captured
 * src, dst, proto                               from the decoder; null when absent
 * truncated  false                              caplen &lt; len, or a layer ended early
 * &lt;layer&gt;    {...}                            one object per outer layer, keyed by its name;
 *                                              a repeated name gets _2, _3, ... ("vlan_2")
 * quoted     {"ip": {...}, "udp": {...}}       layers quoted in an ICMP error; only when present
 * hex        "4500..."                          the whole captured packet, lowercase
 * </pre>
 *
 * A layer whose {@link Layer#fields} throws is written as {@code {"error":"undecodable"}}: its
 * fields are collected first and only written once the layer has produced them all, so a
 * failing layer never leaves half an object behind. A layer name that clashes with a top-level
 * key ("hex", "ts", ...) is suffixed like a repeated one.
 *
 * {@link JsonSchema} lists every key with its type and meaning (the README and the man page show it).
 *
 * <p>One generator, writing into this writer's reused buffer, serves the whole capture.
 */
public final class JsonWriter extends BufferedPacketWriter {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .rootValueSeparator((String) null)
            .build();

    private static final String[] RESERVED = JsonSchema.packetKeys().toArray(new String[0]);

    private final JsonGenerator gen;
    private final FieldRecorder recorder = new FieldRecorder();
    private final String[] usedKeys = new String[DecodedPacket.MAX_LAYERS];
    private char[] chars = new char[2048];
    private final ReusedText address = new ReusedText();

    public JsonWriter(OutputStream out, boolean flushEachPacket) {
        super(out, flushEachPacket);
        try {
            gen = FACTORY.createGenerator(new Sink(), JsonEncoding.UTF8);
        } catch (IOException e) {
            // The sink is memory: nothing can fail here.
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void encode(PacketMeta meta, ByteBuffer packet, DecodedPacket decoded) throws IOException {
        int caplen = capturedLength(packet);
        int len = wireLength(meta, packet);
        JsonGenerator g = gen;
        g.writeStartObject();

        Rfc3339.format(meta.timestampNanos(), room(Rfc3339.LENGTH), 0);
        g.writeFieldName("ts");
        g.writeString(chars, 0, Rfc3339.LENGTH);
        g.writeFieldName("ts_ns");
        g.writeString(chars, 0, decimal(meta.timestampNanos(), room(20)));
        g.writeNumberField("ifindex", meta.ifindex());
        g.writeFieldName("iface");
        writeNullable(meta.ifname() == null || meta.ifname().isEmpty() ? null : meta.ifname());
        String direction = direction(meta.pktType());
        if (direction != null) {
            g.writeStringField("direction", direction);
        }
        g.writeNumberField("len", len);
        g.writeNumberField("caplen", caplen);
        g.writeFieldName("src");
        writeAddress(decoded, true);
        g.writeFieldName("dst");
        writeAddress(decoded, false);
        g.writeFieldName("proto");
        writeNullable(decoded == null ? null : decoded.proto());
        g.writeBooleanField("truncated", caplen < len || anyTruncated(decoded));

        if (decoded != null) {
            int size = decoded.size();
            int quoted = decoded.quotedStart();
            writeLayers(decoded, 0, quoted);
            if (quoted < size) {
                g.writeFieldName("quoted");
                g.writeStartObject();
                writeLayers(decoded, quoted, size);
                g.writeEndObject();
            }
        }

        g.writeFieldName("hex");
        int n = Hex.encode(packet, room(caplen * 2), 0);
        g.writeString(chars, 0, n);
        g.writeEndObject();
        g.flush();
        put((byte) '\n');
    }

    private void writeLayers(DecodedPacket decoded, int from, int to) throws IOException {
        int used = 0;
        for (int i = from; i < to; i++) {
            Layer layer;
            String name;
            try {
                layer = decoded.layer(i);
                name = layer.name();
            } catch (RuntimeException e) {
                layer = null;
                name = null;
            }
            if (name == null || name.isEmpty()) {
                name = "unknown";
            }
            String key = uniqueKey(name, used);
            usedKeys[used++] = key;
            gen.writeFieldName(key);
            gen.writeStartObject();
            boolean ok = false;
            if (layer != null) {
                recorder.reset();
                try {
                    layer.fields(recorder);
                    ok = true;
                } catch (RuntimeException e) {
                    ok = false;
                }
            }
            if (ok) {
                recorder.replay(gen);
            } else {
                gen.writeStringField("error", "undecodable");
            }
            recorder.reset();
            gen.writeEndObject();
        }
        Arrays.fill(usedKeys, 0, used, null);
    }

    /** name, or name_2, name_3, ... when taken in this object (top-level keys count as taken). */
    private String uniqueKey(String name, int used) {
        if (!taken(name, used)) {
            return name;
        }
        for (int suffix = 2; ; suffix++) {
            String candidate = name + '_' + suffix;
            if (!taken(candidate, used)) {
                return candidate;
            }
        }
    }

    private boolean taken(String key, int used) {
        for (int i = 0; i < used; i++) {
            if (usedKeys[i].equals(key)) {
                return true;
            }
        }
        for (String reserved : RESERVED) {
            if (reserved.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes {@code value} in decimal at the start of {@code into} (20 chars suffice); returns the
     * length. Long.toString would make a String per packet.
     */
    static int decimal(long value, char[] into) {
        if (value == Long.MIN_VALUE) {
            String text = Long.toString(value);
            text.getChars(0, text.length(), into, 0);
            return text.length();
        }
        int start = 0;
        long v = value;
        if (v < 0) {
            into[start++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        int end = start + digits;
        for (int i = end - 1; i >= start; i--) {
            into[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return end;
    }

    private static boolean anyTruncated(DecodedPacket decoded) {
        if (decoded == null) {
            return false;
        }
        for (int i = 0; i < decoded.size(); i++) {
            try {
                if (decoded.layer(i).truncated()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // an undecodable layer shows as such in its own object
            }
        }
        return false;
    }

    static String direction(int pktType) {
        switch (pktType) {
            case PacketMeta.PKTTYPE_HOST:
                return "in";
            case PacketMeta.PKTTYPE_BROADCAST:
                return "broadcast";
            case PacketMeta.PKTTYPE_MULTICAST:
                return "multicast";
            case PacketMeta.PKTTYPE_OTHERHOST:
                return "otherhost";
            case PacketMeta.PKTTYPE_OUTGOING:
                return "out";
            default:
                return null;
        }
    }

    /** The summary source or destination, formatted into a reused buffer: no String per packet. */
    private void writeAddress(DecodedPacket decoded, boolean source) throws IOException {
        StringBuilder text = address.cleared();
        address.write(gen, decoded != null && (source ? decoded.appendSrc(text) : decoded.appendDst(text)));
    }

    private void writeNullable(String value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeString(value);
        }
    }

    private char[] room(int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        return chars;
    }

    /** Where the generator writes: this writer's buffer. */
    private final class Sink extends OutputStream {
        @Override
        public void write(int b) {
            put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            put(b, off, len);
        }
    }

    /** Collects one layer's fields so that a layer failing half-way writes nothing of them. */
    private static final class FieldRecorder implements FieldSink {
        private static final byte NUMBER = 0;
        private static final byte TEXT = 1;
        private static final byte FLAG = 2;
        /** An address kept as where its bytes are: formatted while written, no String made. */
        private static final byte ADDRESS = 3;
        /** Text in the layer's reused buffer, written before the layer views another packet. */
        private static final byte CHARS = 4;
        /** More fields than this in one header is a broken layer, not a protocol. */
        private static final int MAX_FIELDS = 4096;

        private byte[] kinds = new byte[32];
        private String[] names = new String[32];
        private String[] texts = new String[32];
        private long[] numbers = new long[32];
        private ByteBuffer[] buffers = new ByteBuffer[32];
        private CharSequence[] charSequences = new CharSequence[32];
        private int size;
        private final ReusedText scratch = new ReusedText();

        void reset() {
            Arrays.fill(names, 0, size, null);
            Arrays.fill(texts, 0, size, null);
            Arrays.fill(buffers, 0, size, null);
            Arrays.fill(charSequences, 0, size, null);
            size = 0;
        }

        @Override
        public void number(String name, long value) {
            numbers[slot(name, NUMBER)] = value;
        }

        @Override
        public void text(String name, String value) {
            texts[slot(name, TEXT)] = value;
        }

        @Override
        public void address(String name, ByteBuffer buf, int index, int length) {
            int slot = slot(name, ADDRESS);
            buffers[slot] = buf;
            numbers[slot] = ((long) index << 8) | (length & 0xff);
        }

        @Override
        public void chars(String name, CharSequence value) {
            charSequences[slot(name, CHARS)] = value;
        }

        @Override
        public void flag(String name, boolean value) {
            numbers[slot(name, FLAG)] = value ? 1 : 0;
        }

        private int slot(String name, byte kind) {
            if (name == null) {
                throw new IllegalArgumentException("field without a name");
            }
            if (size == kinds.length) {
                if (size == MAX_FIELDS) {
                    throw new IllegalStateException("more than " + MAX_FIELDS + " fields");
                }
                int n = size * 2;
                kinds = Arrays.copyOf(kinds, n);
                names = Arrays.copyOf(names, n);
                texts = Arrays.copyOf(texts, n);
                numbers = Arrays.copyOf(numbers, n);
                buffers = Arrays.copyOf(buffers, n);
                charSequences = Arrays.copyOf(charSequences, n);
            }
            kinds[size] = kind;
            names[size] = name;
            return size++;
        }

        void replay(JsonGenerator g) throws IOException {
            for (int i = 0; i < size; i++) {
                g.writeFieldName(names[i]);
                switch (kinds[i]) {
                    case NUMBER:
                        g.writeNumber(numbers[i]);
                        break;
                    case TEXT:
                        if (texts[i] == null) {
                            g.writeNull();
                        } else {
                            g.writeString(texts[i]);
                        }
                        break;
                    case CHARS:
                        scratch.cleared().append(charSequences[i]);
                        scratch.write(g, true);
                        break;
                    case ADDRESS:
                        writeAddress(g, buffers[i], (int) (numbers[i] >>> 8), (int) (numbers[i] & 0xff));
                        break;
                    default:
                        g.writeBoolean(numbers[i] != 0);
                        break;
                }
            }
        }

        private void writeAddress(JsonGenerator g, ByteBuffer buf, int index, int length) throws IOException {
            scratch.write(g, AddressFormat.append(scratch.cleared(), buf, index, length));
        }
    }

    /** Text built in a reused StringBuilder and written from a reused char[]: no String made. */
    private static final class ReusedText {
        private final StringBuilder text = new StringBuilder(64);
        private char[] chars = new char[64];

        StringBuilder cleared() {
            text.setLength(0);
            return text;
        }

        /** Writes the text built since {@link #cleared()}, or null when {@code present} is false. */
        void write(JsonGenerator g, boolean present) throws IOException {
            if (!present) {
                g.writeNull();
                return;
            }
            if (chars.length < text.length()) {
                chars = new char[text.length()];
            }
            text.getChars(0, text.length(), chars, 0);
            g.writeString(chars, 0, text.length());
        }
    }
}
