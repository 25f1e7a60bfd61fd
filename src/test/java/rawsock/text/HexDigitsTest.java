package rawsock.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one table of hex digits, held to the JDK's own for ASCII and refusing every other script. */
class HexDigitsTest {
    @Test
    void asciiDigitsHaveTheirValueAndNothingElseHasOne() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            int expected = c < 0x80 ? Character.digit(c, 16) : -1;
            assertEquals(expected, HexDigits.value(c), "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void printedDigitsAreLowercaseAndReadBack() {
        for (int nibble = 0; nibble < 16; nibble++) {
            assertEquals(Character.forDigit(nibble, 16), HexDigits.of(nibble));
            assertEquals(nibble, HexDigits.value(HexDigits.of(nibble)));
            assertEquals(HexDigits.of(nibble), HexDigits.of(nibble | 0xf0), "only the low four bits count");
        }
    }
}
