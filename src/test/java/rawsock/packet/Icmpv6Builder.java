package rawsock.packet;

/**
 * An {@link Icmpv6Fields} a field at a time, starting from {@link Icmpv6Fields#DEFAULT} (an echo
 * request; the values are checked when {@link #build} makes the header), with setters for the
 * layouts of the 32 bits after the checksum and the neighbour discovery messages.
 *
 * <p>A test fixture: main code builds the record itself.
 */
public final class Icmpv6Builder {
    private int type = Icmpv6Fields.DEFAULT.type();
    private int code = Icmpv6Fields.DEFAULT.code();
    private long rest = Icmpv6Fields.DEFAULT.restOfHeader();
    private int checksum = Icmpv6Fields.DEFAULT.checksum();
    private byte[] body = Icmpv6Fields.DEFAULT.body();

    public Icmpv6Builder type(int value) {
        type = value;
        return this;
    }

    public Icmpv6Builder code(int value) {
        code = value;
        return this;
    }

    /** Echo identifier: the high 16 bits after the checksum. */
    public Icmpv6Builder id(int value) {
        Bytes.checkRange("ICMPv6 id", value, 0, 0xffff);
        rest = ((long) value << 16) | (rest & 0xffff);
        return this;
    }

    /** Echo sequence number: the low 16 bits after the checksum. */
    public Icmpv6Builder seq(int value) {
        Bytes.checkRange("ICMPv6 sequence", value, 0, 0xffff);
        rest = (rest & 0xffff0000L) | value;
        return this;
    }

    /** The raw 32 bits after the checksum, for any type. */
    public Icmpv6Builder restOfHeader(long value) {
        rest = value;
        return this;
    }

    /** Packet too big (type 2): the next-hop MTU, 32 bits. */
    public Icmpv6Builder mtu(long value) {
        rest = Bytes.checkRange("ICMPv6 packet-too-big MTU", value, 0, 0xffffffffL);
        return this;
    }

    /** Parameter problem (type 4): offset of the offending octet, 32 bits. */
    public Icmpv6Builder pointer(long value) {
        rest = Bytes.checkRange("ICMPv6 parameter-problem pointer", value, 0, 0xffffffffL);
        return this;
    }

    /** Checksum to send instead of the computed one; null or -1 = computed. */
    public Icmpv6Builder checksum(Integer value) {
        checksum = value == null ? Icmpv6Fields.COMPUTED : value;
        return this;
    }

    /** Bytes written after the 8-byte header and before the payload; null = none. */
    public Icmpv6Builder body(byte[] bytes) {
        body = bytes;
        return this;
    }

    /**
     * The header: every value checked here.
     *
     * @throws IllegalArgumentException for a value out of its field's range
     */
    public Icmpv6Fields build() {
        return new Icmpv6Fields(type, code, rest, checksum, body);
    }

    /**
     * Neighbor solicitation (RFC 4861 4.3): type 135, code 0, reserved 0, the target address and,
     * when {@code sourceLinkLayer} is not null, a source link-layer address option (a 6-byte MAC
     * makes the 8-byte option Ethernet uses). Send it to {@link #solicitedNodeMulticast(byte[])}
     * of the target with hop limit 255; omit the option when the source is :: (RFC 4861 7.2.2).
     */
    public Icmpv6Builder neighborSolicitation(byte[] target, byte[] sourceLinkLayer) {
        return neighborDiscovery(new Icmpv6NdMessage(Icmpv6Types.NEIGHBOR_SOLICIT).target(target)
                .sourceLinkLayer(sourceLinkLayer));
    }

    /**
     * Neighbor advertisement (RFC 4861 4.4): type 136, the R/S/O flags
     * ({@link Icmpv6#NA_ROUTER} | {@link Icmpv6#NA_SOLICITED} | {@link Icmpv6#NA_OVERRIDE}),
     * the target and, when not null, a target link-layer address option.
     */
    public Icmpv6Builder neighborAdvertisement(byte[] target, int flags, byte[] targetLinkLayer) {
        Bytes.checkRange("neighbor advertisement flags", flags, 0, 0xe0);
        return neighborDiscovery(new Icmpv6NdMessage(Icmpv6Types.NEIGHBOR_ADVERT).flags(flags).target(target)
                .targetLinkLayer(targetLinkLayer));
    }

    /** Any neighbour discovery message (types 133..137), code 0: its bytes 4-7, fixed part and options. */
    public Icmpv6Builder neighborDiscovery(Icmpv6NdMessage message) {
        type = message.type();
        code = 0;
        rest = message.restOfHeader();
        body = message.body();
        return this;
    }

    /** RFC 4291 2.7.1: ff02::1:ffXX:XXXX, the group a neighbor solicitation for {@code address} goes to. */
    public static byte[] solicitedNodeMulticast(byte[] address) {
        if (address == null || address.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes");
        }
        byte[] group = new byte[16];
        group[0] = (byte) 0xff;
        group[1] = 0x02;
        group[11] = 0x01;
        group[12] = (byte) 0xff;
        group[13] = address[13];
        group[14] = address[14];
        group[15] = address[15];
        return group;
    }
}
