package rawsock.net;

import java.nio.ByteBuffer;

/**
 * What recvmsg reported about one packet, beyond its bytes: lengths, the kernel's timestamp, the
 * interface, addresses and the control data rawsock asked for. Reused for every packet.
 */
public final class ReceiveInfo {
    static final int MAX_ADDRESS = 16;

    int wireLength;
    int capturedLength;
    long timestampNanos;
    int ifindex;
    int pktType = -1;
    int linkProtocol = -1;
    final byte[] source = new byte[MAX_ADDRESS];
    int sourceLength;
    final byte[] destination = new byte[MAX_ADDRESS];
    int destinationLength;
    int hopLimit = -1;
    int trafficClass = -1;
    int flowLabel = -1;
    long kernelDrops = -1;
    boolean controlTruncated;
    /** The 802.1Q tag the kernel took out of the frame (TCI), or -1; its TPID. */
    int vlanTci = -1;
    int vlanTpid;

    /**
     * Room for SCM_TIMESTAMPNS, PKTINFO, hop limit, traffic class, flow label and SO_RXQ_OVFL (or
     * for packet sockets PACKET_AUXDATA).
     */
    static final int CONTROL_SIZE = 256;

    /**
     * Describes one message recvmsg/recvmmsg filled in: {@code length} as the kernel returned it
     * (with MSG_TRUNC, the whole packet's), of which {@code room} bytes fit, the sender's address
     * and the control messages, from the msghdr at {@code header} in {@code headers}.
     */
    void describe(long length, int room, ByteBuffer headers, int header, ByteBuffer name, ByteBuffer control) {
        reset();
        wireLength = (int) Math.min(length, Integer.MAX_VALUE);
        capturedLength = (int) Math.min(length, room);
        SocketAddresses.read(name, headers.getInt(header + Layouts.MSGHDR_NAMELEN), this);
        controlTruncated = (headers.getInt(header + Layouts.MSGHDR_FLAGS) & LinuxConstants.MSG_CTRUNC) != 0;
        ControlMessages.parse(control, (int) Math.min(CONTROL_SIZE, headers.getLong(header + Layouts.MSGHDR_CONTROLLEN)),
                this);
    }

    void reset() {
        wireLength = 0;
        capturedLength = 0;
        timestampNanos = 0;
        ifindex = 0;
        pktType = -1;
        linkProtocol = -1;
        sourceLength = 0;
        destinationLength = 0;
        hopLimit = -1;
        trafficClass = -1;
        flowLabel = -1;
        controlTruncated = false;
        vlanTci = -1;
        vlanTpid = 0;
    }

    /** Length of the packet as the kernel had it; more than {@link #capturedLength()} if cut. */
    public int wireLength() {
        return wireLength;
    }

    /** Bytes stored into the caller's buffer. */
    public int capturedLength() {
        return capturedLength;
    }

    /** SO_TIMESTAMPNS receive time in ns since the epoch, or 0 when the kernel sent none. */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** Arriving interface (IP_PKTINFO, IPV6_PKTINFO or sockaddr_ll), 0 when unknown. */
    public int ifindex() {
        return ifindex;
    }

    /** sll_pkttype for packet sockets (PACKET_HOST, PACKET_OUTGOING, ...), -1 otherwise. */
    public int pktType() {
        return pktType;
    }

    /** sll_protocol (the ethertype) for packet sockets, -1 otherwise. */
    public int linkProtocol() {
        return linkProtocol;
    }

    /** Length of the sender's address (4 or 16; for packet sockets the MAC length); 0 if none. */
    public int sourceLength() {
        return sourceLength;
    }

    /** Copies the sender's address (msg_name) into {@code into}; returns its length. */
    public int source(byte[] into) {
        System.arraycopy(source, 0, into, 0, sourceLength);
        return sourceLength;
    }

    /** Length of the packet's destination address from PKTINFO; 0 if none was sent. */
    public int destinationLength() {
        return destinationLength;
    }

    /** Copies the packet's destination address (from PKTINFO) into {@code into}. */
    public int destination(byte[] into) {
        System.arraycopy(destination, 0, into, 0, destinationLength);
        return destinationLength;
    }

    /** IPV6_HOPLIMIT of the packet, or -1. */
    public int hopLimit() {
        return hopLimit;
    }

    /** IPV6_TCLASS of the packet, or -1. */
    public int trafficClass() {
        return trafficClass;
    }

    /** IPV6_FLOWINFO's flow label of the packet, or -1. */
    public int flowLabel() {
        return flowLabel;
    }

    /** Packets the kernel dropped on this socket so far (SO_RXQ_OVFL), or -1 when not told. */
    public long kernelDrops() {
        return kernelDrops;
    }

    /**
     * The 802.1Q TCI of the tag the kernel had taken out of the frame, or -1; the frame given
     * with this description has it back in place.
     */
    public int vlanTci() {
        return vlanTci;
    }

    /** The kernel had more control data than our buffer held (MSG_CTRUNC). */
    public boolean controlTruncated() {
        return controlTruncated;
    }
}
