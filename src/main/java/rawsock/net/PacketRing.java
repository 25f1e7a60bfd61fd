package rawsock.net;

import com.kenai.jffi.MemoryIO;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.Pointer;

/**
 * A TPACKET_V3 receive ring on a packet socket (PACKET_RX_RING): the kernel writes frames
 * straight into memory shared with us, in blocks it hands over whole, so a flood costs one poll()
 * per block instead of a system call and a copy per packet. We read a block's frames where they
 * lie ({@link RingBlock}) and give the block back (block_status = TP_STATUS_KERNEL) before
 * waiting for the next. Not thread-safe; close it before the socket.
 */
public final class PacketRing implements PacketSource {
    /**
     * How long the kernel keeps a block that has packets but is not full before handing it over
     * (tp_retire_blk_tov, ms). This is the delay a lone packet can see before rawsock sees it:
     * measured on lo with a small C reader on Linux 6.18 (hrtimer-driven retirement), from send
     * to poll() returning: 1 ms gave 0.8 ms on average (at most 1.6), 10 ms 5.7 (9.8), 50 ms 33
     * (49). 10 ms is well below what a person at a terminal notices (a first packet through the
     * JVM's cold decoder and writer takes ~100 ms anyway), and it keeps a trickle of packets from
     * using up a block every millisecond: with 128 blocks, a reader stalled by a GC pause loses
     * nothing for 1.28 s however slowly packets come. Older kernels retire on jiffy timers: up to
     * twice this, rounded to ticks.
     */
    static final int RETIRE_MILLIS = 10;
    /**
     * Block size we aim for: 256 KiB holds ~1800 of the smallest frames on a wire (60 bytes, 144
     * with the ring's header), so a flood of half a million packets/s costs ~280 wake-ups a
     * second, while a 32 MiB ring still has 128 blocks (the kernel fills blocks one at a time,
     * and each retired block, even with one packet in it, occupies a slot until we give it back).
     */
    static final int PREFERRED_BLOCK = 256 << 10;
    /** Blocks are a multiple of the page size: 64 KiB is a multiple of every Linux page size. */
    static final int MIN_BLOCK = 64 << 10;
    /**
     * Room in a block per frame beyond its captured bytes: tpacket3_hdr (48), sockaddr_ll (20)
     * and the padding that aligns the network header to 16 (up to 30 with Ethernet's 14-byte
     * header), rounded up to leave room to spare.
     */
    static final int FRAME_OVERHEAD = 128;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final RawSocket socket;
    private final Geometry geometry;
    private final int snaplen;
    private final long address;
    private final ByteBuffer ring;
    private final ByteBuffer packets;
    private final Poller poller;
    private final int wakeMillis;
    private final RingBlock block = new RingBlock();
    private int current;
    private boolean holding;
    private boolean closed;

    /** Sizes of a ring: blocks of {@code blockSize} bytes, {@code blockCount} of them. */
    public static final class Geometry {
        final int blockSize;
        final int blockCount;
        final int frameSize;

        Geometry(int blockSize, int blockCount, int frameSize) {
            this.blockSize = blockSize;
            this.blockCount = blockCount;
            this.frameSize = frameSize;
        }

        /**
         * The ring for {@code bufferBytes} (--buffer) and {@code snaplen}: blocks of
         * {@link #PREFERRED_BLOCK}, or smaller for a small buffer so that it still has 16 blocks
         * (but at least {@link #MIN_BLOCK}), and always large enough for one frame of
         * {@code snaplen} bytes, since the kernel cuts a frame to what its block holds; as many
         * blocks as the buffer holds, at least two (one the kernel fills while we read the other).
         */
        public static Geometry of(int snaplen, int bufferBytes) {
            int frame = Layouts.tpacketAlign(snaplen + FRAME_OVERHEAD);
            int fitsFrame = powerOfTwoAtLeast(frame + Layouts.TPACKET_BLOCK_DESC_SIZE);
            int preferred = Math.max(MIN_BLOCK, Math.min(PREFERRED_BLOCK, Integer.highestOneBit(Math.max(1, bufferBytes / 16))));
            int blockSize = Math.max(fitsFrame, preferred);
            int blockCount = Math.max(2, bufferBytes / blockSize);
            return new Geometry(blockSize, blockCount, frame);
        }

        private static int powerOfTwoAtLeast(int n) {
            int p = Integer.highestOneBit(n);
            return p == n ? n : p << 1;
        }

        public int blockSize() {
            return blockSize;
        }

        public int blockCount() {
            return blockCount;
        }

        public int frameSize() {
            return frameSize;
        }

        public long bytes() {
            return (long) blockSize * blockCount;
        }

        @Override
        public String toString() {
            return blockCount + " blocks of " + (blockSize >> 10) + " KiB (" + (bytes() >> 10) + " KiB), frames up to "
                    + frameSize + " bytes, a block handed over after " + RETIRE_MILLIS + " ms at most";
        }
    }

    private PacketRing(RawSocket socket, Geometry geometry, int snaplen, long address, int wakeMillis) {
        this.socket = socket;
        this.geometry = geometry;
        this.snaplen = snaplen;
        this.address = address;
        this.wakeMillis = wakeMillis;
        int length = (int) geometry.bytes();
        this.ring = MemoryIO.getInstance().newDirectByteBuffer(address, length).order(ByteOrder.nativeOrder());
        this.packets = ring.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.poller = new Poller(socket);
    }

    /**
     * Turns {@code socket} (a packet socket, bound, its filter attached) into a TPACKET_V3 ring of
     * {@code geometry} and maps it. Frames are cut to {@code snaplen}; a receive waits at most
     * {@code wakeMillis}. On failure the socket is left as it was: the ring is torn down again,
     * so the caller can fall back to recvmmsg on the same socket.
     */
    public static PacketRing map(RawSocket socket, Geometry geometry, int snaplen, int wakeMillis)
            throws NativeException {
        socket.setInt(LinuxConstants.SOL_PACKET, LinuxConstants.PACKET_VERSION, LinuxConstants.TPACKET_V3,
                "PACKET_VERSION");
        ByteBuffer req = Native.allocate(Layouts.TPACKET_REQ3_SIZE);
        req.putInt(Layouts.TP_BLOCK_SIZE, geometry.blockSize);
        req.putInt(Layouts.TP_BLOCK_NR, geometry.blockCount);
        req.putInt(Layouts.TP_FRAME_SIZE, geometry.frameSize);
        // V3 frames are variable-sized; the kernel only checks that this is the per-block count.
        req.putInt(Layouts.TP_FRAME_NR, geometry.blockSize / geometry.frameSize * geometry.blockCount);
        req.putInt(Layouts.TP_RETIRE_BLK_TOV, RETIRE_MILLIS);
        setRing(socket, req, "setsockopt(PACKET_RX_RING, " + geometry.blockCount + " x " + geometry.blockSize + ")");
        long address = Native.extra().mmap(null, geometry.bytes(), LinuxConstants.PROT_READ | LinuxConstants.PROT_WRITE,
                LinuxConstants.MAP_SHARED, socket.fd(), 0);
        if (address == -1) {
            int errno = Native.errno();
            setRing(socket, Native.allocate(Layouts.TPACKET_REQ3_SIZE), "setsockopt(PACKET_RX_RING, none)");
            throw NativeException.withHint("mmap(packet ring, " + geometry.bytes() + " bytes)", errno, null);
        }
        return new PacketRing(socket, geometry, snaplen, address, wakeMillis);
    }

    private static void setRing(RawSocket socket, ByteBuffer req, String call) throws NativeException {
        socket.setOption(LinuxConstants.SOL_PACKET, LinuxConstants.PACKET_RX_RING, Native.pointer(req),
                Layouts.TPACKET_REQ3_SIZE, call, null);
    }

    public Geometry geometry() {
        return geometry;
    }

    /** Where the ring is mapped, for diagnostics (it shows in /proc/PID/maps as the socket). */
    public long address() {
        return address;
    }

    /**
     * Gives the block in hand back to the kernel, then waits (poll, at most the wake interval) for
     * the next one. Returns the packets it holds, 0 when none came in time.
     */
    @Override
    public int receive() throws NativeException {
        release();
        if (!ready()) {
            int rc = poller.poll(wakeMillis);
            if (!ready()) {
                if (rc > 0 && poller.failed(0)) {
                    throw socket.pendingError("poll(packet ring)");
                }
                return 0;
            }
        }
        holding = true;
        return block.begin(ring, base(), geometry.blockSize);
    }

    @Override
    public ByteBuffer next(ReceiveInfo info) {
        if (!holding) {
            return null;
        }
        int start = block.next(ring, info, snaplen);
        if (start < 0) {
            return null;
        }
        packets.limit(start + info.capturedLength).position(start);
        return packets;
    }

    private int base() {
        return current * geometry.blockSize;
    }

    /** The block's status with acquire semantics: its frames are read only after the kernel's writes. */
    private boolean ready() {
        return ((int) INT.getAcquire(ring, base() + Layouts.BLOCK_STATUS) & LinuxConstants.TP_STATUS_USER) != 0;
    }

    private void release() {
        if (holding) {
            holding = false;
            // Release semantics: our reads (and the VLAN rewrites) happen before the kernel refills it.
            INT.setRelease(ring, base() + Layouts.BLOCK_STATUS, LinuxConstants.TP_STATUS_KERNEL);
            current = (current + 1) % geometry.blockCount;
        }
    }

    /** Unmaps the ring (the socket's close frees it in the kernel). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            holding = false;
            Native.extra().munmap(Pointer.wrap(Native.RUNTIME, address), geometry.bytes());
        }
    }
}
