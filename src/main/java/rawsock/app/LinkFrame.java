package rawsock.app;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import rawsock.packet.Arp;
import rawsock.packet.ArpFields;
import rawsock.packet.EtherType;
import rawsock.packet.EthernetFields;
import rawsock.packet.MacAddress;

/**
 * The Ethernet frame {@code send --link} sends: an ARP message, any IP packet the send command
 * builds, or a bare payload under a chosen EtherType; with the MACs that address it and the
 * VLAN tags of --vlan.
 */
final class LinkFrame {
    private final PacketTemplate template;
    private final int protocol;
    private final byte[] destinationMac;
    private final ArpFields arp;

    private LinkFrame(PacketTemplate template, int protocol, byte[] destinationMac, ArpFields arp) {
        this.template = template;
        this.protocol = protocol;
        this.destinationMac = destinationMac;
        this.arp = arp;
    }

    static LinkFrame build(SendSpec spec) throws IOException {
        byte[] sourceMac = spec.sourceMac != null ? spec.sourceMac : LinkAddresses.macOf(spec.iface);
        if (spec.arp) {
            return arp(spec, sourceMac, () -> LinkAddresses.ipv4Of(spec.iface));
        }
        int ipType = spec.ipv6 ? EtherType.IPV6 : EtherType.IPV4;
        if (spec.etherType != null && spec.etherType != ipType) {
            // Another EtherType carries the payload alone: the user's own protocol.
            byte[] destinationMac = required(spec.destinationMac, "--ethertype " + spec.etherType);
            EthernetFields ethernet = ethernet(spec, sourceMac, destinationMac, spec.etherType);
            ByteBuffer frame = ByteBuffer.allocate(ethernet.headerLength() + spec.payload.length);
            ethernet.emit(frame);
            frame.put(spec.payload).flip();
            return new LinkFrame(PacketTemplate.fixed(frame), protocol(spec, spec.etherType), destinationMac, null);
        }
        byte[] destinationMac = spec.destinationMac != null ? spec.destinationMac
                : LinkAddresses.neighbour(spec.destination, spec.iface);
        if (destinationMac == null) {
            throw new UsageException("--link: no --dst-mac and no complete ARP entry for "
                    + spec.destination.getHostAddress() + " on " + spec.iface + " (send --proto arp first, or give --dst-mac)");
        }
        InetAddress source = spec.source != null ? spec.source : SourceAddress.toward(spec.destination, spec.iface);
        EthernetFields ethernet = ethernet(spec, sourceMac, destinationMac, ipType);
        ByteBuffer header = ByteBuffer.allocate(ethernet.headerLength());
        ethernet.emit(header);
        return new LinkFrame(PacketTemplate.build(spec, source, true, header.array()), protocol(spec, ipType),
                destinationMac, null);
    }

    /** The interface's IPv4 address, asked for only when no option gives the sender's. */
    interface AddressLookup {
        InetAddress get() throws IOException;
    }

    /**
     * An ARP message with arping's defaults: sender = {@code sourceMac} (--src-mac, else the
     * interface's) and --src, else the interface's address; target IP = --dst; target MAC zero in
     * a request (as Linux sends it), else the frame's destination; the frame to broadcast unless
     * --dst-mac. Each --arp-* replaces one.
     */
    static LinkFrame arp(SendSpec spec, byte[] sourceMac, AddressLookup interfaceAddress) throws IOException {
        InetAddress senderIp = spec.arpSenderIp != null ? spec.arpSenderIp
                : spec.source != null ? spec.source : interfaceAddress.get();
        byte[] destinationMac = spec.destinationMac != null ? spec.destinationMac : MacAddress.broadcast();
        int type = spec.etherType != null ? spec.etherType : EtherType.ARP;
        byte[] targetMac = spec.arpTargetMac != null ? spec.arpTargetMac
                : spec.arpOperation == Arp.REQUEST ? MacAddress.zero() : destinationMac;
        InetAddress targetIp = spec.arpTargetIp != null ? spec.arpTargetIp : spec.destination;
        ArpFields d = ArpFields.DEFAULT;
        ArpFields arp = new ArpFields(d.htype(), d.ptype(), d.hlen(), d.plen(), spec.arpOperation,
                spec.arpSenderMac != null ? spec.arpSenderMac : sourceMac, senderIp.getAddress(), targetMac,
                targetIp.getAddress());
        EthernetFields ethernet = ethernet(spec, sourceMac, destinationMac, type);
        ByteBuffer frame = ByteBuffer.allocate(ethernet.headerLength() + arp.headerLength());
        ethernet.emit(frame);
        arp.emit(frame);
        frame.flip();
        return new LinkFrame(PacketTemplate.fixed(frame), protocol(spec, type), destinationMac, arp);
    }

    private static byte[] required(byte[] mac, String why) {
        if (mac == null) {
            throw new UsageException(why + " needs --dst-mac");
        }
        return mac;
    }

    /**
     * The Ethernet header with the tags of --vlan, outermost first: one tag is 802.1Q (0x8100);
     * of two, the outer is the 802.1ad service tag (0x88a8) and the inner 802.1Q, as QinQ stacks them.
     */
    static EthernetFields ethernet(SendSpec spec, byte[] source, byte[] destination, int etherType) {
        int[] tags = new int[spec.vlanIds.length];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = EthernetFields.tag(tpid(spec, i), spec.vlanPriority, false, spec.vlanIds[i]);
        }
        return new EthernetFields(destination, source, tags, etherType);
    }

    private static int tpid(SendSpec spec, int tag) {
        return spec.vlanIds.length > 1 && tag == 0 ? EthernetFields.TPID_8021AD : EthernetFields.TPID_8021Q;
    }

    /** The protocol the packet socket is told (sll_protocol): the frame's first type field. */
    private static int protocol(SendSpec spec, int etherType) {
        return spec.vlanIds.length == 0 ? etherType : tpid(spec, 0);
    }

    PacketTemplate template() {
        return template;
    }

    /** The frame's first type field (for sll_protocol): its EtherType, or its outer tag's TPID. */
    int etherType() {
        return protocol;
    }

    byte[] destinationMac() {
        return destinationMac;
    }

    /** The ARP message the frame carries (its sender and target, to match replies), or null. */
    ArpFields arp() {
        return arp;
    }
}
