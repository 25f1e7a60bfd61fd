package rawsock.text;

/**
 * Hex digits paired into bytes one character at a time: the rule every hex reader shares (option
 * values such as --hex, and --stdin-hex lines). Digits in either case ({@link HexDigits});
 * spaces, tabs, carriage returns and colons may stand between whole bytes ({@code 4500 0054},
 * {@code 45:00:00:54}), never inside one ({@code 4 500} leaves a digit without its pair).
 */
public final class HexPairs {
    /** {@link #take}: a byte's first digit; its pair comes next. */
    public static final int WAITING = -1;
    /** {@link #take}: a separator between whole bytes. */
    public static final int BETWEEN = -2;
    /** {@link #take}: neither a hex digit nor a separator. */
    public static final int NOT_HEX = -3;
    /** {@link #take}: a separator after a byte's first digit, which so has no pair. */
    public static final int SPLIT = -4;
    /** What is wrong with a digit left without its pair, at a separator or at the end. */
    public static final String UNPAIRED = "odd number of hex digits (this digit has no pair)";

    private int high = -1;
    private long highColumn;

    /** True for the characters allowed between bytes. */
    public static boolean isSeparator(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == ':';
    }

    /**
     * Takes character {@code c}, found at {@code column}: returns the byte (0..255) its digit
     * completes, or {@link #WAITING}, {@link #BETWEEN}, {@link #NOT_HEX} or {@link #SPLIT}.
     */
    public int take(int c, long column) {
        int digit = HexDigits.value(c);
        if (digit >= 0) {
            if (high < 0) {
                high = digit;
                highColumn = column;
                return WAITING;
            }
            int value = high << 4 | digit;
            high = -1;
            return value;
        }
        if (isSeparator(c)) {
            return high >= 0 ? SPLIT : BETWEEN;
        }
        return NOT_HEX;
    }

    /** True when the last digit taken still waits for its pair (at the end: an odd digit count). */
    public boolean unpaired() {
        return high >= 0;
    }

    /** The column of the first digit of the byte last completed, or of the one still unpaired. */
    public long firstDigitColumn() {
        return highColumn;
    }

    /** Forgets an unpaired digit, for the next text. */
    public void clear() {
        high = -1;
    }
}
