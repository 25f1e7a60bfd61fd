package rawsock.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import rawsock.filter.BpfProgram;
import rawsock.filter.FilterCompiler;
import rawsock.filter.FilterSyntaxException;
import rawsock.filter.FilterTarget;
import rawsock.net.Family;
import rawsock.net.Poller;
import rawsock.net.RawSocket;
import rawsock.net.ReceiveInfo;
import rawsock.packet.IpProtocol;

/**
 * The raw sockets that receive the answers to IP probes (send --wait, send --traceroute): ICMP
 * (or ICMPv6) for replies and errors, plus the probes' transport (TCP, UDP) when its segments
 * answer too. Each is open, filtered and emptied before the first probe leaves, so no early
 * answer is missed and nothing queued before is taken for one; the filters let only what may
 * answer us reach user space (an ICMP socket sees every ICMP packet on the host, and someone
 * else's flood would otherwise push our replies out of its buffer).
 */
final class AnswerSockets implements AutoCloseable {
    /**
     * Room for a burst of answers the loop has not read yet: a scan's RSTs can all arrive while a
     * loaded machine gives the loop no CPU, and each costs its socket buffer about 2.3 KB (the
     * kernel's accounting of a packet received on a veth), so 1 MiB (2 MiB granted) held about
     * 865 answers of a 1,000-port scan. Only what is queued takes memory.
     */
    private static final int BUFFER_BYTES = 8 << 20;

    /** What to do with one packet read: its bytes (an IPv6 header rebuilt) and the kernel's metadata. */
    @FunctionalInterface
    interface Handler {
        void packet(ByteBuffer packet, ReceiveInfo info) throws IOException;
    }

    private final List<RawSocket> sockets;
    private final List<Ipv6HeaderRebuilder> rebuilders;
    private final Poller poller;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536 + Ipv6HeaderRebuilder.HEADROOM)
            .order(ByteOrder.BIG_ENDIAN);
    private final ReceiveInfo info = new ReceiveInfo();

    private AnswerSockets(List<RawSocket> sockets, List<Ipv6HeaderRebuilder> rebuilders) {
        this.sockets = sockets;
        this.rebuilders = rebuilders;
        this.poller = new Poller(sockets.toArray(new RawSocket[0]));
    }

    /**
     * The ICMP socket with {@code icmpFilter}, and when {@code transport} is not 0 a socket for
     * that protocol with the filter expression {@code transportFilter} ("src port 80").
     */
    static AnswerSockets open(boolean ipv6, BpfProgram icmpFilter, int transport, String transportFilter)
            throws IOException {
        List<RawSocket> sockets = new ArrayList<>();
        List<Ipv6HeaderRebuilder> rebuilders = new ArrayList<>();
        try {
            int icmp = ipv6 ? IpProtocol.ICMP6 : IpProtocol.ICMP;
            open(ipv6, icmp, icmpFilter, sockets, rebuilders);
            if (transport != 0) {
                open(ipv6, transport, compile(transportFilter, ipv6), sockets, rebuilders);
            }
            return new AnswerSockets(sockets, rebuilders);
        } catch (IOException | RuntimeException e) {
            sockets.forEach(RawSocket::close);
            throw e;
        }
    }

    private static void open(boolean ipv6, int protocol, BpfProgram filter, List<RawSocket> sockets,
            List<Ipv6HeaderRebuilder> rebuilders) throws IOException {
        RawSocket socket = RawSocket.open(ipv6 ? Family.INET6 : Family.INET, protocol);
        sockets.add(socket);
        socket.enableTimestamps();
        socket.enablePacketInfo();
        socket.setReceiveBuffer(BUFFER_BYTES);
        socket.attachFilter(filter.toByteArray(ByteOrder.nativeOrder()));
        socket.drain();
        rebuilders.add(ipv6 ? new Ipv6HeaderRebuilder(protocol) : null);
    }

    private static BpfProgram compile(String expression, boolean ipv6) {
        try {
            return FilterCompiler.compile(expression, ipv6 ? FilterTarget.IPV6_RAW : FilterTarget.IPV4_RAW);
        } catch (FilterSyntaxException e) {
            throw new IllegalStateException("a port filter failed to compile: " + expression, e);
        }
    }

    /** Waits up to {@code millis} for a packet on any socket; true when one is ready. */
    boolean poll(int millis) throws IOException {
        return poller.poll(millis) > 0;
    }

    /**
     * Reads one packet from each socket the last poll found readable (poll is level-triggered,
     * so the rest come next round) and hands it to {@code handler}.
     */
    void readReady(Handler handler) throws IOException {
        for (int i = 0; i < poller.size(); i++) {
            if (!poller.readable(i)) {
                continue;
            }
            Ipv6HeaderRebuilder rebuilder = rebuilders.get(i);
            buffer.clear().position(rebuilder == null ? 0 : Ipv6HeaderRebuilder.HEADROOM);
            if (!poller.socket(i).receive(buffer, info)) {
                continue;
            }
            if (rebuilder != null) {
                rebuilder.rebuild(buffer, info);
            }
            handler.packet(buffer, info);
        }
    }

    @Override
    public void close() {
        sockets.forEach(RawSocket::close);
    }
}
