package rawsock.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import rawsock.app.SendSpec;
import rawsock.app.UsageException;
import rawsock.packet.IcmpTypes;
import rawsock.packet.IpProtocol;
import rawsock.packet.Icmpv6Types;

/**
 * Bytes 4-7 of an ICMP message whose type has no identifier and sequence number, as its RFC
 * defines them: zero, or the next-hop MTU (RFC 1191; ICMPv6 packet too big, RFC 4443), the
 * redirect's gateway (RFC 792), the parameter problem's pointer. An option for a type that does
 * not have the field is refused, as are --icmp-id/--icmp-seq for a type without them.
 */
final class IcmpRestOfHeader {
    private IcmpRestOfHeader() {
    }

    static long of(SendSpec.Builder s, Long mtu, String gateway, Long pointer, boolean idOrSeqGiven) {
        boolean icmp = s.protocol == IpProtocol.ICMP || s.protocol == IpProtocol.ICMP6;
        boolean v6 = s.protocol == IpProtocol.ICMP6;
        int type = s.icmpType;
        String typeName = v6 ? Icmpv6Types.name(type) : IcmpTypes.name(type);
        if (icmp && idOrSeqGiven && !(v6 ? Icmpv6Types.hasIdSeq(type) : IcmpTypes.hasIdSeq(type))) {
            throw new UsageException("--icmp-id/--icmp-seq do not apply to --icmp-type " + typeName
                    + ", which has no identifier or sequence number");
        }
        if (mtu != null) {
            require(icmp && type == (v6 ? Icmpv6Types.PACKET_TOO_BIG : IcmpTypes.DEST_UNREACH), "--icmp-mtu",
                    v6 ? "packet-too-big (2)" : "dest-unreach (3)", typeName);
            return Integer.toUnsignedLong(Ranges.check("--icmp-mtu", mtu, 0, v6 ? 0xffffffffL : 0xffff));
        }
        if (gateway != null) {
            require(icmp && !v6 && type == IcmpTypes.REDIRECT, "--icmp-gateway", "redirect (5)", typeName);
            InetAddress address = AddressOption.resolve("--icmp-gateway", gateway, false);
            if (!(address instanceof Inet4Address)) {
                throw new UsageException("--icmp-gateway " + gateway + " is not an IPv4 address");
            }
            byte[] a = address.getAddress();
            return ((a[0] & 0xffL) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
        }
        if (pointer != null) {
            require(icmp && type == (v6 ? Icmpv6Types.PARAM_PROBLEM : IcmpTypes.PARAM_PROBLEM), "--icmp-pointer",
                    v6 ? "param-problem (4)" : "param-problem (12)", typeName);
            return v6 ? Integer.toUnsignedLong(Ranges.check("--icmp-pointer", pointer, 0, 0xffffffffL))
                    : (long) Ranges.check("--icmp-pointer", pointer, 0, 255) << 24;
        }
        return 0;
    }

    private static void require(boolean applies, String option, String type, String given) {
        if (!applies) {
            throw new UsageException(option + " applies to --icmp-type " + type + ", not to " + given);
        }
    }
}
