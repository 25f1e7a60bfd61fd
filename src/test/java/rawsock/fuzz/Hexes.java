package rawsock.fuzz;

import java.util.HexFormat;

/** Lowercase hex of bytes, for messages and for checking the writers (the JDK's, independent of rawsock). */
public final class Hexes {
    private static final HexFormat HEX = HexFormat.of();

    private Hexes() {
    }

    public static String of(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] parse(CharSequence hex) {
        return HEX.parseHex(hex);
    }
}
