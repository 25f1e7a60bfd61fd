package rawsock.filter;

/**
 * The --filter language as users read it, in one place: recv --help and the man page show these
 * lines (both built from the command-line model), and the README's Filters section quotes them
 * (FilterGrammarTest keeps it so). {@link FilterCompiler} states the full grammar for developers.
 */
public final class FilterGrammar {
    private FilterGrammar() {
    }

    /** The grammar, one line each, at most 76 characters wide (help indents them by 2). */
    public static String[] lines() {
        return new String[] {
            "expr      := unary { (and|&&|or|'||') unary }   (and, or: equal precedence)",
            "unary     := { not | ! } ( '(' expr ')' | primitive )",
            "primitive := ip | ip6 | arp | rarp | icmp | icmp6 | igmp | tcp | udp | sctp",
            "           | [ip|ip6] proto N|NAME",
            "           | [ip|ip6|arp|rarp] [DIR] host ADDR  (IPv4 or IPv6, never a name)",
            "           | [ip|ip6|arp|rarp] [DIR] net NET",
            "           | [tcp|udp|sctp] [DIR] ( port N | portrange N-M )",
            "           | ether [DIR] host MAC | ether proto N|ip|ip6|arp|rarp",
            "           | vlan [ID]   (ether, vlan: recv --link only)",
            "           | VALUE   (a bare ADDR, NET, N or MAC: as the keywords before it)",
            "DIR       := src | dst | src or dst | src and dst",
            "NAME      := icmp igmp tcp udp gre esp ah icmp6 ospf pim vrrp sctp",
            "NET       := A.B.C.D/LEN | A.B.C.D mask M | A[.B[.C]] | IPv6/LEN",
            "N         := decimal or 0x-hex (a leading 0 is refused: tcpdump reads octal)",
        };
    }
}
