package rawsock.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A size in bytes: 65536, 512k, 8M, 1G (binary multiples). */
public final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String text = value.trim();
        long multiplier = 1;
        char last = text.isEmpty() ? ' ' : Character.toLowerCase(text.charAt(text.length() - 1));
        if (last == 'k' || last == 'm' || last == 'g') {
            multiplier = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            text = text.substring(0, text.length() - 1);
        }
        try {
            long number = Long.parseLong(text);
            if (number < 0 || number > (1L << 40) / multiplier) {
                throw new TypeConversionException("'" + value + "' is out of range");
            }
            return number * multiplier;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a size (e.g. 65536, 512k, 8M)");
        }
    }
}
