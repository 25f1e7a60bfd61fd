package rawsock.app;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The packet of each probe of a plan: one {@link PacketTemplate} per probe shape (target, ports,
 * TTL), rebuilt only when the shape changes from one index to the next (the plan varies the
 * source port fastest and the target slowest, so a 1,000-port scan builds 1,000 small templates
 * and a single-target run just one). The source address is looked up again only when the target
 * changes.
 */
final class ProbeTemplates {
    private final SendSpec spec;
    private final ProbePlan plan;
    private final ProbeFields first;
    private final boolean writesHeader;
    private final byte[] linkHeader;
    private ProbeFields current;
    private PacketTemplate template;
    private InetAddress sourceTarget;
    private InetAddress source;

    ProbeTemplates(SendSpec spec, ProbePlan plan, boolean writesHeader, byte[] linkHeader) {
        this.spec = spec;
        this.plan = plan;
        this.first = ProbeFields.first(spec);
        this.writesHeader = writesHeader;
        this.linkHeader = linkHeader;
    }

    /** The template for probe {@code index}, not yet prepared for it (see {@link PacketTemplate#prepare}). */
    PacketTemplate forProbe(long index) throws IOException {
        ProbeFields fields = plan.isScan() ? first.at(plan, index) : first;
        if (template == null || !fields.sameShape(current)) {
            template = PacketTemplate.build(spec, fields, sourceToward(fields.target()), writesHeader, linkHeader);
            current = fields;
        }
        return template;
    }

    /** The fields of the probe last given to {@link #forProbe}. */
    ProbeFields fields() {
        return current;
    }

    SendSpec spec() {
        return spec;
    }

    /** The run's first source port: what counted ports start from. */
    ProbeFields first() {
        return first;
    }

    private InetAddress sourceToward(InetAddress target) throws IOException {
        if (spec.source != null) {
            return spec.source;
        }
        if (!writesHeader && !PacketTemplate.needsPseudoHeader(spec.protocol)) {
            return null;
        }
        if (!target.equals(sourceTarget)) {
            source = SourceAddress.toward(target, spec.iface);
            sourceTarget = target;
        }
        return source;
    }
}
