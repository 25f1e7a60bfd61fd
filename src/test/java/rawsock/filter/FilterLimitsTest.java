package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;

/** Deep nesting, long expressions and long programs: errors, not stack overflows or hangs. */
class FilterLimitsTest {
    private static final Duration QUICK = Duration.ofSeconds(20);

    private static FilterSyntaxException refuse(String expr, FilterTarget target) {
        return assertTimeoutPreemptively(QUICK, () -> assertThrows(FilterSyntaxException.class,
                () -> FilterCompiler.compile(expr, target)));
    }

    private static BpfProgram compile(String expr, FilterTarget target) {
        return assertTimeoutPreemptively(QUICK, () -> FilterCompiler.compile(expr, target));
    }

    @Test
    void deepParenthesesAreRefusedAtTheFirstTooDeepOne() {
        String expr = "(".repeat(100_000) + "tcp" + ")".repeat(100_000);
        FilterSyntaxException e = refuse(expr, FilterTarget.IPV4_RAW);
        assertEquals(Parser.MAX_PAREN_DEPTH, e.position(), e.getMessage());
        assertEquals("(", e.token());
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
    }

    @Test
    void parenthesesUpToTheLimitCompile() {
        int d = Parser.MAX_PAREN_DEPTH;
        BpfProgram p = compile("(".repeat(d) + "tcp" + ")".repeat(d), FilterTarget.IPV4_RAW);
        assertEquals(compile("tcp", FilterTarget.IPV4_RAW), p);
    }

    @Test
    void manyNegationsAreCountedNotRecursed() {
        BpfProgram even = compile("not ".repeat(200_000) + "udp", FilterTarget.IPV4_RAW);
        BpfProgram odd = compile("! ".repeat(200_001) + "udp", FilterTarget.IPV4_RAW);
        assertEquals(compile("udp", FilterTarget.IPV4_RAW), even);
        assertEquals(compile("not udp", FilterTarget.IPV4_RAW), odd);
    }

    @Test
    void longAlternationOfAndAndOrIsRefused() {
        StringBuilder sb = new StringBuilder("tcp");
        for (int i = 0; i < 2000; i++) {
            sb.append(i % 2 == 0 ? " and udp" : " or icmp");
        }
        FilterSyntaxException e = refuse(sb.toString(), FilterTarget.IPV4_RAW);
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
    }

    @Test
    void tooManyPrimitivesAreRefused() {
        String expr = String.join(" or ", java.util.Collections.nCopies(100_000, "tcp"));
        FilterSyntaxException e = refuse(expr, FilterTarget.ETHERNET);
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }

    @Test
    void programsOverTheKernelLimitAreRefused() {
        StringJoiner j = new StringJoiner(" or ");
        for (int i = 0; i < 1000; i++) {
            j.add("host 10.0." + (i / 250) + "." + (i % 250 + 1));
        }
        FilterSyntaxException e = refuse(j.toString(), FilterTarget.ETHERNET);
        assertTrue(e.getMessage().contains("at most 4096"), e.getMessage());
        assertEquals(0, e.position());
    }

    /**
     * A program of thousands of instructions: jumps to the final ret are far beyond the u8 reach
     * of jt/jf and go through ja trampolines; every verdict stays right.
     */
    @Test
    void longProgramsUseTrampolinesAndStayCorrect() {
        StringJoiner j = new StringJoiner(" or ");
        for (int i = 1; i <= 200; i++) {
            j.add("host 10.0.0." + i);
        }
        j.add("host 10.9.8.7");
        BpfProgram p = compile(j.toString(), FilterTarget.ETHERNET);
        KernelRules.check(p);
        assertTrue(p.size() > 1000, "size " + p.size());
        boolean sawTrampoline = false;
        for (int i = 0; i < p.size(); i++) {
            if (p.code(i) == (short) (Bpf.JMP | Bpf.JA) && p.k(i) > 255) {
                sawTrampoline = true;
            }
        }
        assertTrue(sawTrampoline, "expected ja trampolines in:\n" + p.toAssembly());
        for (Packets.Sample s : Packets.forTarget(FilterTarget.ETHERNET)) {
            boolean expected = s.name().equals("ETH_IP4_UDP_DNS") || s.name().equals("ETH_IP4_FRAG_UDP")
                    || s.name().equals("ETH_META100_IP4_UDP_DNS");
            assertEquals(expected, BpfInterpreter.run(p, s.skb()) != 0, s.name());
        }
        String negated = "not (" + j + ")";
        BpfProgram n = compile(negated, FilterTarget.ETHERNET);
        KernelRules.check(n);
        for (Packets.Sample s : Packets.forTarget(FilterTarget.ETHERNET)) {
            assertEquals(BpfInterpreter.run(p, s.skb()) == 0, BpfInterpreter.run(n, s.skb()) != 0, s.name());
        }
    }

    @Test
    void longIpv6RawProgramsWithTheWalkPrologueStayCorrect() {
        StringJoiner j = new StringJoiner(" or ");
        for (int i = 1; i <= 120; i++) {
            j.add("udp port " + (3000 + i));
        }
        j.add("udp dst port 2222");
        BpfProgram p = compile(j.toString(), FilterTarget.IPV6_RAW);
        KernelRules.check(p);
        for (Packets.Sample s : Packets.forTarget(FilterTarget.IPV6_RAW)) {
            assertEquals(s.name().equals("IP6_HBH_UDP"), BpfInterpreter.run(p, s.skb()) != 0, s.name());
        }
    }

    @Test
    void hugeWhitespaceIsFine() {
        String expr = " ".repeat(2_000_000) + "icmp" + "\t".repeat(1_000_000);
        assertEquals(compile("icmp", FilterTarget.IPV4_RAW), compile(expr, FilterTarget.IPV4_RAW));
    }
}
