package rawsock.cli;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import rawsock.app.LinkAddresses;
import rawsock.app.SendSpec;
import rawsock.app.UsageException;
import rawsock.packet.IcmpTypes;
import rawsock.packet.Icmpv6NdMessage;
import rawsock.packet.Icmpv6Types;
import rawsock.packet.Icmpv6Types.Field;
import rawsock.packet.IpProtocol;

/**
 * Bytes 4 on of an ICMP message whose type has no identifier and sequence number, as its RFC
 * defines them: zero, or the next-hop MTU (RFC 1191; ICMPv6 packet too big, RFC 4443), the
 * redirect's gateway (RFC 792), the parameter problem's pointer; for ICMPv6 neighbour discovery
 * (RFC 4861) the flags, a router advertisement's fields, the target and destination addresses
 * and the link-layer address options. An option for a type that does not have the field is
 * refused, as are --icmp-id/--icmp-seq for a type without them; which type has which field comes
 * from {@link Icmpv6Types#has}. Neighbour discovery leaves with hop limit 255 unless --ttl is given.
 */
final class IcmpRestOfHeader {
    /** The hop limit neighbour discovery leaves with unless --ttl says otherwise, as the kernel sends it. */
    private static final int ND_HOP_LIMIT = 255;

    private IcmpRestOfHeader() {
    }

    /** Sets {@code s.icmpRest} and, for neighbour discovery, {@code s.icmpBody} from the options. */
    static void fill(SendSpec.Builder s, SendCommand.IcmpFields f) {
        boolean icmp = s.protocol == IpProtocol.ICMP || s.protocol == IpProtocol.ICMP6;
        boolean v6 = s.protocol == IpProtocol.ICMP6;
        int type = s.icmpType;
        String typeName = v6 ? Icmpv6Types.name(type) : IcmpTypes.name(type);
        if (icmp && (f.id != null || f.seq != null) && !(v6 ? Icmpv6Types.hasIdSeq(type) : IcmpTypes.hasIdSeq(type))) {
            throw new UsageException("--icmp-id/--icmp-seq do not apply to --icmp-type " + typeName
                    + ", which has no identifier or sequence number");
        }
        s.icmpRest = restOfHeader(icmp, v6, type, typeName, f);
        Icmpv6NdMessage nd = neighbourDiscovery(s, v6 ? type : -1, typeName, f);
        if (nd != null) {
            s.icmpRest = nd.restOfHeader();
            s.icmpBody = nd.body();
            if (s.ttl == null) {
                // RFC 4861 7.1: a receiver drops neighbour discovery with any other hop limit.
                s.ttl = ND_HOP_LIMIT;
            }
        }
    }

    private static long restOfHeader(boolean icmp, boolean v6, int type, String typeName, SendCommand.IcmpFields f) {
        if (f.mtu != null) {
            require(icmp && type == (v6 ? Icmpv6Types.PACKET_TOO_BIG : IcmpTypes.DEST_UNREACH), "--icmp-mtu",
                    v6 ? "packet-too-big (2)" : "dest-unreach (3)", typeName);
            return Integer.toUnsignedLong(Ranges.check("--icmp-mtu", f.mtu, 0, v6 ? 0xffffffffL : 0xffff));
        }
        if (f.gateway != null) {
            require(icmp && !v6 && type == IcmpTypes.REDIRECT, "--icmp-gateway", "redirect (5)", typeName);
            InetAddress address = AddressOption.resolve("--icmp-gateway", f.gateway, false);
            if (!(address instanceof Inet4Address)) {
                throw new UsageException("--icmp-gateway " + f.gateway + " is not an IPv4 address");
            }
            byte[] a = address.getAddress();
            return ((a[0] & 0xffL) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
        }
        if (f.pointer != null) {
            require(icmp && type == (v6 ? Icmpv6Types.PARAM_PROBLEM : IcmpTypes.PARAM_PROBLEM), "--icmp-pointer",
                    v6 ? "param-problem (4)" : "param-problem (12)", typeName);
            return v6 ? Integer.toUnsignedLong(Ranges.check("--icmp-pointer", f.pointer, 0, 0xffffffffL))
                    : (long) Ranges.check("--icmp-pointer", f.pointer, 0, 255) << 24;
        }
        return 0;
    }

    /**
     * The neighbour discovery message of an ICMPv6 {@code type} 133..137 from the --nd-* options
     * (null for other types, which must have none of them). With -I, and neither option nor a
     * source of :: saying otherwise, solicitations and router advertisements carry the
     * interface's MAC as source link-layer address and a neighbor advertisement as target
     * link-layer address, as the kernel sends them; an interface without one (lo) adds none.
     */
    private static Icmpv6NdMessage neighbourDiscovery(SendSpec.Builder s, int type, String typeName,
            SendCommand.IcmpFields f) {
        checkApplies(type, typeName, f.ndFlags, "--nd-flags", Field.ND_FLAGS);
        checkApplies(type, typeName, f.ndTarget, "--nd-target", Field.TARGET);
        checkApplies(type, typeName, f.ndDestination, "--nd-destination", Field.DESTINATION);
        checkApplies(type, typeName, f.ndSll, "--nd-sll", Field.SOURCE_LINK_LAYER);
        checkApplies(type, typeName, f.ndTll, "--nd-tll", Field.TARGET_LINK_LAYER);
        checkApplies(type, typeName, f.ndHopLimit, "--nd-hop-limit", Field.HOP_LIMIT);
        checkApplies(type, typeName, f.ndRouterLifetime, "--nd-router-lifetime", Field.ROUTER_LIFETIME);
        checkApplies(type, typeName, f.ndReachableTime, "--nd-reachable-time", Field.REACHABLE_TIME);
        checkApplies(type, typeName, f.ndRetransTimer, "--nd-retrans-timer", Field.RETRANS_TIMER);
        if (type < 0 || Icmpv6Types.optionsStart(type) < 0) {
            return null;
        }
        Icmpv6NdMessage nd = new Icmpv6NdMessage(type);
        if (f.ndFlags != null) {
            try {
                nd.flags(Icmpv6Types.parseFlags(type, f.ndFlags));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--nd-flags " + e.getMessage());
            }
        }
        if (f.ndTarget != null) {
            nd.target(ipv6("--nd-target", f.ndTarget));
        }
        if (f.ndDestination != null) {
            nd.destination(ipv6("--nd-destination", f.ndDestination));
        }
        if (f.ndHopLimit != null) {
            nd.hopLimit(Ranges.check("--nd-hop-limit", f.ndHopLimit, 0, 255));
        }
        if (f.ndRouterLifetime != null) {
            nd.routerLifetime(Ranges.check("--nd-router-lifetime", f.ndRouterLifetime, 0, 0xffff));
        }
        if (f.ndReachableTime != null) {
            nd.reachableTime(Integer.toUnsignedLong(
                    Ranges.check("--nd-reachable-time", f.ndReachableTime, 0, 0xffffffffL)));
        }
        if (f.ndRetransTimer != null) {
            nd.retransTimer(Integer.toUnsignedLong(
                    Ranges.check("--nd-retrans-timer", f.ndRetransTimer, 0, 0xffffffffL)));
        }
        boolean unspecifiedSource = s.source != null && s.source.isAnyLocalAddress();
        if (f.ndSll != null) {
            nd.sourceLinkLayer(linkLayer("--nd-sll", f.ndSll));
        } else if (Icmpv6Types.has(type, Field.SOURCE_LINK_LAYER) && !unspecifiedSource) {
            nd.sourceLinkLayer(interfaceMac(s.iface));
        }
        if (f.ndTll != null) {
            nd.targetLinkLayer(linkLayer("--nd-tll", f.ndTll));
        } else if (type == Icmpv6Types.NEIGHBOR_ADVERT) {
            nd.targetLinkLayer(interfaceMac(s.iface));
        }
        return nd;
    }

    private static void checkApplies(int type, String typeName, Object value, String option, Field field) {
        if (value != null && (type < 0 || !Icmpv6Types.has(type, field))) {
            throw new UsageException(option + " applies to ICMPv6 --icmp-type " + Icmpv6Types.typesWith(field)
                    + ", not to " + typeName);
        }
    }

    private static byte[] ipv6(String option, String text) {
        InetAddress address = AddressOption.resolve(option, text, true);
        if (!(address instanceof Inet6Address)) {
            throw new UsageException(option + " " + text + " is not an IPv6 address");
        }
        return address.getAddress();
    }

    /** A MAC, or null for "none". */
    private static byte[] linkLayer(String option, String text) {
        return text.equalsIgnoreCase("none") ? null : SendCommand.mac(option, text);
    }

    /** The MAC of -I's interface; null without -I or when it has none (all zero, as lo). */
    private static byte[] interfaceMac(String iface) {
        if (iface == null) {
            return null;
        }
        try {
            byte[] mac = LinkAddresses.macOf(iface);
            return Arrays.equals(mac, new byte[mac.length]) ? null : mac;
        } catch (IOException e) {
            throw new UsageException("-I " + iface + ": cannot read its link-layer address for the neighbour "
                    + "discovery option (" + e.getMessage() + "); give --nd-sll/--nd-tll MAC or none");
        }
    }

    private static void require(boolean applies, String option, String type, String given) {
        if (!applies) {
            throw new UsageException(option + " applies to --icmp-type " + type + ", not to " + given);
        }
    }
}
