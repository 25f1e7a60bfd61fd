package rawsock.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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

/**
 * Baseline for {@link WriterBench}: the same packet's bytes copied out of the direct buffer and
 * written through a BufferedOutputStream to {@code OutputStream.nullOutputStream()}, with no
 * formatting at all. Separate so that it runs once per packet kind, not once per format.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WriterBaselineBench {
    @Param({"icmp", "udp", "tcp"})
    public String kind;

    @Param({"false"})
    public boolean flush;

    private ByteBuffer packet;
    private OutputStream out;
    private byte[] scratch;

    @Setup
    public void setup() {
        packet = Packets.of(kind, 56);
        out = new BufferedOutputStream(OutputStream.nullOutputStream(), 65536);
        scratch = new byte[packet.remaining()];
    }

    @Benchmark
    public OutputStream rawBytes() throws IOException {
        packet.get(packet.position(), scratch);
        out.write(scratch);
        if (flush) {
            out.flush();
        }
        return out;
    }
}
