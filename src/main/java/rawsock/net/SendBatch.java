package rawsock.net;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.Pointer;

/**
 * Up to {@code capacity} packets for one sendmmsg: an mmsghdr array, one iovec per entry and one
 * slot of packet memory per entry, all in native memory allocated once and reused for every
 * batch. Every entry goes to the same destination. The caller writes packets into
 * {@link #slot}s, sets their {@link #length}s, and hands the batch to
 * {@link RawSocket#send(SendBatch, int)}.
 */
public final class SendBatch {
    private final int capacity;
    private final ByteBuffer entries;
    private final Pointer entriesPointer;
    private final ByteBuffer packets;
    private final ByteBuffer[] slots;
    private final ByteBuffer address = Native.allocate(Layouts.SOCKADDR_STORAGE_SIZE);

    public SendBatch(int capacity, int slotSize) {
        if (capacity < 1 || slotSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one packet of at least one byte");
        }
        this.capacity = capacity;
        // Per entry: the mmsghdr, then its iovec.
        this.entries = Native.allocate(capacity * (Layouts.MMSGHDR_SIZE + Layouts.IOVEC_SIZE));
        this.entriesPointer = Native.pointer(entries);
        this.packets = ByteBuffer.allocateDirect(capacity * slotSize).order(ByteOrder.BIG_ENDIAN);
        this.slots = new ByteBuffer[capacity];
        long entriesBase = Native.address(entries);
        long packetsBase = Native.address(packets);
        long addressBase = Native.address(address);
        int iovecs = capacity * Layouts.MMSGHDR_SIZE;
        for (int i = 0; i < capacity; i++) {
            int header = i * Layouts.MMSGHDR_SIZE;
            int iov = iovecs + i * Layouts.IOVEC_SIZE;
            entries.putLong(header + Layouts.MSGHDR_NAME, addressBase);
            entries.putLong(header + Layouts.MSGHDR_IOV, entriesBase + iov);
            entries.putLong(header + Layouts.MSGHDR_IOVLEN, 1);
            entries.putLong(iov + Layouts.IOVEC_BASE, packetsBase + (long) i * slotSize);
            entries.putLong(iov + Layouts.IOVEC_LEN, 0);
            slots[i] = packets.duplicate().position(i * slotSize).limit((i + 1) * slotSize).slice()
                    .order(ByteOrder.BIG_ENDIAN);
        }
    }

    public int capacity() {
        return capacity;
    }

    /** The memory of entry {@code index}: write the packet from position 0. */
    public ByteBuffer slot(int index) {
        return slots[index];
    }

    /** How many bytes of entry {@code index}'s slot are its packet. */
    public void length(int index, int length) {
        if (length < 0 || length > slots[index].capacity()) {
            throw new IllegalArgumentException("packet of " + length + " bytes in a slot of " + slots[index].capacity());
        }
        entries.putLong(capacity * Layouts.MMSGHDR_SIZE + index * Layouts.IOVEC_SIZE + Layouts.IOVEC_LEN, length);
    }

    /** Every entry goes to this IP address. */
    public void destination(InetAddress destination) {
        namelen(SocketAddresses.writeInet(address, destination, 0));
    }

    /** Every entry goes out of interface {@code ifindex} to this MAC (packet sockets). */
    public void linkDestination(int ifindex, int protocol, byte[] mac) {
        namelen(SocketAddresses.writeLink(address, ifindex, protocol, mac));
    }

    private void namelen(int length) {
        for (int i = 0; i < capacity; i++) {
            entries.putInt(i * Layouts.MMSGHDR_SIZE + Layouts.MSGHDR_NAMELEN, length);
        }
    }

    /** Native address of entry {@code from}'s mmsghdr, for sendmmsg. */
    Pointer entries(int from) {
        return from == 0 ? entriesPointer : entriesPointer.slice((long) from * Layouts.MMSGHDR_SIZE);
    }

    /** Bytes of entry {@code index}'s packet, for error messages. */
    int length(int index) {
        return (int) entries.getLong(capacity * Layouts.MMSGHDR_SIZE + index * Layouts.IOVEC_SIZE + Layouts.IOVEC_LEN);
    }
}
