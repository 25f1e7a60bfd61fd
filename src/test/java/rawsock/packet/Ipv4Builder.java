package rawsock.packet;

/**
 * An {@link Ipv4Fields} a field at a time, starting from {@link Ipv4Fields#DEFAULT}: the values
 * are checked when {@link #build} makes the header.
 *
 * <p>A test fixture: main code builds the record itself.
 */
public final class Ipv4Builder {
    private static final Ipv4Fields DEFAULT = Ipv4Fields.DEFAULT;

    private int version = DEFAULT.version();
    private int ihl = DEFAULT.ihl();
    private int tos = DEFAULT.tos();
    private int totalLength = DEFAULT.totalLength();
    private int id = DEFAULT.id();
    private boolean reservedFlag = DEFAULT.reservedFlag();
    private boolean df = DEFAULT.df();
    private boolean mf = DEFAULT.mf();
    private int fragmentOffset = DEFAULT.fragmentOffset();
    private int ttl = DEFAULT.ttl();
    private int protocol = DEFAULT.protocol();
    private int checksum = DEFAULT.checksum();
    private byte[] src = DEFAULT.src();
    private byte[] dst = DEFAULT.dst();
    private byte[] options = DEFAULT.options();

    /** The version nibble, normally 4; other values build deliberately wrong headers. */
    public Ipv4Builder version(int value) {
        version = value;
        return this;
    }

    /** Header length field in 32-bit words; null or -1 = computed from the options. */
    public Ipv4Builder ihl(Integer words) {
        ihl = words == null ? Ipv4Fields.COMPUTED : words;
        return this;
    }

    public Ipv4Builder tos(int value) {
        tos = value;
        return this;
    }

    /** Total length field; null or -1 = header plus payload. */
    public Ipv4Builder totalLength(Integer value) {
        totalLength = value == null ? Ipv4Fields.COMPUTED : value;
        return this;
    }

    public Ipv4Builder id(int value) {
        id = value;
        return this;
    }

    public Ipv4Builder df(boolean value) {
        df = value;
        return this;
    }

    public Ipv4Builder mf(boolean value) {
        mf = value;
        return this;
    }

    /** The reserved flag bit (RFC 3514's "evil bit"). */
    public Ipv4Builder reservedFlag(boolean value) {
        reservedFlag = value;
        return this;
    }

    /** Fragment offset in 8-byte units, 0..8191. */
    public Ipv4Builder fragmentOffset(int units) {
        fragmentOffset = units;
        return this;
    }

    public Ipv4Builder ttl(int value) {
        ttl = value;
        return this;
    }

    /** The protocol field (see {@link IpProtocol}); 0 until set. */
    public Ipv4Builder protocol(int value) {
        protocol = value;
        return this;
    }

    /** Header checksum to send instead of the computed one; null or -1 = computed. */
    public Ipv4Builder checksum(Integer value) {
        checksum = value == null ? Ipv4Fields.COMPUTED : value;
        return this;
    }

    /** Source address (4 bytes, copied); all zero until set. */
    public Ipv4Builder src(byte[] address) {
        src = address;
        return this;
    }

    public Ipv4Builder dst(byte[] address) {
        dst = address;
        return this;
    }

    /**
     * Option bytes as given (not validated, so malformed options can be sent), padded with EOL
     * (zero) bytes to a multiple of 4; null = none.
     *
     * @throws IllegalArgumentException when longer than 40 bytes
     */
    public Ipv4Builder options(byte[] bytes) {
        options = bytes;
        return this;
    }

    public int protocol() {
        return protocol;
    }


    /**
     * The header: every value checked here, so a value its field cannot hold is refused now.
     *
     * @throws IllegalArgumentException for a value out of its field's range, an address not of 4
     *     bytes or options over 40 bytes
     */
    public Ipv4Fields build() {
        return new Ipv4Fields(version, ihl, tos, totalLength, id, reservedFlag, df, mf, fragmentOffset, ttl,
                protocol, checksum, src, dst, options);
    }

    /**
     * Writes the header at {@code out.position()} for a payload of {@code payloadLength} bytes that
     * the caller writes after it, and advances the position. The checksum covers the
     * {@link #headerLength()} bytes written.
     *
     * @return bytes written
     * @throws IllegalArgumentException when the computed total length exceeds 65535
     * @throws java.nio.BufferOverflowException when {@code out} has less room than the header
     */
    /**
     * The destination a TCP/UDP pseudo-header sums for a packet with these IPv4 options: the
     * final hop of a source route (LSRR/SSRR), else {@code destination}.
     */
}
