package rawsock.net;

import java.nio.ByteBuffer;

/**
 * Puts back the 802.1Q/802.1ad tag that Linux takes out of a received frame into packet metadata
 * (on receive the kernel always untags the outer tag before packet sockets see the frame; on
 * send, devices with VLAN offload carry it beside the frame). Without it, a capture would show a
 * tagged frame untagged. libpcap does the same with PACKET_AUXDATA and the ring's tp_vlan_tci.
 */
final class VlanTags {
    /** Bytes a tag takes: TPID and TCI, 16 bits each. */
    static final int LENGTH = 4;
    /** The two MAC addresses in front of the tag. */
    private static final int MACS = 12;

    private VlanTags() {
    }

    /**
     * Inserts the tag into the frame that starts at {@code mac} in {@code frame}, using the
     * {@value #LENGTH} bytes before it: the MAC addresses move 4 bytes forward, the tag follows
     * them. The caller checks that those bytes are free and the frame holds its 12 address
     * bytes. Returns where the frame now starts.
     */
    static int insert(ByteBuffer frame, int mac, int tpid, int tci) {
        int start = mac - LENGTH;
        for (int i = 0; i < MACS; i++) {
            frame.put(start + i, frame.get(mac + i));
        }
        frame.put(start + MACS, (byte) (tpid >>> 8));
        frame.put(start + MACS + 1, (byte) tpid);
        frame.put(start + MACS + 2, (byte) (tci >>> 8));
        frame.put(start + MACS + 3, (byte) tci);
        return start;
    }

    /** Whether a frame of {@code captured} bytes has its MAC addresses, so a tag can follow them. */
    static boolean fits(int captured) {
        return captured >= MACS;
    }
}
