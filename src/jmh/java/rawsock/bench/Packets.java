package rawsock.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import rawsock.packet.IcmpBuilder;
import rawsock.packet.IcmpTypes;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4Builder;
import rawsock.packet.TcpBuilder;
import rawsock.packet.UdpBuilder;

/**
 * Real IPv4 packets for the decoder and writer benchmarks, as a raw socket on lo receives them:
 * an IPv4 header with a correct checksum, then ICMP, UDP or TCP with correct checksums. Built
 * with the rawsock.packet builders once, in setup; the benchmarks only read them.
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
        new IcmpBuilder().type(IcmpTypes.ECHO_REQUEST).id(0x1234).seq(1).emit(out, payload);
        return out.flip();
    }

    static ByteBuffer udp(int payloadSize) {
        ByteBuffer payload = payload(payloadSize);
        ByteBuffer out = newBuffer(20 + 8 + payloadSize);
        ipv4(IpProtocol.UDP).emit(out, 8 + payloadSize);
        new UdpBuilder().sport(40000).dport(53).emit(out, payload, LOOPBACK, LOOPBACK);
        return out.flip();
    }

    /** A TCP SYN with an MSS option (24-byte header) and the payload. */
    static ByteBuffer tcp(int payloadSize) {
        ByteBuffer payload = payload(payloadSize);
        ByteBuffer out = newBuffer(20 + 24 + payloadSize);
        ipv4(IpProtocol.TCP).emit(out, 24 + payloadSize);
        new TcpBuilder().sport(40000).dport(80).seq(1_000_000L).flags("S").options(new byte[] {2, 4, 0x05, (byte) 0xb4})
                .emit(out, payload, LOOPBACK, LOOPBACK);
        return out.flip();
    }

    /** ICMP port unreachable quoting a UDP datagram: the decoder's nested path. */
    static ByteBuffer icmpPortUnreachable() {
        ByteBuffer quoted = udp(18);
        ByteBuffer out = newBuffer(20 + 8 + quoted.remaining());
        ipv4(IpProtocol.ICMP).emit(out, 8 + quoted.remaining());
        new IcmpBuilder().type(IcmpTypes.DEST_UNREACH).code(IcmpTypes.CODE_PORT_UNREACH).emit(out, quoted);
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

    static Ipv4Builder ipv4(int protocol) {
        return new Ipv4Builder().protocol(protocol).id(4321).src(LOOPBACK).dst(LOOPBACK);
    }

    /** Direct and big-endian, as the send template and the receive buffer are. */
    static ByteBuffer newBuffer(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.BIG_ENDIAN);
    }

    private Packets() {
    }
}
