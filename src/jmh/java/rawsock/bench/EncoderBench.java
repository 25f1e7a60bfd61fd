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
import rawsock.packet.IcmpFields;
import rawsock.packet.IcmpTypes;
import rawsock.packet.IpProtocol;
import rawsock.packet.TcpFields;
import rawsock.packet.TcpFlags;
import rawsock.packet.UdpFields;

/**
 * Building one packet the way the send command's template does (app.PacketTemplate, which is
 * package-private): fresh header records from the options, the payload from a heap array, emitted into
 * a direct big-endian buffer with lengths and checksums computed. {@code kind}:
 * <ul>
 * <li>{@code icmp}: echo request, transport only (the kernel writes the IP header): default send</li>
 * <li>{@code udp}, {@code tcp}: transport only, checksum over the pseudo-header</li>
 * <li>{@code ip-udp}: IPv4 header + UDP, as with --src/--hdrincl</li>
 * </ul>
 * Baseline: {@code ByteBuffer.put} of the finished packet of the same length into the same
 * buffer, the cost of just moving those bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncoderBench {
    @Param({"icmp", "udp", "tcp", "ip-udp"})
    public String kind;

    @Param({"56", "1400"})
    public int payloadSize;

    private static final byte[] TCP_MSS = {2, 4, 0x05, (byte) 0xb4};

    private ByteBuffer payload;
    private ByteBuffer out;
    private ByteBuffer finished;
    private int seq;

    @Setup
    public void setup() {
        byte[] bytes = new byte[payloadSize];
        for (int i = 0; i < payloadSize; i++) {
            bytes[i] = (byte) i;
        }
        payload = ByteBuffer.wrap(bytes);
        out = Packets.newBuffer(20 + 60 + payloadSize);
        finished = Packets.newBuffer(out.capacity());
        finished.put(build()).flip();
    }

    @Benchmark
    public ByteBuffer build() {
        out.clear();
        seq = (seq + 1) & 0xffff;
        switch (kind) {
            case "icmp":
                new IcmpFields(IcmpTypes.ECHO_REQUEST, 0, IcmpFields.idSeq(0x1234, seq), IcmpFields.COMPUTED)
                        .emit(out, payload);
                break;
            case "udp":
                new UdpFields(40000, 9, UdpFields.COMPUTED, UdpFields.COMPUTED)
                        .emit(out, payload, Packets.LOOPBACK, Packets.LOOPBACK);
                break;
            case "tcp":
                new TcpFields(40000, 80, seq, 0, TcpFields.COMPUTED, TcpFlags.SYN, TcpFields.DEFAULT_WINDOW, 0,
                        TcpFields.COMPUTED, TCP_MSS).emit(out, payload, Packets.LOOPBACK, Packets.LOOPBACK);
                break;
            case "ip-udp":
                Packets.ipv4(IpProtocol.UDP).emit(out, 8 + payload.remaining());
                new UdpFields(40000, 9, UdpFields.COMPUTED, UdpFields.COMPUTED)
                        .emit(out, payload, Packets.LOOPBACK, Packets.LOOPBACK);
                break;
            default:
                throw new IllegalStateException(kind);
        }
        return out.flip();
    }

    /** Baseline: copy the finished packet (same length) into the output buffer. */
    @Benchmark
    public ByteBuffer baselineCopy() {
        out.clear();
        out.put(0, finished, 0, finished.limit());
        return out.limit(finished.limit());
    }
}
