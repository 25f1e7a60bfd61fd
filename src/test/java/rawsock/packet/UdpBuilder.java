package rawsock.packet;

/**
 * A {@link UdpFields} a field at a time, starting from {@link UdpFields#DEFAULT}: the values are
 * checked when {@link #build} makes the header.
 *
 * <p>A test fixture: main code builds the record itself.
 */
public final class UdpBuilder {
    private int sport = UdpFields.DEFAULT.sourcePort();
    private int dport = UdpFields.DEFAULT.destinationPort();
    private int length = UdpFields.DEFAULT.length();
    private int checksum = UdpFields.DEFAULT.checksum();

    public UdpBuilder sport(int value) {
        sport = value;
        return this;
    }

    public UdpBuilder dport(int value) {
        dport = value;
        return this;
    }

    /** Length field; null or -1 = 8 plus the payload. */
    public UdpBuilder length(Integer value) {
        length = value == null ? UdpFields.COMPUTED : value;
        return this;
    }

    /** Checksum to send instead of the computed one; null or -1 = computed (see {@link UdpFields#checksum}). */
    public UdpBuilder checksum(Integer value) {
        checksum = value == null ? UdpFields.COMPUTED : value;
        return this;
    }

    /**
     * The header: every value checked here.
     *
     * @throws IllegalArgumentException for a value out of its field's range
     */
    public UdpFields build() {
        return new UdpFields(sport, dport, length, checksum);
    }
}
