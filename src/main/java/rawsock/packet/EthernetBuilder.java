package rawsock.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds an Ethernet II header: destination and source MAC, zero or more VLAN tags (outermost
 * first) and the EtherType. {@link #emit} writes the header only; the caller appends the payload
 * (an IP packet, an ARP message, ...) after it.
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
 */
public final class EthernetBuilder {
    /** IEEE 802.1Q customer tag. */
    public static final int TPID_8021Q = EtherType.VLAN;
    /** IEEE 802.1ad service tag, the outer tag of QinQ. */
    public static final int TPID_8021AD = EtherType.QINQ;

    private final byte[] dst = new byte[MacAddress.LENGTH];
    private final byte[] src = new byte[MacAddress.LENGTH];
    private int etherType = EtherType.IPV4;
    /** Each tag as TPID in the high 16 bits and TCI in the low 16, outermost first. */
    private int[] tags = new int[0];
    private boolean padToMinimum;

    /** Destination MAC (6 bytes, copied); all zero until set. */
    public EthernetBuilder dst(byte[] mac) {
        System.arraycopy(checkMac("destination", mac), 0, dst, 0, MacAddress.LENGTH);
        return this;
    }

    /** Source MAC (6 bytes, copied); all zero until set. */
    public EthernetBuilder src(byte[] mac) {
        System.arraycopy(checkMac("source", mac), 0, src, 0, MacAddress.LENGTH);
        return this;
    }

    /**
     * The EtherType after the last tag; {@link EtherType#IPV4} until set. A value below 0x0600
     * is written as it is, and then means an 802.3 length.
     */
    public EthernetBuilder etherType(int value) {
        etherType = Bytes.checkRange("EtherType", value, 0, 0xffff);
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
        Bytes.checkRange("VLAN TPID", tpid, 0, 0xffff);
        Bytes.checkRange("VLAN priority", pcp, 0, Vlan.MAX_PCP);
        Bytes.checkRange("VLAN id", vid, 0, Vlan.MAX_VID);
        int tci = (pcp << 13) | (dei ? 0x1000 : 0) | vid;
        tags = Arrays.copyOf(tags, tags.length + 1);
        tags[tags.length - 1] = (tpid << 16) | tci;
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

    public byte[] dst() {
        return dst.clone();
    }

    public byte[] src() {
        return src.clone();
    }

    public int etherType() {
        return etherType;
    }

    public int vlanCount() {
        return tags.length;
    }

    /** Bytes {@link #emit} writes: 14 plus 4 per VLAN tag. */
    public int headerLength() {
        return Ethernet.HEADER_LENGTH + Vlan.HEADER_LENGTH * tags.length;
    }

    /**
     * Writes the header at {@code out.position()} and advances the position past it.
     *
     * @return bytes written
     * @throws java.nio.BufferOverflowException when {@code out} has less room than the header
     */
    public int emit(ByteBuffer out) {
        int length = headerLength();
        if (out.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        int at = out.position();
        for (int i = 0; i < MacAddress.LENGTH; i++) {
            out.put(at + Ethernet.DST_OFFSET + i, dst[i]);
            out.put(at + Ethernet.SRC_OFFSET + i, src[i]);
        }
        int type = at + Ethernet.TYPE_OFFSET;
        for (int tag : tags) {
            Bytes.put16(out, type, tag >>> 16);
            Bytes.put16(out, type + 2, tag & 0xffff);
            type += Vlan.HEADER_LENGTH;
        }
        Bytes.put16(out, type, etherType);
        out.position(at + length);
        return length;
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

    private static byte[] checkMac(String what, byte[] mac) {
        if (mac == null || mac.length != MacAddress.LENGTH) {
            throw new IllegalArgumentException("Ethernet " + what + " must be a 6-byte MAC address");
        }
        return mac;
    }
}
