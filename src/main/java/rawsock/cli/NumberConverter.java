package rawsock.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A whole number in decimal or, with a 0x prefix, hexadecimal (header fields are often given in
 * hex). Ranges are checked per option by {@link Ranges}. A leading 0 is still decimal, not octal.
 */
public final class NumberConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        String text = value.trim();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                // Long.parseLong takes a sign: 0x-5 would be -5 and 0x+5 five.
                String digits = text.substring(2);
                if (!digits.matches("[0-9a-fA-F]+")) {
                    throw new NumberFormatException(value);
                }
                return Long.parseLong(digits, 16);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number (decimal, or hex with 0x)");
        }
    }
}
