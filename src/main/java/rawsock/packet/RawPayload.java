package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Bytes no decoder understood: an IP protocol without a decoder (GRE, ESP, ...), a non-first
 * IPv4 or IPv6 fragment, an EtherType without a decoder (LLDP, ...), what follows more VLAN tags
 * than the decoder follows, and bytes that are not the IP version expected (neither IPv4 nor
 * IPv6, or an ICMP error quoting something other than its own family's header). Shows what it
 * is and how long, so output stays honest instead of empty.
 */
public final class RawPayload extends View implements Layer {
    private int protocol = -1;
    private String label;

    /** Views {@code available} bytes; no protocol, no label. */
    public RawPayload wrap(ByteBuffer buf, int offset, int available) {
        reset(buf, offset, available, available);
        protocol = -1;
        label = null;
        return this;
    }

    /** The IP protocol number these bytes belong to; -1 = unknown. */
    public RawPayload protocol(int value) {
        protocol = value;
        return this;
    }

    /** A constant word saying why these bytes were not decoded, e.g. "fragment"; null = none. */
    public RawPayload label(String value) {
        label = value;
        return this;
    }

    @Override
    public String name() {
        return "raw";
    }

    public int length() {
        return available;
    }

    @Override
    public boolean truncated() {
        return false;
    }

    @Override
    public void fields(FieldSink out) {
        if (protocol >= 0) {
            out.text("proto", IpProtocol.name(protocol));
        }
        if (label != null) {
            out.text("note", label);
        }
        out.number("len", available);
    }

    @Override
    public void describe(StringBuilder text) {
        if (protocol >= 0) {
            text.append("proto ").append(IpProtocol.name(protocol)).append(", ");
        }
        if (label != null) {
            text.append(label).append(", ");
        }
        text.append("length ").append(available);
    }
}
