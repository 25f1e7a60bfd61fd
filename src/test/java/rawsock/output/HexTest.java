package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HexTest {
    @Test
    void encodesLowercaseWithoutMovingTheBuffer() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xab, (byte) 0xff, 0x7f});
        b.position(1);
        assertEquals("01abff7f", Hex.encode(b));
        assertEquals(1, b.position());
        assertEquals("01abff7f", Hex.append(new StringBuilder(), b).toString());
        byte[] ascii = new byte[10];
        assertEquals(9, Hex.encode(b, ascii, 1));
        assertEquals("01abff7f", new String(ascii, 1, 8, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void agreesWithTheJdkOnRandomBytes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            String hex = Hex.encode(bytes);
            assertEquals(HexFormat.of().formatHex(bytes), hex);
            assertArrayEquals(bytes, Hex.decode(hex));
            assertArrayEquals(bytes, Hex.decode(hex.toUpperCase()));
        }
    }

    @Test
    void decodesSeparatorsBetweenBytes() {
        byte[] expected = {0x45, 0x00, 0x00, 0x54};
        assertArrayEquals(expected, Hex.decode("45000054"));
        assertArrayEquals(expected, Hex.decode("4500 0054"));
        assertArrayEquals(expected, Hex.decode("45:00:00:54"));
        assertArrayEquals(expected, Hex.decode("  45 00\t00 54\r"));
        assertArrayEquals(new byte[0], Hex.decode(""));
    }

    @Test
    void refusesBadHexNamingTheColumn() {
        assertEquals("column 3: odd number of hex digits (this digit has no pair)",
                assertThrows(IllegalArgumentException.class, () -> Hex.decode("ab0")).getMessage());
        assertEquals("column 1: odd number of hex digits (this digit has no pair)",
                assertThrows(IllegalArgumentException.class, () -> Hex.decode("4 500")).getMessage());
        assertEquals("column 3: 'g' is not a hex digit",
                assertThrows(IllegalArgumentException.class, () -> Hex.decode("abg0")).getMessage());
        assertEquals("column 2: 'x' is not a hex digit",
                assertThrows(IllegalArgumentException.class, () -> Hex.decode("0x45")).getMessage());
    }
}
