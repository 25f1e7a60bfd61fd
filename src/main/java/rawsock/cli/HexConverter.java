package rawsock.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import rawsock.app.UsageException;
import rawsock.output.Hex;

/**
 * Bytes from hex text for --hex, --ip-options and --tcp-options: "0102ff", with spaces or colons
 * between bytes, as {@link Hex#decode} reads them (the separators of --stdin-hex lines too). An
 * option value may also start with 0x, which a --stdin-hex line may not: there every character
 * of a line is packet data. Options keep their hex as text (picocli would treat a byte[] option
 * as a list of single bytes) and convert it with {@link #option}.
 */
public final class HexConverter implements ITypeConverter<byte[]> {
    @Override
    public byte[] convert(String value) {
        String text = value.trim();
        if (text.startsWith("0x") || text.startsWith("0X")) {
            text = text.substring(2);
        }
        try {
            return Hex.decode(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "': " + e.getMessage());
        }
    }

    /** The bytes of an option's hex value, or null when the option was not given. */
    static byte[] option(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return new HexConverter().convert(value);
        } catch (TypeConversionException e) {
            throw new UsageException(name + " " + e.getMessage());
        }
    }
}
