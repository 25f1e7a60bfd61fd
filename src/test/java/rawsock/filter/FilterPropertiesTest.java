package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import rawsock.fuzz.Bounded;
import rawsock.fuzz.PacketGen;
import rawsock.packet.ArpBuilder;
import rawsock.packet.EthernetBuilder;
import rawsock.packet.Ipv4Builder;
import rawsock.packet.Ipv6Builder;
import rawsock.packet.TcpBuilder;
import rawsock.packet.UdpBuilder;

/**
 * Property tests of {@link FilterCompiler} (in this package for {@link KernelRules} and
 * {@link BpfInterpreter}, which are package-private; the generators of packets and the time
 * bound come from rawsock.fuzz):
 * <ul>
 * <li>random token sequences (the grammar's words, operators, values, near-misses, random
 *     characters), for every target: either a program that the kernel's load-time rules accept
 *     and that runs in the interpreter on sample packets, or a FilterSyntaxException whose
 *     position and token point into the expression;</li>
 * <li>valid expressions from a small grammar generator (protocol, host, net, port and portrange
 *     primitives with their qualifiers and directions, joined by and/or/&amp;&amp;/||, negated with
 *     not/!, in parentheses, and/or left to right at equal precedence as pcap-filter(7) says),
 *     for every target: they compile (or are refused only as "can never match", when the
 *     reference agrees that no packet matches), pass the kernel's rules, and their verdicts in
 *     {@link BpfInterpreter} on generated packets are those of a reference evaluation written
 *     here from the language's documented meaning.</li>
 * </ul>
 */
class FilterPropertiesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final FilterTarget[] TARGETS = FilterTarget.values();

    // ---- the packets the reference looks at ----------------------------------------------------

    /** Family of a sample: IPv4, IPv6, an ARP frame, or another EtherType (ETHERNET only, read at a VLAN offset). */
    enum Family { IP4, IP6, ARP, OTHER }

    /**
     * A packet as the filter sees it ({@code skb}), and what the reference needs to know about it:
     * the addresses (IP, or ARP's protocol addresses), the protocol (IPv6: the Next Header the
     * target's filter finds, {@code viaFragment} the one behind a Fragment header as libpcap reads
     * it), whether its transport header is there (not an IPv4 non-first fragment), the ports, the
     * MACs, the EtherType.
     */
    record Pkt(Family family, int proto, int viaFragment, byte[] src, byte[] dst, boolean firstFragment, int sport,
               int dport, byte[] macSrc, byte[] macDst, int etherType, BpfInterpreter.Skb skb) {
        @Override
        public String toString() {
            return family + " proto " + proto + (viaFragment >= 0 ? " (fragment of " + viaFragment + ")" : "") + " "
                    + HEX.formatHex(src) + " > " + HEX.formatHex(dst) + " ports "
                    + sport + " > " + dport + (firstFragment ? "" : " (non-first fragment)")
                    + (skb.vlanPresent() ? " tag " + (skb.vlanTci() & 0xfff) + " in metadata" : "") + " bytes " + bytes();
        }

        /** The bytes without the zero padding at the end. */
        private String bytes() {
            byte[] b = skb.buf();
            int end = b.length;
            while (end > 0 && b[end - 1] == 0) {
                end--;
            }
            return HEX.formatHex(b, 0, end) + (end < b.length ? " + " + (b.length - end) + " zeros" : "");
        }
    }

    /** A primitive as written, and its meaning on a packet for a target; {@code vlan} primitives are told apart. */
    record Prim(String text, Meaning meaning, boolean vlan, Integer vlanId) {
        Prim(String text, Meaning meaning) {
            this(text, meaning, false, null);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @FunctionalInterface
    interface Meaning {
        boolean on(Pkt p, FilterTarget t);
    }

    /**
     * One evaluation: the packet, the target, and the vlan primitives passed so far in the text.
     * As in tcpdump (the class comment of FilterCompiler, Layers.vlan), every primitive after the
     * first {@code vlan} reads the frame further on: by 4 bytes when the outer tag was in the frame
     * (0 when the kernel moved it into metadata), and 4 more for each further {@code vlan}.
     */
    static final class Ctx {
        final Pkt pkt;
        final FilterTarget target;
        int vlans;

        Ctx(Pkt pkt, FilterTarget target) {
            this.pkt = pkt;
            this.target = target;
        }

        private int base() {
            if (vlans == 0) {
                return 0;
            }
            return (pkt.skb().vlanPresent() ? 0 : 4) + 4 * (vlans - 1);
        }

        /** The packet as the primitives at this point of the text read it. */
        Pkt view() {
            return target == FilterTarget.ETHERNET ? readFrame(pkt.skb(), base()) : pkt;
        }

        /** {@code vlan [id]} at this point of the text, then counted. */
        boolean vlan(Integer id) {
            BpfInterpreter.Skb skb = pkt.skb();
            boolean v;
            if (vlans == 0 && skb.vlanPresent()) {
                v = id == null || (skb.vlanTci() & 0xfff) == id;
            } else {
                int at = 12 + base();
                int tpid = u16(skb.buf(), at);
                v = (tpid == 0x8100 || tpid == 0x88a8 || tpid == 0x9100)
                        && (id == null || (u16(skb.buf(), at + 2) & 0xfff) == id);
            }
            vlans++;
            return v;
        }
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    static byte[] slice(byte[] b, int at, int length) {
        return Arrays.copyOfRange(b, at, at + length);
    }

    /**
     * A frame read the way the filter language reads it with the link payload {@code base} bytes
     * further on: EtherType at 12 + base, the network header at 14 + base; IPv4 (the EtherType
     * says so, the version is not looked at) with its ports where the IHL puts them, IPv6 as
     * libpcap reads it (Next Header, or behind one Fragment header; ports at 40), ARP's protocol
     * addresses.
     */
    static Pkt readFrame(BpfInterpreter.Skb skb, int base) {
        byte[] f = skb.buf();
        int type = u16(f, 12 + base);
        int net = 14 + base;
        byte[] macDst = slice(f, 0, 6);
        byte[] macSrc = slice(f, 6, 6);
        switch (type) {
            case 0x0800: {
                int ihl = (f[net] & 0x0f) * 4;
                boolean first = (u16(f, net + 6) & 0x1fff) == 0;
                return new Pkt(Family.IP4, f[net + 9] & 0xff, -1, slice(f, net + 12, 4), slice(f, net + 16, 4), first,
                        u16(f, net + ihl), u16(f, net + ihl + 2), macSrc, macDst, type, skb);
            }
            case 0x86dd: {
                int next = f[net + 6] & 0xff;
                int viaFragment = next == 44 ? f[net + 40] & 0xff : -1;
                return new Pkt(Family.IP6, next, viaFragment, slice(f, net + 8, 16), slice(f, net + 24, 16), true,
                        u16(f, net + 40), u16(f, net + 42), macSrc, macDst, type, skb);
            }
            case 0x0806:
                return new Pkt(Family.ARP, -1, -1, slice(f, net + 14, 4), slice(f, net + 24, 4), false, -1, -1,
                        macSrc, macDst, type, skb);
            default:
                return new Pkt(Family.OTHER, -1, -1, new byte[4], new byte[4], false, -1, -1, macSrc, macDst, type, skb);
        }
    }

    // ---- expressions ---------------------------------------------------------------------------

    /** unary := { not | ! } ( '(' sequence ')' | primitive ). */
    record Unary(int nots, boolean bang, Prim prim, Sequence inner) {
        String render() {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < nots; i++) {
                s.append(bang ? "!" : "not ");
            }
            return s.append(prim != null ? prim.text() : "(" + inner.render() + ")").toString();
        }

        boolean eval(Ctx c) {
            boolean v;
            if (prim == null) {
                v = inner.eval(c);
            } else if (prim.vlan()) {
                v = c.vlan(prim.vlanId());
            } else {
                v = prim.meaning().on(c.view(), c.target);
            }
            return nots % 2 == 1 ? !v : v;
        }
    }

    /** sequence := unary { op unary }, evaluated left to right whatever the operators. */
    record Sequence(Unary first, List<Tuple.Tuple2<String, Unary>> rest) {
        String render() {
            StringBuilder s = new StringBuilder(first.render());
            for (Tuple.Tuple2<String, Unary> r : rest) {
                s.append(' ').append(r.get1()).append(' ').append(r.get2().render());
            }
            return s.toString();
        }

        boolean eval(Pkt p, FilterTarget t) {
            return eval(new Ctx(p, t));
        }

        /** Every operand is evaluated (no short cut), in text order, so that the vlan count is that of the text. */
        boolean eval(Ctx c) {
            boolean v = first.eval(c);
            for (Tuple.Tuple2<String, Unary> r : rest) {
                boolean and = r.get1().equals("and") || r.get1().equals("&&");
                boolean right = r.get2().eval(c);
                v = and ? v && right : v || right;
            }
            return v;
        }

        @Override
        public String toString() {
            return render();
        }
    }

    // ---- properties ----------------------------------------------------------------------------

    /** A target, an expression and six packets of that target's kind. */
    record Case(FilterTarget target, Sequence expr, List<Pkt> packets) {
        @Override
        public String toString() {
            return target + " '" + expr.render() + "' on " + packets;
        }
    }

    @Property
    void validExpressionsMatchTheReference(@ForAll("cases") Case c) {
        FilterTarget target = c.target();
        Sequence expr = c.expr();
        List<Pkt> packets = c.packets();
        String text = expr.render();
        String outcome = Bounded.call(() -> {
            BpfProgram program;
            try {
                program = FilterCompiler.compile(text, target);
            } catch (FilterSyntaxException e) {
                assertTrue(e.getMessage().contains("never match"), () -> "a valid expression was refused: " + e.getMessage());
                for (Pkt p : packets) {
                    assertFalse(expr.eval(p, target), () -> "refused as never matching, but the reference matches " + p);
                }
                return "refused: never matches";
            }
            KernelRules.check(program);
            int matched = 0;
            for (Pkt p : packets) {
                boolean expected = expr.eval(p, target);
                boolean actual = BpfInterpreter.run(program, p.skb()) != 0;
                assertEquals(expected, actual, () -> "verdict on " + p + "\n" + program.toAssembly());
                matched += actual ? 1 : 0;
            }
            return matched == 0 ? "compiled, none matched" : matched == packets.size() ? "compiled, all matched"
                    : "compiled, some matched";
        });
        Statistics.label("outcome").collect(outcome);
        Statistics.label("target").collect(target);
    }

    /**
     * Where the IPv6 walk stops, the Next Header it reached is the protocol tested (as tcpdump's
     * {@code ip6 proto} does): ESP, which the walk cannot step over, matches {@code proto 50}; behind
     * more than eight extension headers, the ninth header's type is tested. Found by the
     * properties above when the class comment still said such packets matched no protocol test.
     */
    @Example
    void theWalkTestsTheNextHeaderWhereItStops() throws FilterSyntaxException {
        byte[] address = HexFormat.of().parseHex("20010db8000000000000000000000001");
        byte[] esp = ByteBuffer.allocate(48).put(HexFormat.of().parseHex("6000000000083240")).put(address)
                .put(address).put(HexFormat.of().parseHex("0035003501020304")).array();
        BpfInterpreter.Skb espSkb = BpfInterpreter.Skb.ipv6Raw(esp, 40);
        assertTrue(BpfInterpreter.run(FilterCompiler.compile("proto 50", FilterTarget.IPV6_RAW), espSkb) != 0);
        assertEquals(0, BpfInterpreter.run(FilterCompiler.compile("proto 17", FilterTarget.IPV6_RAW), espSkb));

        // Nine 8-byte Hop-by-Hop headers (PadN), then UDP: the walk stops at the ninth.
        ByteBuffer chain = ByteBuffer.allocate(40 + 9 * 8 + 8);
        chain.put(HexFormat.of().parseHex("60000000")).putShort((short) (9 * 8 + 8)).put((byte) 0).put((byte) 64)
                .put(address).put(address);
        for (int i = 0; i < 9; i++) {
            chain.put((byte) (i < 8 ? 0 : 17)).put(HexFormat.of().parseHex("000104000000" + "00"));
        }
        chain.put(HexFormat.of().parseHex("0035003500080000"));
        BpfInterpreter.Skb chainSkb = BpfInterpreter.Skb.ipv6Raw(chain.array(), 40 + 9 * 8);
        assertTrue(BpfInterpreter.run(FilterCompiler.compile("proto 0", FilterTarget.IPV6_RAW), chainSkb) != 0);
        assertEquals(0, BpfInterpreter.run(FilterCompiler.compile("proto 17", FilterTarget.IPV6_RAW), chainSkb));
    }

    /** Anything made of the language's words and other characters: a program the kernel accepts, or a syntax error that points into the text. */
    @Property
    void randomTokensCompileOrPointAtTheError(@ForAll("targets") FilterTarget target, @ForAll("tokenSoup") String text) {
        String outcome = Bounded.call(() -> {
            BpfProgram program;
            try {
                program = FilterCompiler.compile(text, target);
            } catch (FilterSyntaxException e) {
                int at = e.position();
                assertTrue(at >= 0 && at <= text.length(), () -> "position " + at + " outside '" + text + "': " + e.getMessage());
                assertTrue(e.token().isEmpty() || text.startsWith(e.token(), at),
                        () -> "token '" + e.token() + "' is not at " + at + " of '" + text + "': " + e.getMessage());
                assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), "a message of more than one line");
                assertTrue(e.getMessage().startsWith("filter: "), e.getMessage());
                return "syntax error";
            }
            assertTrue(program.size() >= 1 && program.size() <= BpfProgram.MAX_INSTRUCTIONS);
            KernelRules.check(program);
            for (Packets.Sample s : Packets.forTarget(target)) {
                BpfInterpreter.run(program, s.skb());
            }
            return "compiled";
        });
        Statistics.label("outcome").collect(outcome);
    }

    // ---- generators: targets, expressions ------------------------------------------------------

    @Provide
    Arbitrary<FilterTarget> targets() {
        return Arbitraries.of(TARGETS);
    }

    private static final String[] V4 = {"10.0.0.1", "10.0.0.2", "10.1.2.3", "192.0.2.1", "192.0.2.99", "198.51.100.7"};
    private static final String[] V6 = {"2001:db8::1", "2001:db8::2", "fe80::1", "2001:db8:0:1::5"};
    private static final String[] MACS = {"02:00:00:00:00:01", "02:00:00:00:00:02", "ff:ff:ff:ff:ff:ff"};

    /** IPv4 networks: the text after 'net', network and mask. */
    private record Net4(String text, int addr, int mask) {
    }

    private static final Net4[] NETS4 = {
        new Net4("10.0.0.0/8", 0x0a000000, 0xff000000), new Net4("10.0.0.0/24", 0x0a000000, 0xffffff00),
        new Net4("10.1.0.0/16", 0x0a010000, 0xffff0000), new Net4("192.0.2.0/24", 0xc0000200, 0xffffff00),
        new Net4("0.0.0.0/0", 0, 0), new Net4("192.0.2.1/32", 0xc0000201, 0xffffffff),
        new Net4("198.51.100.0/22", 0xc6336400, 0xfffffc00), new Net4("10", 0x0a000000, 0xff000000),
        new Net4("192.0.2", 0xc0000200, 0xffffff00), new Net4("10.0.0.0 mask 255.0.0.0", 0x0a000000, 0xff000000),
        new Net4("192.0.2.0 mask 255.255.255.128", 0xc0000200, 0xffffff80),
    };

    /** IPv6 networks: text, network, prefix length. */
    private record Net6(String text, String addr, int prefix) {
    }

    private static final Net6[] NETS6 = {
        new Net6("2001:db8::/32", "2001:db8::", 32), new Net6("fe80::/10", "fe80::", 10), new Net6("::/0", "::", 0),
        new Net6("2001:db8::1/128", "2001:db8::1", 128), new Net6("2001:db8:0:1::/64", "2001:db8:0:1::", 64),
        new Net6("2001:db8::2", "2001:db8::2", 128),
    };

    /** A direction as written, and which addresses or ports it looks at. */
    private record Dir(String text, boolean src, boolean dst, boolean both) {
        boolean test(Predicate<Boolean> side) {
            // side.test(true) = source matches, side.test(false) = destination matches
            if (both) {
                return side.test(true) && side.test(false);
            }
            return (src && side.test(true)) || (dst && side.test(false));
        }
    }

    private static final Dir[] DIRS = {new Dir("", true, true, false), new Dir("src ", true, false, false),
        new Dir("dst ", false, true, false), new Dir("src or dst ", true, true, false),
        new Dir("src and dst ", false, false, true)};

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(TARGETS).flatMap(t -> Combinators.combine(sequence(t, 2, 4), packets(t).list().ofSize(6))
                .as((e, p) -> new Case(t, e, p))).withoutEdgeCases();
    }

    private Arbitrary<Sequence> sequence(FilterTarget target, int depth, int width) {
        Arbitrary<Unary> unary = unary(target, depth);
        Arbitrary<String> op = Arbitraries.of("and", "or", "&&", "||");
        return Combinators.combine(unary, Combinators.combine(op, unary).as(Tuple::of).list().ofMaxSize(width - 1))
                .as(Sequence::new);
    }

    private Arbitrary<Unary> unary(FilterTarget target, int depth) {
        Arbitrary<Integer> nots = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(0)), Tuple.of(3, Arbitraries.just(1)),
                Tuple.of(1, Arbitraries.just(2)));
        Arbitrary<Unary> leaf = Combinators.combine(nots, Arbitraries.of(false, true), primitive(target))
                .as((n, bang, p) -> new Unary(n, bang, p, null));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Unary> nested = Combinators.combine(nots, Arbitraries.of(false, true),
                Arbitraries.lazy(() -> sequence(target, depth - 1, 3))).as((n, bang, s) -> new Unary(n, bang, null, s));
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, nested));
    }

    /**
     * Every primitive of the language except vlan (whose offsets depend on where it stands) and
     * ether host (link-layer only, and not modelled); those of the other IP version are rarer,
     * since they are constant false on a raw socket.
     */
    private Arbitrary<Prim> primitive(FilterTarget target) {
        int v4 = target == FilterTarget.IPV6_RAW ? 1 : 6;
        int v6 = target == FilterTarget.IPV4_RAW ? 1 : 4;
        int vlan = target == FilterTarget.ETHERNET ? 3 : 0;
        return Arbitraries.frequencyOf(
                Tuple.of(6, protocolPrimitive()),
                Tuple.of(v4, host4Primitive()),
                Tuple.of(v4, net4Primitive()),
                Tuple.of(v6, host6Primitive()),
                Tuple.of(6, portPrimitive()),
                Tuple.of(1, etherProtoPrimitive()),
                Tuple.of(vlan, vlanPrimitive()));
    }

    private static final int[] VIDS = {1, 100, 200, 4095, 0};

    /** vlan [ID] (ETHERNET only); its meaning is in {@link Ctx#vlan}. */
    private static Arbitrary<Prim> vlanPrimitive() {
        return Arbitraries.oneOf(Arbitraries.just(new Prim("vlan", null, true, null)),
                Arbitraries.of(1, 100, 200, 4095, 0).map(id -> new Prim("vlan " + id, null, true, id)));
    }

    private static Arbitrary<Prim> protocolPrimitive() {
        Arbitrary<Prim> named = Arbitraries.of(
                new Prim("ip", (p, t) -> p.family() == Family.IP4),
                new Prim("ip6", (p, t) -> p.family() == Family.IP6),
                new Prim("arp", (p, t) -> p.family() == Family.ARP),
                new Prim("rarp", (p, t) -> false),
                new Prim("icmp", (p, t) -> ip4Proto(p, 1)),
                new Prim("igmp", (p, t) -> ip4Proto(p, 2)),
                new Prim("icmp6", (p, t) -> ip6Proto(p, 58)),
                new Prim("tcp", (p, t) -> anyProto(p, 6)),
                new Prim("udp", (p, t) -> anyProto(p, 17)),
                new Prim("sctp", (p, t) -> anyProto(p, 132)));
        Arbitrary<int[]> number = Arbitraries.of(1, 2, 6, 17, 47, 58, 132, 255, 0, 43, 44, 50, 51, 60).map(n -> new int[] {n});
        Arbitrary<Prim> numbered = Combinators.combine(Arbitraries.of("", "ip ", "ip6 "), number,
                Arbitraries.of(0, 1, 2)).as((q, n, spelling) -> {
                    int proto = n[0];
                    String value = spelling == 1 ? "0x" + Integer.toHexString(proto) : Integer.toString(proto);
                    if (spelling == 2) {
                        String name = protoName(proto);
                        value = name == null ? value : (proto % 2 == 0 ? "\\" : "") + name;
                    }
                    Meaning m = q.equals("ip ") ? (p, t) -> ip4Proto(p, proto)
                            : q.equals("ip6 ") ? (p, t) -> ip6Proto(p, proto) : (p, t) -> anyProto(p, proto);
                    return new Prim(q + "proto " + value, m);
                });
        return Arbitraries.oneOf(named, numbered);
    }

    private static String protoName(int proto) {
        switch (proto) {
            case 1:
                return "icmp";
            case 2:
                return "igmp";
            case 6:
                return "tcp";
            case 17:
                return "udp";
            case 47:
                return "gre";
            case 50:
                return "esp";
            case 51:
                return "ah";
            case 58:
                return "icmp6";
            case 132:
                return "sctp";
            default:
                return null;
        }
    }

    private static boolean ip4Proto(Pkt p, int proto) {
        return p.family() == Family.IP4 && p.proto() == proto;
    }

    private static boolean ip6Proto(Pkt p, int proto) {
        return p.family() == Family.IP6 && (p.proto() == proto || p.viaFragment() == proto);
    }

    private static boolean anyProto(Pkt p, int proto) {
        return ip4Proto(p, proto) || ip6Proto(p, proto);
    }

    /** [ip|arp|rarp] [dir] host A, and [ip|arp|rarp] dir A. */
    private static Arbitrary<Prim> host4Primitive() {
        return Combinators.combine(Arbitraries.of("", "", "ip ", "arp ", "rarp "), Arbitraries.of(DIRS), Arbitraries.of(V4),
                Arbitraries.of(false, true)).as((q, dir, a, implied) -> {
                    int addr = v4(a);
                    String text = q + dir.text() + (implied && !dir.text().isEmpty() ? "" : "host ") + a;
                    return new Prim(text, (p, t) -> v4Scope(p, q) && dir.test(src -> v4(src ? p.src() : p.dst()) == addr));
                });
    }

    /** [ip|arp|rarp] [dir] net NET (/len, mask, dotted prefix). */
    private static Arbitrary<Prim> net4Primitive() {
        return Combinators.combine(Arbitraries.of("", "", "ip ", "arp "), Arbitraries.of(DIRS), Arbitraries.of(NETS4))
                .as((q, dir, net) -> new Prim(q + dir.text() + "net " + net.text(), (p, t) -> v4Scope(p, q)
                        && dir.test(src -> (v4(src ? p.src() : p.dst()) & net.mask()) == net.addr())));
    }

    /** Which packets an IPv4 host/net primitive looks at: IPv4, and ARP/RARP unless qualified. */
    private static boolean v4Scope(Pkt p, String qualifier) {
        switch (qualifier) {
            case "ip ":
                return p.family() == Family.IP4;
            case "arp ":
                return p.family() == Family.ARP;
            case "rarp ":
                return false;
            default:
                return p.family() == Family.IP4 || p.family() == Family.ARP;
        }
    }

    /** [ip6] [dir] host A6, [ip6] [dir] net A6/LEN. */
    private static Arbitrary<Prim> host6Primitive() {
        Arbitrary<Prim> host = Combinators.combine(Arbitraries.of("", "ip6 "), Arbitraries.of(DIRS), Arbitraries.of(V6))
                .as((q, dir, a) -> {
                    byte[] addr = v6(a);
                    return new Prim(q + dir.text() + "host " + a, (p, t) -> p.family() == Family.IP6
                            && dir.test(src -> Arrays.equals(src ? p.src() : p.dst(), addr)));
                });
        Arbitrary<Prim> net = Combinators.combine(Arbitraries.of("", "ip6 "), Arbitraries.of(DIRS), Arbitraries.of(NETS6))
                .as((q, dir, n) -> {
                    byte[] addr = v6(n.addr());
                    return new Prim(q + dir.text() + "net " + n.text(), (p, t) -> p.family() == Family.IP6
                            && dir.test(src -> prefixMatches(src ? p.src() : p.dst(), addr, n.prefix())));
                });
        return Arbitraries.oneOf(host, net);
    }

    /** [tcp|udp|sctp] [dir] port N | portrange N-M. */
    private static Arbitrary<Prim> portPrimitive() {
        Arbitrary<int[]> range = Arbitraries.oneOf(
                Arbitraries.of(0, 53, 80, 443, 1234, 65535).map(n -> new int[] {n, n, 0}),
                Arbitraries.of(new int[] {50, 60, 1}, new int[] {1, 1024, 1}, new int[] {443, 80, 1},
                        new int[] {0, 65535, 1}, new int[] {1234, 1234, 1}, new int[] {1000, 2000, 1}));
        return Combinators.combine(Arbitraries.of("", "", "tcp ", "udp ", "sctp "), Arbitraries.of(DIRS), range,
                Arbitraries.of(false, true)).as((q, dir, r, hex) -> {
                    int lo = Math.min(r[0], r[1]);
                    int hi = Math.max(r[0], r[1]);
                    String value = r[2] == 0 ? (hex && r[0] > 0 ? "0x" + Integer.toHexString(r[0]) : Integer.toString(r[0]))
                            : r[0] + "-" + r[1];
                    int[] protos = q.isEmpty() ? new int[] {6, 17, 132}
                            : new int[] {q.equals("tcp ") ? 6 : q.equals("udp ") ? 17 : 132};
                    String text = q + dir.text() + (r[2] == 0 ? "port " : "portrange ") + value;
                    return new Prim(text, (p, t) -> {
                        boolean proto = false;
                        for (int pr : protos) {
                            proto |= p.proto() == pr && (p.family() == Family.IP4 || p.family() == Family.IP6);
                        }
                        return proto && p.firstFragment() && dir.test(src -> {
                            int port = src ? p.sport() : p.dport();
                            return port >= lo && port <= hi;
                        });
                    });
                });
    }

    /** ether proto N|\ip|\ip6|\arp: the EtherType on ETHERNET, the IP version on raw sockets. */
    private static Arbitrary<Prim> etherProtoPrimitive() {
        return Arbitraries.of(
                new Prim("ether proto \\ip", (p, t) -> p.family() == Family.IP4),
                new Prim("ether proto 0x800", (p, t) -> p.family() == Family.IP4),
                new Prim("ether proto \\ip6", (p, t) -> p.family() == Family.IP6),
                new Prim("ether proto 34525", (p, t) -> p.family() == Family.IP6),
                new Prim("ether proto \\arp", (p, t) -> t == FilterTarget.ETHERNET && p.family() == Family.ARP),
                new Prim("ether proto 0x8100", (p, t) -> t == FilterTarget.ETHERNET && p.etherType() == 0x8100),
                new Prim("ether proto 0x88cc", (p, t) -> t == FilterTarget.ETHERNET && p.etherType() == 0x88cc));
    }

    // ---- generators: packets -------------------------------------------------------------------

    private Arbitrary<Pkt> packets(FilterTarget target) {
        switch (target) {
            case IPV4_RAW:
                return ipv4Raw();
            case IPV6_RAW:
                return ipv6Raw();
            default:
                return ethernet();
        }
    }

    private static Arbitrary<byte[]> addr4() {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(V4).map(FilterPropertiesTest::v4Bytes)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofSize(4)));
    }

    private static Arbitrary<byte[]> addr6() {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(V6).map(FilterPropertiesTest::v6)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofSize(16)));
    }

    private static Arbitrary<Integer> port() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(53, 80, 443, 1234, 0, 65535, 55, 1500)),
                Tuple.of(1, Arbitraries.integers().between(0, 0xffff)));
    }

    private static Arbitrary<Integer> upper() {
        return Arbitraries.of(1, 2, 6, 17, 58, 132, 47, 6, 17);
    }

    /** An IPv4 packet: addresses, protocol, ports, options, sometimes a fragment. */
    private static Arbitrary<byte[][]> ipv4Packet() {
        Arbitrary<int[]> fragment = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(new int[] {0, 0})),
                Tuple.of(1, Combinators.combine(Arbitraries.of(0, 1), Arbitraries.integers().between(1, 0x1fff))
                        .as((mf, off) -> new int[] {mf, off})),
                Tuple.of(1, Arbitraries.just(new int[] {1, 0})));
        return Combinators.combine(addr4(), addr4(), upper(), port(), port(), PacketGen.ipv4Options(), fragment)
                .as((src, dst, proto, sport, dport, options, frag) -> {
                    byte[] l4 = transport(proto, sport, dport, src, dst);
                    Ipv4Builder b = new Ipv4Builder().protocol(proto).src(src).dst(dst).options(options)
                            .mf(frag[0] == 1).fragmentOffset(frag[1]);
                    ByteBuffer out = ByteBuffer.allocate(b.build().headerLength() + l4.length);
                    b.build().emit(out, l4.length);
                    out.put(l4);
                    int[] meta = {proto, sport, dport, frag[1] == 0 ? 1 : 0};
                    return new byte[][] {out.array(), src, dst, toBytes(meta)};
                });
    }

    private Arbitrary<Pkt> ipv4Raw() {
        return ipv4Packet().map(b -> {
            int[] m = fromBytes(b[3]);
            return new Pkt(Family.IP4, m[0], -1, b[1], b[2], m[3] == 1, m[1], m[2], null, null, 0x0800,
                    BpfInterpreter.Skb.ipv4Raw(b[0]));
        });
    }

    /** What the IPV6_RAW prologue walks: at most this many extension headers. */
    private static final int WALKED = 8;

    /**
     * Extension headers for an IPv6 raw socket's packets: the usual short chains, and chains of up
     * to ten Hop-by-Hop, Destination Options, Routing, Fragment (offset 0) and AH headers, longer
     * than the prologue walks.
     */
    private static Arbitrary<List<PacketGen.Ext>> ipv6RawChain() {
        Arbitrary<PacketGen.Ext> ah = Arbitraries.integers().between(1, 4).flatMap(words ->
                Arbitraries.bytes().array(byte[].class).ofSize((words + 2) * 4).map(b -> {
                    b[1] = (byte) (int) words;
                    return new PacketGen.Ext(51, b);
                }));
        Arbitrary<PacketGen.Ext> any = Arbitraries.oneOf(PacketGen.optionsHeader(0), PacketGen.optionsHeader(60),
                PacketGen.routingType2().map(e -> {
                    byte[] b = e.bytes().clone();
                    b[3] = 0; // no segment left: the pseudo-header and the checksums stay those of the destination
                    return new PacketGen.Ext(43, b);
                }), PacketGen.atomicFragment(), ah);
        return Arbitraries.frequencyOf(Tuple.of(2, PacketGen.validExtensions()),
                Tuple.of(1, any.list().ofMinSize(WALKED - 1).ofMaxSize(WALKED + 2)));
    }

    /**
     * An IPv6 packet with extension headers (or none) before its upper layer, which may be ESP;
     * meta: the protocol the filter sees (for IPV6_RAW the prologue's result: the Next Header
     * after at most {@value #WALKED} walked headers), ports, offset of the upper layer.
     */
    private static Arbitrary<byte[][]> ipv6Packet(boolean extensions) {
        Arbitrary<List<PacketGen.Ext>> exts = extensions ? ipv6RawChain() : Arbitraries.just(List.of());
        Arbitrary<Integer> upper = extensions ? Arbitraries.frequencyOf(Tuple.of(8, upper()), Tuple.of(1, Arbitraries.just(50)))
                : upper();
        return Combinators.combine(addr6(), addr6(), upper, port(), port(), exts)
                .as((src, dst, proto, sport, dport, chain) -> {
                    byte[] l4 = transport(proto, sport, dport, src, dst);
                    java.io.ByteArrayOutputStream ext = new java.io.ByteArrayOutputStream();
                    for (int i = 0; i < chain.size(); i++) {
                        byte[] e = chain.get(i).bytes().clone();
                        e[0] = (byte) (i + 1 < chain.size() ? chain.get(i + 1).type() : proto);
                        ext.writeBytes(e);
                    }
                    Ipv6Builder b = new Ipv6Builder().src(src).dst(dst).extensionHeaders(ext.toByteArray())
                            .nextHeader(chain.isEmpty() ? proto : chain.get(0).type());
                    ByteBuffer out = ByteBuffer.allocate(b.build().headerLength() + l4.length);
                    b.build().emit(out, l4.length);
                    out.put(l4);
                    int seen = chain.size() <= WALKED ? proto : chain.get(WALKED).type();
                    int[] meta = {seen, sport, dport, b.build().headerLength()};
                    return new byte[][] {out.array(), src, dst, toBytes(meta)};
                });
    }

    private Arbitrary<Pkt> ipv6Raw() {
        return ipv6Packet(true).map(b -> {
            int[] m = fromBytes(b[3]);
            return new Pkt(Family.IP6, m[0], -1, b[1], b[2], true, m[1], m[2], null, null, 0x86dd,
                    BpfInterpreter.Skb.ipv6Raw(b[0], m[3]));
        });
    }

    /**
     * Frames of IPv4 packets, IPv6 packets with or without extension headers, and ARP, behind zero
     * to two VLAN tags in the frame, sometimes with an outer tag the kernel moved into metadata;
     * padded with zeros so that every load of every primitive at every VLAN offset stays inside
     * (a load past the end would drop the packet whatever the expression says).
     */
    private Arbitrary<Pkt> ethernet() {
        Arbitrary<byte[]> mac = Arbitraries.of(MACS).map(FilterPropertiesTest::mac);
        Arbitrary<Object[]> payload = Arbitraries.oneOf(
                ipv4Packet().map(b -> new Object[] {0x0800, b[0]}),
                Arbitraries.oneOf(ipv6Packet(false), ipv6Packet(true)).map(b -> new Object[] {0x86dd, b[0]}),
                Combinators.combine(mac, addr4(), addr4(), Arbitraries.of(1, 2)).as((s, sip, tip, op) -> {
                    ByteBuffer out = ByteBuffer.allocate(28);
                    new ArpBuilder().operation(op).senderMac(s).senderIp(sip).targetIp(tip).build().emit(out);
                    return new Object[] {0x0806, out.array()};
                }));
        Arbitrary<int[]> tag = Combinators.combine(Arbitraries.of(0x8100, 0x88a8, 0x9100), Arbitraries.integers().between(0, 7),
                Arbitraries.of(VIDS[0], VIDS[1], VIDS[2], VIDS[3], VIDS[4])).as((tpid, pcp, vid) -> new int[] {tpid, pcp, vid});
        Arbitrary<List<int[]>> tags = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.of())),
                Tuple.of(2, tag.list().ofMinSize(1).ofMaxSize(2)));
        Arbitrary<Integer> meta = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(-1)),
                Tuple.of(1, Arbitraries.of(VIDS[0], VIDS[1], VIDS[2], VIDS[3], VIDS[4]).map(v -> (5 << 13) | v)));
        return Combinators.combine(mac, mac, tags, payload, meta).as((s, d, t, p, tci) -> {
            EthernetBuilder b = new EthernetBuilder().src(s).dst(d).etherType((Integer) p[0]);
            for (int[] x : t) {
                b.vlan(x[0], x[1], false, x[2]);
            }
            byte[] bytes = (byte[]) p[1];
            ByteBuffer out = ByteBuffer.allocate(b.build().headerLength() + bytes.length + 160);
            b.build().emit(out);
            out.put(bytes);
            byte[] frame = out.array(); // zeros after the packet
            BpfInterpreter.Skb skb = tci < 0 ? BpfInterpreter.Skb.ethernet(frame)
                    : BpfInterpreter.Skb.ethernetWithTag(frame, tci);
            return readFrame(skb, 0);
        });
    }

    /** TCP, UDP (with checksums), or 8 bytes whose first four are the ports (SCTP's common header, ICMP's type/code/checksum). */
    private static byte[] transport(int proto, int sport, int dport, byte[] src, byte[] dst) {
        ByteBuffer out = ByteBuffer.allocate(64);
        if (proto == 6) {
            new TcpBuilder().sport(sport).dport(dport).build().emit(out, null, src, dst);
        } else if (proto == 17) {
            new UdpBuilder().sport(sport).dport(dport).build().emit(out, ByteBuffer.wrap(new byte[] {1, 2, 3}), src, dst);
        } else {
            out.putShort((short) sport).putShort((short) dport).putInt(0x01020304);
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    // ---- generators: token soup ----------------------------------------------------------------

    private static final String[] WORDS = {
        "(", ")", "!", "&&", "||", "and", "or", "not", "host", "net", "mask", "port", "portrange", "src", "dst",
        "proto", "ip", "ip6", "arp", "rarp", "icmp", "icmp6", "igmp", "tcp", "udp", "sctp", "ether", "vlan", "less",
        "gateway", "TCP", "Host", "10.0.0.1", "192.0.2.1", "1.2.3", "1.2.3.4.5", "256.1.1.1", "010.0.0.1", "10.0.0.0/8",
        "10.0.0.1/8", "10/8", "10.0.0.0/33", "255.255.0.0", "::", "::1", "fe80::1", "fe80::/10", "2001:db8:::1",
        "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3.4", "02:00:00:00:00:01", "0:1:2:3:4:5", "aabb.ccdd.eeff", "0", "53", "080",
        "65535", "65536", "4095", "4096", "255", "256", "0x800", "0x", "0xffffffff", "99999999999999999999", "-1",
        "1000-2000", "2000-1000", "10-", "-10", "1-2-3", "\\tcp", "\\ip6", "\\", "foo", "example.com", "_", ".", ":",
        "/", "-",
    };

    /** Words of the language (and near misses) and random strings, joined by spaces or nothing. */
    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> word = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(WORDS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(4)),
                Tuple.of(1, Arbitraries.strings().withChars("&|=<>[]+*\t\n\u00e9\u0000\u2028\"'").ofMinLength(1).ofMaxLength(2)));
        Arbitrary<String> glue = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(" ")), Tuple.of(1, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("  ", "\t", "\n")));
        return Combinators.combine(word, glue).as((w, g) -> w + g).list().ofMaxSize(14).map(l -> String.join("", l));
    }

    // ---- addresses -----------------------------------------------------------------------------

    static int v4(String text) {
        return v4(v4Bytes(text));
    }

    static int v4(byte[] b) {
        return ByteBuffer.wrap(b).getInt();
    }

    static byte[] v4Bytes(String text) {
        String[] parts = text.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return b;
    }

    static byte[] v6(String text) {
        try {
            return java.net.InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static byte[] mac(String text) {
        return HEX.parseHex(text.replace(":", ""));
    }

    static boolean prefixMatches(byte[] address, byte[] network, int prefix) {
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] toBytes(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static int[] fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int[] values = new int[bytes.length / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = b.getInt();
        }
        return values;
    }
}
