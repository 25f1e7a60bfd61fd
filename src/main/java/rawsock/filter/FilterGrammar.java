package rawsock.filter;

/**
 * The --filter language as users read it, in one place: recv --help and the man page show these
 * lines (both built from the command-line model), and the README's Filters section quotes them
 * (FilterGrammarTest keeps it so, and compiles every form they list). {@link FilterCompiler} adds
 * what the expressions mean.
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
            "           | [ip|ip6] proto N|NAME|\\NAME   (N: 0-255)",
            "           | [ip|ip6|arp|rarp] [DIR] host ADDR  (IPv4 or IPv6, never a name)",
            "           | [ip|ip6|arp|rarp] DIR ADDR",
            "           | [ip|ip6|arp|rarp] [DIR] net NET",
            "           | [tcp|udp|sctp] [DIR] ( port N | portrange N-M )   (N: 0-65535)",
            "           | ether [DIR] host MAC | ether DIR MAC",
            "           | ether proto N|ip|ip6|arp|rarp",
            "           | vlan [N]   (N: 0-4095; ether, vlan: recv --link only)",
            "           | VALUE   (a bare ADDR, NET, N or MAC: as the keywords before it)",
            "DIR       := src | dst | src or dst | src and dst",
            "NAME      := icmp igmp tcp udp gre esp ah icmp6 ospf pim vrrp sctp",
            "NET       := A[.B[.C[.D]]][/LEN] | A[.B[.C[.D]]] mask M | IPv6[/LEN]",
            "N         := decimal or 0x-hex (a leading 0 is refused: tcpdump reads octal)",
            "An empty expression matches every packet. Keywords are lower case.",
        };
    }
}
