package rawsock.app;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import rawsock.packet.ArpBuilder;
import rawsock.packet.EtherType;
import rawsock.packet.EthernetBuilder;
import rawsock.packet.MacAddress;

/**
 * The Ethernet frame {@code send --link} sends: an ARP request, any IP packet the send command
 * builds, or a bare payload under a chosen EtherType; with the MACs that address it.
 */
final class LinkFrame {
    private final PacketTemplate template;
    private final int etherType;
    private final byte[] destinationMac;

    private LinkFrame(PacketTemplate template, int etherType, byte[] destinationMac) {
        this.template = template;
        this.etherType = etherType;
        this.destinationMac = destinationMac;
    }

    static LinkFrame build(SendSpec spec) throws IOException {
        byte[] sourceMac = spec.sourceMac != null ? spec.sourceMac : LinkAddresses.macOf(spec.iface);
        if (spec.arp) {
            InetAddress sender = spec.source != null ? spec.source : LinkAddresses.ipv4Of(spec.iface);
            byte[] destinationMac = spec.destinationMac != null ? spec.destinationMac : MacAddress.broadcast();
            int type = spec.etherType != null ? spec.etherType : EtherType.ARP;
            ArpBuilder arp = ArpBuilder.request(sourceMac, sender.getAddress(), spec.destination.getAddress());
            ByteBuffer frame = ByteBuffer.allocate(64);
            ethernet(sourceMac, destinationMac, type).emit(frame);
            arp.emit(frame);
            frame.flip();
            return new LinkFrame(PacketTemplate.fixed(frame), type, destinationMac);
        }
        int ipType = spec.ipv6 ? EtherType.IPV6 : EtherType.IPV4;
        if (spec.etherType != null && spec.etherType != ipType) {
            // Another EtherType carries the payload alone: the user's own protocol.
            byte[] destinationMac = required(spec.destinationMac, "--ethertype " + spec.etherType);
            ByteBuffer frame = ByteBuffer.allocate(14 + spec.payload.length);
            ethernet(sourceMac, destinationMac, spec.etherType).emit(frame);
            frame.put(spec.payload).flip();
            return new LinkFrame(PacketTemplate.fixed(frame), spec.etherType, destinationMac);
        }
        byte[] destinationMac = spec.destinationMac != null ? spec.destinationMac
                : LinkAddresses.neighbour(spec.destination, spec.iface);
        if (destinationMac == null) {
            throw new UsageException("--link: no --dst-mac and no complete ARP entry for "
                    + spec.destination.getHostAddress() + " on " + spec.iface + " (send --proto arp first, or give --dst-mac)");
        }
        InetAddress source = spec.source != null ? spec.source : SourceAddress.toward(spec.destination, spec.iface);
        ByteBuffer header = ByteBuffer.allocate(14);
        ethernet(sourceMac, destinationMac, ipType).emit(header);
        return new LinkFrame(PacketTemplate.build(spec, source, true, header.array()), ipType, destinationMac);
    }

    private static byte[] required(byte[] mac, String why) {
        if (mac == null) {
            throw new UsageException(why + " needs --dst-mac");
        }
        return mac;
    }

    private static EthernetBuilder ethernet(byte[] source, byte[] destination, int etherType) {
        return new EthernetBuilder().src(source).dst(destination).etherType(etherType);
    }

    PacketTemplate template() {
        return template;
    }

    int etherType() {
        return etherType;
    }

    byte[] destinationMac() {
        return destinationMac;
    }
}
