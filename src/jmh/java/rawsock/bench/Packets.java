package rawsock.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import rawsock.packet.IcmpFields;
import rawsock.packet.IcmpTypes;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4Fields;
import rawsock.packet.TcpFields;
import rawsock.packet.TcpFlags;
import rawsock.packet.UdpFields;

/**
 * Real IPv4 packets for the decoder and writer benchmarks, as a raw socket on lo receives them:
 * an IPv4 header with a correct checksum, then ICMP, UDP or TCP with correct checksums. Built
 * with the rawsock.packet header records once, in setup; the benchmarks only read them.
 */
final class Packets {
    static final byte[] LOOPBACK = {127, 0, 0, 1};
    /** The payload of `send --size N`: bytes 00 01 02 ... */
    static ByteBuffer payload(int size) {
        ByteBuffer payload = ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            payload.put(i, (byte) i);
        }
        return payload;
    }

    /** An ICMP echo request (id 0x1234, seq 1), what `send -p icmp --size N` puts on the wire. */
    static ByteBuffer icmpEcho(int payloadSize) {
        ByteBuffer payload = payload(payloadSize);
        ByteBuffer out = newBuffer(20 + 8 + payloadSize);
        ipv4(IpProtocol.ICMP).emit(out, 8 + payloadSize);
        new IcmpFields(IcmpTypes.ECHO_REQUEST, 0, IcmpFields.idSeq(0x1234, 1), IcmpFields.COMPUTED).emit(out, payload);
        return out.flip();
    }

    static ByteBuffer udp(int payloadSize) {
        ByteBuffer payload = payload(payloadSize);
        ByteBuffer out = newBuffer(20 + 8 + payloadSize);
        ipv4(IpProtocol.UDP).emit(out, 8 + payloadSize);
        new UdpFields(40000, 53, UdpFields.COMPUTED, UdpFields.COMPUTED).emit(out, payload, LOOPBACK, LOOPBACK);
        return out.flip();
    }

    /** A TCP SYN with an MSS option (24-byte header) and the payload. */
    static ByteBuffer tcp(int payloadSize) {
        ByteBuffer payload = payload(payloadSize);
        ByteBuffer out = newBuffer(20 + 24 + payloadSize);
        ipv4(IpProtocol.TCP).emit(out, 24 + payloadSize);
        new TcpFields(40000, 80, 1_000_000L, 0, TcpFields.COMPUTED, TcpFlags.SYN, TcpFields.DEFAULT_WINDOW, 0,
                TcpFields.COMPUTED, new byte[] {2, 4, 0x05, (byte) 0xb4}).emit(out, payload, LOOPBACK, LOOPBACK);
        return out.flip();
    }

    /** ICMP port unreachable quoting a UDP datagram: the decoder's nested path. */
    static ByteBuffer icmpPortUnreachable() {
        ByteBuffer quoted = udp(18);
        ByteBuffer out = newBuffer(20 + 8 + quoted.remaining());
        ipv4(IpProtocol.ICMP).emit(out, 8 + quoted.remaining());
        new IcmpFields(IcmpTypes.DEST_UNREACH, IcmpTypes.CODE_PORT_UNREACH, 0, IcmpFields.COMPUTED).emit(out, quoted);
        return out.flip();
    }

    static ByteBuffer of(String kind, int payloadSize) {
        switch (kind) {
            case "icmp":
                return icmpEcho(payloadSize);
            case "udp":
                return udp(payloadSize);
            case "tcp":
                return tcp(payloadSize);
            case "icmp-error":
                return icmpPortUnreachable();
            default:
                throw new IllegalArgumentException("unknown packet kind " + kind);
        }
    }

    static Ipv4Fields ipv4(int protocol) {
        Ipv4Fields d = Ipv4Fields.DEFAULT;
        return new Ipv4Fields(d.version(), d.ihl(), d.tos(), d.totalLength(), 4321, false, false, false, 0, d.ttl(),
                protocol, d.checksum(), LOOPBACK, LOOPBACK, null);
    }

    /** Direct and big-endian, as the send template and the receive buffer are. */
    static ByteBuffer newBuffer(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.BIG_ENDIAN);
    }

    private Packets() {
    }
}
