package rawsock.packet;

/**
 * One decoded protocol header. Implementations are views over the captured bytes, reused from
 * packet to packet; a layer is valid until the decoder that produced it decodes the next packet.
 * Nothing here may throw on hostile bytes: what is missing is reported through
 * {@link #truncated()} and shown as such.
 */
public interface Layer {
    /**
     * Short lowercase protocol name: "ip", "ip6", "icmp", "icmp6", "udp", "tcp", "igmp", "eth",
     * "vlan", "arp". Used as the JSON object key of this layer and in text output.
     */
    String name();

    /** True when the bytes ended before this header (or a length it declares) did. */
    boolean truncated();

    /** Writes this layer's fields (JSON keys inside the layer's object). */
    void fields(FieldSink out);

    /** Appends a short tcpdump-like description, e.g. "ICMP echo request, id 7, seq 1". */
    void describe(StringBuilder text);
}
