package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The Ethernet II header a user can set, immutable, with its defaults in {@link #DEFAULT}:
 * destination and source MAC, zero or more VLAN tags (outermost first) and the EtherType.
 * {@link #emit} writes the header only; the caller appends the payload (an IP packet, an ARP
 * message, ...) and, where wanted, zero padding to the 60-byte minimum frame.
 *
 * <p>Every field can be set to values a correct stack would not send (an EtherType below 0x0600,
 * any TPID, VLAN 4095), so receivers can be tested with exactly the bytes asked for.
 *
 * @param dst 6 bytes (copied)
 * @param src 6 bytes (copied)
 * @param tags each tag as its TPID in the high 16 bits and its TCI in the low 16, outermost first
 *     (copied); null = untagged. {@link #tag} makes one.
 * @param etherType the type after the last tag; a value below 0x0600 is an 802.3 length
 */
public record EthernetFields(byte[] dst, byte[] src, int[] tags, int etherType) {
    /** IEEE 802.1Q customer tag. */
    public static final int TPID_8021Q = EtherType.VLAN;
    /** IEEE 802.1ad service tag, the outer tag of QinQ. */
    public static final int TPID_8021AD = EtherType.QINQ;
    /** All-zero MACs, untagged, IPv4. */
    public static final EthernetFields DEFAULT = new EthernetFields(new byte[MacAddress.LENGTH],
            new byte[MacAddress.LENGTH], null, EtherType.IPV4);

    /** @throws IllegalArgumentException for a value its field cannot hold */
    public EthernetFields {
        dst = Bytes.address("Ethernet destination", dst, MacAddress.LENGTH);
        src = Bytes.address("Ethernet source", src, MacAddress.LENGTH);
        tags = tags == null ? new int[0] : tags.clone();
        Bytes.checkRange("EtherType", etherType, 0, 0xffff);
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] dst() {
        return dst.clone();
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] src() {
        return src.clone();
    }

    /** A copy: the record never shares its tags. */
    @Override
    public int[] tags() {
        return tags.clone();
    }

    /**
     * A VLAN tag for {@link #tags}: the TPID is normally {@link #TPID_8021Q} or, for the outer tag
     * of QinQ, {@link #TPID_8021AD}; any 16-bit value is written as given.
     *
     * @param pcp priority code point 0..7
     * @param vid VLAN id 0..4095
     */
    public static int tag(int tpid, int pcp, boolean dei, int vid) {
        Bytes.checkRange("VLAN TPID", tpid, 0, 0xffff);
        Bytes.checkRange("VLAN priority", pcp, 0, Vlan.MAX_PCP);
        Bytes.checkRange("VLAN id", vid, 0, Vlan.MAX_VID);
        return (tpid << 16) | (pcp << 13) | (dei ? 0x1000 : 0) | vid;
    }

    /**
     * The header {@code frame} walked (its tags and the EtherType after them); null when the walk
     * did not reach the network layer (a cut header or tag, more tags than the walk follows).
     */
    public static EthernetFields parse(EthernetFrame frame) {
        if (frame.end() != EthernetFrame.End.NETWORK) {
            return null;
        }
        int[] tags = new int[frame.tagCount()];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = (frame.tag(i).tpid() << 16) | frame.tag(i).tci();
        }
        return new EthernetFields(frame.ethernet().dst(), frame.ethernet().src(), tags, frame.type());
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
        int at = Bytes.claim(out, length);
        out.put(at + Ethernet.DST_OFFSET, dst, 0, MacAddress.LENGTH);
        out.put(at + Ethernet.SRC_OFFSET, src, 0, MacAddress.LENGTH);
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
}
