package rawsock.packet;

/**
 * What the kernel told us about one received packet, carried beside its bytes. One instance is
 * reused for every packet of a capture loop, so nothing here is allocated per packet.
 */
public final class PacketMeta {
    /** sll_pkttype values (linux/if_packet.h); {@link #PKTTYPE_UNKNOWN} for IP sockets. */
    public static final int PKTTYPE_UNKNOWN = -1;
    public static final int PKTTYPE_HOST = 0;
    public static final int PKTTYPE_BROADCAST = 1;
    public static final int PKTTYPE_MULTICAST = 2;
    public static final int PKTTYPE_OTHERHOST = 3;
    public static final int PKTTYPE_OUTGOING = 4;

    private long timestampNanos;
    private int ifindex;
    private String ifname;
    private int wireLength;
    private int capturedLength;
    private int pktType = PKTTYPE_UNKNOWN;

    /** Clears every field before the next packet is described. */
    public void reset() {
        timestampNanos = 0;
        ifindex = 0;
        ifname = null;
        wireLength = 0;
        capturedLength = 0;
        pktType = PKTTYPE_UNKNOWN;
    }

    /** Nanoseconds since the Unix epoch: the kernel's receive timestamp where it gave one. */
    public long timestampNanos() {
        return timestampNanos;
    }

    public PacketMeta timestampNanos(long value) {
        this.timestampNanos = value;
        return this;
    }

    /** Interface index the packet arrived on (or left by); 0 when unknown. */
    public int ifindex() {
        return ifindex;
    }

    public PacketMeta ifindex(int value) {
        this.ifindex = value;
        return this;
    }

    /** Interface name, or null when unknown. */
    public String ifname() {
        return ifname;
    }

    public PacketMeta ifname(String value) {
        this.ifname = value;
        return this;
    }

    /** Length of the packet as it was on the wire; larger than captured when truncated. */
    public int wireLength() {
        return wireLength;
    }

    public PacketMeta wireLength(int value) {
        this.wireLength = value;
        return this;
    }

    /** Bytes actually captured (after --snaplen and the receive buffer's size). */
    public int capturedLength() {
        return capturedLength;
    }

    public PacketMeta capturedLength(int value) {
        this.capturedLength = value;
        return this;
    }

    /** One of the PKTTYPE_ constants; PKTTYPE_OUTGOING marks frames we (or the host) sent. */
    public int pktType() {
        return pktType;
    }

    public PacketMeta pktType(int value) {
        this.pktType = value;
        return this;
    }
}
