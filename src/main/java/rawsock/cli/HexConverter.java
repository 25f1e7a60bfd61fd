package rawsock.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import rawsock.output.Hex;

/**
 * Bytes from hex text for --hex, --ip-options and --tcp-options: "0102ff", with spaces or colons
 * between bytes and an optional 0x prefix. The same reading as --stdin-hex lines.
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
}
