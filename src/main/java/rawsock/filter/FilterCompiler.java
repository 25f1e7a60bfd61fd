package rawsock.filter;

import java.util.Objects;

/**
 * Compiles tcpdump-style filter expressions (a subset of pcap-filter(7)) to classic BPF for
 * {@code setsockopt(SO_ATTACH_FILTER)}. Pure Java: no native calls, no name lookups.
 *
 * <h2>Grammar</h2>
 * {@link FilterGrammar#lines()}: the one statement of it, which recv --help, the man page and the
 * README show. {@link Parser} follows it; FilterGrammarTest compiles every form it lists.
 *
 * <p>Precedence, as pcap-filter(7) states it: "Negation has highest precedence. Alternation and
 * concatenation have equal precedence and associate left to right." So {@code a or b and c} is
 * {@code (a or b) and c}, exactly as tcpdump reads it. As in tcpdump, a value with no keyword
 * before it reuses the qualifiers of the latest host/net/port/portrange/ether primitive
 * ({@code port 53 or 80}, {@code host 10.0.0.1 or 10.0.0.2}); with none before it, an address
 * means {@code host}. Keywords are lower case. Host names and service names are never resolved:
 * they are syntax errors.
 *
 * <h2>Meaning (follows tcpdump/libpcap)</h2>
 * <ul>
 * <li>{@code host}/{@code net} with an IPv4 address match the IPv4 source or destination, and on
 *     ETHERNET also the sender/target protocol address of ARP and RARP ({@code ip host} restricts
 *     to IPv4). {@code src}/{@code dst} pick one side, {@code src and dst} both.</li>
 * <li>{@code port}/{@code portrange} match TCP, UDP and SCTP (like tcpdump) unless qualified by
 *     one of them. IPv4: only a packet that is not a non-first fragment (offset 0) matches, and the
 *     transport header is found with the IHL ({@code ldxb 4*([0]&0xf)}).</li>
 * <li>{@code tcp}, {@code udp}, {@code sctp}, {@code proto N} match IPv4 and IPv6; {@code icmp}
 *     and {@code igmp} only IPv4; {@code icmp6} only IPv6.</li>
 * <li>A primitive that cannot match on the target (IPv6 on IPV4_RAW, IPv4 on IPV6_RAW, ARP on
 *     either) is false for its branch: {@code icmp or icmp6} works on both raw sockets. If the
 *     whole expression can then never match, compiling fails and names the first such primitive.
 *     {@code ether} and {@code vlan} on a raw IP socket are errors.</li>
 * </ul>
 *
 * <h2>Where headers are, per target</h2>
 * <ul>
 * <li>{@link FilterTarget#IPV4_RAW}: absolute offsets from the IPv4 header; IPv4 is recognised
 *     by its version nibble, as tcpdump does for LINKTYPE_RAW.</li>
 * <li>{@link FilterTarget#IPV6_RAW}: the kernel runs the filter with skb-&gt;data at the
 *     transport header (after any extension headers): net/ipv6/ip6_input.c
 *     ip6_protocol_deliver_rcu pulls each header and calls raw6_local_deliver(skb, nexthdr) with
 *     skb-&gt;data at the header of type nexthdr; net/ipv6/raw.c rawv6_rcv then treats
 *     skb_network_header(skb) .. skb-&gt;data as the pulled IPv6 headers. So ports are read at
 *     offsets 0 and 2 of the packet, and the IPv6 header with SKF_NET_OFF loads
 *     ({@code [SKF_NET_OFF + n]} is byte n of skb_network_header: net/core/filter.c
 *     bpf_internal_load_pointer_neg_helper; an indirect load {@code [x + SKF_NET_OFF + n]} reaches
 *     the same helper, convert_bpf_ld_abs passes X + k to bpf_skb_load_helper_*). When the
 *     expression tests a protocol, a prologue walks up to 8 extension headers (Hop-by-Hop,
 *     Routing, Destination Options, Fragment, AH) from the fixed header's Next Header and keeps
 *     the upper-layer protocol in scratch memory. Where the walk stops (at ESP, which it cannot
 *     step over, or after 8 headers) the Next Header it reached is the protocol tested, as
 *     tcpdump's {@code ip6 proto} does: {@code proto 50} matches ESP. A load past the end of the packet (a truncated
 *     chain) makes the kernel drop the packet, as for every classic BPF program. (A raw socket
 *     opened for an extension-header protocol number itself, e.g. 60, sees data at that header
 *     while the walk goes past it; such sockets are not what this tool opens.)</li>
 * <li>{@link FilterTarget#ETHERNET}: EtherType at 12, network header at 14. IPv6 is read as
 *     libpcap reads it: Next Header at 14+6 (or behind one Fragment header), ports right after
 *     the 40-byte fixed header; no other extension headers are walked. {@code vlan} handles
 *     802.1Q/802.1ad tags both in the frame and in skb metadata (where Linux usually puts the
 *     outer tag of a received frame before packet sockets see it), see
 *     {@link Layers#vlan(Integer)}. Without {@code vlan} in the expression, a frame whose tag
 *     is still in the frame is not recognised as IP (as in tcpdump).</li>
 * </ul>
 *
 * <p>Programs return {@link BpfProgram#ACCEPT} (0xFFFFFFFF: keep the whole packet) or
 * {@link BpfProgram#REJECT} (0). An IPv6 raw socket with a filter attached also drops packets
 * whose checksum is wrong (net/ipv6/raw.c rawv6_rcv_skb checks it when sk_filter is set).
 */
public final class FilterCompiler {
    private FilterCompiler() {
    }

    /**
     * Compiles {@code expression} for sockets of kind {@code target}.
     *
     * @param expression a filter expression; null, empty or blank means "accept everything" and
     *                   gives the one-instruction program {@code ret #0xffffffff} (never null)
     * @param target     where the packet bytes begin
     * @return the program, at most {@link BpfProgram#MAX_INSTRUCTIONS} instructions
     * @throws FilterSyntaxException the expression is malformed, cannot match anything on this
     *                               target, or does not fit in a classic BPF program
     */
    public static BpfProgram compile(String expression, FilterTarget target) throws FilterSyntaxException {
        Objects.requireNonNull(target, "target");
        if (expression == null || expression.isBlank()) {
            return BpfProgram.acceptAll();
        }
        Parser.Result r = Parser.parse(expression, target);
        if (r.root() instanceof Node.Const c && !c.value()) {
            Lexer.Token t = r.firstImpossible();
            String where = describe(target);
            if (t != null) {
                throw new FilterSyntaxException("the expression can never match: " + where
                        + " never sees what this primitive asks for", t.pos, t.text);
            }
            throw new FilterSyntaxException("the expression can never match on " + where);
        }
        return CodeGen.generate(r.root());
    }

    private static String describe(FilterTarget target) {
        switch (target) {
            case IPV4_RAW:
                return "an IPv4 raw socket";
            case IPV6_RAW:
                return "an IPv6 raw socket";
            default:
                return "a packet socket";
        }
    }
}
