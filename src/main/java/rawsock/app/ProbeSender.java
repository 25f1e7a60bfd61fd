package rawsock.app;

import java.io.IOException;
import java.net.InetAddress;
import rawsock.net.LinuxConstants;
import rawsock.net.NativeException;
import rawsock.net.RawSocket;
import rawsock.net.SendBatch;

/**
 * Puts the probes of a plan on an IP raw socket, one by one or in sendmmsg batches: each to its
 * own target, with its own TTL (a socket option when the kernel writes the IP header, set only
 * when it changes; in the header when rawsock writes it).
 */
final class ProbeSender {
    private static final Log LOG = Log.of(ProbeSender.class);

    private final RawSocket socket;
    private final ProbeTemplates templates;
    private final boolean writesHeader;
    private final int length;
    private final int wireLength;
    private Integer socketTtl;

    ProbeSender(RawSocket socket, ProbeTemplates templates, boolean writesHeader) throws IOException {
        this.socket = socket;
        this.templates = templates;
        this.writesHeader = writesHeader;
        PacketTemplate first = templates.forProbe(0);
        this.length = first.length();
        this.wireLength = first.wireLength();
        this.socketTtl = templates.first().ttl();
    }

    /** Sends probe {@code index}; returns its size on the wire. */
    int send(long index) throws IOException {
        PacketTemplate template = templates.forProbe(index);
        InetAddress target = templates.fields().target();
        applyTtl();
        template.prepare(index);
        try {
            socket.send(template.packet(), target);
        } catch (NativeException e) {
            if (e.errno() == LinuxConstants.EMSGSIZE) {
                throw e.withHint("packet of " + template.wireLength() + " bytes exceeds the " + pathMtu(target)
                        + " toward " + target.getHostAddress()
                        + (spec().dontFragment ? " and --df forbids fragmenting it" : ""));
            }
            throw e;
        }
        return template.wireLength();
    }

    /**
     * Copies probes {@code from}, {@code from + 1}, ... into the batch's slots, at most
     * {@code max}, stopping before one with another target or TTL; returns how many.
     */
    int fill(SendBatch batch, long from, int max) throws IOException {
        PacketTemplate template = templates.forProbe(from);
        ProbeFields head = templates.fields();
        int n = 0;
        while (n < max) {
            if (n > 0) {
                template = templates.forProbe(from + n);
                ProbeFields fields = templates.fields();
                if (!fields.target().equals(head.target()) || !java.util.Objects.equals(fields.ttl(), head.ttl())) {
                    templates.forProbe(from);
                    break;
                }
            }
            batch.length(n, template.copyInto(batch.slot(n)));
            template.prepare(batch.slot(n), from + n);
            n++;
        }
        return n;
    }

    /** Sends the first {@code n} entries of a batch {@link #fill} filled, to their common target. */
    void sendBatch(SendBatch batch, int n) throws IOException {
        batch.destination(templates.fields().target());
        applyTtl();
        socket.send(batch, n);
    }

    private void applyTtl() throws NativeException {
        Integer ttl = templates.fields().ttl();
        if (!writesHeader && ttl != null && !ttl.equals(socketTtl)) {
            socket.setTtl(ttl);
            socketTtl = ttl;
        }
    }

    int maxLength() {
        return length;
    }

    int wireLength() {
        return wireLength;
    }

    private SendSpec spec() {
        return templates.spec();
    }

    /** "path MTU of 1400" as the kernel knows it (route, interface, or learned), or "MTU" when it will not say. */
    private String pathMtu(InetAddress target) {
        try {
            return "path MTU of " + socket.pathMtu(target);
        } catch (NativeException e) {
            LOG.debug("path MTU unknown: {}", e.getMessage());
            return "MTU";
        }
    }
}
