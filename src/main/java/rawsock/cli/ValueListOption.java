package rawsock.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.TypeConversionException;
import rawsock.app.UsageException;
import rawsock.app.ValueList;

/**
 * Parses a field's list of values and ranges ({@code 22,80,8000-8100}, {@code 1-30}); each number
 * as {@link NumberConverter} reads it (decimal, or hex with 0x), each checked against the field's
 * range. A refusal names the option and the item at fault.
 */
final class ValueListOption {
    private ValueListOption() {
    }

    /** The list, or null when the option was not given. */
    static ValueList parse(String option, String text, long min, long max) {
        if (text == null) {
            return null;
        }
        if (text.trim().isEmpty()) {
            throw new UsageException(option + " is empty");
        }
        List<int[]> ranges = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            ranges.add(range(option, item.trim(), min, max));
        }
        return new ValueList(ranges);
    }

    private static int[] range(String option, String item, long min, long max) {
        if (item.isEmpty()) {
            throw new UsageException(option + " has an empty item in its list");
        }
        // A dash after the first character separates a range; a leading one is a (refused) sign.
        int dash = item.indexOf('-', 1);
        if (dash < 0) {
            int value = number(option, item, item, min, max);
            return new int[] {value, value};
        }
        int low = number(option, item, item.substring(0, dash), min, max);
        int high = number(option, item, item.substring(dash + 1), min, max);
        if (high < low) {
            throw new UsageException(option + " " + item + " is backwards (write " + high + "-" + low + ")");
        }
        return new int[] {low, high};
    }

    private static int number(String option, String item, String text, long min, long max) {
        long value;
        try {
            value = NumberConverter.parse(text);
        } catch (TypeConversionException e) {
            throw new UsageException(option + " " + (item.equals(text) ? "" : item + ": ") + e.getMessage());
        }
        if (value < min || value > max) {
            throw new UsageException(option + " " + (item.equals(text) ? "" : item + ": ") + value
                    + " is out of range (" + min + ".." + max + ")");
        }
        return (int) value;
    }
}
