package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The grammar users read is written once: the README's Filters section quotes it line for line,
 * and every keyword it lists is one the parser takes.
 */
class FilterGrammarTest {
    @Test
    void theReadmeQuotesTheGrammarLineForLine() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String block = "```\n" + String.join("\n", FilterGrammar.lines()) + "\n```\n";
        assertTrue(readme.contains(block), "README's Filters block differs from FilterGrammar.lines()");
    }

    @Test
    void everyLineFitsTheHelpWidth() {
        for (String line : FilterGrammar.lines()) {
            assertTrue(line.length() <= 76, line);
        }
    }

    @Test
    void everyPrimitiveAndProtocolNameItListsCompiles() throws Exception {
        for (String expression : List.of("ip", "ip6", "arp", "rarp", "icmp", "icmp6", "igmp", "tcp", "udp", "sctp",
                "ip proto 6", "ip6 proto \\tcp", "src host 10.0.0.1", "arp dst net 10.0.0.0/8", "net 10.0.0.0 mask 255.0.0.0",
                "net 10.1", "net fd99::/16", "tcp src port 53", "udp portrange 1-1024", "ether host 02:00:00:00:00:01",
                "ether proto arp", "vlan 100", "port 53 or 80", "src or dst host ::1", "src and dst host 10.0.0.1",
                "port 0x35", "ip proto \\udp", "proto 255", "src 10.0.0.1", "arp dst 10.0.0.1", "ip6 src or dst ::1",
                "ether src 02:00:00:00:00:01", "ether dst host 02:00:00:00:00:01", "net 10/8", "net 10.1.2.0/24",
                "net 10.1.2 mask 255.255.255.0", "net fd99::", "vlan", "vlan 4095", "tcp dst portrange 1-1024",
                "sctp port 65535", "not ! (tcp)", "", "10.0.0.1 or 10.0.0.2")) {
            FilterCompiler.compile(expression, FilterTarget.ETHERNET);
        }
        // the ranges the grammar states are the parser's
        for (String outside : List.of("proto 256", "port 65536", "vlan 4096", "port 053", "VLAN")) {
            assertThrows(FilterSyntaxException.class, () -> FilterCompiler.compile(outside, FilterTarget.ETHERNET),
                    outside);
        }
        String names = List.of(FilterGrammar.lines()).stream().filter(l -> l.startsWith("NAME")).findFirst().orElseThrow();
        for (String name : names.substring(names.indexOf(":=") + 2).trim().split(" +")) {
            FilterCompiler.compile("proto \\" + name, FilterTarget.ETHERNET);
        }
        assertEquals(17, FilterGrammar.lines().length);
    }
}
