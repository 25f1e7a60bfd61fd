package rawsock.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import rawsock.text.LeadingZero;
import rawsock.text.Numbers;

/** A size in bytes: 65536, 512k, 8M, 1G (binary multiples), at most 1 TiB. */
public final class SizeConverter implements ITypeConverter<Long> {
    /** The largest size any option takes. */
    static final long MAX = 1L << 40;
    /** Decimal digits only (no 0x: "0x10k" is no size anyone writes); a sign is read to be refused as out of range. */
    private static final Numbers.Syntax SYNTAX = new Numbers.Syntax(LeadingZero.DECIMAL, true, false, false);

    @Override
    public Long convert(String value) {
        String text = value.trim();
        long multiplier = 1;
        char last = text.isEmpty() ? ' ' : Character.toLowerCase(text.charAt(text.length() - 1));
        if (last == 'k' || last == 'm' || last == 'g') {
            multiplier = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            text = text.substring(0, text.length() - 1);
        }
        long number;
        try {
            number = Numbers.parse(text, SYNTAX);
        } catch (Numbers.NumberException e) {
            if (e.problem() != Numbers.Problem.TOO_LARGE) {
                throw new TypeConversionException("'" + value + "' is not a size (e.g. 65536, 512k, 8M)");
            }
            number = Long.MAX_VALUE;
        }
        if (number < 0 || number > MAX / multiplier) {
            throw new TypeConversionException(Numbers.outOfRange("'" + value + "'", 0, MAX));
        }
        return number * multiplier;
    }
}
