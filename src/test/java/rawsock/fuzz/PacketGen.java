package rawsock.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import rawsock.packet.ArpBuilder;
import rawsock.packet.EtherType;
import rawsock.packet.EthernetBuilder;
import rawsock.packet.IcmpBuilder;
import rawsock.packet.Icmpv6Builder;
import rawsock.packet.IgmpBuilder;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4Builder;
import rawsock.packet.Ipv6Builder;
import rawsock.packet.LinkType;
import rawsock.packet.TcpBuilder;
import rawsock.packet.UdpBuilder;

/**
 * Packets built with the project's builders from generated field values: the specs (one record
 * per header, what a test compares the decoded fields with), arbitraries for them, and the
 * functions that build bytes from them. Each built packet remembers where its length fields are,
 * so mutations can aim at them.
 *
 * <p>Two families: {@code valid*} specs give packets a correct stack could send (checksums
 * computed, lengths consistent, options well formed, not fragmented), for the round trips; the
 * {@code any*} arbitraries add what the decoders must also survive (ICMP errors quoting packets,
 * IGMP, neighbour discovery, fragments, unknown extension headers, ESP, VLAN stacks deeper than
 * the decoder follows, 802.3 frames, random EtherTypes).
 */
public final class PacketGen {
    private PacketGen() {
    }

    // ---- specs ----------------------------------------------------------------------------------

    /** IPv4 header fields (the total length, IHL and checksum are computed; never a fragment). */
    public record Ip4(int tos, int id, boolean rf, boolean df, int ttl, byte[] src, byte[] dst, byte[] options) {
        @Override
        public String toString() {
            return "Ip4[tos " + tos + ", id " + id + (rf ? ", RF" : "") + (df ? ", DF" : "") + ", ttl " + ttl + ", " + Hexes.of(src) + " > " + Hexes.of(dst) + ", options " + Hexes.of(options) + "]";
        }

        /**
         * The destination of the pseudo-header (RFC 9293 3.1): the last four bytes of the first
         * loose or strict source route option (131, 137) of at least 7 bytes before EOL.
         */
        public byte[] finalDst() {
            int i = 0;
            while (i < options.length && options[i] != 0) {
                int kind = options[i] & 0xff;
                if (kind == 1) {
                    i++;
                    continue;
                }
                int len = options[i + 1] & 0xff;
                if ((kind == 0x83 || kind == 0x89) && len >= 7) {
                    return Arrays.copyOfRange(options, i + len - 4, i + len);
                }
                i += len;
            }
            return dst;
        }

    }

    /** IPv6 header fields and extension headers (the payload length is computed). */
    public record Ip6(int tclass, int flow, int hopLimit, byte[] src, byte[] dst, List<Ext> exts) {
        /** The destination of the pseudo-header (RFC 8200 8.1): a type 2 Routing header's address while segments are left. */
        public byte[] finalDst() {
            for (Ext e : exts) {
                if (e.type() == IpProtocol.IPV6_ROUTE && e.bytes()[2] == 2 && e.bytes()[3] != 0) {
                    return Arrays.copyOfRange(e.bytes(), 8, 24);
                }
            }
            return dst;
        }

        @Override
        public String toString() {
            return "Ip6[tclass " + tclass + ", flow " + flow + ", hlim " + hopLimit + ", " + Hexes.of(src) + " > " + Hexes.of(dst) + ", exts " + exts + "]";
        }
    }

    /** One extension header, whole; its first byte (next header) is filled in when the chain is built. */
    public record Ext(int type, byte[] bytes) {
        @Override
        public String toString() {
            return type + ":" + Hexes.of(bytes);
        }

    }

    /** The transport of a packet: what goes after the IP header. */
    public sealed interface Transport permits UdpSeg, TcpSeg, Echo, IcmpError, Igmp, Nd, RawProto {
    }

    public record UdpSeg(int sport, int dport, byte[] payload) implements Transport {
        @Override
        public String toString() {
            return "Udp[" + sport + " > " + dport + ", " + Hexes.of(payload) + "]";
        }

    }

    public record TcpSeg(int sport, int dport, long seq, long ack, int flags, int window, int urgent,
                         byte[] options, byte[] payload) implements Transport {
        /** The value of the first MSS option (kind 2, length 4), or -1. */
        public int mss() {
            return option(2, 4);
        }

        /** The shift count of the first window-scale option (kind 3, length 3), or -1. */
        public int windowScale() {
            return option(3, 3);
        }

        private int option(int kind, int length) {
            int i = 0;
            while (i < options.length) {
                int k = options[i] & 0xff;
                if (k == 0) {
                    return -1;
                }
                if (k == 1) {
                    i++;
                    continue;
                }
                int len = options[i + 1] & 0xff;
                if (k == kind) {
                    if (len != length) {
                        return -1;
                    }
                    return length == 4 ? ((options[i + 2] & 0xff) << 8) | (options[i + 3] & 0xff) : options[i + 2] & 0xff;
                }
                i += len;
            }
            return -1;
        }

        @Override
        public String toString() {
            return "Tcp[" + sport + " > " + dport + ", seq " + seq + ", ack " + ack + ", flags 0x" + Integer.toHexString(flags) + ", win " + window + ", urg " + urgent + ", options " + Hexes.of(options) + ", " + Hexes.of(payload) + "]";
        }
    }

    /** ICMP or ICMPv6 with an id/seq layout (echo and friends). */
    public record Echo(int type, int code, int id, int seq, byte[] payload) implements Transport {
        @Override
        public String toString() {
            return "Echo[type " + type + ", code " + code + ", id " + id + ", seq " + seq + ", " + Hexes.of(payload) + "]";
        }

    }

    /** An ICMP or ICMPv6 error quoting (the start of) another packet of the same IP version. */
    public record IcmpError(int type, int code, long rest, byte[] quoted) implements Transport {
        @Override
        public String toString() {
            return "IcmpError[type " + type + ", code " + code + ", rest " + rest + ", " + Hexes.of(quoted) + "]";
        }

    }

    /** IGMP, as the builder makes it: kind 0..5 picks query, v1/v2 report, leave, v3 query, v3 report. */
    public record Igmp(int kind, byte[] group, int maxResp, List<byte[]> sources) implements Transport {
        @Override
        public String toString() {
            return "Igmp[kind " + kind + ", group " + Hexes.of(group) + ", maxResp " + maxResp + ", " + sources.size() + " sources]";
        }

    }

    /** Neighbour discovery: a solicitation (advertisement when flags &gt;= 0) with an optional link-layer option. */
    public record Nd(byte[] target, int flags, byte[] linkLayer) implements Transport {
        @Override
        public String toString() {
            return "Nd[target " + Hexes.of(target) + ", flags " + flags + ", ll " + (linkLayer == null ? "none" : Hexes.of(linkLayer)) + "]";
        }

    }

    /** Any protocol number and payload bytes as they are. */
    public record RawProto(int protocol, byte[] payload) implements Transport {
        @Override
        public String toString() {
            return "Raw[proto " + protocol + ", " + Hexes.of(payload) + "]";
        }

    }

    /** Ethernet header fields: addresses, VLAN tags (outermost first), padding to 60 bytes. */
    public record Eth(byte[] dst, byte[] src, List<Tag> tags, boolean pad) {
        @Override
        public String toString() {
            return "Eth[" + Hexes.of(src) + " > " + Hexes.of(dst) + ", tags " + tags + (pad ? ", padded" : "") + "]";
        }

    }

    public record Tag(int tpid, int pcp, boolean dei, int vid) {
    }

    public record ArpMsg(int op, byte[] senderMac, byte[] senderIp, byte[] targetMac, byte[] targetIp) {
        @Override
        public String toString() {
            return "Arp[op " + op + ", " + Hexes.of(senderMac) + "/" + Hexes.of(senderIp) + " > " + Hexes.of(targetMac) + "/" + Hexes.of(targetIp) + "]";
        }

    }

    // ---- built packets ---------------------------------------------------------------------------

    /** Where a length field is, so that a mutation can edit it. */
    public enum Width { BYTE, U16, HIGH_NIBBLE, LOW_NIBBLE }

    public record LengthField(int offset, Width width) {
        LengthField shifted(int by) {
            return new LengthField(offset + by, width);
        }
    }

    /** Bytes, where they start, their length fields, and a word for statistics. */
    public record Built(byte[] bytes, LinkType link, List<LengthField> lengths, String label) {
        @Override
        public String toString() {
            return label + " " + Hexes.of(bytes);
        }
    }

    // ---- arbitraries: values ----------------------------------------------------------------------

    static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xff);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xffffffffL);
    }

    static Arbitrary<byte[]> bytes(int size) {
        return Arbitraries.bytes().array(byte[].class).ofSize(size);
    }

    static Arbitrary<byte[]> ipv4Address() {
        return bytes(4);
    }

    static Arbitrary<byte[]> ipv6Address() {
        return bytes(16);
    }

    static Arbitrary<byte[]> mac() {
        return bytes(6);
    }

    /** Payloads: mostly short, sometimes up to a full Ethernet MTU. */
    static Arbitrary<byte[]> payload() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.bytes().array(byte[].class).ofMaxSize(48)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(1400)));
    }

    /** Well-formed IPv4 options, padded to a multiple of 4 by the builder, at most 40 bytes. */
    public static Arbitrary<byte[]> ipv4Options() {
        Arbitrary<byte[]> one = Arbitraries.oneOf(
                Arbitraries.just(new byte[] {1}),                                   // NOP
                Arbitraries.just(new byte[] {(byte) 0x94, 4, 0, 0}),                // router alert
                kindLength(Arbitraries.of(7, 0x44, 0x83, 0x89, 0x88, 0x82, 0x9e), 2, 11));
        return one.list().ofMaxSize(6).map(list -> concatWithin(list, 40));
    }

    /** Well-formed TCP options (no EOL before the end), at most 40 bytes. */
    public static Arbitrary<byte[]> tcpOptions() {
        Arbitrary<byte[]> one = Arbitraries.oneOf(
                Arbitraries.just(new byte[] {1}),                                                  // NOP
                u16().map(v -> new byte[] {2, 4, (byte) (v >>> 8), (byte) (int) v}),                // MSS
                Arbitraries.integers().between(0, 14).map(v -> new byte[] {3, 3, (byte) (int) v}), // window scale
                Arbitraries.just(new byte[] {4, 2}),                                               // SACK permitted
                bytes(8).map(b -> concat(new byte[] {8, 10}, b)),                                  // timestamps
                Arbitraries.integers().between(1, 4).flatMap(n -> bytes(8 * n).map(b -> concat(new byte[] {5, (byte) (2 + 8 * n)}, b))),
                kindLength(Arbitraries.integers().between(6, 254), 2, 18));
        return one.list().ofMaxSize(8).map(list -> concatWithin(list, 40));
    }

    /** A kind-length option of a kind from {@code kinds} and a total length in [min, max]. */
    private static Arbitrary<byte[]> kindLength(Arbitrary<Integer> kinds, int min, int max) {
        return Combinators.combine(kinds, Arbitraries.integers().between(min, max), bytes(max))
                .as((kind, len, data) -> {
                    byte[] b = Arrays.copyOf(data, len);
                    b[0] = (byte) (int) kind;
                    b[1] = (byte) (int) len;
                    return b;
                });
    }

    // ---- arbitraries: specs ------------------------------------------------------------------------

    public static Arbitrary<Ip4> ip4() {
        return Combinators.combine(u8(), u16(), Arbitraries.of(false, true), Arbitraries.of(false, true), u8(),
                ipv4Address(), ipv4Address(), ipv4Options()).as(Ip4::new);
    }

    public static Arbitrary<Ip6> ip6(boolean withExtensions) {
        Arbitrary<List<Ext>> exts = withExtensions ? validExtensions() : Arbitraries.just(List.of());
        return Combinators.combine(u8(), Arbitraries.integers().between(0, 0xfffff), u8(), ipv6Address(),
                ipv6Address(), exts).as(Ip6::new);
    }

    /**
     * Extension headers a real packet may carry before a transport the decoder checks: Hop-by-Hop
     * (first, when present), Destination Options, a type 2 Routing header (with 0 or 1 segment
     * left), an atomic Fragment header (offset 0, no more fragments).
     */
    public static Arbitrary<List<Ext>> validExtensions() {
        Arbitrary<Ext> middle = Arbitraries.oneOf(optionsHeader(IpProtocol.IPV6_OPTS), routingType2(), atomicFragment());
        // each at most once (RFC 8200 4.1), so the final destination is that of the one Routing header
        return Combinators.combine(Arbitraries.of(false, true), optionsHeader(IpProtocol.HOPOPT),
                        middle.list().ofMaxSize(3).uniqueElements(Ext::type))
                .as((hbh, first, rest) -> {
                    List<Ext> all = new ArrayList<>();
                    if (hbh) {
                        all.add(first);
                    }
                    all.addAll(rest);
                    return all;
                });
    }

    /** Hop-by-Hop or Destination Options: router alert, unknown skippable options, padded with Pad1/PadN to 8n bytes. */
    public static Arbitrary<Ext> optionsHeader(int type) {
        Arbitrary<byte[]> option = Arbitraries.oneOf(
                u16().map(v -> new byte[] {5, 2, (byte) (v >>> 8), (byte) (int) v}),
                Arbitraries.integers().between(0, 12).flatMap(n -> bytes(n).map(d -> concat(new byte[] {0x1e, (byte) (int) n}, d))),
                Arbitraries.just(new byte[] {0}),
                Arbitraries.integers().between(0, 5).map(n -> concat(new byte[] {1, (byte) (int) n}, new byte[n])));
        return option.list().ofMaxSize(4).map(options -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(0);
            for (byte[] o : options) {
                out.writeBytes(o);
            }
            int missing = (8 - out.size() % 8) % 8;
            if (missing == 1) {
                out.write(0);
            } else if (missing > 1) {
                out.write(1);
                out.write(missing - 2);
                out.writeBytes(new byte[missing - 2]);
            }
            byte[] b = out.toByteArray();
            b[1] = (byte) (b.length / 8 - 1);
            return new Ext(type, b);
        });
    }

    public static Arbitrary<Ext> routingType2() {
        return Combinators.combine(Arbitraries.of(0, 1), ipv6Address()).as((left, address) -> {
            byte[] b = new byte[24];
            b[1] = 2;
            b[2] = 2;
            b[3] = (byte) (int) left;
            System.arraycopy(address, 0, b, 8, 16);
            return new Ext(IpProtocol.IPV6_ROUTE, b);
        });
    }

    public static Arbitrary<Ext> atomicFragment() {
        return u32().map(id -> new Ext(IpProtocol.IPV6_FRAG, Ipv6Builder.fragmentHeader(0, 0, false, id)));
    }

    public static Arbitrary<UdpSeg> udp() {
        return Combinators.combine(u16(), u16(), payload()).as(UdpSeg::new);
    }

    public static Arbitrary<TcpSeg> tcp() {
        Arbitrary<int[]> ports = Combinators.combine(u16(), u16()).as((a, b) -> new int[] {a, b});
        return Combinators.combine(ports, u32(), u32(), Arbitraries.integers().between(0, 0x1ff), u16(), u16(),
                tcpOptions(), payload())
                .as((p, seq, ack, flags, win, urg, opts, data) -> new TcpSeg(p[0], p[1], seq, ack, flags, win, urg, opts, data));
    }

    /** ICMP types with an id/seq layout: echo reply/request, timestamp, information, address mask. */
    public static Arbitrary<Echo> icmpEcho() {
        return Combinators.combine(Arbitraries.of(0, 8, 13, 14, 15, 16, 17, 18), u8(), u16(), u16(), payload())
                .as(Echo::new);
    }

    /** ICMPv6 echo request and reply. */
    public static Arbitrary<Echo> icmp6Echo() {
        return Combinators.combine(Arbitraries.of(128, 129), u8(), u16(), u16(), payload()).as(Echo::new);
    }

    public static Arbitrary<Eth> eth(int maxTags) {
        Arbitrary<Tag> tag = Combinators.combine(Arbitraries.of(EtherType.VLAN, EtherType.QINQ, EtherType.QINQ_9100),
                Arbitraries.integers().between(0, 7), Arbitraries.of(false, true), Arbitraries.integers().between(0, 4095))
                .as(Tag::new);
        return Combinators.combine(mac(), mac(), tag.list().ofMaxSize(maxTags), Arbitraries.of(false, true)).as(Eth::new);
    }

    public static Arbitrary<ArpMsg> arp() {
        return Combinators.combine(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.of(1, 2)),
                net.jqwik.api.Tuple.of(1, u16())), mac(), ipv4Address(), mac(), ipv4Address()).as(ArpMsg::new);
    }

    /** Valid IPv4 and IPv6 packets with UDP, TCP or ICMP/ICMPv6 (echo and friends). */
    public static Arbitrary<Built> validIp() {
        Arbitrary<Built> v4 = Combinators.combine(ip4(), Arbitraries.<Transport>oneOf(udp(), tcp(), icmpEcho()))
                .as(PacketGen::ipv4);
        Arbitrary<Built> v6 = Combinators.combine(ip6(true), Arbitraries.<Transport>oneOf(udp(), tcp(), icmp6Echo()))
                .as(PacketGen::ipv6);
        return Arbitraries.oneOf(v4, v6).withoutEdgeCases();
    }

    // ---- arbitraries: whole packets, hostile families included -------------------------------------

    /** Transports for IPv4 packets, including ICMP errors that quote another IPv4 packet. */
    static Arbitrary<Transport> anyTransport4(int depth) {
        List<Arbitrary<? extends Transport>> choices = new ArrayList<>(List.of(udp(), tcp(), icmpEcho(), igmp(),
                rawProto()));
        if (depth > 0) {
            choices.add(icmpError(false, depth));
        }
        return Arbitraries.oneOf(choices);
    }

    static Arbitrary<Transport> anyTransport6(int depth) {
        List<Arbitrary<? extends Transport>> choices = new ArrayList<>(List.of(udp(), tcp(), icmp6Echo(), nd(),
                rawProto(), anyIcmp6()));
        if (depth > 0) {
            choices.add(icmpError(true, depth));
        }
        return Arbitraries.oneOf(choices);
    }

    /** ICMPv6 of any type (MLD, router advertisement, ...) over random bytes: RawProto with protocol 58 is built as ICMPv6. */
    static Arbitrary<Transport> anyIcmp6() {
        return Combinators.combine(u8(), u8(), u32(), Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
                .as((type, code, rest, body) -> new IcmpError(type, code, rest, body));
    }

    static Arbitrary<Transport> icmpError(boolean v6, int depth) {
        return icmpError(v6, v6 ? anyIpv6(depth - 1) : anyIpv4(depth - 1));
    }

    /** An ICMP (v6: ICMPv6) error quoting the start of an {@code inner} packet, at least 28 bytes of it. */
    static Arbitrary<Transport> icmpError(boolean v6, Arbitrary<Built> inner) {
        Arbitrary<Integer> types = v6 ? Arbitraries.of(1, 2, 3, 4) : Arbitraries.of(3, 4, 5, 11, 12);
        return Combinators.combine(types, u8(), u32(), inner, Arbitraries.integers().between(0, 100))
                .as((type, code, rest, quoted, keepPercent) -> {
                    byte[] q = quoted.bytes();
                    int keep = Math.max(0, Math.min(q.length, (int) ((long) q.length * keepPercent / 100) + 28));
                    return new IcmpError(type, code, rest, Arrays.copyOf(q, keep));
                });
    }

    static Arbitrary<Transport> igmp() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), ipv4Address(), u8(),
                ipv4Address().list().ofMaxSize(3)).as(Igmp::new);
    }

    static Arbitrary<Transport> nd() {
        return Combinators.combine(ipv6Address(), Arbitraries.of(-1, 0, 0x20, 0x40, 0x60, 0x80, 0xe0),
                Arbitraries.oneOf(mac(), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(14)).injectNull(0.3))
                .as(Nd::new);
    }

    static Arbitrary<Transport> rawProto() {
        return Combinators.combine(Arbitraries.oneOf(u8(), Arbitraries.of(IpProtocol.GRE, IpProtocol.ESP, IpProtocol.SCTP, 0, 255)),
                payload()).as(RawProto::new);
    }

    /** Protocols without a decoder and not IPv6 extension headers: their payload is shown raw, as it is. */
    static Arbitrary<Transport> undecodedProto() {
        return Combinators.combine(Arbitraries.of(IpProtocol.GRE, IpProtocol.ESP, IpProtocol.SCTP, IpProtocol.OSPF,
                IpProtocol.PIM, IpProtocol.RAW, IpProtocol.IPIP), payload()).as(RawProto::new);
    }

    /**
     * IPv4 packets a correct stack may send, fragments included, and ICMP errors quoting such
     * packets: the decoder must find nothing malformed and no wrong checksum in them.
     */
    public static Arbitrary<Built> cleanIpv4(int depth) {
        List<Arbitrary<? extends Transport>> choices = new ArrayList<>(List.of(udp(), tcp(), icmpEcho(), igmp(),
                undecodedProto()));
        if (depth > 0) {
            choices.add(icmpError(false, cleanIpv4(depth - 1)));
        }
        Arbitrary<int[]> fragment = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(new int[] {0, 0})),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(0, 1), Arbitraries.integers().between(0, 0x1fff))
                        .as((mf, off) -> new int[] {mf, off})));
        return Combinators.combine(ip4(), Arbitraries.oneOf(choices), fragment)
                .as((ip, t, frag) -> ipv4(ip, t, frag[0] == 1, frag[1])).withoutEdgeCases();
    }

    /** IPv6 packets a correct stack may send (extension headers included), and ICMPv6 errors quoting such packets. */
    public static Arbitrary<Built> cleanIpv6(int depth) {
        List<Arbitrary<? extends Transport>> choices = new ArrayList<>(List.of(udp(), tcp(), icmp6Echo(), nd(),
                undecodedProto()));
        if (depth > 0) {
            choices.add(icmpError(true, cleanIpv6(depth - 1)));
        }
        return Combinators.combine(ip6(true), Arbitraries.oneOf(choices)).as(PacketGen::ipv6).withoutEdgeCases();
    }

    /** Frames with up to four VLAN tags carrying clean IPv4, clean IPv6 or ARP. */
    public static Arbitrary<Built> cleanFrame() {
        Arbitrary<Object[]> payload = Arbitraries.oneOf(
                cleanIpv4(1).map(b -> new Object[] {EtherType.IPV4, b}),
                cleanIpv6(1).map(b -> new Object[] {EtherType.IPV6, b}),
                arp().map(a -> new Object[] {EtherType.ARP, a}));
        return Combinators.combine(eth(4), payload).as((e, p) -> frame(e, (Integer) p[0], p[1])).withoutEdgeCases();
    }

    /** IPv4 packets of every kind, fragments included. */
    public static Arbitrary<Built> anyIpv4(int depth) {
        Arbitrary<int[]> fragment = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(new int[] {0, 0})),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(0, 1), Arbitraries.integers().between(0, 0x1fff))
                        .as((mf, off) -> new int[] {mf, off})));
        return Combinators.combine(ip4(), anyTransport4(depth), fragment)
                .as((ip, t, frag) -> ipv4(ip, t, frag[0] == 1, frag[1]))
                .withoutEdgeCases(); // the product of the parts' edge cases would crowd out everything else
    }

    /** IPv6 packets of every kind: valid chains, and chains with unknown, fragment, AH and ESP headers. */
    public static Arbitrary<Built> anyIpv6(int depth) {
        Arbitrary<Ip6> header = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, ip6(true)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(ip6(false), oddExtensions()).as((ip, exts) ->
                        new Ip6(ip.tclass(), ip.flow(), ip.hopLimit(), ip.src(), ip.dst(), exts))));
        return Combinators.combine(header, anyTransport6(depth)).as(PacketGen::ipv6).withoutEdgeCases();
    }

    /** Extension headers a decoder meets less often: any fragment, AH, unknown walkable types, ESP, hop-by-hop not first. */
    static Arbitrary<List<Ext>> oddExtensions() {
        Arbitrary<Ext> fragment = Combinators.combine(Arbitraries.integers().between(0, 0x1fff), Arbitraries.of(false, true), u32())
                .as((off, more, id) -> new Ext(IpProtocol.IPV6_FRAG, Ipv6Builder.fragmentHeader(0, off, more, id)));
        Arbitrary<Ext> ah = Arbitraries.integers().between(1, 6).flatMap(words -> bytes((words + 2) * 4).map(b -> {
            b[1] = (byte) (int) words;
            return new Ext(IpProtocol.AH, b);
        }));
        Arbitrary<Ext> walkable = Combinators.combine(Arbitraries.of(135, 139, 140, 253, 254, IpProtocol.IPV6_ROUTE),
                Arbitraries.integers().between(0, 3)).flatAs((type, units) -> bytes((units + 1) * 8).map(b -> {
                    b[1] = (byte) (int) units;
                    return new Ext(type, b);
                }));
        Arbitrary<Ext> esp = bytes(8).map(b -> new Ext(IpProtocol.ESP, b));
        Arbitrary<Ext> none = Arbitraries.just(new Ext(IpProtocol.IPV6_NONXT, new byte[0]));
        return Arbitraries.oneOf(fragment, ah, walkable, esp, none, optionsHeader(IpProtocol.HOPOPT),
                optionsHeader(IpProtocol.IPV6_OPTS)).list().ofMinSize(1).ofMaxSize(5);
    }

    /** Ethernet frames: IPv4, IPv6, ARP, random EtherTypes, 802.3 frames, up to 5 VLAN tags. */
    public static Arbitrary<Built> anyFrame() {
        Arbitrary<Object[]> payload = Arbitraries.oneOf(
                anyIpv4(1).map(b -> new Object[] {EtherType.IPV4, b}),
                anyIpv6(1).map(b -> new Object[] {EtherType.IPV6, b}),
                arp().map(a -> new Object[] {EtherType.ARP, a}),
                Combinators.combine(Arbitraries.oneOf(u16(), Arbitraries.of(EtherType.LLDP, EtherType.RARP, EtherType.IPV4,
                        EtherType.IPV6, EtherType.ARP, EtherType.VLAN, 0x05dc, 0x0600, 0x05ff, 46)), payload())
                        .as((type, bytes) -> new Object[] {type, bytes}));
        return Combinators.combine(eth(5), payload).as((e, p) -> frame(e, (Integer) p[0], p[1])).withoutEdgeCases();
    }

    // ---- building ---------------------------------------------------------------------------------

    /** Scratch space for building (the builders write every byte they cover), one per use and thread. */
    private static final ThreadLocal<ByteBuffer> TRANSPORT = ThreadLocal.withInitial(() -> ByteBuffer.allocate(70_000));
    private static final ThreadLocal<ByteBuffer> FRAME = ThreadLocal.withInitial(() -> ByteBuffer.allocate(70_100));

    private static ByteBuffer scratch(ThreadLocal<ByteBuffer> which) {
        return which.get().clear();
    }

    /** An IPv4 packet, not fragmented. */
    public static Built ipv4(Ip4 ip, Transport t) {
        return ipv4(ip, t, false, 0);
    }

    public static Built ipv4(Ip4 ip, Transport t, boolean mf, int fragmentOffset) {
        List<LengthField> lengths = new ArrayList<>();
        ByteBuffer l4 = scratch(TRANSPORT);
        int protocol = transport(l4, t, ip.src(), ip.finalDst(), false, lengths);
        Ipv4Builder b = new Ipv4Builder().tos(ip.tos()).id(ip.id()).reservedFlag(ip.rf()).df(ip.df()).mf(mf)
                .fragmentOffset(fragmentOffset).ttl(ip.ttl()).protocol(protocol).src(ip.src()).dst(ip.dst())
                .options(ip.options());
        int headerLength = b.build().headerLength();
        int total = Math.min(headerLength + l4.position(), 0xffff);
        ByteBuffer out = ByteBuffer.allocate(total);
        b.build().emit(out, total - headerLength);
        out.put(l4.array(), 0, total - headerLength);
        List<LengthField> all = new ArrayList<>(List.of(new LengthField(0, Width.LOW_NIBBLE), new LengthField(2, Width.U16)));
        for (LengthField f : lengths) {
            all.add(f.shifted(headerLength));
        }
        return new Built(out.array(), LinkType.RAW, all, "ip4/" + label(t));
    }

    /** An IPv6 packet with its extension headers chained in front of the transport. */
    public static Built ipv6(Ip6 ip, Transport t) {
        List<LengthField> lengths = new ArrayList<>();
        ByteBuffer l4 = scratch(TRANSPORT);
        int protocol = transport(l4, t, ip.src(), ip.finalDst(), true, lengths);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        List<LengthField> extLengths = new ArrayList<>();
        int first = protocol;
        List<Ext> exts = ip.exts();
        for (int i = 0; i < exts.size(); i++) {
            Ext e = exts.get(i);
            byte[] b = e.bytes().clone();
            if (b.length > 0) {
                b[0] = (byte) (i + 1 < exts.size() ? exts.get(i + 1).type() : protocol);
                if (e.type() != IpProtocol.IPV6_FRAG && b.length > 1) {
                    extLengths.add(new LengthField(40 + ext.size() + 1, Width.BYTE));
                }
            }
            if (i == 0) {
                first = e.type();
            }
            ext.writeBytes(b);
        }
        Ipv6Builder b = new Ipv6Builder().trafficClass(ip.tclass()).flowLabel(ip.flow()).hopLimit(ip.hopLimit())
                .src(ip.src()).dst(ip.dst()).nextHeader(first).extensionHeaders(ext.toByteArray());
        int headerLength = b.build().headerLength();
        int upper = Math.min(l4.position(), 0xffff - ext.size());
        ByteBuffer out = ByteBuffer.allocate(headerLength + upper);
        b.build().emit(out, upper);
        out.put(l4.array(), 0, upper);
        List<LengthField> all = new ArrayList<>(List.of(new LengthField(4, Width.U16)));
        all.addAll(extLengths);
        for (LengthField f : lengths) {
            all.add(f.shifted(headerLength));
        }
        return new Built(out.array(), LinkType.RAW, all, "ip6/" + label(t));
    }

    /** An Ethernet frame carrying a built IP packet ({@link Built}), an {@link ArpMsg} or raw bytes. */
    public static Built frame(Eth e, int etherType, Object payload) {
        EthernetBuilder b = new EthernetBuilder().dst(e.dst()).src(e.src()).etherType(etherType).padToMinimum(e.pad());
        for (Tag t : e.tags()) {
            b.vlan(t.tpid(), t.pcp(), t.dei(), t.vid());
        }
        int header = b.build().headerLength();
        ByteBuffer out = scratch(FRAME);
        b.build().emit(out);
        List<LengthField> lengths = new ArrayList<>();
        String label;
        if (payload instanceof Built inner) {
            out.put(inner.bytes());
            for (LengthField f : inner.lengths()) {
                lengths.add(f.shifted(header));
            }
            label = "eth/" + inner.label();
        } else if (payload instanceof ArpMsg a) {
            arp(a).build().emit(out);
            lengths.add(new LengthField(header + 4, Width.BYTE));
            lengths.add(new LengthField(header + 5, Width.BYTE));
            label = "eth/arp";
        } else {
            out.put((byte[]) payload);
            label = "eth/" + Integer.toHexString(etherType);
        }
        b.finish(out, 0);
        lengths.add(new LengthField(header - 2, Width.U16));
        return new Built(Arrays.copyOf(out.array(), out.position()), LinkType.ETHERNET, lengths, label);
    }

    public static ArpBuilder arp(ArpMsg a) {
        return new ArpBuilder().operation(a.op()).senderMac(a.senderMac()).senderIp(a.senderIp())
                .targetMac(a.targetMac()).targetIp(a.targetIp());
    }

    /** Writes the transport into {@code out}, recording its length fields (relative to its start); returns the protocol. */
    static int transport(ByteBuffer out, Transport t, byte[] src, byte[] dst, boolean v6, List<LengthField> lengths) {
        if (t instanceof UdpSeg u) {
            new UdpBuilder().sport(u.sport()).dport(u.dport()).build().emit(out, ByteBuffer.wrap(u.payload()), src, dst);
            lengths.add(new LengthField(4, Width.U16));
            return IpProtocol.UDP;
        } else if (t instanceof TcpSeg s) {
            tcpBuilder(s).build().emit(out, ByteBuffer.wrap(s.payload()), src, dst);
            lengths.add(new LengthField(12, Width.HIGH_NIBBLE));
            return IpProtocol.TCP;
        } else if (t instanceof Echo e) {
            if (v6) {
                new Icmpv6Builder().type(e.type()).code(e.code()).id(e.id()).seq(e.seq())
                        .build().emit(out, ByteBuffer.wrap(e.payload()), src, dst);
                return IpProtocol.ICMP6;
            }
            new IcmpBuilder().type(e.type()).code(e.code()).id(e.id()).seq(e.seq()).build().emit(out, ByteBuffer.wrap(e.payload()));
            return IpProtocol.ICMP;
        } else if (t instanceof IcmpError e) {
            // Lengths inside the quote: its IP header's, at the offsets a quoted IPv4 or IPv6 header has them.
            if (e.quoted().length > 0) {
                if (v6) {
                    lengths.add(new LengthField(8 + 4, Width.U16));
                } else {
                    lengths.add(new LengthField(8, Width.LOW_NIBBLE));
                    lengths.add(new LengthField(8 + 2, Width.U16));
                }
            }
            if (v6) {
                new Icmpv6Builder().type(e.type()).code(e.code()).restOfHeader(e.rest())
                        .build().emit(out, ByteBuffer.wrap(e.quoted()), src, dst);
                return IpProtocol.ICMP6;
            }
            new IcmpBuilder().type(e.type()).code(e.code()).restOfHeader(e.rest()).build().emit(out, ByteBuffer.wrap(e.quoted()));
            return IpProtocol.ICMP;
        } else if (t instanceof Igmp g) {
            IgmpBuilder b;
            switch (g.kind()) {
                case 0:
                    b = IgmpBuilder.query(g.group(), g.maxResp());
                    break;
                case 1:
                    b = IgmpBuilder.reportV1(g.group());
                    break;
                case 2:
                    b = IgmpBuilder.reportV2(g.group());
                    break;
                case 3:
                    b = IgmpBuilder.leave(g.group());
                    break;
                case 4:
                    b = IgmpBuilder.queryV3(g.group(), g.maxResp());
                    for (byte[] s : g.sources()) {
                        b.source(s);
                    }
                    lengths.add(new LengthField(10, Width.U16));
                    break;
                default:
                    b = IgmpBuilder.reportV3();
                    for (byte[] s : g.sources()) {
                        b.record(1 + g.maxResp() % 6, g.group(), s, g.group());
                    }
                    lengths.add(new LengthField(6, Width.U16));
                    break;
            }
            b.build().emit(out);
            return IpProtocol.IGMP;
        } else if (t instanceof Nd n) {
            Icmpv6Builder b = n.flags() < 0 ? new Icmpv6Builder().neighborSolicitation(n.target(), n.linkLayer())
                    : new Icmpv6Builder().neighborAdvertisement(n.target(), n.flags(), n.linkLayer());
            b.build().emit(out, null, src, dst);
            if (n.linkLayer() != null) {
                lengths.add(new LengthField(8 + 16 + 1, Width.BYTE));
            }
            return IpProtocol.ICMP6;
        } else {
            RawProto r = (RawProto) t;
            out.put(r.payload());
            return r.protocol();
        }
    }

    public static TcpBuilder tcpBuilder(TcpSeg s) {
        return new TcpBuilder().sport(s.sport()).dport(s.dport()).seq(s.seq()).ack(s.ack()).flags(s.flags())
                .window(s.window()).urgent(s.urgent()).options(s.options());
    }

    private static String label(Transport t) {
        if (t instanceof UdpSeg) {
            return "udp";
        } else if (t instanceof TcpSeg) {
            return "tcp";
        } else if (t instanceof Echo) {
            return "echo";
        } else if (t instanceof IcmpError) {
            return ((IcmpError) t).quoted().length > 0 ? "icmp-error" : "icmp-other";
        } else if (t instanceof Igmp) {
            return "igmp";
        } else if (t instanceof Nd) {
            return "nd";
        }
        return "proto";
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The parts in order, leaving out any that would make the whole longer than {@code max}. */
    static byte[] concatWithin(List<byte[]> parts, int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            if (out.size() + p.length <= max) {
                out.writeBytes(p);
            }
        }
        return out.toByteArray();
    }
}
