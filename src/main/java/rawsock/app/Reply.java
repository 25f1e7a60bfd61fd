package rawsock.app;

/** One matched reply, as printed: reused for every reply of a run. */
final class Reply {
    long index;
    /** The key a printed line shows: the ICMP sequence number, or the probe's source port. */
    int key;
    /** "seq" or "sport": what {@link #key} is. */
    String keyName;
    /** The port a UDP/TCP probe went to, or -1 for other probes. */
    int dport;
    /**
     * What the reply says of that port, in nmap's words: "open" (syn-ack, a UDP answer), "closed"
     * (rst, port unreachable from the destination), "filtered" (any other ICMP error); null for
     * other probes.
     */
    String state;
    String from;
    /** The address the answered probe went to: the reply's source, or the destination an ICMP error quotes. */
    String target;
    /** An ICMP error quoting the probe; {@link #error} is decided once the probe is known. */
    boolean quotedError;
    /** A destination-unreachable whose code says "closed" (port or protocol unreachable). */
    boolean closedCode;
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
    /** An ARP reply's sender MAC (then {@link #kind} is "unicast" or "broadcast", as arping says); null otherwise. */
    String mac;

    void clear() {
        index = -1;
        key = 0;
        keyName = "seq";
        dport = -1;
        state = null;
        from = null;
        target = null;
        quotedError = false;
        closedCode = false;
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
        mac = null;
    }
}
