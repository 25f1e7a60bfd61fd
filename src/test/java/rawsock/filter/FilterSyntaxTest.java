package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Refused expressions: the exception points at the offending token and reads as one line. */
class FilterSyntaxTest {

    private static FilterSyntaxException refuse(String expr, FilterTarget target) {
        return assertThrows(FilterSyntaxException.class, () -> FilterCompiler.compile(expr, target),
                () -> "'" + expr + "' should be refused");
    }

    /** expression | target | position | token | part of the message. '_' in the token stands for "none". */
    @ParameterizedTest(name = "[{index}] {1} ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // unknown keywords
        "tcp and foo                | IPV4_RAW | 8  | foo      | unknown keyword",
        "TCP                        | IPV4_RAW | 0  | TCP      | keywords are lower case",
        "less 100                   | ETHERNET | 0  | less     | not supported",
        "udp and icmptype           | IPV4_RAW | 8  | icmptype | not supported",
        // missing operands
        "port                       | IPV4_RAW | 4  | _        | expected a port number after 'port' at end of expression",
        "tcp or port foo            | IPV4_RAW | 12 | foo      | expected a port number after 'port' at column 13: 'foo'",
        "host and tcp               | IPV4_RAW | 5  | and      | expected an IPv4 or IPv6 address after 'host'",
        "tcp and                    | IPV4_RAW | 7  | _        | expected a filter primitive after 'and'",
        "not                        | IPV4_RAW | 3  | _        | expected a filter primitive after 'not'",
        "and tcp                    | IPV4_RAW | 0  | and      | expected a filter primitive",
        "tcp or or udp              | IPV4_RAW | 7  | or       | expected a filter primitive after 'or'",
        "src                        | IPV4_RAW | 3  | _        | expected an IPv4 or IPv6 address after 'src'",
        "net                        | IPV4_RAW | 3  | _        | expected a network",
        "ip proto                   | IPV4_RAW | 8  | _        | expected a protocol number or name after 'proto'",
        "ether                      | ETHERNET | 5  | _        | expected 'host', 'src', 'dst' or 'proto' after 'ether'",
        "net 10.0.0.0 mask          | IPV4_RAW | 17 | _        | expected a dotted netmask",
        // unbalanced parentheses
        "(tcp or udp                | IPV4_RAW | 0  | (        | this '(' is never closed",
        "((tcp)                     | IPV4_RAW | 0  | (        | this '(' is never closed",
        "tcp)                       | IPV4_RAW | 3  | )        | this ')' has no matching '('",
        "(tcp))                     | IPV4_RAW | 5  | )        | this ')' has no matching '('",
        "()                         | IPV4_RAW | 1  | )        | expected a filter primitive inside the parentheses",
        "(tcp udp)                  | IPV4_RAW | 5  | udp      | expected 'and', 'or' or ')'",
        // bad addresses
        "host 1.2.3.400             | IPV4_RAW | 5  | 1.2.3.400 | invalid IPv4 address",
        "host 1.2.3                 | IPV4_RAW | 5  | 1.2.3     | incomplete IPv4 address",
        "host 010.0.0.1             | IPV4_RAW | 5  | 010.0.0.1 | invalid IPv4 address",
        "host 2001:db8:::1          | IPV6_RAW | 5  | 2001:db8:::1 | invalid IPv6 address",
        "host 1:2:3:4:5:6:7:8:9     | IPV6_RAW | 5  | 1:2:3:4:5:6:7:8:9 | invalid IPv6 address",
        "host example.com           | IPV4_RAW | 5  | example.com | host names are not resolved",
        "dst host gateway.lan       | IPV4_RAW | 9  | gateway.lan | host names are not resolved",
        "host 02:00:00:00:00:01     | ETHERNET | 5  | 02:00:00:00:00:01 | use 'ether host'",
        "host 10.0.0.0/8            | IPV4_RAW | 5  | 10.0.0.0/8 | use 'net ADDR/LEN'",
        "src 10.0.0.0/8             | IPV4_RAW | 4  | 10.0.0.0/8 | a network needs 'net'",
        "net 10.0.0.1/8             | IPV4_RAW | 4  | 10.0.0.1/8 | non-network bits set",
        "net 10.0.0.0/33            | IPV4_RAW | 4  | 10.0.0.0/33 | invalid prefix length",
        "net 2001:db8::1/32         | IPV6_RAW | 4  | 2001:db8::1/32 | non-network bits set",
        "net 10.1.0.0 mask 255.0.0.0 | IPV4_RAW | 4 | 10.1.0.0  | non-network bits set",
        "ether host 1.2.3.4         | ETHERNET | 11 | 1.2.3.4   | invalid MAC address",
        "ip6 host 1.2.3.4           | IPV6_RAW | 9  | 1.2.3.4   | 'ip6' does not go with an IPv4 address",
        "ip host ::1                | IPV4_RAW | 8  | ::1       | 'ip' does not go with an IPv6 address",
        // numbers
        "port 70000                 | IPV4_RAW | 5  | 70000     | port number out of range (0-65535)",
        "udp dst port 65536         | IPV4_RAW | 13 | 65536     | port number out of range",
        "port 080                   | IPV4_RAW | 5  | 080       | leading zero",
        "port -1                    | IPV4_RAW | 5  | -1        | expected a port number after 'port'",
        "portrange 10-              | IPV4_RAW | 10 | 10-       | expected a port range",
        "portrange 10-99999         | IPV4_RAW | 13 | 99999     | port number out of range",
        "proto 256                  | IPV4_RAW | 6  | 256       | protocol number out of range (0-255)",
        "vlan 4096                  | ETHERNET | 5  | 4096      | VLAN ID out of range (0-4095)",
        "53                         | IPV4_RAW | 0  | 53        | a bare number needs a keyword",
        // trailing garbage and stray characters
        "udp port 53 53             | IPV4_RAW | 12 | 53        | expected 'and', 'or' or the end of the expression",
        "tcp udp                    | IPV4_RAW | 4  | udp       | expected 'and', 'or' or the end of the expression",
        "ip[0] & 0xf != 0           | IPV4_RAW | 2  | [         | unexpected character",
        "tcp & udp                  | IPV4_RAW | 4  | &         | unexpected character",
        "\"tcp | udp\"                | IPV4_RAW | 4  | \"|\"       | unexpected character",
        "icmp; reboot               | IPV4_RAW | 4  | ;         | unexpected character",
        // qualifiers that do not fit
        "udp host 1.2.3.4           | IPV4_RAW | 4  | host      | 'host' cannot be qualified by 'udp'",
        "ip port 53                 | IPV4_RAW | 3  | port      | 'port' cannot be qualified by 'ip'",
        "tcp src 1.2.3.4            | IPV4_RAW | 8  | 1.2.3.4   | expected 'port' or 'portrange' after 'src'",
        "arp proto 1                | ETHERNET | 4  | proto     | 'proto' goes with 'ip' or 'ip6'",
        "mask 255.0.0.0             | IPV4_RAW | 0  | mask      | 'mask' must follow 'net ADDR'",
        // primitives a target cannot see
        "ether src 02:00:00:00:00:01 | IPV4_RAW | 0 | ether     | needs a link-layer capture",
        "vlan 10                    | IPV6_RAW | 0  | vlan      | needs a link-layer capture",
        "arp                        | IPV4_RAW | 0  | arp       | can never match: an IPv4 raw socket",
        "ip6 and udp                | IPV4_RAW | 0  | ip6       | can never match",
        "icmp                       | IPV6_RAW | 0  | icmp      | can never match: an IPv6 raw socket",
        "udp and (arp or rarp)      | ETHERNET | 9  | arp       | _",
    })
    void refused(String expr, FilterTarget target, int position, String token, String message) {
        if (message.equals("_")) {
            // Compiles: contradictions are not analysed, only primitives the target never sees.
            assertCompiles(expr, target);
            return;
        }
        FilterSyntaxException e = refuse(expr, target);
        String tok = token.equals("_") ? "" : token;
        assertEquals(position, e.position(), e.getMessage());
        assertEquals(tok, e.token(), e.getMessage());
        assertTrue(e.getMessage().contains(message), () -> "message: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("filter: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        if (tok.isEmpty()) {
            assertTrue(e.getMessage().endsWith(" at end of expression"), e.getMessage());
        } else {
            assertTrue(e.getMessage().endsWith(" at column " + (position + 1) + ": '" + tok + "'"), e.getMessage());
            assertEquals(tok, expr.substring(position, position + tok.length()));
        }
    }

    private static void assertCompiles(String expr, FilterTarget target) {
        try {
            KernelRules.check(FilterCompiler.compile(expr, target));
        } catch (FilterSyntaxException e) {
            throw new AssertionError("'" + expr + "' refused: " + e.getMessage(), e);
        }
    }

    @Test
    void messageKeepsControlCharactersOnOneLine() {
        FilterSyntaxException e = refuse("tcp\n\u0007", FilterTarget.IPV4_RAW);
        assertEquals(4, e.position());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("\\x07"), e.getMessage());
    }

    @Test
    void longTokenIsShortenedInTheMessageButNotInToken() {
        String name = "a".repeat(200) + ".example";
        FilterSyntaxException e = refuse("host " + name, FilterTarget.IPV4_RAW);
        assertEquals(name, e.token());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void blankMeansAcceptEverything() throws FilterSyntaxException {
        for (String blank : new String[] {null, "", "   ", "\t\n"}) {
            for (FilterTarget t : FilterTarget.values()) {
                BpfProgram p = FilterCompiler.compile(blank, t);
                assertEquals(1, p.size());
                assertEquals((short) (Bpf.RET | Bpf.K), p.code(0));
                assertEquals(BpfProgram.ACCEPT, p.k(0));
            }
        }
    }

    @Test
    void nullTargetIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> FilterCompiler.compile("tcp", null));
    }

    @Test
    void namesAreNeverLookedUp() {
        // "localhost" would resolve if anything asked a resolver; the compiler refuses it instead.
        FilterSyntaxException e = refuse("host localhost", FilterTarget.IPV4_RAW);
        assertTrue(e.getMessage().contains("not resolved"), e.getMessage());
        FilterSyntaxException bare = refuse("localhost", FilterTarget.IPV4_RAW);
        assertEquals(0, bare.position());
    }

    /**
     * Random token soup: every expression either compiles to a program the kernel would load, or
     * is refused with a position inside the expression whose token is the text found there.
     */
    @Test
    void randomTokenSoupIsCompiledOrRefusedCleanly() {
        String[] vocab = {"tcp", "udp", "icmp", "icmp6", "ip", "ip6", "arp", "host", "net", "port", "portrange",
            "src", "dst", "and", "or", "not", "!", "&&", "||", "(", ")", "proto", "ether", "vlan", "mask",
            "10.0.0.1", "10.0.0.0/8", "2001:db8::1", "fe80::/10", "53", "80", "1-1000", "255.0.0.0",
            "02:00:00:00:00:01", "foo", "70000", "17", "100", "[", "&", "\\tcp", "::", "1.2.3", "0x11"};
        Random rnd = new Random(7);
        int compiled = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rnd.nextInt(8);
            for (int j = 0; j < n; j++) {
                sb.append(vocab[rnd.nextInt(vocab.length)]).append(rnd.nextInt(3) == 0 ? "" : " ");
            }
            String expr = sb.toString();
            for (FilterTarget t : FilterTarget.values()) {
                try {
                    BpfProgram p = FilterCompiler.compile(expr, t);
                    KernelRules.check(p);
                    compiled++;
                } catch (FilterSyntaxException e) {
                    int pos = e.position();
                    assertTrue(pos >= 0 && pos <= expr.length(), () -> expr + " -> " + e.getMessage());
                    assertTrue(expr.startsWith(e.token(), pos), () -> expr + " -> " + e.getMessage());
                    assertTrue(e.getMessage().startsWith("filter: "));
                    assertFalse(e.getMessage().contains("\n"));
                }
            }
        }
        assertTrue(compiled > 100, "too few random expressions compiled: " + compiled);
    }
}
