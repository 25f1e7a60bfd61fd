package rawsock.cli;

import java.io.IOException;
import java.util.Arrays;
import picocli.CommandLine.Model.OptionSpec;
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

    /**
     * Sets {@code s.icmpRest} and, for neighbour discovery, {@code s.icmpBody} from the options
     * {@code o} as the command line {@code line} gives them (this is part of
     * {@link SendRequestReader}'s validation, read with the other header fields by
     * {@link HeaderFieldsReader}).
     */
    static void fill(SendSpec.Builder s, SendOptions o, ParsedOptions line) {
        boolean icmp = s.protocol == IpProtocol.ICMP || s.protocol == IpProtocol.ICMP6;
        boolean v6 = s.protocol == IpProtocol.ICMP6;
        int type = s.icmpType;
        String typeName = v6 ? Icmpv6Types.name(type) : IcmpTypes.name(type);
        boolean idOrSeq = line.value(o.icmpId) != null || line.value(o.icmpSeq) != null;
        if (icmp && idOrSeq && !(v6 ? Icmpv6Types.hasIdSeq(type) : IcmpTypes.hasIdSeq(type))) {
            throw new UsageException(o.icmpId.longestName() + "/" + o.icmpSeq.longestName() + " do not apply to "
                    + o.icmpType.longestName() + " " + typeName + ", which has no identifier or sequence number");
        }
        s.icmpRest = restOfHeader(icmp, v6, type, typeName, o, line);
        Icmpv6NdMessage nd = neighbourDiscovery(s, v6 ? type : -1, typeName, o, line);
        if (nd != null) {
            s.icmpRest = nd.restOfHeader();
            s.icmpBody = nd.body();
            if (s.ttl == null) {
                // RFC 4861 7.1: a receiver drops neighbour discovery with any other hop limit.
                s.ttl = ND_HOP_LIMIT;
            }
        }
    }

    private static long restOfHeader(boolean icmp, boolean v6, int type, String typeName, SendOptions o,
            ParsedOptions line) {
        if (line.value(o.icmpMtu) != null) {
            require(icmp && type == (v6 ? Icmpv6Types.PACKET_TOO_BIG : IcmpTypes.DEST_UNREACH), o, o.icmpMtu,
                    v6 ? "packet-too-big (2)" : "dest-unreach (3)", typeName);
            return Integer.toUnsignedLong(line.number(o.icmpMtu, 0, v6 ? 0xffffffffL : 0xffff));
        }
        String gateway = line.value(o.icmpGateway);
        if (gateway != null) {
            require(icmp && !v6 && type == IcmpTypes.REDIRECT, o, o.icmpGateway, "redirect (5)", typeName);
            byte[] a = line.address(o.icmpGateway, false, " is not an IPv4 address").getAddress();
            return ((a[0] & 0xffL) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
        }
        if (line.value(o.icmpPointer) != null) {
            require(icmp && type == (v6 ? Icmpv6Types.PARAM_PROBLEM : IcmpTypes.PARAM_PROBLEM), o, o.icmpPointer,
                    v6 ? "param-problem (4)" : "param-problem (12)", typeName);
            return v6 ? Integer.toUnsignedLong(line.number(o.icmpPointer, 0, 0xffffffffL))
                    : (long) line.number(o.icmpPointer, 0, 255) << 24;
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
    private static Icmpv6NdMessage neighbourDiscovery(SendSpec.Builder s, int type, String typeName, SendOptions o,
            ParsedOptions line) {
        checkApplies(type, typeName, o, line, o.ndFlags, Field.ND_FLAGS);
        checkApplies(type, typeName, o, line, o.ndTarget, Field.TARGET);
        checkApplies(type, typeName, o, line, o.ndDestination, Field.DESTINATION);
        checkApplies(type, typeName, o, line, o.ndSll, Field.SOURCE_LINK_LAYER);
        checkApplies(type, typeName, o, line, o.ndTll, Field.TARGET_LINK_LAYER);
        checkApplies(type, typeName, o, line, o.ndHopLimit, Field.HOP_LIMIT);
        checkApplies(type, typeName, o, line, o.ndRouterLifetime, Field.ROUTER_LIFETIME);
        checkApplies(type, typeName, o, line, o.ndReachableTime, Field.REACHABLE_TIME);
        checkApplies(type, typeName, o, line, o.ndRetransTimer, Field.RETRANS_TIMER);
        if (type < 0 || Icmpv6Types.optionsStart(type) < 0) {
            return null;
        }
        Icmpv6NdMessage nd = new Icmpv6NdMessage(type);
        String flags = line.value(o.ndFlags);
        if (flags != null) {
            try {
                nd.flags(Icmpv6Types.parseFlags(type, flags));
            } catch (IllegalArgumentException e) {
                throw new UsageException(o.ndFlags.longestName() + " " + e.getMessage());
            }
        }
        if (line.value(o.ndTarget) != null) {
            nd.target(ipv6(o.ndTarget, line));
        }
        if (line.value(o.ndDestination) != null) {
            nd.destination(ipv6(o.ndDestination, line));
        }
        Integer hopLimit = line.number(o.ndHopLimit, 0, 255);
        if (hopLimit != null) {
            nd.hopLimit(hopLimit);
        }
        Integer routerLifetime = line.number(o.ndRouterLifetime, 0, 0xffff);
        if (routerLifetime != null) {
            nd.routerLifetime(routerLifetime);
        }
        Integer reachableTime = line.number(o.ndReachableTime, 0, 0xffffffffL);
        if (reachableTime != null) {
            nd.reachableTime(Integer.toUnsignedLong(reachableTime));
        }
        Integer retransTimer = line.number(o.ndRetransTimer, 0, 0xffffffffL);
        if (retransTimer != null) {
            nd.retransTimer(Integer.toUnsignedLong(retransTimer));
        }
        boolean unspecifiedSource = s.source != null && s.source.isAnyLocalAddress();
        if (line.value(o.ndSll) != null) {
            nd.sourceLinkLayer(linkLayer(o.ndSll, line));
        } else if (Icmpv6Types.has(type, Field.SOURCE_LINK_LAYER) && !unspecifiedSource) {
            nd.sourceLinkLayer(interfaceMac(s.iface, o));
        }
        if (line.value(o.ndTll) != null) {
            nd.targetLinkLayer(linkLayer(o.ndTll, line));
        } else if (type == Icmpv6Types.NEIGHBOR_ADVERT) {
            nd.targetLinkLayer(interfaceMac(s.iface, o));
        }
        return nd;
    }

    private static void checkApplies(int type, String typeName, SendOptions o, ParsedOptions line, OptionSpec option,
            Field field) {
        if (line.value(option) != null && (type < 0 || !Icmpv6Types.has(type, field))) {
            throw new UsageException(option.longestName() + " applies to ICMPv6 " + o.icmpType.longestName() + " "
                    + Icmpv6Types.typesWith(field) + ", not to " + typeName);
        }
    }

    private static byte[] ipv6(OptionSpec option, ParsedOptions line) {
        return line.address(option, true, " is not an IPv6 address").getAddress();
    }

    /** A MAC, or null for "none". */
    private static byte[] linkLayer(OptionSpec option, ParsedOptions line) {
        String text = line.value(option);
        return text.equalsIgnoreCase("none") ? null : ParsedOptions.mac(option.longestName(), text);
    }

    /** The MAC of -I's interface; null without -I or when it has none (all zero, as lo). */
    private static byte[] interfaceMac(String iface, SendOptions o) {
        if (iface == null) {
            return null;
        }
        try {
            byte[] mac = LinkAddresses.macOf(iface);
            return Arrays.equals(mac, new byte[mac.length]) ? null : mac;
        } catch (IOException e) {
            throw new UsageException(o.iface.shortestName() + " " + iface + ": cannot read its link-layer address "
                    + "for the neighbour discovery option (" + e.getMessage() + "); give " + o.ndSll.longestName()
                    + "/" + o.ndTll.longestName() + " MAC or none");
        }
    }

    private static void require(boolean applies, SendOptions o, OptionSpec option, String type, String given) {
        if (!applies) {
            throw new UsageException(option.longestName() + " applies to " + o.icmpType.longestName() + " " + type
                    + ", not to " + given);
        }
    }
}
