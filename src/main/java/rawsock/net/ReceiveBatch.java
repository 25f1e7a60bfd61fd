package rawsock.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.Pointer;

/**
 * Up to {@code capacity} packets from one recvmmsg: per entry an mmsghdr, an iovec, a slot of
 * packet memory, a sockaddr and a control buffer, all in native memory allocated once. Each slot
 * may keep {@code headroom} bytes before the packet (room to rebuild an IPv6 header).
 */
public final class ReceiveBatch {
    /** Headroom that lets {@link #packet} put back a VLAN tag the kernel took out of a frame. */
    public static final int VLAN_HEADROOM = VlanTags.LENGTH;
    private static final int CONTROL_SIZE = ReceiveInfo.CONTROL_SIZE;
    private static final int ENTRY = Layouts.MMSGHDR_SIZE + Layouts.IOVEC_SIZE;

    private final int capacity;
    private final int headroom;
    private final int room;
    private final ByteBuffer entries;
    private final Pointer entriesPointer;
    private final ByteBuffer names;
    private final ByteBuffer controls;
    private final ByteBuffer[] slots;
    private final ByteBuffer[] nameViews;
    private final ByteBuffer[] controlViews;

    public ReceiveBatch(int capacity, int packetRoom, int headroom) {
        if (capacity < 1 || packetRoom < 1 || headroom < 0) {
            throw new IllegalArgumentException("a batch holds at least one packet");
        }
        this.capacity = capacity;
        this.headroom = headroom;
        this.room = packetRoom;
        int slotSize = headroom + packetRoom;
        this.entries = Native.allocate(capacity * ENTRY);
        this.entriesPointer = Native.pointer(entries);
        this.names = Native.allocate(capacity * Layouts.SOCKADDR_STORAGE_SIZE);
        this.controls = Native.allocate(capacity * CONTROL_SIZE);
        ByteBuffer packets = ByteBuffer.allocateDirect(capacity * slotSize).order(ByteOrder.BIG_ENDIAN);
        this.slots = new ByteBuffer[capacity];
        this.nameViews = new ByteBuffer[capacity];
        this.controlViews = new ByteBuffer[capacity];
        long entriesBase = Native.address(entries);
        long packetsBase = Native.address(packets);
        long namesBase = Native.address(names);
        long controlsBase = Native.address(controls);
        for (int i = 0; i < capacity; i++) {
            int header = i * Layouts.MMSGHDR_SIZE;
            int iov = capacity * Layouts.MMSGHDR_SIZE + i * Layouts.IOVEC_SIZE;
            entries.putLong(header + Layouts.MSGHDR_NAME, namesBase + (long) i * Layouts.SOCKADDR_STORAGE_SIZE);
            entries.putLong(header + Layouts.MSGHDR_IOV, entriesBase + iov);
            entries.putLong(header + Layouts.MSGHDR_IOVLEN, 1);
            entries.putLong(header + Layouts.MSGHDR_CONTROL, controlsBase + (long) i * CONTROL_SIZE);
            entries.putLong(iov + Layouts.IOVEC_BASE, packetsBase + (long) i * slotSize + headroom);
            entries.putLong(iov + Layouts.IOVEC_LEN, packetRoom);
            slots[i] = packets.duplicate().position(i * slotSize).limit((i + 1) * slotSize).slice()
                    .order(ByteOrder.BIG_ENDIAN);
            nameViews[i] = view(names, i * Layouts.SOCKADDR_STORAGE_SIZE, Layouts.SOCKADDR_STORAGE_SIZE);
            controlViews[i] = view(controls, i * CONTROL_SIZE, CONTROL_SIZE);
        }
    }

    private static ByteBuffer view(ByteBuffer buffer, int offset, int length) {
        return buffer.duplicate().position(offset).limit(offset + length).slice().order(ByteOrder.nativeOrder());
    }

    public int capacity() {
        return capacity;
    }

    /** The kernel rewrites these on every call: set them back before each recvmmsg. */
    void reset() {
        for (int i = 0; i < capacity; i++) {
            int header = i * Layouts.MMSGHDR_SIZE;
            entries.putInt(header + Layouts.MSGHDR_NAMELEN, Layouts.SOCKADDR_STORAGE_SIZE);
            entries.putLong(header + Layouts.MSGHDR_CONTROLLEN, CONTROL_SIZE);
            entries.putInt(header + Layouts.MSGHDR_FLAGS, 0);
        }
    }

    Pointer entries() {
        return entriesPointer;
    }

    /**
     * Packet {@code index} of the last receive: the slot with its position at the packet's first
     * byte (after the headroom) and its limit after the last captured byte. Describes it in
     * {@code info}. A VLAN tag the kernel took out of a frame (PACKET_AUXDATA) is put back into
     * the headroom's last {@value VlanTags#LENGTH} bytes when there is room, as the ring does, and
     * the result is cut to the slot's packet room (the snap length) again.
     */
    public ByteBuffer packet(int index, ReceiveInfo info) {
        int header = index * Layouts.MMSGHDR_SIZE;
        long length = entries.getInt(header + Layouts.MMSGHDR_LEN) & 0xffffffffL;
        info.describe(length, room, entries, header, nameViews[index], controlViews[index]);
        ByteBuffer slot = slots[index];
        int start = headroom;
        if (info.vlanTci >= 0 && headroom >= VlanTags.LENGTH && VlanTags.fits(info.capturedLength)) {
            start = VlanTags.insert(slot, headroom, info.vlanTpid, info.vlanTci);
            info.capturedLength = Math.min(info.capturedLength + VlanTags.LENGTH, room);
            info.wireLength += VlanTags.LENGTH;
        }
        slot.limit(start + info.capturedLength).position(start);
        return slot;
    }
}
