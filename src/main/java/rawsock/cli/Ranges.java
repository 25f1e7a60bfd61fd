package rawsock.cli;

import rawsock.app.UsageException;
import rawsock.text.Numbers;

/** Range checks that name the option and the value, for one-line usage errors ({@link Numbers#outOfRange}). */
final class Ranges {
    private Ranges() {
    }

    /** Returns {@code value} as an int, or throws naming the option when outside min..max. */
    static int check(String option, Long value, long min, long max) {
        if (!Numbers.inRange(value, min, max)) {
            throw new UsageException(Numbers.outOfRange(option + " " + value, min, max));
        }
        return (int) (long) value;
    }

    static Integer optional(String option, Long value, long min, long max) {
        return value == null ? null : check(option, value, min, max);
    }
}
