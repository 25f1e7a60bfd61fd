package rawsock.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import rawsock.text.LeadingZero;
import rawsock.text.Numbers;

/**
 * A whole number in decimal or, with a 0x prefix, hexadecimal (header fields are often given in
 * hex), read by {@link Numbers} under the command line's rules ({@link #SYNTAX}). Ranges are
 * checked per option by {@link Ranges}.
 */
public final class NumberConverter implements ITypeConverter<Long> {
    /**
     * The command line's rules: a leading 0 is still decimal, not octal (ping -c 010 sends ten);
     * a sign is read, so that "-1" is refused by the option's range check naming the value;
     * blanks around the number are dropped.
     */
    static final Numbers.Syntax SYNTAX = new Numbers.Syntax(LeadingZero.DECIMAL, true, true, true);

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        try {
            return Numbers.parse(value, SYNTAX);
        } catch (Numbers.NumberException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
