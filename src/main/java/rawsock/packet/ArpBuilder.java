package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Builds an ARP message (RFC 826) for Ethernet and IPv4: 28 bytes, sent after an Ethernet header
 * with EtherType {@link EtherType#ARP}. Hardware type, protocol type and the two length fields
 * can be set to other values for testing receivers; the addresses written stay 6 and 4 bytes
 * whatever hlen and plen say.
 */
public final class ArpBuilder {
    private int htype = Arp.HTYPE_ETHERNET;
    private int ptype = EtherType.IPV4;
    private int hlen = MacAddress.LENGTH;
    private int plen = 4;
    private int operation = Arp.REQUEST;
    private final byte[] senderMac = new byte[MacAddress.LENGTH];
    private final byte[] senderIp = new byte[4];
    private final byte[] targetMac = new byte[MacAddress.LENGTH];
    private final byte[] targetIp = new byte[4];

    /**
     * A request "who-has {@code targetIp} tell {@code senderIp}": target MAC all zero, as Linux
     * sends it. Send it to {@link MacAddress#broadcast()}.
     */
    public static ArpBuilder request(byte[] senderMac, byte[] senderIp, byte[] targetIp) {
        return new ArpBuilder().operation(Arp.REQUEST).senderMac(senderMac).senderIp(senderIp).targetIp(targetIp);
    }

    /** A reply "{@code senderIp} is-at {@code senderMac}" to the host at targetMac/targetIp. */
    public static ArpBuilder reply(byte[] senderMac, byte[] senderIp, byte[] targetMac, byte[] targetIp) {
        return new ArpBuilder().operation(Arp.REPLY).senderMac(senderMac).senderIp(senderIp).targetMac(targetMac)
                .targetIp(targetIp);
    }

    /**
     * A gratuitous ARP announcing that {@code ip} is at {@code senderMac}: a request whose sender
     * and target IP are both {@code ip} and whose target MAC is zero, the ARP Announcement of
     * RFC 5227 (2.3). Send it to {@link MacAddress#broadcast()}. Some senders put the broadcast
     * address in the target MAC ({@code arping -U}, MetalLB) or send a reply instead
     * ({@code arping -A}); {@link #targetMac} and {@link #operation(int)} make those.
     */
    public static ArpBuilder gratuitous(byte[] senderMac, byte[] ip) {
        return new ArpBuilder().operation(Arp.REQUEST).senderMac(senderMac).senderIp(ip).targetIp(ip);
    }

    /** Hardware type; 1 (Ethernet) until set. */
    public ArpBuilder htype(int value) {
        htype = Bytes.checkRange("ARP hardware type", value, 0, 0xffff);
        return this;
    }

    /** Protocol type; 0x0800 (IPv4) until set. */
    public ArpBuilder ptype(int value) {
        ptype = Bytes.checkRange("ARP protocol type", value, 0, 0xffff);
        return this;
    }

    /** The hardware address length field; 6 until set (the address written stays 6 bytes). */
    public ArpBuilder hlen(int value) {
        hlen = Bytes.checkRange("ARP hardware address length", value, 0, 255);
        return this;
    }

    /** The protocol address length field; 4 until set (the address written stays 4 bytes). */
    public ArpBuilder plen(int value) {
        plen = Bytes.checkRange("ARP protocol address length", value, 0, 255);
        return this;
    }

    /** Operation: {@link Arp#REQUEST} (until set), {@link Arp#REPLY}, ... or any 16-bit value. */
    public ArpBuilder operation(int value) {
        operation = Bytes.checkRange("ARP operation", value, 0, 0xffff);
        return this;
    }

    /** Operation by name ("request", "reply", ...) or number; see {@link Arp#parseOperation}. */
    public ArpBuilder operation(String nameOrNumber) {
        operation = Arp.parseOperation(nameOrNumber);
        return this;
    }

    public ArpBuilder senderMac(byte[] mac) {
        System.arraycopy(checkMac("sender", mac), 0, senderMac, 0, MacAddress.LENGTH);
        return this;
    }

    public ArpBuilder senderIp(byte[] ip) {
        System.arraycopy(checkIp("sender", ip), 0, senderIp, 0, 4);
        return this;
    }

    public ArpBuilder targetMac(byte[] mac) {
        System.arraycopy(checkMac("target", mac), 0, targetMac, 0, MacAddress.LENGTH);
        return this;
    }

    public ArpBuilder targetIp(byte[] ip) {
        System.arraycopy(checkIp("target", ip), 0, targetIp, 0, 4);
        return this;
    }

    public int operation() {
        return operation;
    }

    public byte[] senderMac() {
        return senderMac.clone();
    }

    public byte[] senderIp() {
        return senderIp.clone();
    }

    public byte[] targetMac() {
        return targetMac.clone();
    }

    public byte[] targetIp() {
        return targetIp.clone();
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
        if (out.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        int at = out.position();
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

    private static byte[] checkMac(String what, byte[] mac) {
        if (mac == null || mac.length != MacAddress.LENGTH) {
            throw new IllegalArgumentException("ARP " + what + " hardware address must be a 6-byte MAC address");
        }
        return mac;
    }

    private static byte[] checkIp(String what, byte[] ip) {
        if (ip == null || ip.length != 4) {
            throw new IllegalArgumentException("ARP " + what + " protocol address must be a 4-byte IPv4 address");
        }
        return ip;
    }
}
