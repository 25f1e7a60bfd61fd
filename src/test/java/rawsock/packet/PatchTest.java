package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rawsock.testing.RecordedFields;

/**
 * The send loop builds a packet once and then patches fields in place. Each patch must leave the
 * same bytes as building the packet anew with the new value (the builders are checked against
 * real captures in BuilderTest), and the decoder must still verify every checksum.
 */
class PatchTest {
    private static final byte[] SRC = TestBytes.ip(192, 0, 2, 1);
    private static final byte[] DST = TestBytes.ip(192, 0, 2, 2);
    private final Random random = new Random(792);
    private final PacketDecoder decoder = new PacketDecoder();

    private static ByteBuffer ping(int id, int ipId, int seq, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocateDirect(28 + payload.length);
        new Ipv4Builder().id(ipId).protocol(IpProtocol.ICMP).src(SRC).dst(DST).build().emit(out, 8 + payload.length);
        new IcmpBuilder().id(id).seq(seq).build().emit(out, ByteBuffer.wrap(payload));
        return out.flip();
    }

    private static String hex(ByteBuffer buf) {
        return TestBytes.hex(buf, 0, buf.limit());
    }

    private void assertAllChecksumsVerify(ByteBuffer packet) {
        RecordedFields ip = RecordedFields.of(decoder.decode(packet, LinkType.RAW).layer(0));
        RecordedFields transport = RecordedFields.of(decoder.decode(packet, LinkType.RAW).layer(1));
        assertEquals(true, ip.get("checksum_ok"));
        assertEquals(true, transport.get("checksum_ok"));
    }

    @Test
    void icmpSeqPatchedIncrementally() {
        byte[] payload = new byte[56];
        random.nextBytes(payload);
        ByteBuffer packet = ping(4242, 1, 0, payload);
        for (int n = 0; n < 2000; n++) {
            int seq = random.nextInt(0x10000);
            Icmp.patchSeq(packet, 20, seq);
            assertEquals(hex(ping(4242, 1, seq, payload)), hex(packet), "seq " + seq);
        }
        assertAllChecksumsVerify(packet);
    }

    @Test
    void icmpWriteThenFullUpdate() {
        byte[] payload = new byte[31];
        random.nextBytes(payload);
        ByteBuffer packet = ping(1, 1, 1, payload);
        for (int seq = 0; seq < 70000; seq += 997) {
            Icmp.writeSeq(packet, 20, seq & 0xffff);
            Icmp.updateChecksum(packet, 20, 8 + payload.length);
            Ipv4.updateHeaderChecksum(packet, 0);
            assertEquals(hex(ping(1, 1, seq & 0xffff, payload)), hex(packet));
        }
    }
    private static ByteBuffer syn(int sport, long seq, long ack, byte[] payload) {
        TcpBuilder tcp = new TcpBuilder().sport(sport).dport(80).seq(seq).ack(ack)
                .options(TestBytes.hex("0204 05b4"));
        ByteBuffer out = ByteBuffer.allocateDirect(44 + payload.length);
        new Ipv4Builder().protocol(IpProtocol.TCP).src(SRC).dst(DST).build().emit(out, tcp.build().headerLength() + payload.length);
        tcp.build().emit(out, ByteBuffer.wrap(payload), SRC, DST);
        return out.flip();
    }

    @Test
    void tcpPortPatchedIncrementally() {
        byte[] payload = new byte[13];
        random.nextBytes(payload);
        ByteBuffer packet = syn(40000, 1, 0, payload);
        for (int n = 0; n < 2000; n++) {
            int sport = random.nextInt(0x10000);
            Tcp.patchSourcePort(packet, 20, sport);
            assertEquals(hex(syn(sport, 1, 0, payload)), hex(packet));
        }
        assertAllChecksumsVerify(packet);
    }

    @Test
    void tcpWriteThenFullUpdate() {
        ByteBuffer packet = syn(1, 1, 1, new byte[0]);
        long pseudo = Checksum.pseudoHeader(SRC, DST, IpProtocol.TCP, 24);
        Tcp.writeSourcePort(packet, 20, 65535);
        Tcp.updateChecksum(packet, 20, 24, pseudo);
        assertEquals(hex(syn(65535, 1, 1, new byte[0])), hex(packet));
    }

    private static ByteBuffer udp(int sport, int dport, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocateDirect(28 + payload.length);
        new Ipv4Builder().protocol(IpProtocol.UDP).src(SRC).dst(DST).build().emit(out, 8 + payload.length);
        new UdpBuilder().sport(sport).dport(dport).build().emit(out, ByteBuffer.wrap(payload), SRC, DST);
        return out.flip();
    }

    @Test
    void udpSourcePortPatchedIncrementally() {
        byte[] payload = new byte[20];
        random.nextBytes(payload);
        ByteBuffer packet = udp(5000, 53, payload);
        for (int n = 0; n < 2000; n++) {
            int sport = random.nextInt(0x10000);
            Udp.patchSourcePort(packet, 20, sport);
            ByteBuffer fresh = udp(sport, 53, payload);
            int got = packet.getShort(26) & 0xffff;
            int want = fresh.getShort(26) & 0xffff;
            // 0x0000 and 0xffff are the same ones'-complement value; RFC 768 sends 0xffff.
            assertEquals(want, got == 0 ? 0xffff : got);
            assertEquals(hex(fresh), hex(packet));
        }
        assertAllChecksumsVerify(packet);
        Udp.writeSourcePort(packet, 20, 1);
        Udp.updateChecksum(packet, 20, 28, Checksum.pseudoHeader(SRC, DST, IpProtocol.UDP, 28));
        assertEquals(hex(udp(1, 53, payload)), hex(packet));
    }

    @Test
    void udpWithoutChecksumStaysWithout() {
        ByteBuffer out = ByteBuffer.allocate(8);
        new UdpBuilder().sport(1).dport(2).checksum(0).build().emit(out, null, null, null);
        Udp.patchSourcePort(out, 0, 1234);
        assertEquals(1234, out.getShort(0));
        assertEquals(0, out.getShort(6));
    }

    @Test
    void timestampPatch() {
        byte[] payload = IcmpFields.timestampPayload(0);
        ByteBuffer packet = ByteBuffer.allocate(20);
        new IcmpBuilder().type(IcmpTypes.TIMESTAMP).id(3).seq(4).build().emit(packet, ByteBuffer.wrap(payload));
        Icmp.patchOriginateTimestamp(packet, 0, 12_345_678);
        ByteBuffer fresh = ByteBuffer.allocate(20);
        new IcmpBuilder().type(IcmpTypes.TIMESTAMP).id(3).seq(4)
                .build().emit(fresh, ByteBuffer.wrap(IcmpFields.timestampPayload(12_345_678)));
        assertEquals(TestBytes.hex(fresh, 0, 20), TestBytes.hex(packet, 0, 20));
    }
}
