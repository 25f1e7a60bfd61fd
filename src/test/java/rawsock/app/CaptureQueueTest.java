package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import rawsock.packet.PacketMeta;

/**
 * The capture queue on its own: records come out as they went in (bytes and metadata, in order,
 * across chunks, also with a producer on another thread), a full queue refuses and counts, and
 * read chunks are given back so a drained queue holds memory for no more than what is queued.
 */
class CaptureQueueTest {
    private static ByteBuffer packet(int number, int length) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        for (int i = 0; i < length; i++) {
            b.put(i, (byte) (number * 31 + i));
        }
        return b;
    }

    private static void assertPacket(int number, int length, PacketMeta meta, ByteBuffer got) {
        assertEquals(length, got.remaining(), "length of " + number);
        assertEquals(length, meta.capturedLength());
        assertEquals(1_000_000_000L + number, meta.timestampNanos());
        assertEquals(number % 7, meta.ifindex());
        assertEquals(length + 10, meta.wireLength());
        assertEquals(number % 5 - 1, meta.pktType());
        for (int i = 0; i < length; i++) {
            assertEquals((byte) (number * 31 + i), got.get(got.position() + i), "byte " + i + " of " + number);
        }
    }

    private static boolean offer(CaptureQueue queue, int number, int length) {
        return queue.offer(1_000_000_000L + number, number % 7, length + 10, number % 5 - 1, packet(number, length));
    }

    @Test
    void recordsComeOutInOrderAcrossChunksFromAnotherThread() throws Exception {
        CaptureQueue queue = new CaptureQueue(64L << 20);
        int count = 20_000;
        int[] lengths = ThreadLocalRandom.current().ints(count, 1, 600).toArray();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                assertTrue(offer(queue, i, lengths[i]));
                if (i % 32 == 31) {
                    queue.publish();
                }
            }
            queue.finish();
        });
        producer.start();
        PacketMeta meta = new PacketMeta();
        int read = 0;
        try {
            while (!queue.drained()) {
                ByteBuffer got = queue.poll(meta);
                if (got == null) {
                    queue.await(10_000_000);
                    continue;
                }
                assertPacket(read, lengths[read], meta, got);
                read++;
            }
            producer.join();
            assertEquals(count, read);
            assertEquals(0, queue.dropped());
            assertTrue(queue.peakBytes() > 0);
        } finally {
            queue.release();
        }
    }

    @Test
    void aFullQueueCountsWhatItRefusesAndTakesMoreOnceRead() {
        CaptureQueue queue = new CaptureQueue(1);   // rounded up to two chunks of 1 MiB
        assertEquals(2L * CaptureQueue.CHUNK, queue.limitBytes());
        int length = 1000;
        int offered = 0;
        while (offer(queue, offered, length)) {
            offered++;
        }
        assertEquals(1, queue.dropped());
        assertFalse(offer(queue, offered, length));
        assertEquals(2, queue.dropped());
        assertTrue(queue.peakBytes() <= queue.limitBytes() && queue.peakBytes() > CaptureQueue.CHUNK, "peak");
        queue.publish();
        PacketMeta meta = new PacketMeta();
        try {
            for (int i = 0; i < offered; i++) {
                assertPacket(i, length, meta, queue.poll(meta));
            }
            assertNull(queue.poll(meta));
            // The first chunk was given back when the reader left it: room again.
            assertTrue(offer(queue, offered, length), "a read chunk makes room");
        } finally {
            queue.release();
        }
    }
}
