package rawsock.app;

import java.nio.ByteBuffer;
import java.util.Arrays;
import rawsock.net.ReceiveInfo;
import rawsock.packet.Ipv6;
import rawsock.packet.Ipv6Header;

/**
 * Rebuilds the IPv6 header an AF_INET6 raw socket strips, from recvmsg's metadata (source from
 * msg_name, destination from IPV6_PKTINFO, hop limit, traffic class, flow label), in the
 * {@link #HEADROOM} left before the payload; the packet then starts at its header like any other.
 */
final class Ipv6HeaderRebuilder {
    /** Room to leave before the payload when receiving. */
    static final int HEADROOM = Ipv6.HEADER_LENGTH;

    private final int nextHeader;
    private final byte[] source = new byte[16];
    private final byte[] destination = new byte[16];

    Ipv6HeaderRebuilder(int nextHeader) {
        this.nextHeader = nextHeader;
    }

    /**
     * {@code buffer} holds the payload from {@link #HEADROOM} to its limit; on return it holds the
     * whole packet from position 0.
     */
    void rebuild(ByteBuffer buffer, ReceiveInfo info) {
        info.source(source);
        if (info.destinationLength() == 16) {
            info.destination(destination);
        } else {
            Arrays.fill(destination, (byte) 0);
        }
        buffer.position(0);
        Ipv6Header.rebuild(buffer, Math.max(0, info.trafficClass()), Math.max(0, info.flowLabel()),
                Math.min(0xffff, info.wireLength()), nextHeader, Math.max(0, info.hopLimit()), source, destination);
        buffer.position(0);
    }
}
