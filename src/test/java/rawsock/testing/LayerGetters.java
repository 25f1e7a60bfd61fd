package rawsock.testing;

import rawsock.packet.Arp;
import rawsock.packet.Ethernet;
import rawsock.packet.Icmp;
import rawsock.packet.Icmpv6;
import rawsock.packet.Igmp;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4;
import rawsock.packet.Ipv6;
import rawsock.packet.Layer;
import rawsock.packet.RawPayload;
import rawsock.packet.Tcp;
import rawsock.packet.Udp;
import rawsock.packet.Vlan;

/**
 * Uses a decoded layer the way the writers and the send/recv code do, so that a hostile-bytes or
 * fuzz test finds a getter that throws; one list for the packet tests and the fuzz tests.
 */
public final class LayerGetters {
    private LayerGetters() {
    }

    /** Calls the getters that send/recv code calls (or may) besides fields() and describe(); asserts nothing. */
    public static void callAll(Layer layer) {
        if (layer instanceof Ipv4 ip) {
            ip.version();
            ip.headerLength();
            ip.checksumOk();
            ip.firstFragment();
            ip.payloadOffset();
            ip.payloadLength();
            ip.declaredPayloadLength();
            ip.srcText();
            ip.dstText();
            ip.malformed();
            ip.headerComplete();
            ip.pseudoHeaderSum(IpProtocol.TCP, ip.declaredPayloadLength());
        } else if (layer instanceof Ipv6 ip) {
            ip.malformed();
            ip.srcText();
            ip.dstText();
            ip.upperLength();
            ip.declaredUpperLength();
            ip.upperOffset();
            ip.upperProtocol();
            ip.fragmentId();
            ip.fragmentOffset();
            ip.moreFragments();
            ip.firstFragment();
            ip.extensionsText();
            for (int i = -1; i <= ip.extensionCount(); i++) {
                ip.extensionType(i);
                ip.extensionOffset(i);
                ip.extensionLength(i);
            }
            ip.pseudoHeaderSum(IpProtocol.UDP, ip.declaredUpperLength());
        } else if (layer instanceof Tcp tcp) {
            tcp.mss();
            tcp.windowScale();
            tcp.checksumOk();
            tcp.payloadOffset();
            tcp.payloadLength();
            tcp.headerComplete();
            tcp.malformed();
        } else if (layer instanceof Udp udp) {
            udp.checksumOk();
            udp.payloadOffset();
            udp.payloadLength();
            udp.malformed();
        } else if (layer instanceof Icmp icmp) {
            icmp.checksumOk();
            icmp.restOfHeader();
            icmp.isError();
            icmp.quotedOffset();
            icmp.quotedLength();
            icmp.gateway();
            icmp.mtu();
            icmp.pointer();
        } else if (layer instanceof Icmpv6 icmp) {
            icmp.checksumOk();
            icmp.malformed();
            icmp.targetText();
            icmp.groupText();
            icmp.linkLayerAddress();
            icmp.mtu();
            icmp.pointer();
            icmp.advertFlags();
            icmp.curHopLimit();
            icmp.routerLifetime();
            icmp.isError();
            icmp.quotedOffset();
            icmp.quotedLength();
        } else if (layer instanceof Igmp igmp) {
            igmp.checksumOk();
            igmp.maxRespTenths();
            igmp.maxRespCode();
            igmp.group();
            igmp.isV3Query();
            igmp.queryVersion();
            igmp.sourceCount();
            igmp.recordCount();
        } else if (layer instanceof Ethernet eth) {
            eth.dst();
            eth.src();
            eth.dstText();
            eth.srcText();
            eth.etherType();
            eth.is8023();
            eth.malformed();
            eth.payloadOffset();
            eth.payloadLength();
        } else if (layer instanceof Vlan vlan) {
            vlan.vid();
            vlan.pcp();
            vlan.dei();
            vlan.etherType();
            vlan.malformed();
            vlan.payloadLength();
        } else if (layer instanceof Arp arp) {
            arp.length();
            arp.complete();
            arp.isEthernetIpv4();
            arp.senderIpText();
            arp.targetIpText();
            arp.senderMacText();
            arp.targetMacText();
        } else if (layer instanceof RawPayload raw) {
            raw.length();
        }
    }
}
