package rawsock.app;

/** What answered one traceroute probe, as {@link TraceMatcher} fills it: reused per packet. */
final class TraceAnswer {
    /** Who sent it: a router on the way, or the destination. */
    String from;
    /** The answer's own TTL (hop limit) as it arrived. */
    int ttl;
    /** "time-exceeded", "echo-reply", "syn-ack", "rst", or an unreachable's name. */
    String kind;
    /** traceroute's mark for an unreachable ("!H", "!N", ...), or null. */
    String mark;
    /** The destination answered: the trace ends at this hop. */
    boolean reached;
    double rttMillis;

    void clear() {
        from = null;
        ttl = -1;
        kind = null;
        mark = null;
        reached = false;
        rttMillis = 0;
    }

    void copyFrom(TraceAnswer other) {
        from = other.from;
        ttl = other.ttl;
        kind = other.kind;
        mark = other.mark;
        reached = other.reached;
        rttMillis = other.rttMillis;
    }
}
