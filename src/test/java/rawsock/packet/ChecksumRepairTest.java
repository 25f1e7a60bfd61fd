package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checked against tcpdump: packets it called correct come back byte for byte after their
 * checksums were wiped, and offloaded captures get the value tcpdump said they should have.
 */
class ChecksumRepairTest {
    private static final ChecksumRepair REPAIR = new ChecksumRepair();

    /** Real packets whose checksums tcpdump verified, with the offsets of every checksum in them. */
    private static final Object[][] CORRECT = {
        {Captures.PING_REQUEST, new int[] {10, 22}},
        {Captures.PING_REPLY, new int[] {10, 22}},
        {Captures.TCP_SYN, new int[] {10, 36}},
        {Captures.TCP_SYN_ACK_NOPS, new int[] {10, 36}},
        {Captures.DNS_RESPONSE, new int[] {10, 26}},
        {Captures.PORT_UNREACHABLE, new int[] {10, 22}},
        {Captures.IGMP_V1_REPORT_PADDED, new int[] {10, 22}},
        {Captures.IGMP_V2_REPORT, new int[] {10, 26}},
        {Captures6.ECHO_REQUEST, new int[] {42}},
        {Captures6.MLDV2_REPORT_HOP_BY_HOP, new int[] {50}},
        {Captures6.TCP_SYN, new int[] {56}},
        {Captures6.UDP_XDP, new int[] {46}},
    };

    @Test
    void wipedChecksumsComeBackAsTcpdumpVerifiedThem() {
        for (Object[] row : CORRECT) {
            byte[] original = (byte[]) row[0];
            byte[] wiped = original.clone();
            for (int offset : (int[]) row[1]) {
                wiped[offset] = (byte) 0xde;
                wiped[offset + 1] = (byte) 0xad;
            }
            ByteBuffer packet = ByteBuffer.wrap(wiped);
            assertTrue(REPAIR.repair(packet), TestBytes.hex(original));
            assertArrayEquals(original, wiped, TestBytes.hex(original));
            assertEquals(0, packet.position());
        }
    }

    @Test
    void offloadedCapturesGetTheChecksumTcpdumpComputed() {
        assertEquals(0xc989, repairedWord(Captures.TCP_SYN_OFFLOADED, 36)); // "incorrect -> 0xc989"
        assertEquals(0xef02, repairedWord(Captures.DNS_QUERY_OFFLOADED, 26)); // "bad udp cksum 0xb6a9 -> 0xef02"
        assertEquals(0x7d18, repairedWord(Captures6.TCP_SYN_LOOPBACK_OFFLOADED, 56)); // "incorrect -> 0x7d18"
    }

    @Test
    void repairsThePacketAtTheBuffersPositionAndNothingAroundIt() {
        byte[] framed = new byte[14 + Captures.TCP_SYN_OFFLOADED.length + 6];
        System.arraycopy(Captures.TCP_SYN_OFFLOADED, 0, framed, 14, Captures.TCP_SYN_OFFLOADED.length);
        ByteBuffer buffer = ByteBuffer.wrap(framed);
        buffer.position(14);
        assertTrue(REPAIR.repair(buffer));
        assertEquals(0xc989, ((framed[14 + 36] & 0xff) << 8) | (framed[14 + 37] & 0xff));
        for (int i = 0; i < 14; i++) {
            assertEquals(0, framed[i]);
        }
    }

    /** A QinQ frame (0x88a8 outside 0x8100) and one with the pre-standard 0x9100 tag. */
    @Test
    void theIpPacketInsideAStackOfVlanTagsIsRepaired() {
        for (String tags : new String[] {"88a8" + "0064" + "8100" + "00c8", "9100" + "0064" + "8100" + "00c8", ""}) {
            byte[] header = TestBytes.hex("020000009902" + "020000009901" + tags + "0800");
            byte[] frame = new byte[header.length + Captures.DNS_QUERY_OFFLOADED.length];
            System.arraycopy(header, 0, frame, 0, header.length);
            System.arraycopy(Captures.DNS_QUERY_OFFLOADED, 0, frame, header.length, Captures.DNS_QUERY_OFFLOADED.length);
            ByteBuffer buffer = ByteBuffer.wrap(frame);
            assertTrue(REPAIR.repairFrame(buffer), tags);
            int udpChecksum = header.length + 26;
            assertEquals(0xef02, ((frame[udpChecksum] & 0xff) << 8) | (frame[udpChecksum + 1] & 0xff), tags);
            assertEquals(0, buffer.position());
            assertEquals(frame.length, buffer.limit());
        }
        byte[] arp = TestBytes.hex("ffffffffffff" + "020000009901" + "88a8" + "0064" + "0806" + "0001");
        byte[] before = arp.clone();
        assertFalse(REPAIR.repairFrame(ByteBuffer.wrap(arp)));
        assertArrayEquals(before, arp);
    }

    @Test
    void fragmentsKeepTheirTransportChecksum() {
        byte[] fragment = Captures.DNS_QUERY_OFFLOADED.clone();
        fragment[6] |= 0x20; // more fragments: the UDP checksum covers bytes this packet lacks
        fragment[10] = 0;
        fragment[11] = 0;
        assertFalse(REPAIR.repair(ByteBuffer.wrap(fragment)));
        assertEquals(0xb6a9, ((fragment[26] & 0xff) << 8) | (fragment[27] & 0xff));
        assertTrue(Checksum.verify(ByteBuffer.wrap(fragment), 0, 20, 0), "the IPv4 header checksum is still repaired");
    }

    @Test
    void aPacketShorterThanItsHeaderSaysIsLeftAlone() {
        byte[] cut = java.util.Arrays.copyOf(Captures.DNS_QUERY_OFFLOADED, Captures.DNS_QUERY_OFFLOADED.length - 1);
        byte[] before = cut.clone();
        assertFalse(REPAIR.repair(ByteBuffer.wrap(cut)));
        assertArrayEquals(before, cut);
    }

    @Test
    void neverThrowsOnAnyPrefixOrRandomBytes() {
        for (byte[][] packets : new byte[][][] {Captures.all(), Captures6.all()}) {
            for (byte[] packet : packets) {
                for (int length = 0; length <= packet.length; length++) {
                    REPAIR.repair(ByteBuffer.wrap(java.util.Arrays.copyOf(packet, length)));
                }
            }
        }
        Random random = new Random(20261128);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(120)];
            random.nextBytes(bytes);
            if (bytes.length > 0) {
                bytes[0] = (byte) ((random.nextBoolean() ? 0x40 : 0x60) | (bytes[0] & 0x0f));
            }
            REPAIR.repair(ByteBuffer.wrap(bytes));
        }
    }

    private static int repairedWord(byte[] capture, int offset) {
        byte[] packet = capture.clone();
        assertTrue(REPAIR.repair(ByteBuffer.wrap(packet)));
        return ((packet[offset] & 0xff) << 8) | (packet[offset + 1] & 0xff);
    }
}
