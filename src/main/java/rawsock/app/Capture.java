package rawsock.app;

import java.nio.ByteBuffer;
import rawsock.net.Clock;
import rawsock.net.NativeException;
import rawsock.net.PacketSource;
import rawsock.net.RawSocket;
import rawsock.net.ReceiveBatch;
import rawsock.net.ReceiveInfo;

/**
 * recv's capture side: takes packets from the kernel as fast as they come and appends them, with
 * their metadata, to the {@link CaptureQueue}; formatting and writing happen on the other side of
 * the queue, so a slow output fills the queue, not the socket's buffer. Runs on its own thread
 * ({@link #start}) until --count packets are kept, --timeout passes, a signal comes or the writer
 * asks it to stop; a full queue costs the packet, counted, never a wait.
 *
 * <p>Before the thread starts, {@link #readBacklog} takes what the kernel queued while the socket
 * was being configured, judged by a {@link BacklogFilter}.
 */
final class Capture implements Runnable {
    private final RecvSpec spec;
    private final CaptureQueue queue;
    private final Interrupts interrupts;
    private final Ipv6HeaderRebuilder ipv6;
    private final ReceiveInfo info = new ReceiveInfo();
    private PacketSource source;
    private Thread thread;
    private volatile boolean stopRequested;

    // Written by the capturing thread, read by others after it ended.
    private long kept;
    private long kernelDrops = -1;
    private boolean timedOut;
    private Throwable failure;

    Capture(RecvSpec spec, CaptureQueue queue, Interrupts interrupts) {
        this.spec = spec;
        this.queue = queue;
        this.interrupts = interrupts;
        this.ipv6 = spec.mode == RecvSpec.Mode.IPV6 ? new Ipv6HeaderRebuilder(spec.protocol) : null;
    }

    /**
     * Reads, without waiting, what is queued on {@code socket} into {@code batch} and keeps what
     * {@code judge} accepts, until the queue is seen empty or {@code bound} packets were read
     * (no more than that can have been queued before the call). Returns the packets read.
     */
    long readBacklog(RawSocket socket, ReceiveBatch batch, BacklogFilter judge, long bound) throws NativeException {
        long read = 0;
        while (read < bound && !countReached()) {
            int n = socket.receiveQueued(batch);
            for (int i = 0; i < n && !countReached(); i++) {
                ByteBuffer packet = batch.packet(i, info);
                read++;
                prepare(packet);
                int keep = judge.verdict(packet, info);
                if (keep > 0) {
                    packet.limit(packet.position() + keep);
                    offer(packet);
                }
            }
            if (n < batch.capacity()) {
                break;
            }
        }
        queue.publish();
        return read;
    }

    /** Starts the capturing thread on {@code source}. */
    void start(PacketSource source) {
        this.source = source;
        thread = new Thread(this, "capture");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            capture();
        } catch (Throwable e) {
            failure = e;
        } finally {
            queue.finish();
        }
    }

    private void capture() throws NativeException {
        long deadline = spec.timeoutNanos == 0 ? Long.MAX_VALUE : System.nanoTime() + spec.timeoutNanos;
        while (!countReached() && !stopRequested && !interrupts.requested()) {
            if (System.nanoTime() - deadline >= 0) {
                timedOut = true;
                break;
            }
            int n = source.receive();
            for (int i = 0; i < n && !countReached(); i++) {
                ByteBuffer packet = source.next(info);
                if (packet == null) {
                    break;
                }
                prepare(packet);
                offer(packet);
            }
            // One publication per batch (or ring block): the writer sees the batch at once.
            queue.publish();
        }
    }

    /** Puts back what the kernel left out of the packet: the IPv6 header. */
    private void prepare(ByteBuffer packet) {
        if (ipv6 != null) {
            ipv6.rebuild(packet, info);
        }
        if (info.kernelDrops() >= 0) {
            kernelDrops = info.kernelDrops();
        }
    }

    private void offer(ByteBuffer packet) {
        long timestamp = info.timestampNanos();
        if (timestamp == 0) {
            // No kernel timestamp (a packet queued before SO_TIMESTAMPNS was set): the time it was read.
            timestamp = Clock.realtimeNanos();
        }
        int wire = ipv6 != null ? Ipv6HeaderRebuilder.HEADROOM + info.wireLength() : info.wireLength();
        if (queue.offer(timestamp, info.ifindex(), wire, info.pktType(), packet)) {
            kept++;
        }
    }

    private boolean countReached() {
        return spec.count != 0 && kept >= spec.count;
    }

    /** Asks the thread to end (the writer cannot write any more); it does within a wake interval. */
    void stop() {
        stopRequested = true;
    }

    /** Waits for the thread to end; rethrows what ended it, if anything did. */
    void join() throws java.io.IOException {
        if (thread != null) {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure instanceof java.io.IOException) {
            throw (java.io.IOException) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    /** Packets put into the queue. */
    long kept() {
        return kept;
    }

    /** The kernel's last SO_RXQ_OVFL figure, or -1 when it gave none. */
    long kernelDrops() {
        return kernelDrops;
    }

    boolean timedOut() {
        return timedOut;
    }
}
