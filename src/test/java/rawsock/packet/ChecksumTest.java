package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumTest {

    /**
     * RFC 1071 section 3's example: 0001 f203 f4f5 f6f7 sums to 2ddf0, 0xddf2 after the carry.
     * (Unfolded partial sums are not compared: summing 32-bit words is allowed to differ there.)
     */
    @Test
    void rfc1071Example() {
        ByteBuffer buf = ByteBuffer.wrap(TestBytes.hex("0001 f203 f4f5 f6f7"));
        assertEquals(0xddf2, Checksum.fold(Checksum.sum(buf, 0, 8, 0)));
        assertEquals(0x220d, Checksum.compute(buf, 0, 8));
    }

    /** RFC 1071 1(B): byte order independence, swapping every pair swaps the sum. */
    @Test
    void rfc1071ByteSwappedSumIsSwapped() {
        ByteBuffer swapped = ByteBuffer.wrap(TestBytes.hex("0100 03f2 f5f4 f7f6"));
        assertEquals(0xf2dd, Checksum.fold(Checksum.sum(swapped, 0, 8, 0)));
    }

    /** The header Wikipedia's "IPv4 header checksum" article works through: checksum b861. */
    @Test
    void wikipediaHeader() {
        ByteBuffer buf = ByteBuffer.wrap(TestBytes.hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7"));
        assertEquals(0xb861, Checksum.compute(buf, 0, 20));
    }

    /** Real captured headers: zeroing the checksum field and recomputing gives what was sent. */
    @Test
    void capturedIpv4Headers() {
        for (byte[] packet : Captures.all()) {
            int headerLength = (packet[0] & 0x0f) * 4;
            ByteBuffer buf = ByteBuffer.wrap(packet.clone());
            int stored = buf.getShort(10) & 0xffff;
            buf.putShort(10, (short) 0);
            assertEquals(stored, Checksum.compute(buf, 0, headerLength), TestBytes.hex(packet));
            buf.putShort(10, (short) stored);
            assertEquals(0xffff, Checksum.fold(Checksum.sum(buf, 0, headerLength, 0)), "verifies to all ones");
            assertTrue(Checksum.verify(buf, 0, headerLength, 0));
            buf.put(8, (byte) (buf.get(8) + 1));
            assertFalse(Checksum.verify(buf, 0, headerLength, 0), "a changed TTL no longer verifies");
        }
    }

    @Test
    void oddLengthPadsTheLastByteAsHighByte() {
        assertEquals(0xfeff, Checksum.compute(ByteBuffer.wrap(new byte[] {0x01}), 0, 1));
        // 0102 + 0300 = 0402
        assertEquals(~0x0402 & 0xffff, Checksum.compute(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0, 3));
        // 5 bytes: 0102 + 0304 + 0500 = 0906, exercises the 32-bit loop and both tails
        assertEquals(~0x0906 & 0xffff, Checksum.compute(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}), 0, 5));
        // at an odd absolute offset the first byte there is still the high byte
        ByteBuffer shifted = ByteBuffer.wrap(new byte[] {(byte) 0xee, 1, 2, 3});
        assertEquals(~0x0402 & 0xffff, Checksum.compute(shifted, 1, 3));
        assertEquals(0xffff, Checksum.compute(ByteBuffer.allocate(0), 0, 0));
    }

    @Test
    void bufferOrderAndKindDoNotMatter() {
        Random random = new Random(1071);
        for (int n = 0; n < 200; n++) {
            byte[] data = new byte[random.nextInt(70)];
            random.nextBytes(data);
            int offset = random.nextInt(5);
            ByteBuffer heap = ByteBuffer.allocate(data.length + offset);
            heap.put(offset, data);
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length + offset).order(ByteOrder.LITTLE_ENDIAN);
            direct.put(offset, data);
            int expected = slowChecksum(data);
            assertEquals(expected, Checksum.compute(heap, offset, data.length));
            assertEquals(expected, Checksum.compute(direct, offset, data.length));
        }
    }

    /** RFC 1071's definition word by word with end-around carry, for comparison. */
    private static int slowChecksum(byte[] data) {
        int sum = 0;
        for (int i = 0; i < data.length; i += 2) {
            int word = (data[i] & 0xff) << 8 | (i + 1 < data.length ? data[i + 1] & 0xff : 0);
            sum += word;
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    @Test
    void partialSumsAdd() {
        ByteBuffer buf = ByteBuffer.wrap(Captures.PING_REQUEST);
        long whole = Checksum.sum(buf, 20, 64, 0);
        long parts = Checksum.sum(buf, 40, 44, Checksum.sum(buf, 20, 20, 0));
        assertEquals(Checksum.fold(whole), Checksum.fold(parts));
    }

    /** RFC 1624 section 4: m 0x5555 -> 0x3285 under HC 0xdd2f gives 0x0000 by eqn. 3, not -0. */
    @Test
    void rfc1624Example() {
        assertEquals(0x0000, Checksum.update(0xdd2f, 0x5555, 0x3285));
    }

    @Test
    void incrementalUpdateEqualsFullRecompute() {
        Random random = new Random(1624);
        for (int n = 0; n < 5000; n++) {
            int words = 2 + random.nextInt(30);
            ByteBuffer buf = ByteBuffer.allocate(words * 2);
            for (int i = 0; i < words; i++) {
                buf.putShort(2 * i, (short) (random.nextInt(8) == 0 ? 0xffff : random.nextInt(0x10000)));
            }
            buf.putShort(0, (short) 0);
            int checksum = Checksum.compute(buf, 0, words * 2);
            buf.putShort(0, (short) checksum);
            int at = 1 + random.nextInt(words - 1);
            int oldWord = buf.getShort(2 * at) & 0xffff;
            int newWord = random.nextInt(4) == 0 ? 0 : random.nextInt(0x10000);
            int updated = Checksum.update(checksum, oldWord, newWord);
            buf.putShort(2 * at, (short) newWord);
            buf.putShort(0, (short) 0);
            boolean allZero = true;
            for (int i = 1; i < words; i++) {
                allZero &= buf.getShort(2 * i) == 0;
            }
            if (allZero) {
                continue; // the one case where recomputation says 0xffff and eqn. 3 says 0 (equivalent)
            }
            assertEquals(Checksum.compute(buf, 0, words * 2), updated, "case " + n);
        }
    }
    /** A TCP checksum tcpdump computed: the offloaded SYN on lo should carry 0xc989. */
    @Test
    void ipv4PseudoHeaderMatchesTcpdump() {
        ByteBuffer buf = ByteBuffer.wrap(Captures.TCP_SYN_OFFLOADED.clone());
        buf.putShort(36, (short) 0);
        long pseudo = Checksum.pseudoHeader(TestBytes.ip(127, 0, 0, 1), TestBytes.ip(127, 0, 0, 1), 6, 40);
        assertEquals(0xc989, Checksum.finish(Checksum.sum(buf, 20, 40, pseudo)));
        assertEquals(Checksum.fold(pseudo), Checksum.fold(Checksum.pseudoHeader(buf, 12, 16, 4, 6, 40)));
    }

    /**
     * IPv6 (RFC 8200 8.1): tcpdump showed "fe80::1270:fdff:fe48:1077.9091 >
     * fe80::1270:fdff:fe48:1087.44339: [udp sum ok] UDP, length 3" with checksum 0x0b4b.
     */
    @Test
    void ipv6PseudoHeaderMatchesTcpdump() {
        byte[] src = TestBytes.hex("fe80 0000 0000 0000 1270 fdff fe48 1077");
        byte[] dst = TestBytes.hex("fe80 0000 0000 0000 1270 fdff fe48 1087");
        ByteBuffer udp = ByteBuffer.wrap(TestBytes.hex("2383 ad33 000b 0000 7864 70"));
        long pseudo = Checksum.pseudoHeader(src, dst, 17, 11);
        assertEquals(0x0b4b, Checksum.finish(Checksum.sum(udp, 0, 11, pseudo)));
    }

    @Test
    void pseudoHeaderRejectsBadAddresses() {
        assertThrows(IllegalArgumentException.class, () -> Checksum.pseudoHeader(new byte[4], new byte[16], 6, 20));
        assertThrows(IllegalArgumentException.class, () -> Checksum.pseudoHeader(new byte[5], new byte[5], 6, 20));
        assertThrows(IllegalArgumentException.class, () -> Checksum.pseudoHeader(null, new byte[4], 6, 20));
        assertThrows(IllegalArgumentException.class, () -> Checksum.pseudoHeader(new byte[4], new byte[4], 6, 70000));
        assertEquals(0x11 + 70000 % 0x10000 + 1, Checksum.pseudoHeader(new byte[16], new byte[16], 17, 70000));
    }
}
