package rawsock.app;

import java.net.InetAddress;

/**
 * Which probe a run sends at index i, by arithmetic: one round is every combination of target x
 * TTL x destination port x source port (the source port varying fastest, the target slowest),
 * and {@code --count} rounds follow each other. Nothing is listed: a /16 times 1,000 ports is
 * sixty-five million indices, not sixty-five million objects.
 *
 * <p>A field the user left alone has no list here (null): its value is the spec's single one, or
 * for the source port of a --wait run the port counted per probe (see PacketTemplate).
 */
public final class ProbePlan {
    private final TargetList targets;
    private final ValueList ttls;
    private final ValueList destinationPorts;
    private final ValueList sourcePorts;
    private final long perRound;
    /** Probes per target in a round (at most 256 x 65536 x 65536: no overflow). */
    private final long perTarget;

    public ProbePlan(TargetList targets, ValueList ttls, ValueList destinationPorts, ValueList sourcePorts) {
        this.targets = targets;
        this.ttls = ttls;
        this.destinationPorts = destinationPorts;
        this.sourcePorts = sourcePorts;
        this.perTarget = sizeOf(ttls) * sizeOf(destinationPorts) * sizeOf(sourcePorts);
        this.perRound = saturatedProduct(targets.size(), perTarget);
    }

    /** One target, every other field as the spec says: the single-probe-per-round plan. */
    public static ProbePlan single(InetAddress destination) {
        return new ProbePlan(TargetList.of(destination), null, null, null);
    }

    private static long sizeOf(ValueList list) {
        return list == null ? 1 : list.size();
    }

    private static long saturatedProduct(long... factors) {
        long product = 1;
        for (long factor : factors) {
            if (product > Long.MAX_VALUE / factor) {
                return Long.MAX_VALUE;
            }
            product *= factor;
        }
        return product;
    }

    /** Probes in one round. */
    public long perRound() {
        return perRound;
    }

    /** Probes per target in a round. */
    public long perTarget() {
        return perTarget;
    }

    /** Probes in {@code rounds} rounds (0 = until interrupted: Long.MAX_VALUE). */
    public long total(long rounds) {
        return rounds == 0 ? Long.MAX_VALUE : saturatedProduct(perRound, rounds);
    }

    /** True when a round holds more than one probe: then the run ends with a per-target summary. */
    public boolean isScan() {
        return perRound > 1;
    }

    public TargetList targets() {
        return targets;
    }

    /** The probe's place in its round. */
    public long position(long index) {
        return index % perRound;
    }

    public long targetIndex(long index) {
        return position(index) / perTarget;
    }

    public InetAddress target(long index) {
        return targets.get(targetIndex(index));
    }

    /** The TTL (hop limit) of probe {@code index}, or {@code fallback} when --ttl gave no list. */
    public Integer ttl(long index, Integer fallback) {
        return ttls == null ? fallback : (Integer) ttls.get(position(index) / (sizeOf(destinationPorts) * sizeOf(sourcePorts))
                % ttls.size());
    }

    public Integer destinationPort(long index, Integer fallback) {
        return destinationPorts == null ? fallback
                : (Integer) destinationPorts.get(position(index) / sizeOf(sourcePorts) % destinationPorts.size());
    }

    public Integer sourcePort(long index, Integer fallback) {
        return sourcePorts == null ? fallback : (Integer) sourcePorts.get(position(index) % sourcePorts.size());
    }
}
