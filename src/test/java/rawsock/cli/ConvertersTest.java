package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
    @Test
    void durationsInEveryUnit() {
        DurationConverter d = new DurationConverter();
        assertEquals(1_000_000_000L, d.convert("1s"));
        assertEquals(1_000_000_000L, d.convert("1"));
        assertEquals(200_000_000L, d.convert("0.2"));
        assertEquals(10_000_000L, d.convert("10ms"));
        assertEquals(250_000L, d.convert("250us"));
        assertEquals(250_000L, d.convert("250µs"));
        assertEquals(5L, d.convert("5ns"));
        assertEquals(1_500_000_000L, d.convert("1.5s"));
        assertEquals(120_000_000_000L, d.convert("2m"));
        assertEquals(3_600_000_000_000L, d.convert("1h"));
        assertThrows(TypeConversionException.class, () -> d.convert("-1s"));
        assertThrows(TypeConversionException.class, () -> d.convert("ms"));
        assertThrows(TypeConversionException.class, () -> d.convert("1 fortnight"));
        assertThrows(TypeConversionException.class, () -> d.convert("99999999999h"));
    }

    @Test
    void numbersInDecimalAndHexButNeverOctal() {
        NumberConverter n = new NumberConverter();
        assertEquals(10L, n.convert("010"));
        assertEquals(0x1234L, n.convert("0x1234"));
        assertEquals(0xABCDL, n.convert("0XabCD"));
        assertEquals(-1L, n.convert("-1"));
        assertThrows(TypeConversionException.class, () -> n.convert("12a"));
        assertThrows(TypeConversionException.class, () -> n.convert("0x"));
    }

    @Test
    void hexWithSeparators() {
        HexConverter h = new HexConverter();
        assertArrayEquals(new byte[] {0x01, (byte) 0xff, 0x10}, h.convert("01ff10"));
        assertArrayEquals(new byte[] {0x01, (byte) 0xff}, h.convert("0x01:FF"));
        assertArrayEquals(new byte[] {0x01, (byte) 0xff}, h.convert("01 ff"));
        assertArrayEquals(new byte[0], h.convert(""));
        assertThrows(TypeConversionException.class, () -> h.convert("0g"));
        assertThrows(TypeConversionException.class, () -> h.convert("123"));
    }

    @Test
    void sizesWithBinaryMultiples() {
        SizeConverter s = new SizeConverter();
        assertEquals(65536L, s.convert("65536"));
        assertEquals(512L << 10, s.convert("512k"));
        assertEquals(8L << 20, s.convert("8M"));
        assertEquals(1L << 30, s.convert("1g"));
        assertThrows(TypeConversionException.class, () -> s.convert("lots"));
        assertThrows(TypeConversionException.class, () -> s.convert("-1"));
    }
}
