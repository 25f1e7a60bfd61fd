package rawsock.packet;

import java.util.Arrays;

/**
 * An {@link Ipv6Fields} a field at a time, starting from {@link Ipv6Fields#DEFAULT} (the values
 * are checked when {@link #build} makes the header), and the extension headers most often put
 * in {@link Ipv6Fields#extensions}.
 *
 * <p>A test fixture: main code builds the record itself.
 */
public final class Ipv6Builder {
    private static final Ipv6Fields DEFAULT = Ipv6Fields.DEFAULT;

    private int version = DEFAULT.version();
    private int trafficClass = DEFAULT.trafficClass();
    private int flowLabel = DEFAULT.flowLabel();
    private int payloadLength = DEFAULT.payloadLength();
    private int nextHeader = DEFAULT.nextHeader();
    private int hopLimit = DEFAULT.hopLimit();
    private byte[] src = DEFAULT.src();
    private byte[] dst = DEFAULT.dst();
    private byte[] extensions = DEFAULT.extensions();

    /** The version nibble, normally 6; other values build deliberately wrong headers. */
    public Ipv6Builder version(int value) {
        version = value;
        return this;
    }

    /** Traffic class (DSCP and ECN), 0..255. */
    public Ipv6Builder trafficClass(int value) {
        trafficClass = value;
        return this;
    }

    /** Flow label, 20 bits: 0..0xfffff. */
    public Ipv6Builder flowLabel(int value) {
        flowLabel = value;
        return this;
    }

    /** Payload length field; null or -1 = extension headers plus payload. */
    public Ipv6Builder payloadLength(Integer value) {
        payloadLength = value == null ? Ipv6Fields.COMPUTED : value;
        return this;
    }

    /** See {@link Ipv6Fields#nextHeader}; 59 (no next header) until set. */
    public Ipv6Builder nextHeader(int value) {
        nextHeader = value;
        return this;
    }

    public Ipv6Builder hopLimit(int value) {
        hopLimit = value;
        return this;
    }

    /** Source address (16 bytes); :: until set. */
    public Ipv6Builder src(byte[] address) {
        src = address;
        return this;
    }

    public Ipv6Builder dst(byte[] address) {
        dst = address;
        return this;
    }

    /** See {@link Ipv6Fields#extensions}. */
    public Ipv6Builder extensionHeaders(byte[] bytes) {
        extensions = bytes;
        return this;
    }

    /**
     * The header: every value checked here.
     *
     * @throws IllegalArgumentException for a value out of its field's range or an address not of 16 bytes
     */
    public Ipv6Fields build() {
        return new Ipv6Fields(version, trafficClass, flowLabel, payloadLength, nextHeader, hopLimit, src, dst,
                extensions);
    }

    /**
     * An 8-byte Fragment header (RFC 8200 4.5) for {@link #extensionHeaders}.
     *
     * @param nextHeader what follows it (in the first fragment, the upper layer or the next extension header)
     * @param offsetUnits fragment offset in 8-byte units, 0..8191
     * @param more the M flag: more fragments follow
     * @param id the 32-bit identification
     */
    public static byte[] fragmentHeader(int nextHeader, int offsetUnits, boolean more, long id) {
        Bytes.checkRange("IPv6 next header", nextHeader, 0, 255);
        Bytes.checkRange("IPv6 fragment offset (8-byte units)", offsetUnits, 0, 0x1fff);
        Bytes.checkRange("IPv6 fragment identification", id, 0, 0xffffffffL);
        int word = (offsetUnits << 3) | (more ? 1 : 0);
        return new byte[] {(byte) nextHeader, 0, (byte) (word >>> 8), (byte) word,
            (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    /**
     * An 8-byte Hop-by-Hop Options header holding a Router Alert option (RFC 2711, value 0 = MLD)
     * and a 2-byte PadN, as MLD reports carry it (RFC 3810 5).
     */
    public static byte[] hopByHopRouterAlert(int nextHeader) {
        Bytes.checkRange("IPv6 next header", nextHeader, 0, 255);
        return new byte[] {(byte) nextHeader, 0, 5, 2, 0, 0, 1, 0};
    }

    /** An extension header's bytes padded with zeros to a multiple of 8, as RFC 8200 requires. */
    public static byte[] padTo8(byte[] bytes) {
        return Arrays.copyOf(bytes, (bytes.length + 7) & ~7);
    }
}
