package rawsock.net;

/**
 * What PACKET_STATISTICS reports for a packet socket since the last read (the kernel resets its
 * counters on every read).
 *
 * @param packets frames the kernel handled for the socket, the dropped ones included
 * @param drops frames it dropped because the socket's buffer or ring had no room
 * @param ringFullCount times the TPACKET_V3 ring was full and the kernel froze its queue
 *     (tp_freeze_q_cnt), or -1 when the socket has no such ring and the kernel does not count it
 */
public record PacketStatistics(long packets, long drops, long ringFullCount) {
    /** The value when the kernel did not report the ring-full count. */
    public static final long NOT_REPORTED = -1;
}
