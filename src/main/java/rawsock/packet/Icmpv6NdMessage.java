package rawsock.packet;

import rawsock.packet.Icmpv6Types.Field;

/**
 * The neighbour discovery part of an ICMPv6 message (RFC 4861 4.1-4.5): bytes 4-7 (an
 * advertisement's flags, a router advertisement's hop limit and lifetime, else reserved zero),
 * then the fixed part after them (reachable time and retrans timer; the target; a redirect's
 * destination) and the link-layer address options. Every field is zero until set; which fields
 * a type has comes from {@link Icmpv6Types#has}, and setting one it lacks is refused.
 */
public final class Icmpv6NdMessage {
    private final int type;
    private int flags;
    private int hopLimit;
    private int routerLifetime;
    private long reachableTime;
    private long retransTimer;
    private byte[] target = new byte[16];
    private byte[] destination = new byte[16];
    private byte[] sourceLinkLayer;
    private byte[] targetLinkLayer;

    /** @throws IllegalArgumentException when {@code type} is not a neighbour discovery message (133..137) */
    public Icmpv6NdMessage(int type) {
        if (Icmpv6Types.optionsStart(type) < 0) {
            throw new IllegalArgumentException(Icmpv6Types.name(type) + " is not a neighbour discovery message");
        }
        this.type = type;
    }

    /** The flags, as {@link Icmpv6Types#parseFlags} gives them (bit 7 first). */
    public Icmpv6NdMessage flags(int value) {
        require(Field.ND_FLAGS);
        flags = Bytes.checkRange("neighbour discovery flags", value, 0, 0xff);
        return this;
    }

    public Icmpv6NdMessage hopLimit(int value) {
        require(Field.HOP_LIMIT);
        hopLimit = Bytes.checkRange("router advertisement hop limit", value, 0, 0xff);
        return this;
    }

    /** Router lifetime in seconds (0 = not a default router). */
    public Icmpv6NdMessage routerLifetime(int value) {
        require(Field.ROUTER_LIFETIME);
        routerLifetime = Bytes.checkRange("router lifetime", value, 0, 0xffff);
        return this;
    }

    /** Reachable time in milliseconds (0 = unspecified). */
    public Icmpv6NdMessage reachableTime(long value) {
        require(Field.REACHABLE_TIME);
        reachableTime = Bytes.checkRange("reachable time", value, 0, 0xffffffffL);
        return this;
    }

    /** Retrans timer in milliseconds (0 = unspecified). */
    public Icmpv6NdMessage retransTimer(long value) {
        require(Field.RETRANS_TIMER);
        retransTimer = Bytes.checkRange("retrans timer", value, 0, 0xffffffffL);
        return this;
    }

    public Icmpv6NdMessage target(byte[] address) {
        require(Field.TARGET);
        target = sixteen(address);
        return this;
    }

    public Icmpv6NdMessage destination(byte[] address) {
        require(Field.DESTINATION);
        destination = sixteen(address);
        return this;
    }

    /** The source link-layer address option's address (6 bytes for Ethernet); null = no option. */
    public Icmpv6NdMessage sourceLinkLayer(byte[] address) {
        require(Field.SOURCE_LINK_LAYER);
        sourceLinkLayer = address == null ? null : address.clone();
        return this;
    }

    /** The target link-layer address option's address; null = no option. */
    public Icmpv6NdMessage targetLinkLayer(byte[] address) {
        require(Field.TARGET_LINK_LAYER);
        targetLinkLayer = address == null ? null : address.clone();
        return this;
    }

    public int type() {
        return type;
    }

    /**
     * Bytes 4-7 of the message: a neighbor advertisement's flags in byte 4; a router
     * advertisement's hop limit in byte 4, flags in byte 5, lifetime in bytes 6-7; else zero.
     */
    public long restOfHeader() {
        if (type == Icmpv6Types.ROUTER_ADVERT) {
            return ((long) hopLimit << 24) | (flags << 16) | routerLifetime;
        }
        return (long) flags << 24;
    }

    /** The bytes after the 8-byte header: the type's fixed part, then its link-layer address option. */
    public byte[] body() {
        byte[] fixed = new byte[Icmpv6Types.optionsStart(type) - Icmpv6.HEADER_LENGTH];
        if (type == Icmpv6Types.ROUTER_ADVERT) {
            for (int i = 0; i < 4; i++) {
                fixed[i] = (byte) (reachableTime >>> (24 - 8 * i));
                fixed[4 + i] = (byte) (retransTimer >>> (24 - 8 * i));
            }
        }
        if (Icmpv6Types.has(type, Field.TARGET)) {
            System.arraycopy(target, 0, fixed, 0, 16);
        }
        if (Icmpv6Types.has(type, Field.DESTINATION)) {
            System.arraycopy(destination, 0, fixed, 16, 16);
        }
        byte[] source = NdOptions.linkLayerOption(NdOptions.SOURCE_LINK_LAYER, sourceLinkLayer);
        byte[] targetOption = NdOptions.linkLayerOption(NdOptions.TARGET_LINK_LAYER, targetLinkLayer);
        byte[] bytes = new byte[fixed.length + source.length + targetOption.length];
        System.arraycopy(fixed, 0, bytes, 0, fixed.length);
        System.arraycopy(source, 0, bytes, fixed.length, source.length);
        System.arraycopy(targetOption, 0, bytes, fixed.length + source.length, targetOption.length);
        return bytes;
    }

    private void require(Field field) {
        if (!Icmpv6Types.has(type, field)) {
            throw new IllegalArgumentException(Icmpv6Types.name(type) + " has no " + field);
        }
    }

    private static byte[] sixteen(byte[] address) {
        if (address == null || address.length != 16) {
            throw new IllegalArgumentException("neighbour discovery addresses are 16-byte IPv6 addresses");
        }
        return address.clone();
    }
}
