package rawsock.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import rawsock.packet.Checksum;

/**
 * The per-packet work of the send loop: the next ICMP sequence number written into the template
 * and the checksum adjusted incrementally (RFC 1624) with {@link Checksum#patchWord}, against
 * writing the word alone (baseline) and against recomputing the whole ICMP checksum.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PatchWordBench {
    private static final int ICMP_AT = 20;
    private static final int CHECKSUM_AT = ICMP_AT + 2;
    private static final int SEQ_AT = ICMP_AT + 6;

    private ByteBuffer packet;
    private int icmpLength;
    private int seq;

    @Setup
    public void setup() {
        packet = Packets.icmpEcho(56);
        icmpLength = packet.remaining() - ICMP_AT;
    }

    @Benchmark
    public ByteBuffer patchWord() {
        Checksum.patchWord(packet, CHECKSUM_AT, SEQ_AT, ++seq & 0xffff);
        return packet;
    }

    /** Baseline: the sequence number written, checksum left as it was. */
    @Benchmark
    public ByteBuffer baselinePutShort() {
        packet.putShort(SEQ_AT, (short) ++seq);
        return packet;
    }

    /** What patchWord avoids: zero the field and recompute over the 64-byte ICMP message. */
    @Benchmark
    public ByteBuffer recompute() {
        packet.putShort(SEQ_AT, (short) ++seq);
        packet.putShort(CHECKSUM_AT, (short) 0);
        packet.putShort(CHECKSUM_AT, (short) Checksum.compute(packet, ICMP_AT, icmpLength));
        return packet;
    }
}
