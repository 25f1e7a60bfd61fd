package rawsock.packet;

/**
 * A {@link TcpFields} a field at a time, starting from {@link TcpFields#DEFAULT} (a SYN to port
 * 80): the values are checked when {@link #build} makes the header.
 *
 * <p>A test fixture: main code builds the record itself.
 */
public final class TcpBuilder {
    private static final TcpFields DEFAULT = TcpFields.DEFAULT;

    private int sport = DEFAULT.sourcePort();
    private int dport = DEFAULT.destinationPort();
    private long seq = DEFAULT.seq();
    private long ack = DEFAULT.ack();
    private int dataOffset = DEFAULT.dataOffset();
    private int flags = DEFAULT.flags();
    private int window = DEFAULT.window();
    private int urgent = DEFAULT.urgent();
    private int checksum = DEFAULT.checksum();
    private byte[] options = DEFAULT.options();

    public TcpBuilder sport(int value) {
        sport = value;
        return this;
    }

    public TcpBuilder dport(int value) {
        dport = value;
        return this;
    }

    /** Sequence number, 0..2^32-1. */
    public TcpBuilder seq(long value) {
        seq = value;
        return this;
    }

    /** Acknowledgment number, 0..2^32-1 (sent whatever the ACK flag says). */
    public TcpBuilder ack(long value) {
        ack = value;
        return this;
    }

    /** Data offset field in 32-bit words; null or -1 = computed from the options. */
    public TcpBuilder dataOffset(Integer words) {
        dataOffset = words == null ? TcpFields.COMPUTED : words;
        return this;
    }

    /** {@link TcpFlags} bits, 0..0x1ff; SYN until set. */
    public TcpBuilder flags(int bits) {
        flags = bits;
        return this;
    }

    /** Flags as letters FSRPAUEC, see {@link TcpFlags#parse}. */
    public TcpBuilder flags(String letters) {
        flags = TcpFlags.parse(letters);
        return this;
    }

    public TcpBuilder window(int value) {
        window = value;
        return this;
    }

    public TcpBuilder urgent(int value) {
        urgent = value;
        return this;
    }

    /** Checksum to send instead of the computed one; null or -1 = computed. */
    public TcpBuilder checksum(Integer value) {
        checksum = value == null ? TcpFields.COMPUTED : value;
        return this;
    }

    /** See {@link TcpFields#options}. */
    public TcpBuilder options(byte[] bytes) {
        options = bytes;
        return this;
    }

    /**
     * The header: every value checked here.
     *
     * @throws IllegalArgumentException for a value out of its field's range or options over 40 bytes
     */
    public TcpFields build() {
        return new TcpFields(sport, dport, seq, ack, dataOffset, flags, window, urgent, checksum, options);
    }
}
