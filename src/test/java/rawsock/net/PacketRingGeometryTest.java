package rawsock.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How --buffer and --snaplen become the ring's blocks. */
class PacketRingGeometryTest {
    @Test
    void theDefaultBufferIs128BlocksOf256KiB() {
        PacketRing.Geometry g = PacketRing.Geometry.of(65535, 32 << 20);
        assertEquals(256 << 10, g.blockSize());
        assertEquals(128, g.blockCount());
        assertEquals(32L << 20, g.bytes());
    }

    @Test
    void everyBlockHoldsAFrameOfTheSnapLength() {
        for (int snaplen : new int[] {1, 64, 1500, 9000, 65535, 65536, 200_000, 262_144}) {
            for (int buffer : new int[] {4096, 65536, 1 << 20, 32 << 20, 1 << 30}) {
                PacketRing.Geometry g = PacketRing.Geometry.of(snaplen, buffer);
                String what = "snaplen " + snaplen + ", buffer " + buffer + ": " + g;
                // block header + frame header, sockaddr_ll and alignment (<= 98 for Ethernet) + the bytes
                assertTrue(g.blockSize() >= Layouts.TPACKET_BLOCK_DESC_SIZE + 98 + snaplen, what);
                assertTrue(g.frameSize() >= snaplen + 98 && g.frameSize() % 16 == 0, what);
                assertTrue(g.frameSize() <= g.blockSize(), what);
                assertEquals(0, g.blockSize() % PacketRing.MIN_BLOCK, what);   // whole pages of any size
                assertEquals(1, Integer.bitCount(g.blockSize()), what);
                assertTrue(g.blockCount() >= 2, what);
                // The ring follows --buffer: never more than it asks unless two blocks need more.
                assertTrue(g.bytes() <= Math.max(buffer, 2L * g.blockSize()), what);
                assertTrue(g.bytes() > buffer - g.blockSize(), what);
            }
        }
    }

    @Test
    void aSmallBufferGetsSmallerBlocksToKeepSeveral() {
        PacketRing.Geometry g = PacketRing.Geometry.of(1500, 1 << 20);
        assertEquals(64 << 10, g.blockSize());
        assertEquals(16, g.blockCount());
        assertEquals(512 << 10, PacketRing.Geometry.of(262_144, 32 << 20).blockSize());
    }
}
