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
    void icmpv6SeqPatchedIncrementally() {
        byte[] payload = new byte[56];
        random.nextBytes(payload);
        ByteBuffer packet = ping(0, 0, 64, 4242, 0, payload);
        for (int n = 0; n < 2000; n++) {
            int seq = random.nextInt(0x10000);
            Icmpv6.patchSeq(packet, ICMP, seq);
            assertEquals(hex(ping(0, 0, 64, 4242, seq, payload)), hex(packet), "seq " + seq);
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
            Icmpv6.updateChecksum(packet, ICMP, 8 + payload.length, pseudo);
            assertEquals(hex(ping(0, 0, 64, 1, seq & 0xffff, payload)), hex(packet));
        }
        assertChecksumVerifies(packet);
    }

    /** The hop limit is outside the pseudo-header: written, nothing else changes. */
    @Test
    void headerFieldsWritten() {
        byte[] payload = new byte[8];
        ByteBuffer packet = ping(0, 0, 64, 9, 9, payload);
        for (int n = 0; n < 500; n++) {
            int hlim = random.nextInt(256);
            Ipv6.writeHopLimit(packet, 0, hlim);
            assertEquals(hex(ping(0, 0, hlim, 9, 9, payload)), hex(packet));
        }
        assertChecksumVerifies(packet);
    }
    /** UDP and TCP over IPv6 reuse the IPv4 patch helpers; the pseudo-header is fixed, so they work unchanged. */
    @Test
    void udpAndTcpPatchesOverIpv6() {
        byte[] data = new byte[10];
        random.nextBytes(data);
        for (int n = 0; n < 500; n++) {
            int sport = random.nextInt(0x10000);
            ByteBuffer udp = udp(1, data);
            Udp.patchSourcePort(udp, ICMP, sport);
            assertEquals(hex(udp(sport, data)), hex(udp));
            ByteBuffer tcp = tcp(1, data);
            Tcp.patchSourcePort(tcp, ICMP, sport);
            assertEquals(hex(tcp(sport, data)), hex(tcp));
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

    private static ByteBuffer tcp(int sport, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(70);
        new Ipv6Builder().nextHeader(IpProtocol.TCP).src(SRC).dst(DST).build().emit(out, 30);
        new TcpBuilder().sport(sport).dport(2).seq(7).build().emit(out, ByteBuffer.wrap(data), SRC, DST);
        return out.flip();
    }
}
