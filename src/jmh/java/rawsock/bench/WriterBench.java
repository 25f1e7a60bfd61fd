package rawsock.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import rawsock.output.OutputFormat;
import rawsock.output.PacketWriter;
import rawsock.output.PacketWriters;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;
import rawsock.packet.PacketMeta;

/**
 * One received packet written by each output format to {@code OutputStream.nullOutputStream()}
 * (so only the formatting is measured, no I/O), as recv does after decoding: the writer from
 * {@code PacketWriters.create(format, out, LinkType.RAW, flush)}, metadata as the kernel gives
 * it (timestamp, ifindex 1, "lo"), the packet decoded once in setup. {@code flush=true} is what
 * recv uses when stdout is not a terminal (try {@code -p flush=false,true}).
 * The baseline (the bytes alone, no formatting) is {@link WriterBaselineBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WriterBench {
    @Param({"text", "hex", "json", "pcap"})
    public String format;

    @Param({"icmp", "udp", "tcp"})
    public String kind;

    @Param({"false"})
    public boolean flush;

    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketMeta meta = new PacketMeta();
    private ByteBuffer packet;
    private DecodedPacket decoded;
    private PacketWriter writer;

    @Setup(Level.Trial)
    public void setup() {
        packet = Packets.of(kind, 56);
        decoded = decoder.decode(packet, LinkType.RAW);
        meta.timestampNanos(1_764_320_000_123_456_789L).ifindex(1).ifname("lo")
                .wireLength(packet.remaining()).capturedLength(packet.remaining());
        writer = PacketWriters.create(OutputFormat.parse(format), OutputStream.nullOutputStream(), LinkType.RAW, flush);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        writer.close();
    }

    @Benchmark
    public PacketWriter write() throws IOException {
        writer.write(meta, packet, decoded);
        return writer;
    }
}
