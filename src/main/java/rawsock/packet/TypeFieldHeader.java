package rawsock.packet;

/**
 * A link-layer header that ends in the 2-byte type field: the Ethernet header, and each VLAN tag
 * (IEEE 802.1Q gave the tag the same field, so a stack of tags reads as a chain of headers).
 * What the field says, where the next header starts, when the header is cut and how the field
 * shows in output are the same for both; {@link Llc} reads the field itself.
 */
abstract class TypeFieldHeader extends View {
    private final int headerLength;

    /** @param headerLength the bytes this view covers, the type field being the last two */
    TypeFieldHeader(int headerLength) {
        this.headerLength = headerLength;
    }

    private int typeOffset() {
        return headerLength - 2;
    }

    public boolean typePresent() {
        return has(typeOffset(), 2);
    }

    /** The type field as it is: an EtherType, or an 802.3 length when below 0x0600. */
    public int typeField() {
        return u16(typeOffset());
    }

    /** The EtherType, or -1 when the field is missing or is an 802.3 length. */
    public int etherType() {
        return typePresent() && typeField() >= EtherType.MIN_ETHERTYPE ? typeField() : -1;
    }

    /** True when the type field is present and is an 802.3 length. */
    public boolean is8023() {
        return typePresent() && typeField() < EtherType.MIN_ETHERTYPE;
    }

    /** Absolute index of what follows the header (a VLAN tag, a network header or LLC). */
    public int payloadOffset() {
        return offset + headerLength;
    }

    /** Bytes present after the header (the frame's padding included). */
    public int payloadLength() {
        return Math.max(0, available - headerLength);
    }

    public String malformed() {
        return is8023() ? Llc.malformed(typeField()) : null;
    }

    public boolean truncated() {
        return available < headerLength;
    }

    /** What ends both headers' fields: the type field's (EtherType, or 802.3 length and LLC), then the problems. */
    final void closingFields(FieldSink out) {
        if (typePresent()) {
            Llc.typeFields(out, buf, offset + typeOffset(), available - typeOffset());
        }
        problemFields(out, malformed(), truncated());
    }

    /** What ends both descriptions once the type field is present: ", ethertype IPv4 (0x0800)" or the 802.3 words. */
    final void appendType(StringBuilder text) {
        text.append(", ");
        Llc.describeType(text, buf, offset + typeOffset(), available - typeOffset());
        appendMalformed(text, malformed());
    }
}
