package rawsock.packet;

/**
 * An {@link ArpFields} a field at a time, starting from {@link ArpFields#DEFAULT} (the values are
 * checked when {@link #build} makes the message), and the common messages: request, reply,
 * gratuitous ARP.
 *
 * <p>A test fixture: main code builds the record itself.
 */
public final class ArpBuilder {
    private static final ArpFields DEFAULT = ArpFields.DEFAULT;

    private int htype = DEFAULT.htype();
    private int ptype = DEFAULT.ptype();
    private int hlen = DEFAULT.hlen();
    private int plen = DEFAULT.plen();
    private int operation = DEFAULT.operation();
    private byte[] senderMac = DEFAULT.senderMac();
    private byte[] senderIp = DEFAULT.senderIp();
    private byte[] targetMac = DEFAULT.targetMac();
    private byte[] targetIp = DEFAULT.targetIp();

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
        htype = value;
        return this;
    }

    /** Protocol type; 0x0800 (IPv4) until set. */
    public ArpBuilder ptype(int value) {
        ptype = value;
        return this;
    }

    /** The hardware address length field; 6 until set (the address written stays 6 bytes). */
    public ArpBuilder hlen(int value) {
        hlen = value;
        return this;
    }

    /** The protocol address length field; 4 until set (the address written stays 4 bytes). */
    public ArpBuilder plen(int value) {
        plen = value;
        return this;
    }

    /** Operation: {@link Arp#REQUEST} (until set), {@link Arp#REPLY}, ... or any 16-bit value. */
    public ArpBuilder operation(int value) {
        operation = value;
        return this;
    }

    /** Operation by name ("request", "reply", ...) or number; see {@link Arp#parseOperation}. */
    public ArpBuilder operation(String nameOrNumber) {
        operation = Arp.parseOperation(nameOrNumber);
        return this;
    }

    public ArpBuilder senderMac(byte[] mac) {
        senderMac = mac;
        return this;
    }

    public ArpBuilder senderIp(byte[] ip) {
        senderIp = ip;
        return this;
    }

    public ArpBuilder targetMac(byte[] mac) {
        targetMac = mac;
        return this;
    }

    public ArpBuilder targetIp(byte[] ip) {
        targetIp = ip;
        return this;
    }

    /**
     * The message: every value checked here.
     *
     * @throws IllegalArgumentException for a value out of its field's range or an address of the wrong length
     */
    public ArpFields build() {
        return new ArpFields(htype, ptype, hlen, plen, operation, senderMac, senderIp, targetMac, targetIp);
    }
}
