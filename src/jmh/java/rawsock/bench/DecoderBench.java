package rawsock.bench;

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
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;
import rawsock.packet.PacketDecoder;

/**
 * {@link PacketDecoder#decode} as the receive loop calls it: one decoder reused, a real IPv4
 * packet in a direct buffer. {@code kind}: icmp (echo request, 56 B payload), udp (56 B), tcp
 * (SYN with MSS), icmp-error (port unreachable quoting a UDP datagram: the nested path).
 * Baseline: reading by hand the fields a one-line summary needs (version, header length,
 * protocol, addresses, ports or type/code), the floor for looking at a packet at all.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecoderBench {
    @Param({"icmp", "udp", "tcp", "icmp-error"})
    public String kind;

    private final PacketDecoder decoder = new PacketDecoder();
    private ByteBuffer packet;

    @Setup
    public void setup() {
        packet = Packets.of(kind, 56);
    }

    @Benchmark
    public DecodedPacket decode() {
        return decoder.decode(packet, LinkType.RAW);
    }

    /** Baseline: the summary fields read directly, nothing validated or kept. */
    @Benchmark
    public long baselineFieldReads() {
        ByteBuffer b = packet;
        int first = b.get(0) & 0xff;
        int ihl = (first & 0x0f) * 4;
        int protocol = b.get(9) & 0xff;
        long h = ((long) (first >>> 4) << 56) ^ protocol ^ ((long) b.getInt(12) << 8) ^ b.getInt(16);
        return h ^ ((long) b.getInt(ihl) << 20);
    }
}
