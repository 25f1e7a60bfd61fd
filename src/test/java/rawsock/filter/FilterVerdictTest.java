package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Expressions x crafted packets x targets: which packets each compiled program accepts, run in
 * {@link BpfInterpreter}. Every program is also held to the kernel's load-time rules.
 *
 * <p>Expected sets name packets across all targets; a name with a leading '+' means the raw
 * packet and its Ethernet frame (e.g. {@code +IP4_UDP_DNS} = IP4_UDP_DNS and ETH_IP4_UDP_DNS).
 * Where a target's expected set is empty the compiler may instead refuse the expression (e.g.
 * {@code arp} on a raw IP socket).
 */
class FilterVerdictTest {

    private static final String UDP = "+IP4_UDP_DNS +IP4_OPT_UDP +IP4_FRAG_UDP +IP6_UDP IP6_HBH_UDP ETH_META100_IP4_UDP_DNS";
    private static final String HOST_192_0_2_1 = "+IP4_ICMP_ECHO +IP4_TCP_SYN +IP4_OPT_UDP +IP4_IGMP ETH_ARP_REQUEST";
    private static final String PORT_53 = "+IP4_UDP_DNS +IP4_OPT_UDP +IP6_UDP ETH_META100_IP4_UDP_DNS";
    private static final String NEITHER_TCP_NOR_UDP = "IP4_ICMP_ECHO IP4_IGMP IP6_ICMP6_ECHO IP6_HBH_MLD"
            + " ETH_IP4_ICMP_ECHO ETH_IP4_IGMP ETH_IP6_ICMP6_ECHO ETH_IP6_HBH_MLD ETH_IP6_HBH_UDP ETH_ARP_REQUEST"
            + " ETH_VLAN100_UDP_DNS ETH_QINQ_200_100_ICMP ETH_META200_VLAN100_ICMP";
    private static final String ALL_IP6 = "+IP6_UDP +IP6_ICMP6_ECHO +IP6_TCP +IP6_HBH_MLD +IP6_HBH_UDP";

    /** expression, accepted packets. */
    static final String[][] TABLE = {
        {"", String.join(" ", Packets.ALL.keySet())},
        {"ip", "+IP4_ICMP_ECHO +IP4_UDP_DNS +IP4_TCP_SYN +IP4_OPT_UDP +IP4_FRAG_UDP +IP4_IGMP ETH_META100_IP4_UDP_DNS"},
        {"ip6", ALL_IP6},
        {"arp", "ETH_ARP_REQUEST"},
        {"rarp", ""},
        {"icmp", "+IP4_ICMP_ECHO"},
        // libpcap does not look behind a Hop-by-Hop header (ETHERNET); the IPV6_RAW walk does.
        {"icmp6", "+IP6_ICMP6_ECHO IP6_HBH_MLD"},
        {"udp", UDP},
        {"tcp", "+IP4_TCP_SYN +IP6_TCP"},
        {"igmp", "+IP4_IGMP"},
        {"sctp", ""},
        {"port 53", PORT_53},
        // The option bytes of IP4_OPT_UDP (94 04 00 00) sit where a filter ignoring the IHL would read ports.
        {"port 37892", ""},
        {"dst port 0", ""},
        {"src port 5000", "+IP4_OPT_UDP"},
        {"src port 53", ""},
        {"dst port 53", PORT_53},
        {"tcp port 80", "+IP4_TCP_SYN"},
        {"udp port 80", ""},
        {"tcp src port 443", "+IP6_TCP"},
        // "port A or B" is one primitive (every source port compared first, as libpcap orders it)...
        {"port 80 or 443", "+IP4_TCP_SYN +IP6_TCP"},
        {"src port 443 or 5000", "+IP6_TCP +IP4_OPT_UDP"},
        {"tcp and (port 80 or 443)", "+IP4_TCP_SYN +IP6_TCP"},
        {"tcp and port 80 or 443", "+IP4_TCP_SYN +IP6_TCP"},
        // ...but not with "src and dst": IP4_OPT_UDP goes 5000 -> 53, neither both 53 nor both 5000.
        {"src and dst port 53 or 5000", ""},
        {"portrange 5000-5400", "+IP4_OPT_UDP +IP6_UDP"},
        {"portrange 1100-2300", "IP6_HBH_UDP"},
        {"udp portrange 2300-1100", "IP6_HBH_UDP"},
        {"host 192.0.2.1", HOST_192_0_2_1},
        {"src host 192.0.2.99", ""},
        {"dst host 192.0.2.99", "+IP4_OPT_UDP ETH_ARP_REQUEST"},
        {"ip host 192.0.2.99", "+IP4_OPT_UDP"},
        {"arp host 192.0.2.99", "ETH_ARP_REQUEST"},
        {"src 10.1.2.3", "+IP4_UDP_DNS +IP4_FRAG_UDP ETH_META100_IP4_UDP_DNS"},
        {"dst 10.9.8.7 and not port 53", "+IP4_FRAG_UDP"},
        {"net 192.0.2.0/24", HOST_192_0_2_1},
        {"net 10", "+IP4_UDP_DNS +IP4_FRAG_UDP ETH_META100_IP4_UDP_DNS"},
        {"dst net 224.0.0.0 mask 240.0.0.0", "+IP4_IGMP"},
        {"net 0.0.0.0/0", "+IP4_ICMP_ECHO +IP4_UDP_DNS +IP4_TCP_SYN +IP4_OPT_UDP +IP4_FRAG_UDP +IP4_IGMP"
                + " ETH_META100_IP4_UDP_DNS ETH_ARP_REQUEST"},
        {"host 2001:db8::2", "+IP6_UDP +IP6_ICMP6_ECHO +IP6_HBH_UDP"},
        {"src net 2001:db8:1::/48", "+IP6_TCP"},
        {"net fe80::/10", "+IP6_HBH_MLD"},
        {"dst net ff00::/8", "+IP6_HBH_MLD"},
        {"ip6 and not host 2001:db8::2", "+IP6_TCP +IP6_HBH_MLD"},
        {"ip6 host 2001:db8::1 and udp", "+IP6_UDP IP6_HBH_UDP"},
        {"proto 17", UDP},
        {"ip proto 1", "+IP4_ICMP_ECHO"},
        {"ip6 proto 58", "+IP6_ICMP6_ECHO IP6_HBH_MLD"},
        {"ip proto \\tcp", "+IP4_TCP_SYN"},
        // ETHERNET reads the fixed header's Next Header like libpcap; IPV6_RAW never ends its walk on 0.
        {"ip6 proto 0", "ETH_IP6_HBH_MLD ETH_IP6_HBH_UDP"},
        {"icmp or icmp6", "+IP4_ICMP_ECHO +IP6_ICMP6_ECHO IP6_HBH_MLD"},
        // and/or have equal precedence, left to right: (tcp or udp) and host ...
        {"tcp or udp and host 192.0.2.1", "+IP4_TCP_SYN +IP4_OPT_UDP"},
        {"host 192.0.2.1 and tcp or udp", "+IP4_TCP_SYN " + UDP},
        {"tcp or (udp and host 192.0.2.1)", "+IP4_TCP_SYN +IP6_TCP +IP4_OPT_UDP"},
        {"not tcp and not udp", NEITHER_TCP_NOR_UDP},
        {"!(udp || tcp)", NEITHER_TCP_NOR_UDP},
        {"not not udp", UDP},
        {"not ip", ALL_IP6 + " ETH_ARP_REQUEST ETH_VLAN100_UDP_DNS ETH_QINQ_200_100_ICMP ETH_META200_VLAN100_ICMP"},
        {"ip && (icmp || igmp)", "+IP4_ICMP_ECHO +IP4_IGMP"},
        {"dst port 53 and src net 10.0.0.0/8", "+IP4_UDP_DNS ETH_META100_IP4_UDP_DNS"},
        {"(tcp or icmp) and not (dst net 203.0.113.0/24 or ip6)", "+IP4_ICMP_ECHO"},
        {"udp and ip6", "+IP6_UDP IP6_HBH_UDP"},
        // A bare value reuses the latest qualifiers.
        {"host 192.0.2.1 or 10.9.8.7", HOST_192_0_2_1 + " +IP4_UDP_DNS +IP4_FRAG_UDP ETH_META100_IP4_UDP_DNS"},
        {"port 80 or 443", "+IP4_TCP_SYN +IP6_TCP"},
        {"src or dst host 10.1.2.3", "+IP4_UDP_DNS +IP4_FRAG_UDP ETH_META100_IP4_UDP_DNS"},
        {"src and dst host 10.1.2.3", ""},
        {"vlan", "ETH_VLAN100_UDP_DNS ETH_QINQ_200_100_ICMP ETH_META100_IP4_UDP_DNS ETH_META200_VLAN100_ICMP"},
        {"vlan 100", "ETH_VLAN100_UDP_DNS ETH_META100_IP4_UDP_DNS"},
        {"vlan 100 and udp port 53", "ETH_VLAN100_UDP_DNS ETH_META100_IP4_UDP_DNS"},
        {"vlan and ip", "ETH_VLAN100_UDP_DNS ETH_META100_IP4_UDP_DNS"},
        {"vlan and host 10.9.8.7", "ETH_VLAN100_UDP_DNS ETH_META100_IP4_UDP_DNS"},
        {"vlan 200 and vlan 100 and icmp", "ETH_QINQ_200_100_ICMP ETH_META200_VLAN100_ICMP"},
        {"vlan 300", ""},
        {"ether src 02:00:00:00:00:01", "ETH_IP4_ICMP_ECHO ETH_IP4_UDP_DNS ETH_IP4_TCP_SYN ETH_IP4_OPT_UDP"
                + " ETH_IP4_FRAG_UDP ETH_IP4_IGMP ETH_IP6_UDP ETH_IP6_ICMP6_ECHO ETH_IP6_TCP ETH_IP6_HBH_MLD"
                + " ETH_IP6_HBH_UDP ETH_ARP_REQUEST ETH_VLAN100_UDP_DNS ETH_QINQ_200_100_ICMP"
                + " ETH_META100_IP4_UDP_DNS ETH_META200_VLAN100_ICMP"},
        {"ether dst ff:ff:ff:ff:ff:ff", "ETH_ARP_REQUEST"},
        {"ether host 33:33:00:00:00:16", "ETH_IP6_HBH_MLD"},
        {"ether proto 0x0806", "ETH_ARP_REQUEST"},
        // On a raw IP socket, as in libpcap for LINKTYPE_RAW, the IP version stands for the EtherType.
        {"ether proto \\ip6", ALL_IP6},
    };

    static Set<String> expand(String spec) {
        Set<String> out = new TreeSet<>();
        for (String s : spec.trim().split("\\s+")) {
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("+")) {
                out.add(s.substring(1));
                out.add("ETH_" + s.substring(1));
            } else {
                out.add(s);
            }
        }
        for (String s : out) {
            if (!Packets.ALL.containsKey(s)) {
                throw new IllegalArgumentException("no packet named " + s);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> verdicts() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] row : TABLE) {
            String expr = row[0];
            Set<String> expected = expand(row[1]);
            for (FilterTarget target : FilterTarget.values()) {
                tests.add(DynamicTest.dynamicTest(target + " '" + expr + "'", () -> check(expr, target, expected)));
            }
        }
        return tests.stream();
    }

    private static void check(String expr, FilterTarget target, Set<String> expectedAll) {
        Set<String> expected = new TreeSet<>();
        List<Packets.Sample> samples = Packets.forTarget(target);
        for (Packets.Sample s : samples) {
            if (expectedAll.contains(s.name())) {
                expected.add(s.name());
            }
        }
        BpfProgram p;
        try {
            p = FilterCompiler.compile(expr, target);
        } catch (FilterSyntaxException e) {
            assertTrue(expected.isEmpty(), () -> "refused although " + expected + " should pass: " + e.getMessage());
            return;
        }
        KernelRules.check(p);
        Set<String> accepted = new TreeSet<>();
        for (Packets.Sample s : samples) {
            int verdict = BpfInterpreter.run(p, s.skb());
            if (verdict != 0) {
                assertEquals(BpfProgram.ACCEPT, verdict);
                accepted.add(s.name());
            }
        }
        assertEquals(expected, accepted, () -> "program:\n" + p.toAssembly());
    }
}
