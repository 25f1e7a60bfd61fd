package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * An ARP message (RFC 826) for Ethernet and IPv4 a user can set, immutable, with its defaults in
 * {@link #DEFAULT}: 28 bytes, sent after an Ethernet header with EtherType {@link EtherType#ARP}.
 * Hardware type, protocol type and the two length fields can be set to other values for testing
 * receivers; the addresses written stay 6 and 4 bytes whatever hlen and plen say.
 *
 * @param operation {@link Arp#REQUEST}, {@link Arp#REPLY}, ... or any 16-bit value
 * @param senderMac 6 bytes (copied)
 * @param senderIp 4 bytes (copied)
 * @param targetMac 6 bytes (copied)
 * @param targetIp 4 bytes (copied)
 */
public record ArpFields(int htype, int ptype, int hlen, int plen, int operation, byte[] senderMac, byte[] senderIp,
        byte[] targetMac, byte[] targetIp) {
    /** An Ethernet/IPv4 request with every address zero. */
    public static final ArpFields DEFAULT = new ArpFields(Arp.HTYPE_ETHERNET, EtherType.IPV4, MacAddress.LENGTH, 4,
            Arp.REQUEST, new byte[MacAddress.LENGTH], new byte[4], new byte[MacAddress.LENGTH], new byte[4]);

    /** @throws IllegalArgumentException for a value its field cannot hold */
    public ArpFields {
        Bytes.checkRange("ARP hardware type", htype, 0, 0xffff);
        Bytes.checkRange("ARP protocol type", ptype, 0, 0xffff);
        Bytes.checkRange("ARP hardware address length", hlen, 0, 255);
        Bytes.checkRange("ARP protocol address length", plen, 0, 255);
        Bytes.checkRange("ARP operation", operation, 0, 0xffff);
        senderMac = Bytes.address("ARP sender hardware", senderMac, MacAddress.LENGTH);
        senderIp = Bytes.address("ARP sender protocol", senderIp, 4);
        targetMac = Bytes.address("ARP target hardware", targetMac, MacAddress.LENGTH);
        targetIp = Bytes.address("ARP target protocol", targetIp, 4);
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] senderMac() {
        return senderMac.clone();
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] senderIp() {
        return senderIp.clone();
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] targetMac() {
        return targetMac.clone();
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] targetIp() {
        return targetIp.clone();
    }

    /**
     * The message {@code view} shows, its addresses read where this record writes them (hlen 6,
     * plen 4, whatever those fields say); null when fewer than 28 bytes are there.
     */
    public static ArpFields parse(Arp view) {
        if (!view.has(0, Arp.ETHERNET_IPV4_LENGTH)) {
            return null;
        }
        int at = Arp.SENDER_HW_OFFSET;
        return new ArpFields(view.htype(), view.ptype(), view.hlen(), view.plen(), view.operation(),
                view.bytes(at, 6), view.bytes(at + 6, 4), view.bytes(at + 10, 6), view.bytes(at + 16, 4));
    }

    /** 28: the whole message (ARP has no payload). */
    public int headerLength() {
        return Arp.ETHERNET_IPV4_LENGTH;
    }

    /**
     * Writes the 28-byte message at {@code out.position()} and advances it.
     *
     * @return bytes written (28)
     * @throws java.nio.BufferOverflowException when {@code out} has less room
     */
    public int emit(ByteBuffer out) {
        int length = Arp.ETHERNET_IPV4_LENGTH;
        int at = Bytes.claim(out, length);
        Bytes.put16(out, at + Arp.HTYPE_OFFSET, htype);
        Bytes.put16(out, at + Arp.PTYPE_OFFSET, ptype);
        Bytes.put8(out, at + Arp.HLEN_OFFSET, hlen);
        Bytes.put8(out, at + Arp.PLEN_OFFSET, plen);
        Bytes.put16(out, at + Arp.OPERATION_OFFSET, operation);
        int i = at + Arp.SENDER_HW_OFFSET;
        out.put(i, senderMac, 0, MacAddress.LENGTH);
        out.put(i + 6, senderIp, 0, 4);
        out.put(i + 10, targetMac, 0, MacAddress.LENGTH);
        out.put(i + 16, targetIp, 0, 4);
        out.position(at + length);
        return length;
    }
}
