package rawsock.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An {@link EthernetFields} a field at a time, starting from {@link EthernetFields#DEFAULT}, its
 * VLAN tags added one by one; and the padding of a short frame.
 *
 * <p>Padding: a frame shorter than 60 bytes is sent as it is unless asked otherwise. A NIC pads
 * short frames on the wire, but a veth pair or a bridge carries the frame exactly as the packet
 * socket received it, and Linux's packet socket does not pad. With {@link #padToMinimum(boolean)}
 * set, {@link #finish} zero-fills the frame to 60 bytes after the payload has been appended; the
 * static {@link #pad} does the same unconditionally. Padding is a separate step because only the
 * caller knows where the payload ends.
 *
 * <p>Every field can be set to values a correct stack would not send (an EtherType below 0x0600,
 * any TPID, VLAN 4095), so receivers can be tested with exactly the bytes asked for.
 *
 * <p>A test fixture: main code builds the record itself.
 */
public final class EthernetBuilder {
    /** IEEE 802.1Q customer tag. */
    public static final int TPID_8021Q = EthernetFields.TPID_8021Q;
    /** IEEE 802.1ad service tag, the outer tag of QinQ. */
    public static final int TPID_8021AD = EthernetFields.TPID_8021AD;

    private byte[] dst = EthernetFields.DEFAULT.dst();
    private byte[] src = EthernetFields.DEFAULT.src();
    private int etherType = EthernetFields.DEFAULT.etherType();
    /** As {@link EthernetFields#tags}. */
    private int[] tags = EthernetFields.DEFAULT.tags();
    private boolean padToMinimum;

    /** Destination MAC (6 bytes, copied); all zero until set. */
    public EthernetBuilder dst(byte[] mac) {
        dst = mac;
        return this;
    }

    /** Source MAC (6 bytes, copied); all zero until set. */
    public EthernetBuilder src(byte[] mac) {
        src = mac;
        return this;
    }

    /**
     * The EtherType after the last tag; {@link EtherType#IPV4} until set. A value below 0x0600
     * is written as it is, and then means an 802.3 length.
     */
    public EthernetBuilder etherType(int value) {
        etherType = value;
        return this;
    }

    /** Adds an 802.1Q tag (TPID 0x8100, priority 0, DEI clear) inside the tags added before. */
    public EthernetBuilder vlan(int vid) {
        return vlan(TPID_8021Q, 0, false, vid);
    }

    /**
     * Adds a tag inside the tags added before: the first call gives the outermost tag. The TPID
     * is normally {@link #TPID_8021Q} or, for the outer tag of QinQ, {@link #TPID_8021AD}; any
     * 16-bit value is written as given.
     *
     * @param pcp priority code point 0..7
     * @param vid VLAN id 0..4095
     */
    public EthernetBuilder vlan(int tpid, int pcp, boolean dei, int vid) {
        int tag = EthernetFields.tag(tpid, pcp, dei, vid);
        tags = Arrays.copyOf(tags, tags.length + 1);
        tags[tags.length - 1] = tag;
        return this;
    }

    public EthernetBuilder clearVlans() {
        tags = new int[0];
        return this;
    }

    /** Whether {@link #finish} pads the frame to 60 bytes; off by default (see the class comment). */
    public EthernetBuilder padToMinimum(boolean value) {
        padToMinimum = value;
        return this;
    }

    public boolean padToMinimum() {
        return padToMinimum;
    }

    /**
     * The header: every value checked here.
     *
     * @throws IllegalArgumentException for a MAC not of 6 bytes or an EtherType over 16 bits
     */
    public EthernetFields build() {
        return new EthernetFields(dst, src, tags, etherType);
    }

    /**
     * Ends a frame that started at absolute {@code frameStart} and whose payload has been written
     * up to {@code frame.position()}: pads it to 60 bytes when {@link #padToMinimum(boolean)} is
     * set, else leaves it alone.
     *
     * @return padding bytes added
     */
    public int finish(ByteBuffer frame, int frameStart) {
        return padToMinimum ? pad(frame, frameStart) : 0;
    }

    /**
     * Zero-fills the frame from {@code frameStart} to {@code frame.position()} up to
     * {@link Ethernet#MIN_FRAME} (60) bytes and advances the position; a frame of 60 bytes or
     * more is left alone. VLAN tags count toward the 60, as Linux's ETH_ZLEN counts them.
     * Allocation-free, for the send loop.
     *
     * @return padding bytes added
     * @throws java.nio.BufferOverflowException when the buffer has no room for the padding
     */
    public static int pad(ByteBuffer frame, int frameStart) {
        int end = frame.position();
        int missing = Ethernet.MIN_FRAME - (end - frameStart);
        if (missing <= 0) {
            return 0;
        }
        if (frame.limit() - end < missing) {
            throw new java.nio.BufferOverflowException();
        }
        for (int i = 0; i < missing; i++) {
            frame.put(end + i, (byte) 0);
        }
        frame.position(end + missing);
        return missing;
    }
}
