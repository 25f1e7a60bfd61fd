package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rawsock.testing.RecordedFields;

/**
 * The send loop builds an IPv6 packet once and patches it in place. Each patch must leave the
 * same bytes as building the packet anew (the builders are checked against real captures in
 * Ipv6BuilderTest), and the decoder must still verify the ICMPv6 checksum.
 */
class Ipv6PatchTest {
    private static final byte[] SRC = TestBytes.hex("2001 0db8 0000 0000 0000 0000 0000 0001");
    private static final byte[] DST = TestBytes.hex("2001 0db8 0000 0000 0000 0000 0000 0002");
    private static final int ICMP = Ipv6.HEADER_LENGTH;
    private final Random random = new Random(8200);
    private final PacketDecoder decoder = new PacketDecoder();

    private static ByteBuffer ping(int flow, int tclass, int hlim, int id, int seq, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocateDirect(48 + payload.length);
        new Ipv6Builder().flowLabel(flow).trafficClass(tclass).hopLimit(hlim).nextHeader(IpProtocol.ICMP6).src(SRC).dst(DST)
                .build().emit(out, 8 + payload.length);
        new Icmpv6Builder().id(id).seq(seq).build().emit(out, ByteBuffer.wrap(payload), SRC, DST);
        return out.flip();
    }

    private static String hex(ByteBuffer buf) {
        return TestBytes.hex(buf, 0, buf.limit());
    }

    private void assertChecksumVerifies(ByteBuffer packet) {
        assertEquals(true, RecordedFields.of(decoder.decode(packet, LinkType.RAW).layer(1)).get("checksum_ok"));
    }

    @Test
    void icmpv6SeqAndIdPatchedIncrementally() {
        byte[] payload = new byte[56];
        random.nextBytes(payload);
        ByteBuffer packet = ping(0, 0, 64, 4242, 0, payload);
        for (int n = 0; n < 2000; n++) {
            int seq = random.nextInt(0x10000);
            int id = random.nextInt(0x10000);
            Icmpv6.patchSeq(packet, ICMP, seq);
            Icmpv6.patchId(packet, ICMP, id);
            assertEquals(hex(ping(0, 0, 64, id, seq, payload)), hex(packet), "seq " + seq + " id " + id);
        }
        assertChecksumVerifies(packet);
    }

    @Test
    void icmpv6WriteThenFullUpdate() {
        byte[] payload = new byte[31];
        random.nextBytes(payload);
        ByteBuffer packet = ping(0, 0, 64, 1, 1, payload);
        long pseudo = Checksum.pseudoHeader(SRC, DST, IpProtocol.ICMP6, 8 + payload.length);
        for (int seq = 0; seq < 70000; seq += 997) {
            Icmpv6.writeSeq(packet, ICMP, seq & 0xffff);
            Icmpv6.writeId(packet, ICMP, (seq * 7) & 0xffff);
            Icmpv6.updateChecksum(packet, ICMP, 8 + payload.length, pseudo);
            assertEquals(hex(ping(0, 0, 64, (seq * 7) & 0xffff, seq & 0xffff, payload)), hex(packet));
        }
        assertChecksumVerifies(packet);
    }

    /** Flow label, traffic class and hop limit are outside the pseudo-header: written, nothing else changes. */
    @Test
    void headerFieldsWritten() {
        byte[] payload = new byte[8];
        ByteBuffer packet = ping(0, 0, 64, 9, 9, payload);
        for (int n = 0; n < 500; n++) {
            int flow = random.nextInt(Ipv6.MAX_FLOW_LABEL + 1);
            int tclass = random.nextInt(256);
            int hlim = random.nextInt(256);
            Ipv6.writeFlowLabel(packet, 0, flow);
            Ipv6.writeTrafficClass(packet, 0, tclass);
            Ipv6.writeHopLimit(packet, 0, hlim);
            assertEquals(hex(ping(flow, tclass, hlim, 9, 9, payload)), hex(packet));
        }
        assertChecksumVerifies(packet);
    }

    /** The payload length is in the pseudo-header: after writing it, the upper layer is recomputed. */
    @Test
    void payloadLengthAndNextHeaderWritten() {
        ByteBuffer packet = ByteBuffer.allocate(64);
        new Ipv6Builder().nextHeader(IpProtocol.ICMP6).src(SRC).dst(DST).build().emit(packet, 16);
        new Icmpv6Builder().id(5).seq(6).build().emit(packet, ByteBuffer.wrap(new byte[8]), SRC, DST);
        Ipv6.writePayloadLength(packet, 0, 12);
        Ipv6.writeNextHeader(packet, 0, IpProtocol.ICMP6);
        Icmpv6.updateChecksum(packet, ICMP, 12, Checksum.pseudoHeader(SRC, DST, IpProtocol.ICMP6, 12));
        ByteBuffer fresh = ByteBuffer.allocate(64);
        new Ipv6Builder().nextHeader(IpProtocol.ICMP6).src(SRC).dst(DST).build().emit(fresh, 12);
        new Icmpv6Builder().id(5).seq(6).build().emit(fresh, ByteBuffer.wrap(new byte[4]), SRC, DST);
        assertEquals(TestBytes.hex(fresh, 0, 52), TestBytes.hex(packet, 0, 52));
    }

    /** UDP and TCP over IPv6 reuse the IPv4 patch helpers; the pseudo-header is fixed, so they work unchanged. */
    @Test
    void udpAndTcpPatchesOverIpv6() {
        byte[] data = new byte[10];
        random.nextBytes(data);
        for (int n = 0; n < 500; n++) {
            int sport = random.nextInt(0x10000);
            long seq = random.nextLong() & 0xffffffffL;
            ByteBuffer udp = udp(1, data);
            Udp.patchSourcePort(udp, ICMP, sport);
            assertEquals(hex(udp(sport, data)), hex(udp));
            ByteBuffer tcp = tcp(1, data);
            Tcp.patchSeq(tcp, ICMP, seq);
            assertEquals(hex(tcp(seq, data)), hex(tcp));
            if (n == 0) {
                assertChecksumVerifies(udp);
                assertChecksumVerifies(tcp);
            }
        }
    }

    private static ByteBuffer udp(int sport, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(58);
        new Ipv6Builder().nextHeader(IpProtocol.UDP).src(SRC).dst(DST).build().emit(out, 18);
        new UdpBuilder().sport(sport).dport(53).build().emit(out, ByteBuffer.wrap(data), SRC, DST);
        return out.flip();
    }

    private static ByteBuffer tcp(long seq, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(70);
        new Ipv6Builder().nextHeader(IpProtocol.TCP).src(SRC).dst(DST).build().emit(out, 30);
        new TcpBuilder().sport(1).dport(2).seq(seq).build().emit(out, ByteBuffer.wrap(data), SRC, DST);
        return out.flip();
    }
}
