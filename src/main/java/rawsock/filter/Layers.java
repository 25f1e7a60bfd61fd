package rawsock.filter;

import java.util.ArrayList;
import java.util.List;
import rawsock.packet.EtherType;
import rawsock.packet.IpProtocol;

import static rawsock.filter.Node.and;
import static rawsock.filter.Node.eq;
import static rawsock.filter.Node.eqMasked;
import static rawsock.filter.Node.not;
import static rawsock.filter.Node.or;
import static rawsock.filter.Node.test;

/**
 * Where each header field is for one {@link FilterTarget}, and the primitives built from them.
 * A primitive that cannot match on the target (IPv6 on an IPv4 socket, ARP on any IP socket)
 * becomes the constant false, which the tree folds away.
 *
 * <p>Like libpcap, the first {@code vlan} primitive changes the offsets of everything parsed after
 * it, so this object has state: the number of {@code vlan} primitives seen so far.
 */
final class Layers {
    enum Dir { ANY, SRC, DST, BOTH }

    /** Which network-layer protocols an IPv4 {@code host}/{@code net} looks at. */
    enum V4Scope { IP_ARP_RARP, IP, ARP, RARP }

    private final FilterTarget target;
    private int vlans;

    Layers(FilterTarget target) {
        this.target = target;
    }

    FilterTarget target() {
        return target;
    }

    // ---- offsets ------------------------------------------------------------------------------

    /** Offset added to every field after the link header by the {@code vlan} primitives so far. */
    private Node.Offset linkShift() {
        return vlans == 0 ? new Node.Offset(false, 0) : new Node.Offset(true, 4 * (vlans - 1));
    }

    /** The EtherType field (ETHERNET only). */
    private Node.Offset etherType() {
        return linkShift().plus(12);
    }

    /** The first byte of the IPv4/IPv6/ARP header. */
    private Node.Offset net() {
        switch (target) {
            case IPV4_RAW:
                return new Node.Offset(false, 0);
            case IPV6_RAW:
                return new Node.Offset(false, Bpf.SKF_NET_OFF);
            case ETHERNET:
            default:
                return linkShift().plus(14);
        }
    }

    // ---- network-layer protocols ---------------------------------------------------------------

    Node ip4() {
        switch (target) {
            case ETHERNET:
                return eq(etherType().load(Bpf.H, 0), EtherType.IPV4);
            case IPV4_RAW:
                return eqMasked(net().load(Bpf.B, 0), 0xf0, 0x40);
            default:
                return Node.FALSE;
        }
    }

    Node ip6() {
        switch (target) {
            case ETHERNET:
                return eq(etherType().load(Bpf.H, 0), EtherType.IPV6);
            case IPV6_RAW:
                return eqMasked(net().load(Bpf.B, 0), 0xf0, 0x60);
            default:
                return Node.FALSE;
        }
    }

    Node arp() {
        return target == FilterTarget.ETHERNET ? eq(etherType().load(Bpf.H, 0), EtherType.ARP) : Node.FALSE;
    }

    Node rarp() {
        return target == FilterTarget.ETHERNET ? eq(etherType().load(Bpf.H, 0), EtherType.RARP) : Node.FALSE;
    }

    /**
     * {@code ether proto N}: the EtherType (after any VLAN tags the expression consumed). On a raw
     * IP socket the packet's own version stands for it, as libpcap does for LINKTYPE_RAW.
     */
    Node etherProto(int type) {
        if (target != FilterTarget.ETHERNET) {
            return type == EtherType.IPV4 ? ip4() : type == EtherType.IPV6 ? ip6() : Node.FALSE;
        }
        return eq(etherType().load(Bpf.H, 0), type);
    }

    // ---- transport protocols ---------------------------------------------------------------------

    /** {@code ip proto P}: the IPv4 Protocol field. */
    Node ip4Proto(int proto) {
        return and(ip4(), eq(net().load(Bpf.B, 9), proto));
    }

    /**
     * {@code ip6 proto P}. ETHERNET: libpcap's test, the fixed header's Next Header, or a Fragment
     * header right after it whose Next Header is P. IPV6_RAW: the upper-layer protocol found by
     * the prologue's walk over the extension headers.
     */
    Node ip6Proto(int proto) {
        if (target == FilterTarget.IPV6_RAW) {
            return and(ip6(), eq(new Node.Load.Mem(CodeGen.NEXTHDR_SLOT), proto));
        }
        Node.Offset net = net();
        Node direct = eq(net.load(Bpf.B, 6), proto);
        Node viaFragment = and(eq(net.load(Bpf.B, 6), IpProtocol.IPV6_FRAG), eq(net.load(Bpf.B, 40), proto));
        return and(ip6(), or(direct, viaFragment));
    }

    /** {@code proto P}, {@code tcp}, {@code udp}, {@code sctp}: IPv4 or IPv6. */
    Node proto(int proto) {
        return or(ip4Proto(proto), ip6Proto(proto));
    }

    // ---- addresses ----------------------------------------------------------------------------

    private static Node dir(Dir dir, Node src, Node dst) {
        switch (dir) {
            case SRC:
                return src;
            case DST:
                return dst;
            case BOTH:
                return and(src, dst);
            case ANY:
            default:
                return or(src, dst);
        }
    }

    /**
     * IPv4 {@code host}/{@code net}: the IPv4 source/destination address, and on ETHERNET (like
     * tcpdump) also the sender/target protocol address of ARP and RARP packets.
     */
    Node host4(int addr, int mask, Dir dir, V4Scope scope) {
        Node.Offset net = net();
        List<Node> parts = new ArrayList<>();
        if (scope == V4Scope.IP_ARP_RARP || scope == V4Scope.IP) {
            parts.add(and(ip4(), dir(dir, eqMasked(net.load(Bpf.W, 12), mask, addr),
                    eqMasked(net.load(Bpf.W, 16), mask, addr))));
        }
        // ARP for Ethernet/IPv4: sender protocol address at 14, target at 24.
        Node arpAddr = dir(dir, eqMasked(net.load(Bpf.W, 14), mask, addr), eqMasked(net.load(Bpf.W, 24), mask, addr));
        if (scope == V4Scope.IP_ARP_RARP) {
            parts.add(and(or(arp(), rarp()), arpAddr));
        } else if (scope == V4Scope.ARP) {
            parts.add(and(arp(), arpAddr));
        } else if (scope == V4Scope.RARP) {
            parts.add(and(rarp(), arpAddr));
        }
        return or(parts);
    }

    /** IPv6 {@code host}/{@code net} with a prefix length 0..128. */
    Node host6(int[] addr, int prefix, Dir dir) {
        Node.Offset net = net();
        return and(ip6(), dir(dir, addr6(net, 8, addr, prefix), addr6(net, 24, addr, prefix)));
    }

    private static Node addr6(Node.Offset net, int at, int[] addr, int prefix) {
        List<Node> words = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int bits = Math.max(0, Math.min(32, prefix - 32 * i));
            if (bits == 0) {
                break;
            }
            int mask = bits == 32 ? -1 : (int) (0xFFFFFFFFL << (32 - bits));
            words.add(eqMasked(net.load(Bpf.W, at + 4 * i), mask, addr[i]));
        }
        return and(words);
    }

    /** {@code ether host/src/dst MAC}: destination at 0, source at 6. */
    Node etherHost(byte[] mac, Dir dir) {
        return dir(dir, mac(6, mac), mac(0, mac));
    }

    private static Node mac(int at, byte[] mac) {
        int low = ((mac[2] & 0xff) << 24) | ((mac[3] & 0xff) << 16) | ((mac[4] & 0xff) << 8) | (mac[5] & 0xff);
        int high = ((mac[0] & 0xff) << 8) | (mac[1] & 0xff);
        return and(eq(new Node.Load.Abs(Bpf.W, at + 2), low), eq(new Node.Load.Abs(Bpf.H, at), high));
    }

    // ---- ports --------------------------------------------------------------------------------

    /**
     * {@code port}/{@code portrange} for the given transport protocols. IPv4: the Protocol field
     * matches, the packet is not a non-first fragment (fragment offset 0), and the port is read
     * from the transport header found with the IHL. IPv6: the Next Header matches and the port is
     * read right after the fixed header (ETHERNET, as libpcap) or at the start of the data the
     * kernel hands the socket, which is the transport header (IPV6_RAW).
     */
    Node portRange(int[] protos, Dir dir, int lo, int hi) {
        return port(protos, dir, load -> portTest(load, lo, hi));
    }

    /** {@code port P1 or P2 ...}: the source port is compared with every value, then the destination port. */
    Node port(int[] protos, Dir dir, List<Integer> ports) {
        return port(protos, dir, load -> {
            List<Node> tests = new ArrayList<>();
            for (int port : ports) {
                tests.add(eq(load, port));
            }
            return or(tests);
        });
    }

    private Node port(int[] protos, Dir dir, java.util.function.Function<Node.Load, Node> portTest) {
        Node.Offset net = net();
        List<Node> v4protos = new ArrayList<>();
        List<Node> v6protos = new ArrayList<>();
        for (int p : protos) {
            v4protos.add(eq(net.load(Bpf.B, 9), p));
            if (target == FilterTarget.IPV6_RAW) {
                v6protos.add(eq(new Node.Load.Mem(CodeGen.NEXTHDR_SLOT), p));
            } else {
                v6protos.add(eq(net.load(Bpf.B, 6), p));
            }
        }
        Node v4 = and(ip4(), or(v4protos),
                not(test(net.load(Bpf.H, 6), Bpf.JSET, 0x1fff)),
                dir(dir, portTest.apply(new Node.Load.Transport4(Bpf.H, net, 0)),
                        portTest.apply(new Node.Load.Transport4(Bpf.H, net, 2))));
        Node.Load sport;
        Node.Load dport;
        if (target == FilterTarget.IPV6_RAW) {
            sport = new Node.Load.Abs(Bpf.H, 0);
            dport = new Node.Load.Abs(Bpf.H, 2);
        } else {
            sport = net.load(Bpf.H, 40);
            dport = net.load(Bpf.H, 42);
        }
        Node v6 = and(ip6(), or(v6protos), dir(dir, portTest.apply(sport), portTest.apply(dport)));
        return or(v4, v6);
    }

    private static Node portTest(Node.Load load, int lo, int hi) {
        if (lo == hi) {
            return eq(load, lo);
        }
        return and(test(load, Bpf.JGE, lo), not(test(load, Bpf.JGT, hi)));
    }

    // ---- VLAN ---------------------------------------------------------------------------------

    /**
     * {@code vlan [ID]} (ETHERNET only). Linux usually takes the outer 802.1Q/802.1ad tag out of a
     * received frame before packet sockets see it and keeps it in skb metadata; so the first
     * {@code vlan} is true when the metadata says a tag was present (and its VID matches), or when
     * the frame itself carries a tag (TPID 0x8100, 0x88a8 or 0x9100) at the EtherType position.
     * As in tcpdump, every primitive after the first {@code vlan} reads the link payload 4 bytes
     * later per in-frame tag: the prologue decides 0 (tag was in metadata) or 4 (not), and each
     * further {@code vlan} adds 4 (inner tags are always in the frame).
     */
    Node vlan(Integer id) {
        Node result;
        if (vlans == 0) {
            Node.Load present = new Node.Load.Abs(Bpf.B, Bpf.SKF_AD_OFF + Bpf.SKF_AD_VLAN_TAG_PRESENT);
            Node metaId = id == null ? Node.TRUE
                    : eqMasked(new Node.Load.Abs(Bpf.H, Bpf.SKF_AD_OFF + Bpf.SKF_AD_VLAN_TAG), 0x0fff, id);
            Node inMeta = and(not(eq(present, 0)), metaId);
            Node inFrame = and(eq(present, 0), tagInFrame(etherType(), id));
            result = or(inMeta, inFrame);
        } else {
            result = tagInFrame(etherType(), id);
        }
        vlans++;
        return result;
    }

    private static Node tagInFrame(Node.Offset tpid, Integer id) {
        Node.Load type = tpid.load(Bpf.H, 0);
        Node isTag = or(eq(type, EtherType.VLAN), eq(type, EtherType.QINQ), eq(type, EtherType.QINQ_9100));
        if (id == null) {
            return isTag;
        }
        return and(isTag, eqMasked(tpid.load(Bpf.H, 2), 0x0fff, id));
    }
}
