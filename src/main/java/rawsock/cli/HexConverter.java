package rawsock.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Bytes from hex text: "0102ff", with optional spaces or colons between bytes and an 0x prefix. */
public final class HexConverter implements ITypeConverter<byte[]> {
    @Override
    public byte[] convert(String value) {
        String text = value.trim();
        if (text.startsWith("0x") || text.startsWith("0X")) {
            text = text.substring(2);
        }
        text = text.replace(" ", "").replace(":", "");
        if (text.length() % 2 != 0) {
            throw new TypeConversionException("'" + value + "' has an odd number of hex digits");
        }
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(text.charAt(2 * i), 16);
            int low = Character.digit(text.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                char bad = high < 0 ? text.charAt(2 * i) : text.charAt(2 * i + 1);
                throw new TypeConversionException("'" + value + "' is not hex: '" + bad + "'");
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }
}
