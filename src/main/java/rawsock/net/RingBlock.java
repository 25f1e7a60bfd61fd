package rawsock.net;

import java.nio.ByteBuffer;

/**
 * Walks the frames of one TPACKET_V3 block: a tpacket_block_desc, then frames chained by
 * tp_next_offset, each a tpacket3_hdr, a sockaddr_ll and the frame's bytes at tp_mac. The kernel
 * is trusted, but the walk is defensive all the same: every offset and length is checked
 * against the block before it is used, every step moves forward by at least a header and the
 * count is bounded by the block's size, so a corrupt block ends the walk early instead of
 * throwing or looping. Reused for every block: nothing is allocated.
 */
final class RingBlock {
    /** The smallest step from one frame to the next: a header. Bounds the walk. */
    private static final int MIN_FRAME = Layouts.TPACKET3_HDR_SIZE;
    /** Where the frame's bytes may start at the earliest: after the header and the sockaddr_ll. */
    private static final int MIN_MAC = Layouts.TP3_SOCKADDR_LL + Layouts.SOCKADDR_LL_SIZE;

    private int end;
    private int next = -1;
    private int remaining;

    /**
     * Starts on the block at {@code base} of {@code ring} (native byte order), {@code blockSize}
     * bytes long. Returns the number of packets the block says it holds, at most as many as fit.
     */
    int begin(ByteBuffer ring, int base, int blockSize) {
        long length = ring.getInt(base + Layouts.BLOCK_LEN) & 0xffffffffL;
        long first = ring.getInt(base + Layouts.BLOCK_OFFSET_TO_FIRST_PKT) & 0xffffffffL;
        long packets = ring.getInt(base + Layouts.BLOCK_NUM_PKTS) & 0xffffffffL;
        end = base + (int) Math.min(length, blockSize);
        next = first >= Layouts.TPACKET_BLOCK_DESC_SIZE && first < blockSize ? base + (int) first : -1;
        remaining = next < 0 ? 0 : (int) Math.min(packets, blockSize / MIN_FRAME);
        return remaining;
    }

    /**
     * Describes the next frame in {@code info} (kernel timestamp, lengths with the capture cut to
     * {@code snaplen}, interface, direction, link address; a VLAN tag the kernel took out is put
     * back in front of the frame's bytes). Returns where the frame starts in {@code ring}
     * ({@code info.capturedLength} bytes), or -1 when the block has no further well-formed frame.
     */
    int next(ByteBuffer ring, ReceiveInfo info, int snaplen) {
        if (remaining <= 0 || next < 0 || next > end - MIN_MAC) {
            return stop();
        }
        int at = next;
        int mac = ring.getShort(at + Layouts.TP3_MAC) & 0xffff;
        long captured = ring.getInt(at + Layouts.TP3_SNAPLEN) & 0xffffffffL;
        if (mac < MIN_MAC || captured > end - at - mac) {
            return stop();
        }
        long step = ring.getInt(at + Layouts.TP3_NEXT_OFFSET) & 0xffffffffL;
        remaining--;
        // The kernel chains frames forward past each one's bytes; anything else ends the walk.
        next = remaining > 0 && step >= MIN_FRAME && step >= mac + captured && step < end - at ? at + (int) step : -1;

        info.reset();
        long seconds = ring.getInt(at + Layouts.TP3_SEC) & 0xffffffffL;
        long nanos = ring.getInt(at + Layouts.TP3_NSEC) & 0xffffffffL;
        info.timestampNanos = seconds * 1_000_000_000L + Math.min(nanos, 999_999_999L);
        long wire = ring.getInt(at + Layouts.TP3_LEN) & 0xffffffffL;
        info.wireLength = (int) Math.min(wire, Integer.MAX_VALUE);
        info.capturedLength = (int) Math.min(captured, snaplen);
        SocketAddresses.read(ring, at + Layouts.TP3_SOCKADDR_LL, Layouts.SOCKADDR_LL_SIZE, info);
        ControlMessages.vlan(ring.getInt(at + Layouts.TP3_STATUS), ring.getShort(at + Layouts.TP3_VLAN_TCI),
                ring.getShort(at + Layouts.TP3_VLAN_TPID), info);
        int start = at + mac;
        if (info.vlanTci >= 0 && mac >= MIN_MAC + VlanTags.LENGTH && VlanTags.fits((int) captured)) {
            start = VlanTags.insert(ring, start, info.vlanTpid, info.vlanTci);
            // As the recvmmsg path does: the tag counts, and the capture is cut to snaplen again.
            info.capturedLength = (int) Math.min(captured + VlanTags.LENGTH, snaplen);
            info.wireLength = (int) Math.min(wire + VlanTags.LENGTH, Integer.MAX_VALUE);
        }
        return start;
    }

    private int stop() {
        remaining = 0;
        next = -1;
        return -1;
    }
}
