package rawsock.app;

import java.nio.ByteBuffer;
import rawsock.filter.BpfInterpreter;
import rawsock.filter.BpfProgram;
import rawsock.net.ReceiveInfo;
import rawsock.packet.Ethernet;

/**
 * Judges, in user space, packets the kernel queued on recv's socket before its configuration was
 * complete: before SO_ATTACH_FILTER they passed no filter, and before SO_BINDTODEVICE (or the
 * packet socket's bind) they may come from any interface. Each is run through the same classic
 * BPF program the kernel runs ({@link BpfInterpreter}, shown the packet as the kernel shows it to
 * a socket filter) and checked against the interface. Running it on a packet that did pass the
 * kernel's filter gives the same verdict again, so recv need not know where the backlog ends.
 *
 * <p>A packet cut by --snaplen is judged on the bytes kept: a filter that looks past them
 * rejects it, where the kernel, which saw the whole packet, might not have.
 */
final class BacklogFilter {
    private static final Log LOG = Log.of(BacklogFilter.class);

    private final BpfProgram program;
    private final RecvSpec.Mode mode;
    /** Only packets from this interface are kept; 0 = any. */
    private final int ifindex;
    private long judged;
    private long rejected;

    BacklogFilter(BpfProgram program, RecvSpec.Mode mode, int ifindex) {
        this.program = program;
        this.mode = mode;
        this.ifindex = ifindex;
    }

    /**
     * How many bytes of {@code packet} (position to limit; rebuilt IPv6 header and VLAN tag put
     * back included) the filter keeps: 0 to leave it out, else at most its captured length.
     */
    int verdict(ByteBuffer packet, ReceiveInfo info) {
        judged++;
        if (ifindex != 0 && info.ifindex() != ifindex) {
            rejected++;
            return 0;
        }
        int captured = packet.remaining();
        if (program == null) {
            return captured;
        }
        int keep;
        try {
            long accepted = Integer.toUnsignedLong(BpfInterpreter.run(program, skb(packet, info)));
            keep = (int) Math.min(accepted, captured);
        } catch (RuntimeException e) {
            // Not reachable with the programs rawsock compiles; keeping the packet loses nothing.
            LOG.debug("filter not run on a queued packet ({}); kept", e.getMessage());
            keep = captured;
        }
        if (keep == 0) {
            rejected++;
        }
        return keep;
    }

    /** Whether there is anything to judge: a filter, or an interface the socket was bound to late. */
    boolean needed() {
        return program != null || ifindex != 0;
    }

    /** Packets judged so far, and how many of them were left out. */
    long judged() {
        return judged;
    }

    long rejected() {
        return rejected;
    }

    /** The packet as the kernel shows it to a socket filter on this kind of socket. */
    private BpfInterpreter.Skb skb(ByteBuffer packet, ReceiveInfo info) {
        byte[] bytes = new byte[packet.remaining()];
        packet.get(packet.position(), bytes);
        switch (mode) {
            case IPV6:
                // The filter of an IPv6 raw socket starts at the transport header; SKF_NET_OFF
                // reaches the IPv6 header, which rawsock rebuilt without extension headers.
                return BpfInterpreter.Skb.ipv6Raw(bytes, Math.min(bytes.length, Ipv6HeaderRebuilder.HEADROOM));
            case LINK:
                return link(bytes, info);
            default:
                return BpfInterpreter.Skb.ipv4Raw(bytes);
        }
    }

    /**
     * A packet socket's filter sees the frame without the outer VLAN tag the kernel took out (it
     * is skb metadata then); rawsock put the tag back, so it is taken out again here.
     */
    private static BpfInterpreter.Skb link(byte[] frame, ReceiveInfo info) {
        int tci = info.vlanTci();
        int protocol = Math.max(0, info.linkProtocol());
        if (tci >= 0 && frame.length >= Ethernet.HEADER_LENGTH + 4
                && ((frame[14] & 0xff) << 8 | (frame[15] & 0xff)) == tci) {
            byte[] untagged = new byte[frame.length - 4];
            System.arraycopy(frame, 0, untagged, 0, 12);
            System.arraycopy(frame, 16, untagged, 12, frame.length - 16);
            return new BpfInterpreter.Skb(untagged, 0, Ethernet.HEADER_LENGTH, 0, true, tci, protocol);
        }
        return new BpfInterpreter.Skb(frame, 0, Ethernet.HEADER_LENGTH, 0, tci >= 0, Math.max(0, tci), protocol);
    }
}
