package rawsock.packet;

/**
 * An {@link IcmpFields} a field at a time, starting from {@link IcmpFields#DEFAULT} (an echo
 * request; the values are checked when {@link #build} makes the header), with setters for the
 * layouts of the rest of header.
 *
 * <p>A test fixture: main code builds the record itself.
 */
public final class IcmpBuilder {
    private int type = IcmpFields.DEFAULT.type();
    private int code = IcmpFields.DEFAULT.code();
    private long rest = IcmpFields.DEFAULT.restOfHeader();
    private int checksum = IcmpFields.DEFAULT.checksum();

    public IcmpBuilder type(int value) {
        type = value;
        return this;
    }

    public IcmpBuilder code(int value) {
        code = value;
        return this;
    }

    /** Identifier: the high 16 bits of the rest of header. */
    public IcmpBuilder id(int value) {
        Bytes.checkRange("ICMP id", value, 0, 0xffff);
        rest = ((long) value << 16) | (rest & 0xffff);
        return this;
    }

    /** Sequence number: the low 16 bits of the rest of header. */
    public IcmpBuilder seq(int value) {
        Bytes.checkRange("ICMP sequence", value, 0, 0xffff);
        rest = (rest & 0xffff0000L) | value;
        return this;
    }

    /** The whole 32-bit rest of header, for types without an id/seq layout. */
    public IcmpBuilder restOfHeader(long value) {
        rest = value;
        return this;
    }

    /** Redirect (type 5): the gateway address fills the rest of header. */
    public IcmpBuilder gateway(byte[] address) {
        if (address == null || address.length != 4) {
            throw new IllegalArgumentException("ICMP redirect gateway must be a 4-byte IPv4 address");
        }
        rest = ((address[0] & 0xffL) << 24) | ((address[1] & 0xff) << 16) | ((address[2] & 0xff) << 8)
                | (address[3] & 0xff);
        return this;
    }

    /** Fragmentation needed (type 3 code 4, RFC 1191): next-hop MTU in the low 16 bits. */
    public IcmpBuilder mtu(int value) {
        Bytes.checkRange("ICMP next-hop MTU", value, 0, 0xffff);
        rest = value;
        return this;
    }

    /** Parameter problem (type 12): the offending octet's index in the high byte. */
    public IcmpBuilder pointer(int value) {
        Bytes.checkRange("ICMP parameter-problem pointer", value, 0, 255);
        rest = (long) value << 24;
        return this;
    }

    /** Checksum to send instead of the computed one; null or -1 = computed. */
    public IcmpBuilder checksum(Integer value) {
        checksum = value == null ? IcmpFields.COMPUTED : value;
        return this;
    }

    /**
     * The header: every value checked here.
     *
     * @throws IllegalArgumentException for a value out of its field's range
     */
    public IcmpFields build() {
        return new IcmpFields(type, code, rest, checksum);
    }
}
