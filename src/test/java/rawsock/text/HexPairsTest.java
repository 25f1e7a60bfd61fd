package rawsock.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pairing rule of every hex reader, held to the JDK's HexFormat: whatever bytes HexFormat
 * prints, in either case and with any of the separators between bytes, pair back into them.
 */
class HexPairsTest {
    private static final String[] DELIMITERS = {"", " ", ":", "\t", "\r", "  "};

    @Test
    void whatHexFormatPrintsPairsBackIntoTheSameBytes() {
        Random random = new Random(9);
        for (int n = 0; n < 20_000; n++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            HexFormat format = HexFormat.ofDelimiter(DELIMITERS[random.nextInt(DELIMITERS.length)]);
            String text = random.nextBoolean() ? format.withUpperCase().formatHex(bytes) : format.formatHex(bytes);
            assertArrayEquals(bytes, pair(text), text);
        }
    }

    @Test
    void aSeparatorInsideAByteOrAtTheEndLeavesADigitUnpaired() {
        HexPairs pairs = new HexPairs();
        assertEquals(HexPairs.WAITING, pairs.take('4', 1));
        assertEquals(HexPairs.SPLIT, pairs.take(' ', 2));
        assertEquals(1, pairs.firstDigitColumn());
        pairs.clear();
        assertEquals(HexPairs.BETWEEN, pairs.take(':', 1));
        assertEquals(HexPairs.WAITING, pairs.take('a', 2));
        assertEquals(0xaf, pairs.take('F', 3));
        assertFalse(pairs.unpaired());
        assertEquals(HexPairs.WAITING, pairs.take('0', 4));
        assertTrue(pairs.unpaired(), "an odd digit count at the end");
        for (int c : new int[] {'g', 'x', '#', '\n', '-', 0x0663, 0xff11, 0xff41}) {
            assertEquals(HexPairs.NOT_HEX, new HexPairs().take(c, 1), "U+" + Integer.toHexString(c));
        }
    }

    private static byte[] pair(String text) {
        HexPairs pairs = new HexPairs();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            int taken = pairs.take(text.charAt(i), i + 1);
            if (taken >= 0) {
                out.write(taken);
            } else if (taken != HexPairs.WAITING && taken != HexPairs.BETWEEN) {
                throw new AssertionError("refused at column " + (i + 1) + ": " + text);
            }
        }
        assertFalse(pairs.unpaired(), text);
        return out.toByteArray();
    }
}
