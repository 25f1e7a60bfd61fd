package rawsock.cli;

import java.math.BigDecimal;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration in nanoseconds from text like {@code 1s}, {@code 10ms}, {@code 250us}, {@code 1.5s},
 * {@code 2m}; a bare number is seconds, as ping's -i takes it. Never negative; ASCII digits only.
 */
public final class DurationConverter implements ITypeConverter<Long> {
    private static final String[] UNITS = {"ns", "us", "µs", "ms", "s", "m", "h"};
    private static final long[] NANOS = {1L, 1_000L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L,
        3_600_000_000_000L};

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    public static long parse(String value) {
        String text = value.trim();
        long unit = NANOS[4];
        String number = text;
        for (int i = 0; i < UNITS.length; i++) {
            // Two-letter units come first in UNITS, so "10ms" is never read as minutes or seconds.
            if (text.endsWith(UNITS[i])) {
                unit = NANOS[i];
                number = text.substring(0, text.length() - UNITS[i].length());
                break;
            }
        }
        BigDecimal amount;
        try {
            if (!number.chars().allMatch(c -> c < 0x80)) {
                // BigDecimal would take other scripts' digits too; Numbers reads ASCII digits only.
                throw new NumberFormatException(number);
            }
            amount = new BigDecimal(number.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 1s, 10ms, 250us)");
        }
        if (amount.signum() < 0) {
            throw new TypeConversionException("'" + value + "' is negative");
        }
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(unit));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 4)) > 0) {
            throw new TypeConversionException("'" + value + "' is too long");
        }
        return nanos.longValue();
    }
}
