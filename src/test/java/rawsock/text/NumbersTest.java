package rawsock.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rawsock.text.Numbers.NumberException;
import rawsock.text.Numbers.Problem;
import rawsock.text.Numbers.Syntax;

/**
 * The one number parser, held to the JDK's own (Long.parseLong, Long.decode, BigInteger) over
 * hand-picked hostile text and a hundred thousand random strings, under both rules the
 * callers choose: the command line's (a leading zero is decimal, signs read, blanks dropped)
 * and the filter's (a leading zero refused where strtol and Long.decode read octal).
 */
class NumbersTest {
    private static final Syntax COMMAND_LINE = new Syntax(LeadingZero.DECIMAL, true, true, true);
    private static final Syntax FILTER = new Syntax(LeadingZero.REFUSED, false, true, false);
    private static final String ALPHABET = "0123456789abcdefxX+- \t0x1\u0663\uff11g_.#";

    /** What the parser should say: a value, or the problem. */
    private record Outcome(Long value, Problem problem) {
    }

    @Test
    void hostileTextUnderTheCommandLinesRules() {
        assertEquals(10, Numbers.parse("010", COMMAND_LINE), "a leading zero is decimal");
        assertEquals(-1, Numbers.parse("-1", COMMAND_LINE), "read, for the range check to name it");
        assertEquals(5, Numbers.parse("+5", COMMAND_LINE));
        assertEquals(7, Numbers.parse(" 7\t", COMMAND_LINE));
        assertEquals(0xabcd, Numbers.parse("0XabCD", COMMAND_LINE));
        assertEquals(Long.MAX_VALUE, Numbers.parse("9223372036854775807", COMMAND_LINE));
        assertEquals(Long.MIN_VALUE, Numbers.parse("-9223372036854775808", COMMAND_LINE));
        assertEquals(Long.MAX_VALUE, Numbers.parse("0x7fffffffffffffff", COMMAND_LINE));
        for (String tooLarge : List.of("9223372036854775808", "-9223372036854775809", "0x8000000000000000",
                "99999999999999999999")) {
            assertProblem(Problem.TOO_LARGE, tooLarge, COMMAND_LINE);
        }
        for (String bad : List.of("", " ", "+", "-", "0x", "0X", "0x-1", "0x+1", "-0x1", "+-1", "--1", "1-", "12a",
                "1_000", "1e3", "1.0", "0b101", "#10", "0x1g", "99999999999999999999x", "1 2",
                "\u0663", "\uff11\uff12", "1\u0663", "0x\uff11", "\u00a012", "12\u2003")) {
            assertProblem(Problem.NOT_A_NUMBER, bad, COMMAND_LINE);
        }
    }

    @Test
    void hostileTextUnderTheFiltersRules() {
        assertEquals(0, Numbers.parse("0", FILTER));
        assertEquals(0x10, Numbers.parse("0x010", FILTER), "zeros after 0x are no octal");
        assertEquals(65535, Numbers.parse("65535", FILTER));
        for (String octal : List.of("00", "010", "0777", "08", "0999999999999999999999")) {
            assertProblem(Problem.LEADING_ZERO, octal, FILTER);
        }
        for (String bad : List.of("", " 1", "1 ", "-1", "+1", "0x", "0a", "0x-1", "\u0663")) {
            assertProblem(Problem.NOT_A_NUMBER, bad, FILTER);
        }
        assertProblem(Problem.TOO_LARGE, "18446744073709551616", FILTER);
    }

    @Test
    void messagesQuoteTheTextAsTyped() {
        assertEquals("' 12a' is not a number (decimal, or hex with 0x)",
                assertThrows(NumberException.class, () -> Numbers.parse(" 12a", COMMAND_LINE)).getMessage());
        assertEquals("'99999999999999999999' is out of range (-9223372036854775808..9223372036854775807)",
                assertThrows(NumberException.class, () -> Numbers.parse("99999999999999999999", COMMAND_LINE))
                        .getMessage());
        assertEquals("--ttl 300 is out of range (0..255)", Numbers.outOfRange("--ttl 300", 0, 255));
    }

    @Test
    void randomTextAgreesWithTheJdkUnderBothRules() {
        Random random = new Random(17);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(24); length > 0; length--) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String s = text.toString();
            assertEquals(commandLineReference(s), outcome(s, COMMAND_LINE), () -> "command line: '" + s + "'");
            assertEquals(filterReference(s), outcome(s, FILTER), () -> "filter: '" + s + "'");
        }
    }

    /** Long.parseLong (decimal with sign) or, after 0x, Long.parseLong(..., 16) without sign; ASCII digits only. */
    private static Outcome commandLineReference(String text) {
        String s = text.trim();
        boolean hex = s.startsWith("0x") || s.startsWith("0X");
        String digits = hex ? s.substring(2) : s;
        if (!s.chars().allMatch(c -> c < 0x80) || hex && (digits.startsWith("-") || digits.startsWith("+"))) {
            return new Outcome(null, Problem.NOT_A_NUMBER); // the JDK would take these; the rule refuses them
        }
        try {
            return new Outcome(Long.parseLong(digits, hex ? 16 : 10), null);
        } catch (NumberFormatException e) {
            return new Outcome(null, fitsNoLong(digits, hex ? 16 : 10) ? Problem.TOO_LARGE : Problem.NOT_A_NUMBER);
        }
    }

    /**
     * Long.decode, which reads a leading zero as octal as strtol(..., 0) and libpcap do: the
     * filter refuses exactly those; and no sign, no '#', no blanks, ASCII only.
     */
    private static Outcome filterReference(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c)))) {
            return new Outcome(null, Problem.NOT_A_NUMBER);
        }
        boolean hex = s.startsWith("0x") || s.startsWith("0X");
        try {
            long value = Long.decode(s);
            boolean octal = !hex && s.length() > 1 && s.charAt(0) == '0';
            return octal ? new Outcome(null, Problem.LEADING_ZERO) : new Outcome(value, null);
        } catch (NumberFormatException e) {
            String digits = hex ? s.substring(2) : s;
            if (!hex && s.length() > 1 && s.charAt(0) == '0' && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return new Outcome(null, Problem.LEADING_ZERO); // Long.decode: "08" is a bad octal, "0999..." too large
            }
            return new Outcome(null, fitsNoLong(digits, hex ? 16 : 10) ? Problem.TOO_LARGE : Problem.NOT_A_NUMBER);
        }
    }

    /** Well-formed digits of the radix (BigInteger reads them) whose value a long cannot hold. */
    private static boolean fitsNoLong(String digits, int radix) {
        try {
            BigInteger value = new BigInteger(digits, radix);
            return value.bitLength() > 63 && !value.equals(BigInteger.valueOf(Long.MIN_VALUE));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Outcome outcome(String text, Syntax syntax) {
        try {
            return new Outcome(Numbers.parse(text, syntax), null);
        } catch (NumberException e) {
            return new Outcome(null, e.problem());
        }
    }

    private static void assertProblem(Problem expected, String text, Syntax syntax) {
        assertEquals(expected, assertThrows(NumberException.class, () -> Numbers.parse(text, syntax),
                "'" + text + "'").problem(), "'" + text + "'");
    }
}
