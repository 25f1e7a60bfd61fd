package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import rawsock.packet.DecodedPacket;
import rawsock.packet.Layer;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.packet.PacketMeta;

class TextWriterTest {
    private static final String TS = "2026-11-28T08:12:27.123456789Z";
    private static final Layer IP = new FakeLayer("ip", "IP 127.0.0.1 > 127.0.0.1 ttl 64 id 1 len 84");
    private static final Layer ICMP = new FakeLayer("icmp", "ICMP echo request, id 7, seq 1, length 64");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TextWriter writer = new TextWriter(out, false);
    private final DecodedPacket decoded = new DecodedPacket();

    private String write(PacketMeta meta, ByteBuffer packet, Layer... layers) throws IOException {
        return write(meta, packet, -1, layers);
    }

    private String write(PacketMeta meta, ByteBuffer packet, int quotedAt, Layer... layers)
            throws IOException {
        decoded.clear();
        for (int i = 0; i < layers.length; i++) {
            if (i == quotedAt) {
                decoded.markQuotedStart();
            }
            decoded.add(layers[i]);
        }
        out.reset();
        writer.write(meta, packet, decoded);
        writer.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDesignExample() throws IOException {
        assertEquals(TS + " lo IP 127.0.0.1 > 127.0.0.1 ttl 64 id 1 len 84: "
                        + "ICMP echo request, id 7, seq 1, length 64\n",
                write(TestPackets.meta(TestPackets.TS, 84), TestPackets.buffer(TestPackets.ICMP_ECHO),
                        IP, ICMP));
    }

    @Test
    void interfaceFallsBackToIndexThenDash() throws IOException {
        ByteBuffer packet = TestPackets.buffer(TestPackets.ICMP_ECHO);
        PacketMeta meta = TestPackets.meta(0, 84).ifname(null).ifindex(3);
        assertEquals("1970-01-01T00:00:00.000000000Z if3 IP 127.0.0.1 > 127.0.0.1 ttl 64 id 1 len 84"
                + "\n", write(meta, packet, IP));
        meta.ifindex(0);
        assertEquals("1970-01-01T00:00:00.000000000Z - IP 127.0.0.1 > 127.0.0.1 ttl 64 id 1 len 84"
                + "\n", write(meta, packet, IP));
    }

    @Test
    void outgoingIsMarked() throws IOException {
        PacketMeta meta = TestPackets.meta(TestPackets.TS, 84).ifname("eth0")
                .pktType(PacketMeta.PKTTYPE_OUTGOING);
        assertEquals(TS + " eth0 out IP 127.0.0.1 > 127.0.0.1 ttl 64 id 1 len 84: "
                        + "ICMP echo request, id 7, seq 1, length 64\n",
                write(meta, TestPackets.buffer(TestPackets.ICMP_ECHO), IP, ICMP));
        meta.pktType(PacketMeta.PKTTYPE_HOST);
        assertEquals(TS + " eth0 IP 127.0.0.1 > 127.0.0.1 ttl 64 id 1 len 84: "
                        + "ICMP echo request, id 7, seq 1, length 64\n",
                write(meta, TestPackets.buffer(TestPackets.ICMP_ECHO), IP, ICMP));
    }

    @Test
    void noLayersIsUnknown() throws IOException {
        assertEquals(TS + " lo unknown, length 3\n",
                write(TestPackets.meta(TestPackets.TS, 3), ByteBuffer.wrap(new byte[3])));
        out.reset();
        writer.write(TestPackets.meta(TestPackets.TS, 0), ByteBuffer.allocate(0), null);
        writer.flush();
        assertEquals(TS + " lo unknown, length 0\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void capturedLessThanWireLength() throws IOException {
        PacketMeta meta = TestPackets.meta(TestPackets.TS, 1500).capturedLength(40);
        assertEquals(TS + " lo unknown, length 1500 [captured 40 of 1500]\n",
                write(meta, ByteBuffer.wrap(new byte[40])));
    }

    @Test
    void wireLengthIsNeverBelowTheBytesGiven() throws IOException {
        // metadata left at zero: the bytes handed over are the truth
        PacketMeta meta = new PacketMeta().timestampNanos(TestPackets.TS);
        assertEquals(TS + " - unknown, length 40\n", write(meta, ByteBuffer.wrap(new byte[40])));
    }

    @Test
    void quotedLayersAreBracketed() throws IOException {
        Layer outerIp = new FakeLayer("ip", "IP 10.0.0.1 > 10.0.0.2 ttl 64 id 9 len 56");
        Layer error = new FakeLayer("icmp", "ICMP time exceeded in-transit");
        Layer quotedIp = new FakeLayer("ip", "IP 10.0.0.2 > 192.0.2.7 ttl 1 id 3 len 28");
        Layer quotedUdp = new FakeLayer("udp", "UDP 40000 > 33434").markTruncated();
        assertEquals(TS + " lo IP 10.0.0.1 > 10.0.0.2 ttl 64 id 9 len 56: ICMP time exceeded in-transit"
                        + " [quoted: IP 10.0.0.2 > 192.0.2.7 ttl 1 id 3 len 28: UDP 40000 > 33434"
                        + " [truncated]]\n",
                write(TestPackets.meta(TestPackets.TS, 56), ByteBuffer.wrap(new byte[56]), 2,
                        outerIp, error, quotedIp, quotedUdp));
    }

    @Test
    void aLayerThatThrowsIsUndecodableAndLeavesNothingBehind() throws IOException {
        Layer bad = new FakeLayer("tcp", "TCP half a descr").failDescribe();
        assertEquals(TS + " lo IP 127.0.0.1 > 127.0.0.1 ttl 64 id 1 len 84: [undecodable]: "
                        + "ICMP echo request, id 7, seq 1, length 64\n",
                write(TestPackets.meta(TestPackets.TS, 84), ByteBuffer.wrap(new byte[84]),
                        IP, bad, ICMP));
    }

    @Test
    void controlCharactersCannotSplitTheLine() throws IOException {
        Layer weird = new FakeLayer("x", "evil\nline\u0000\u00e9\u20ac");
        assertEquals(TS + " lo evil?line?\u00e9\u20ac\n",
                write(TestPackets.meta(TestPackets.TS, 1), ByteBuffer.wrap(new byte[1]), weird));
    }

    @Test
    void manyPacketsManyLines() throws IOException {
        out.reset();
        decoded.clear();
        decoded.add(IP);
        decoded.add(ICMP);
        for (int i = 0; i < 5000; i++) {
            writer.write(TestPackets.meta(TestPackets.TS + i, 84),
                    TestPackets.buffer(TestPackets.ICMP_ECHO), decoded);
        }
        writer.close();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(5001, lines.length);
        assertEquals("", lines[5000]);
        assertEquals("2026-11-28T08:12:27.123461788Z lo IP 127.0.0.1 > 127.0.0.1 ttl 64 id 1 len 84: "
                + "ICMP echo request, id 7, seq 1, length 64", lines[4999]);
    }

    /**
     * The wire length is said once, where tcpdump -e says it: after the Ethernet header. A packet
     * from an IP socket gets none (its IP header's len says it; tcpdump -n says none either), only
     * the mark of a short capture.
     */
    @Test
    void aFrameSaysItsWireLengthAfterTheEthernetHeaderAndNowhereElse() throws IOException {
        ByteBuffer frame = TestPackets.buffer(TestPackets.ETH_ICMP);
        DecodedPacket real = new PacketDecoder().decode(frame, LinkType.ETHERNET);
        out.reset();
        writer.write(TestPackets.meta(TestPackets.TS, frame.remaining()), frame, real);
        writer.flush();
        assertEquals(TS + " lo 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 98: "
                + "IP 127.0.0.1 > 127.0.0.1 ttl 64 id 1 len 84 DF: ICMP echo request, id 4660, seq 1, length 64\n",
                out.toString(StandardCharsets.UTF_8));

        ByteBuffer cut = ByteBuffer.wrap(Hex.decode(TestPackets.ICMP_ECHO), 0, 60).slice();
        real = new PacketDecoder().decode(cut, LinkType.RAW);
        out.reset();
        writer.write(TestPackets.meta(TestPackets.TS, 84).capturedLength(60), cut, real);
        writer.flush();
        String line = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, line.split(", length ", -1).length - 1, line);
        assertTrue(line.endsWith(", length 64 [truncated] [captured 60 of 84]\n"), line);
    }
}
