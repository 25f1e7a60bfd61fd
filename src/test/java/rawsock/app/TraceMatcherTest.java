package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rawsock.packet.Icmpv6Builder;
import rawsock.packet.IcmpBuilder;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4Builder;
import rawsock.packet.Ipv6Builder;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.packet.TcpBuilder;
import rawsock.packet.TcpFlags;

/**
 * Traceroute's answer matching on hand-built packets: a router's time exceeded or unreachable
 * quoting one of our probes (only its IP header and first 8 bytes, as RFC 792 requires no more),
 * the destination's echo reply, port unreachable, SYN-ACK and reset; and what is not ours: a
 * concurrent ping's or traceroute's probes, another destination, a probe number beyond the trace,
 * and hostile bytes (never an exception).
 */
class TraceMatcherTest {
    private static final byte[] A = {(byte) 169, (byte) 254, 91, 1};
    private static final byte[] R = {(byte) 169, (byte) 254, 91, (byte) 254};
    private static final byte[] B = {(byte) 169, (byte) 254, 92, 1};
    private static final int ID = 4242;
    private static final int HOPS = 30;
    private static final int PER_HOP = 3;

    private final PacketDecoder decoder = new PacketDecoder();

    private static SendSpec spec(int protocol, boolean v6) throws Exception {
        SendSpec.Builder b = new SendSpec.Builder();
        b.destination = InetAddress.getByName(v6 ? "fd99:92::1" : "169.254.92.1");
        b.ipv6 = v6;
        b.protocol = protocol;
        b.icmpType = v6 ? 128 : 8;
        b.icmpId = ID;
        b.destinationPort = protocol == IpProtocol.UDP ? Integer.valueOf(33434) : protocol == IpProtocol.TCP ? Integer.valueOf(80) : null;
        b.traceroute = true;
        b.ttl = HOPS;
        b.count = PER_HOP;
        b.waitNanos = 5_000_000_000L;
        return b.build();
    }

    /** A matcher and the template whose probes it numbers. */
    private static final class Trace {
        final SendSpec spec;
        final PacketTemplate template;
        final TraceMatcher matcher;

        Trace(int protocol, boolean v6) throws Exception {
            spec = spec(protocol, v6);
            template = PacketTemplate.build(spec, InetAddress.getByName(v6 ? "fd99:91::1" : "169.254.91.1"), false);
            matcher = new TraceMatcher(spec, template, HOPS * PER_HOP);
        }

        /** Probe n's transport header and payload, as it left. */
        byte[] probe(long n) {
            ByteBuffer slot = ByteBuffer.allocateDirect(template.length());
            template.copyInto(slot);
            template.prepare(slot, n);
            byte[] bytes = new byte[template.length()];
            slot.get(0, bytes);
            return bytes;
        }
    }

    private static byte[] v6(String text) throws Exception {
        return InetAddress.getByName(text).getAddress();
    }

    /** An IPv4 packet from src to dst carrying {@code transport}. */
    private static byte[] ipv4(byte[] src, byte[] dst, int protocol, int ttl, byte[] transport) {
        ByteBuffer out = ByteBuffer.allocate(20 + transport.length);
        new Ipv4Builder().src(src).dst(dst).protocol(protocol).ttl(ttl).build().emit(out, transport.length);
        out.put(transport);
        return out.array();
    }

    private static byte[] ipv6(byte[] src, byte[] dst, int protocol, byte[] transport) {
        ByteBuffer out = ByteBuffer.allocate(40 + transport.length);
        new Ipv6Builder().src(src).dst(dst).nextHeader(protocol).build().emit(out, transport.length);
        out.put(transport);
        return out.array();
    }

    /** An ICMP error quoting {@code quoted}'s IP header and first 8 bytes after it. */
    private static byte[] icmpError(byte[] from, byte[] to, int type, int code, byte[] quoted, int headerLength) {
        byte[] quote = Arrays.copyOf(quoted, Math.min(quoted.length, headerLength + 8));
        ByteBuffer icmp = ByteBuffer.allocate(8 + quote.length);
        new IcmpBuilder().type(type).code(code).restOfHeader(0).build().emit(icmp, ByteBuffer.wrap(quote));
        return ipv4(from, to, IpProtocol.ICMP, 64, icmp.array());
    }

    private static byte[] icmpv6Error(byte[] from, byte[] to, int type, int code, byte[] quoted) {
        ByteBuffer icmp = ByteBuffer.allocate(8 + quoted.length);
        new Icmpv6Builder().type(type).code(code).restOfHeader(0).build().emit(icmp, ByteBuffer.wrap(quoted), from, to);
        return ipv6(from, to, IpProtocol.ICMP6, icmp.array());
    }

    private static byte[] echoReply(byte[] from, byte[] to, int id, int seq) {
        ByteBuffer icmp = ByteBuffer.allocate(8);
        new IcmpBuilder().type(0).code(0).id(id).seq(seq).build().emit(icmp, ByteBuffer.allocate(0));
        return ipv4(from, to, IpProtocol.ICMP, 63, icmp.array());
    }

    private long match(Trace trace, byte[] packet, TraceAnswer answer) {
        answer.clear();
        return trace.matcher.match(decoder.decode(ByteBuffer.wrap(packet), LinkType.RAW), answer);
    }

    @Test
    void icmpTimeExceededNamesTheProbeItQuotesAndTheEchoReplyTheDestination() throws Exception {
        Trace trace = new Trace(IpProtocol.ICMP, false);
        TraceAnswer answer = new TraceAnswer();
        byte[] probe4 = ipv4(A, B, IpProtocol.ICMP, 2, trace.probe(4));
        assertEquals(4, match(trace, icmpError(R, A, 11, 0, probe4, 20), answer));
        assertEquals("169.254.91.254", answer.from);
        assertEquals("time-exceeded", answer.kind);
        assertFalse(answer.reached);
        assertNull(answer.mark);

        assertEquals(5, match(trace, echoReply(B, A, ID, 1 + 5), answer));
        assertTrue(answer.reached);
        assertEquals(63, answer.ttl);
    }

    @Test
    void anotherProcesssPingOrTraceIsNeverOurs() throws Exception {
        Trace trace = new Trace(IpProtocol.ICMP, false);
        TraceAnswer answer = new TraceAnswer();
        // A concurrent ping to the same host: its own identifier, in the reply and in the quote.
        assertEquals(-1, match(trace, echoReply(B, A, ID + 1, 2), answer));
        byte[] theirs = trace.probe(2);
        theirs[4] ^= 0x01; // another identifier
        assertEquals(-1, match(trace, icmpError(R, A, 11, 0, ipv4(A, B, IpProtocol.ICMP, 1, theirs), 20), answer));
        // Our identifier, but an echo reply from someone else than the destination.
        assertEquals(-1, match(trace, echoReply(R, A, ID, 2), answer));
        // Our probe's shape quoted, but to another destination.
        byte[] elsewhere = {(byte) 169, (byte) 254, 92, 2};
        assertEquals(-1, match(trace, icmpError(R, A, 11, 0, ipv4(A, elsewhere, IpProtocol.ICMP, 1, trace.probe(2)), 20),
                answer));
        // A sequence number beyond the trace's last probe.
        assertEquals(-1, match(trace, echoReply(B, A, ID, 1 + HOPS * PER_HOP), answer));
        // A UDP probe quoted to an ICMP trace.
        Trace udp = new Trace(IpProtocol.UDP, false);
        assertEquals(-1, match(trace, icmpError(R, A, 11, 0, ipv4(A, B, IpProtocol.UDP, 1, udp.probe(0)), 20), answer));
    }

    @Test
    void udpProbesAreNumberedBySourcePortAndEndAtThePortUnreachable() throws Exception {
        Trace trace = new Trace(IpProtocol.UDP, false);
        TraceAnswer answer = new TraceAnswer();
        assertEquals(7, match(trace, icmpError(R, A, 11, 0, ipv4(A, B, IpProtocol.UDP, 3, trace.probe(7)), 20), answer));
        assertFalse(answer.reached);
        assertEquals(8, match(trace, icmpError(B, A, 3, 3, ipv4(A, B, IpProtocol.UDP, 1, trace.probe(8)), 20), answer));
        assertTrue(answer.reached);
        assertNull(answer.mark);
        // A port unreachable from a router is no arrival: a mark.
        assertEquals(8, match(trace, icmpError(R, A, 3, 3, ipv4(A, B, IpProtocol.UDP, 1, trace.probe(8)), 20), answer));
        assertFalse(answer.reached);
        assertEquals("!3", answer.mark);
        assertEquals(1, match(trace, icmpError(R, A, 3, 1, ipv4(A, B, IpProtocol.UDP, 1, trace.probe(1)), 20), answer));
        assertEquals("!H", answer.mark);
        assertEquals(1, match(trace, icmpError(R, A, 3, 0, ipv4(A, B, IpProtocol.UDP, 1, trace.probe(1)), 20), answer));
        assertEquals("!N", answer.mark);
        assertEquals(1, match(trace, icmpError(R, A, 3, 13, ipv4(A, B, IpProtocol.UDP, 1, trace.probe(1)), 20), answer));
        assertEquals("!X", answer.mark);
        // Another destination port (traceroute's own probes to 33435...): not ours.
        byte[] other = trace.probe(1);
        other[3] ^= 0x01;
        assertEquals(-1, match(trace, icmpError(R, A, 11, 0, ipv4(A, B, IpProtocol.UDP, 1, other), 20), answer));
    }

    @Test
    void tcpProbesNeedOurSequenceNumberAndTheAnswerMustAcknowledgeIt() throws Exception {
        Trace trace = new Trace(IpProtocol.TCP, false);
        TraceAnswer answer = new TraceAnswer();
        assertEquals(3, match(trace, icmpError(R, A, 11, 0, ipv4(A, B, IpProtocol.TCP, 2, trace.probe(3)), 20), answer));
        byte[] otherSequence = trace.probe(3);
        otherSequence[7] ^= 0x01;
        assertEquals(-1, match(trace, icmpError(R, A, 11, 0, ipv4(A, B, IpProtocol.TCP, 2, otherSequence), 20),
                answer));
        long ack = (trace.template.tcpSequence() + 1) & 0xffffffffL;
        assertEquals(4, match(trace, tcp(B, A, 80, trace.template.portFor(4), TcpFlags.RST | TcpFlags.ACK, ack), answer));
        assertTrue(answer.reached);
        assertEquals("rst", answer.kind);
        assertEquals(5, match(trace, tcp(B, A, 80, trace.template.portFor(5), TcpFlags.SYN | TcpFlags.ACK, ack), answer));
        assertEquals("syn-ack", answer.kind);
        assertEquals(-1, match(trace, tcp(B, A, 80, trace.template.portFor(5), TcpFlags.SYN | TcpFlags.ACK, ack + 1),
                answer));
        assertEquals(-1, match(trace, tcp(B, A, 81, trace.template.portFor(5), TcpFlags.SYN | TcpFlags.ACK, ack), answer));
        assertEquals(-1, match(trace, tcp(R, A, 80, trace.template.portFor(5), TcpFlags.SYN | TcpFlags.ACK, ack), answer));
    }

    private static byte[] tcp(byte[] from, byte[] to, int sport, int dport, int flags, long ack) {
        ByteBuffer segment = ByteBuffer.allocate(20);
        new TcpBuilder().sport(sport).dport(dport).seq(99).ack(ack).flags(flags).window(1024)
                .build().emit(segment, ByteBuffer.allocate(0), from, to);
        return ipv4(from, to, IpProtocol.TCP, 63, segment.array());
    }

    @Test
    void icmpv6TimeExceededAndNoRouteQuoteOurProbes() throws Exception {
        Trace trace = new Trace(IpProtocol.ICMP6, true);
        TraceAnswer answer = new TraceAnswer();
        byte[] a = v6("fd99:91::1");
        byte[] r = v6("fd99:91::fe");
        byte[] b = v6("fd99:92::1");
        byte[] probe = ipv6(a, b, IpProtocol.ICMP6, trace.probe(2));
        assertEquals(2, match(trace, icmpv6Error(r, a, 3, 0, probe), answer));
        assertEquals("fd99:91::fe", answer.from);
        assertEquals(2, match(trace, icmpv6Error(r, a, 1, 0, probe), answer));
        assertEquals("!N", answer.mark);
        assertEquals(2, match(trace, icmpv6Error(r, a, 1, 1, probe), answer));
        assertEquals("!X", answer.mark);
        assertEquals(2, match(trace, icmpv6Error(r, a, 1, 3, probe), answer));
        assertEquals("!H", answer.mark);
        // An IPv4 quote in an IPv6 trace (bytes that claim so) is not ours.
        assertEquals(-1, match(trace, icmpv6Error(r, a, 3, 0, ipv4(A, B, IpProtocol.ICMP, 1, trace.probe(2))), answer));
        Trace udp = new Trace(IpProtocol.UDP, true);
        byte[] udpProbe = ipv6(a, b, IpProtocol.UDP, udp.probe(6));
        assertEquals(6, match(udp, icmpv6Error(b, a, 1, 4, udpProbe), answer));
        assertTrue(answer.reached);
    }

    @Test
    void hostileBytesNeverThrowAndNeverMatchOutsideTheTrace() throws Exception {
        Trace icmp = new Trace(IpProtocol.ICMP, false);
        Trace udp = new Trace(IpProtocol.UDP, false);
        Trace tcp = new Trace(IpProtocol.TCP, false);
        Trace icmp6 = new Trace(IpProtocol.ICMP6, true);
        byte[] a6 = v6("fd99:91::1");
        byte[] b6 = v6("fd99:92::1");
        List<byte[]> corpus = new ArrayList<>(List.of(
                icmpError(R, A, 11, 0, ipv4(A, B, IpProtocol.ICMP, 1, icmp.probe(1)), 20),
                icmpError(R, A, 3, 3, ipv4(A, B, IpProtocol.UDP, 1, udp.probe(1)), 20),
                icmpError(R, A, 11, 0, ipv4(A, B, IpProtocol.TCP, 1, tcp.probe(1)), 20),
                echoReply(B, A, ID, 3),
                tcp(B, A, 80, tcp.template.portFor(2), TcpFlags.RST | TcpFlags.ACK, tcp.template.tcpSequence() + 1),
                icmpv6Error(v6("fd99:91::fe"), a6, 3, 0, ipv6(a6, b6, IpProtocol.ICMP6, icmp6.probe(1)))));
        Random random = new Random(15);
        TraceAnswer answer = new TraceAnswer();
        for (Trace trace : List.of(icmp, udp, tcp, icmp6)) {
            for (byte[] packet : corpus) {
                for (int length = 0; length <= packet.length; length++) {
                    long n = match(trace, Arrays.copyOf(packet, length), answer);
                    assertTrue(n >= -1 && n < HOPS * PER_HOP, "probe " + n);
                }
                for (int round = 0; round < 300; round++) {
                    byte[] bent = packet.clone();
                    int flips = 1 + random.nextInt(4);
                    for (int f = 0; f < flips; f++) {
                        int bit = random.nextInt(bent.length * 8);
                        bent[bit / 8] ^= (byte) (1 << (bit % 8));
                    }
                    long n = match(trace, bent, answer);
                    assertTrue(n >= -1 && n < HOPS * PER_HOP, "probe " + n);
                }
            }
        }
    }

    @Test
    void hopLinesReadAsTraceroutesWithASecondRouterSilenceAndMarks() {
        TraceHops hops = new TraceHops(5, 3, 1_000_000_000L);
        for (int n = 0; n < 6; n++) {
            hops.sent(n, 1_000_000L * n, 0);
        }
        hops.answer(0, 61_000, answer("169.254.91.254", null, false));
        hops.answer(2, 2_000_000 + 52_000, answer("169.254.91.253", null, false));
        hops.answer(3, 3_000_000 + 1_500_000, answer("169.254.93.254", "!H", false));
        hops.answer(4, 4_000_000 + 1_250_000, answer("169.254.93.254", "!H", false));
        assertEquals(" 1  169.254.91.254  0.061 ms * 169.254.91.253  0.052 ms\n", TracePrinter.line(hops, 1, 0));
        assertEquals(" 2  169.254.93.254  1.500 ms !H  1.250 ms !H *\n", TracePrinter.line(hops, 2, 3));
        assertTrue(hops.complete(1, 2_000_000_000L));
        assertFalse(hops.complete(1, 0), "a silent probe still within its wait keeps the hop open");
        assertFalse(hops.last(1));
        assertTrue(hops.last(2), "two unreachables of three end the trace, as traceroute's rule");
        assertFalse(hops.answer(0, 70_000, answer("169.254.91.254", null, false)), "a duplicate is not kept");
        assertFalse(hops.answer(5, 5_000_000 + 1_000_000_001L, answer("169.254.93.254", null, true)),
                "an answer after the wait is no answer");
    }

    @Test
    void jsonObjectsHoldToTheSchema() throws Exception {
        TraceHops hops = new TraceHops(2, 3, 1_000_000_000L);
        for (int n = 0; n < 6; n++) {
            hops.sent(n, 0, 0);
        }
        hops.answer(0, 61_000, answer("169.254.91.254", null, false));
        hops.answer(1, 62_000, answer("169.254.91.253", "!H", false));
        hops.answer(3, 70_000, answer("169.254.92.1", null, true));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        TracePrinter printer = new TracePrinter(bytes, true);
        printer.hop(hops, 1);
        printer.hop(hops, 2);
        List<String> lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(8, lines.size(), String.join("\n", lines));
        for (String line : lines) {
            rawsock.testing.JsonSchemaCheck.trace(rawsock.testing.Json.object(line));
        }
        assertEquals("{\"hop\":1,\"addresses\":[\"169.254.91.254\",\"169.254.91.253\"],\"sent\":3,\"answered\":2,"
                + "\"reached\":false,\"last\":false}", lines.get(3));
        assertEquals("{\"hop\":1,\"probe\":3,\"silent\":true,\"reached\":false}", lines.get(2));
    }

    private static TraceAnswer answer(String from, String mark, boolean reached) {
        TraceAnswer answer = new TraceAnswer();
        answer.clear();
        answer.from = from;
        answer.mark = mark;
        answer.reached = reached;
        answer.kind = "time-exceeded";
        return answer;
    }
}
