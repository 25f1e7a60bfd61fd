package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rawsock.output.JsonSchema;
import rawsock.output.JsonWriter;
import rawsock.testing.Json;
import rawsock.testing.JsonSchemaCheck;

/**
 * The JSON writer over every real and built test packet (IPv4, IPv6, link-layer captures), each
 * object held against {@link JsonSchema}: a key the schema does not list, or of another type, or
 * a number jq would round, fails. (WriterFuzzTest does the same for generated and damaged packets.)
 */
class JsonSchemaCoverageTest {
    @Test
    void everyKeyTheWriterEmitsIsInTheSchema() throws IOException {
        Set<String> seen = new HashSet<>();
        write(LinkType.RAW, Captures.all(), seen);
        write(LinkType.RAW, Captures6.all(), seen);
        write(LinkType.RAW, Built6.all(), seen);
        write(LinkType.ETHERNET, LinkCaptures.all(), seen);
        // the packets cover most of the schema: a test that saw little would prove little
        for (String layer : new String[] {"eth", "vlan", "arp", "ip", "ip6", "icmp", "icmp6", "udp", "tcp", "raw"}) {
            assertTrue(seen.contains(layer), "no test packet has a " + layer + " layer: " + seen);
        }
    }

    private static void write(LinkType link, byte[][] packets, Set<String> layers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketDecoder decoder = new PacketDecoder();
        try (JsonWriter writer = new JsonWriter(out, false)) {
            PacketMeta meta = new PacketMeta();
            for (byte[] packet : packets) {
                meta.reset();
                meta.timestampNanos(1_796_588_222_093_293_000L).ifindex(1).ifname("lo")
                        .wireLength(packet.length).capturedLength(packet.length);
                ByteBuffer buf = ByteBuffer.wrap(packet);
                DecodedPacket decoded = decoder.decode(buf, link);
                for (int i = 0; i < decoded.size(); i++) {
                    layers.add(decoded.layer(i).name());
                }
                writer.write(meta, buf, decoded);
            }
        }
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonSchemaCheck.packet(Json.object(line));
        }
    }
}
