package rawsock.bench;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import rawsock.packet.Checksum;

/**
 * The Internet checksum over 64 B, 1500 B and 64 KiB of a direct big-endian buffer (what the
 * send template and the receive buffer are), against two baselines over the same bytes: a plain
 * byte-by-byte sum through the same ByteBuffer (the cost of touching every byte once) and the
 * textbook RFC 1071 loop over a byte[] (16-bit words, what a first implementation would do).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChecksumBench {
    @Param({"64", "1500", "65536"})
    public int size;

    private ByteBuffer buffer;
    private byte[] array;

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(42);
        array = new byte[size];
        for (int i = 0; i < size; i++) {
            array[i] = (byte) random.nextInt(256);
        }
        buffer = Packets.newBuffer(size);
        buffer.put(array).flip();
    }

    @Benchmark
    public int compute() {
        return Checksum.compute(buffer, 0, size);
    }

    /** Baseline: every byte read once through the same buffer, summed. */
    @Benchmark
    public long baselineByteSum() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += buffer.get(i) & 0xff;
        }
        return sum;
    }

    /** Baseline: RFC 1071's reference loop (16-bit words) over a heap array. */
    @Benchmark
    public int baselineRfc1071Array() {
        long sum = 0;
        int i = 0;
        for (; i + 1 < size; i += 2) {
            sum += ((array[i] & 0xff) << 8) | (array[i + 1] & 0xff);
        }
        if (i < size) {
            sum += (array[i] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }
}
