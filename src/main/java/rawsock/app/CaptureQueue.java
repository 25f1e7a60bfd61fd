package rawsock.app;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import rawsock.net.MappedMemory;
import rawsock.net.NativeException;
import rawsock.packet.PacketMeta;

/**
 * The bounded queue between recv's capture thread (one producer) and its writer (one consumer):
 * packets and their metadata in compact records, one after the other in chunks of memory mapped
 * when the producer needs one and unmapped as soon as the consumer has read it, so an idle or
 * drained queue holds at most the chunk being filled. No object per packet: a record is a
 * {@value #HEADER}-byte header (length, captured length, timestamp, interface, wire length,
 * direction) followed by the bytes, padded to 4.
 *
 * <p>The producer writes records, then publishes them (a volatile store of the chunk's filled
 * length) once per batch; the consumer reads only what is published. When a record does not fit
 * in the chunk being filled and the queue already holds its limit of chunks, the packet is not
 * kept and {@link #dropped} counts it: the capture thread never waits for the writer.
 */
final class CaptureQueue {
    private static final Log LOG = Log.of(CaptureQueue.class);
    /** Every chunk has this size: larger than the largest record (snaplen 262144 plus headroom). */
    static final int CHUNK = 1 << 20;
    static final int HEADER = 28;
    private static final int RECORD_LENGTH = 0;
    private static final int CAPTURED = 4;
    private static final int TIMESTAMP = 8;
    private static final int IFINDEX = 16;
    private static final int WIRE = 20;
    private static final int PKTTYPE = 24;

    /** A chunk of records; the first one of a queue is an empty placeholder without memory. */
    private static final class Chunk {
        final MappedMemory memory;
        final ByteBuffer write;
        final ByteBuffer read;
        final int capacity;
        /** Bytes of whole records the consumer may read. */
        volatile int published;
        /** Set after the last publish of this chunk: the producer has moved on. */
        volatile Chunk next;

        Chunk(MappedMemory memory) {
            this.memory = memory;
            this.write = memory == null ? null : memory.buffer().duplicate();
            this.read = memory == null ? null : memory.buffer().duplicate();
            this.capacity = memory == null ? 0 : memory.size();
        }

        void release() {
            if (memory != null) {
                memory.release();
            }
        }
    }

    private final int maxChunks;
    private final AtomicInteger chunks = new AtomicInteger();

    // Producer side.
    private Chunk tail;
    private int writeAt;
    private long producedBytes;
    private long peakBytes;
    private long dropped;
    private boolean mapFailed;

    // Consumer side.
    private Chunk head;
    private int readAt;
    private volatile long consumedBytes;
    private volatile Thread consumer;
    private volatile boolean consumerWaiting;
    private volatile boolean finished;

    /** A queue of at most {@code limitBytes}, rounded up to whole chunks (at least two). */
    CaptureQueue(long limitBytes) {
        this.maxChunks = (int) Math.max(2, Math.min(Integer.MAX_VALUE, (limitBytes + CHUNK - 1) / CHUNK));
        this.tail = new Chunk(null);
        this.head = tail;
    }

    /** The most the queue may hold, in bytes. */
    long limitBytes() {
        return (long) maxChunks * CHUNK;
    }

    // ---- producer ----------------------------------------------------------------------------

    /**
     * Appends one packet (its bytes from position to limit, which are not moved); returns false,
     * counting it in {@link #dropped}, when the queue is full. Visible to the consumer after the
     * next {@link #publish}.
     */
    boolean offer(long timestampNanos, int ifindex, int wireLength, int pktType, ByteBuffer packet) {
        int captured = packet.remaining();
        int length = (HEADER + captured + 3) & ~3;
        if (writeAt + length > tail.capacity && !advance()) {
            dropped++;
            return false;
        }
        ByteBuffer out = tail.write;
        out.putInt(writeAt + RECORD_LENGTH, length);
        out.putInt(writeAt + CAPTURED, captured);
        out.putLong(writeAt + TIMESTAMP, timestampNanos);
        out.putInt(writeAt + IFINDEX, ifindex);
        out.putInt(writeAt + WIRE, wireLength);
        out.putInt(writeAt + PKTTYPE, pktType);
        out.put(writeAt + HEADER, packet, packet.position(), captured);
        writeAt += length;
        producedBytes += length;
        long queued = producedBytes - consumedBytes;
        if (queued > peakBytes) {
            peakBytes = queued;
        }
        return true;
    }

    /** Moves to a fresh chunk when the limit allows one; false when the queue is full. */
    private boolean advance() {
        if (chunks.get() >= maxChunks) {
            return false;
        }
        MappedMemory memory;
        try {
            memory = MappedMemory.map(CHUNK);
        } catch (NativeException e) {
            if (!mapFailed) {
                mapFailed = true;
                LOG.warn("capture queue: no memory for another chunk ({}); packets are dropped until the writer "
                        + "catches up", e.getMessage());
            }
            return false;
        }
        chunks.incrementAndGet();
        Chunk next = new Chunk(memory);
        tail.published = writeAt;
        tail.next = next;
        tail = next;
        writeAt = 0;
        return true;
    }

    /** Makes every record offered so far visible to the consumer, and wakes it if it waits. */
    void publish() {
        if (tail.published != writeAt) {
            tail.published = writeAt;
        }
        wake();
    }

    /** The producer is done: after what it published, the queue ends. */
    void finish() {
        publish();
        finished = true;
        wake();
    }

    private void wake() {
        if (consumerWaiting) {
            Thread waiting = consumer;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
    }

    /** Packets the queue had no room for. Producer's count: read it after the producer ended. */
    long dropped() {
        return dropped;
    }

    /** The most bytes the queue held at once. Producer's figure: read it after the producer ended. */
    long peakBytes() {
        return peakBytes;
    }

    // ---- consumer ----------------------------------------------------------------------------

    /**
     * The next packet, described in {@code meta} (interface name left to the caller): a buffer
     * positioned on its bytes, valid until the next call; null when nothing is published yet.
     */
    ByteBuffer poll(PacketMeta meta) {
        Chunk chunk = head;
        while (readAt >= chunk.published) {
            Chunk next = chunk.next;
            // Read the length again after seeing next: the producer's last publish came before it.
            if (next == null || readAt < chunk.published) {
                if (next == null) {
                    return null;
                }
                break;
            }
            head = next;
            readAt = 0;
            if (chunk.memory != null) {
                chunk.release();
                chunks.decrementAndGet();
            }
            chunk = next;
        }
        ByteBuffer in = chunk.read;
        in.limit(in.capacity());
        int at = readAt;
        int length = in.getInt(at + RECORD_LENGTH);
        int captured = in.getInt(at + CAPTURED);
        meta.reset();
        meta.timestampNanos(in.getLong(at + TIMESTAMP)).ifindex(in.getInt(at + IFINDEX))
                .wireLength(in.getInt(at + WIRE)).capturedLength(captured).pktType(in.getInt(at + PKTTYPE));
        in.limit(at + HEADER + captured).position(at + HEADER);
        readAt = at + length;
        consumedBytes += length;
        return in;
    }

    /** True when the producer is done and everything it published has been read. */
    boolean drained() {
        return finished && readAt >= head.published && head.next == null;
    }

    /**
     * Waits at most {@code nanos} for the producer to publish (or finish). Returns at once when
     * something is already there.
     */
    void await(long nanos) {
        consumer = Thread.currentThread();
        consumerWaiting = true;
        try {
            if (readAt < head.published || head.next != null || finished) {
                return;
            }
            LockSupport.parkNanos(this, nanos);
        } finally {
            consumerWaiting = false;
        }
    }

    /** Unmaps every chunk still held; call when neither side uses the queue any more. */
    void release() {
        for (Chunk chunk = head; chunk != null; chunk = chunk.next) {
            chunk.release();
        }
        chunks.set(0);
    }
}
