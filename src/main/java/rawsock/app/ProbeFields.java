package rawsock.app;

import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fields that may differ from one probe shape to the next (target, ports, TTL), with the
 * values chosen once per run (the first source port, the TCP sequence number): what a
 * {@link PacketTemplate} is built from. The per-packet counters (ICMP sequence, counted source
 * port) are patched on top by the template itself.
 */
record ProbeFields(InetAddress target, int destinationPort, int sourcePort, Integer ttl, long tcpSequence) {
    /** The first probe of a run: the spec's values, a random source port and sequence where it gave none. */
    static ProbeFields first(SendSpec spec) {
        // Linux's default ephemeral range, so replies look like any client's.
        int sport = spec.sourcePort() != null ? spec.sourcePort() : 32768 + ThreadLocalRandom.current().nextInt(60999 - 32768 + 1);
        long seq = spec.tcpSeq != null ? spec.tcpSeq : ThreadLocalRandom.current().nextLong(1L << 32);
        return new ProbeFields(spec.destination, spec.destinationPort(), sport, spec.ttl(), seq);
    }

    /** Probe {@code index}'s fields in {@code plan}, this run's random choices kept. */
    ProbeFields at(ProbePlan plan, long index) {
        return new ProbeFields(plan.target(index), plan.destinationPort(index, destinationPort),
                plan.sourcePort(index, sourcePort), plan.ttl(index, ttl), tcpSequence);
    }

    /** True when a packet of {@code other}'s shape is this one's with only per-packet counters changed. */
    boolean sameShape(ProbeFields other) {
        return target.equals(other.target) && destinationPort == other.destinationPort
                && sourcePort == other.sourcePort && java.util.Objects.equals(ttl, other.ttl);
    }
}
