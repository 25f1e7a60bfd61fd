package rawsock.app;

/** One matched reply, as printed: reused for every reply of a run. */
final class Reply {
    long index;
    /** The key a printed line shows: the ICMP sequence number, or the probe's source port. */
    int key;
    /** "seq" or "sport": what {@link #key} is. */
    String keyName;
    String from;
    int ttl;
    /** "echo-reply", "syn-ack", "rst", "udp", or an ICMP error name. */
    String kind;
    /** TCP flags in tcpdump's letters, or null. */
    String flags;
    /** An ICMP error quoting the probe (the reply came from a router or the host's stack). */
    boolean error;
    double rttMillis;
    boolean duplicate;
    boolean late;
    boolean outOfOrder;
    /** An ICMP timestamp reply's originate, receive and transmit timestamps (ms since midnight UT); -1 otherwise. */
    long originate;
    long receive;
    long transmit;

    void clear() {
        index = -1;
        key = 0;
        keyName = "seq";
        from = null;
        ttl = -1;
        kind = null;
        flags = null;
        error = false;
        rttMillis = 0;
        duplicate = false;
        late = false;
        outOfOrder = false;
        originate = -1;
        receive = -1;
        transmit = -1;
    }
}
