package rawsock.text;

/**
 * Whole numbers as people type them: decimal, or hexadecimal after {@code 0x} / {@code 0X}, in
 * ASCII digits only ({@link Long#parseLong} would also take other scripts' digits, such as
 * Arabic-Indic or fullwidth ones, which no tool a user compares with accepts). The rules that
 * tools disagree on are not chosen here: each caller states its own {@link Syntax}.
 */
public final class Numbers {
    private Numbers() {
    }

    /** Why a text is not a number under a syntax. */
    public enum Problem {
        /** Empty, a character that is not a digit of the base, a sign where none may stand, 0x alone. */
        NOT_A_NUMBER,
        /** A decimal with a leading zero, under {@link LeadingZero#REFUSED}. */
        LEADING_ZERO,
        /** Well formed, but beyond what a long holds. */
        TOO_LARGE
    }

    /**
     * One caller's rules. {@code signed}: a {@code +} or {@code -} may stand before a decimal
     * (never before 0x, nor after it); {@code hex}: 0x/0X introduces hexadecimal digits;
     * {@code blanksAround}: blanks (as {@link String#trim} sees them) around the number are
     * dropped rather than refused.
     */
    public record Syntax(LeadingZero leadingZero, boolean signed, boolean hex, boolean blanksAround) {
    }

    /** Plain decimal digits, nothing else: counts, prefix lengths, protocol fields typed as numbers. */
    public static final Syntax DIGITS = new Syntax(LeadingZero.DECIMAL, false, false, false);

    /** Decimal digits, or hexadecimal after 0x: field values that are usually written in hex (EtherTypes). */
    public static final Syntax DIGITS_OR_HEX = new Syntax(LeadingZero.DECIMAL, false, true, false);

    /** A text that is not a number under the syntax it was read with; the message quotes it. */
    public static final class NumberException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        NumberException(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /**
     * The value of {@code text} under {@code syntax}.
     *
     * @throws NumberException saying why it is none: "'TEXT' is not a number (decimal, or hex
     *     with 0x)", "'TEXT' has a leading zero (...)", or the range message of
     *     {@link #outOfRange} for a value beyond a long
     */
    public static long parse(String text, Syntax syntax) {
        String s = syntax.blanksAround() ? text.trim() : text;
        int i = 0;
        boolean negative = false;
        if (syntax.signed() && !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        int radix = 10;
        if (syntax.hex() && i == 0 && s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            radix = 16;
            i = 2;
        }
        if (i == s.length()) {
            throw notANumber(text, syntax);
        }
        // Accumulated negatively, so that Long.MIN_VALUE is reachable as "-9223372036854775808".
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long lastBeforeLimit = limit / radix;
        long value = 0;
        boolean tooLarge = false;
        for (int k = i; k < s.length(); k++) {
            int digit = HexDigits.value(s.charAt(k));
            if (digit < 0 || digit >= radix) {
                throw notANumber(text, syntax);
            }
            // Once too large, the rest is still read: "99999999999999999999x" is not a number at all.
            tooLarge = tooLarge || value < lastBeforeLimit || value * radix < limit + digit;
            if (!tooLarge) {
                value = value * radix - digit;
            }
        }
        if (radix == 10 && syntax.leadingZero() == LeadingZero.REFUSED && s.length() - i > 1 && s.charAt(i) == '0') {
            throw new NumberException(Problem.LEADING_ZERO, "'" + text + "' has a leading zero, which some tools read"
                    + " as octal: write it without (or in hex with 0x)");
        }
        if (tooLarge) {
            throw new NumberException(Problem.TOO_LARGE, outOfRange("'" + text + "'", Long.MIN_VALUE, Long.MAX_VALUE));
        }
        return negative ? value : -value;
    }

    /** The same as {@link #parse} under an unsigned syntax, with -1 for any text that is not a number. */
    public static long parseOrMinusOne(String text, Syntax syntax) {
        if (syntax.signed()) {
            throw new IllegalArgumentException("-1 would be ambiguous under a signed syntax");
        }
        try {
            return parse(text, syntax);
        } catch (NumberException e) {
            return -1;
        }
    }

    /**
     * The one shape of a range refusal: "WHAT is out of range (MIN..MAX)", where WHAT names the
     * value and, where there is one, the option ("--ttl 300", "'99999999999999999999'").
     */
    public static String outOfRange(String what, long min, long max) {
        return what + " is out of range (" + min + ".." + max + ")";
    }

    /** True when {@code min <= value <= max}. */
    public static boolean inRange(long value, long min, long max) {
        return value >= min && value <= max;
    }

    private static NumberException notANumber(String text, Syntax syntax) {
        return new NumberException(Problem.NOT_A_NUMBER, "'" + text + "' is not a number ("
                + (syntax.hex() ? "decimal, or hex with 0x" : "decimal digits") + ")");
    }
}
