package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HexLineReaderTest {
    private final ByteBuffer into = ByteBuffer.allocate(HexLineReader.MAX_PACKET);

    private static HexLineReader reader(String text) {
        return new HexLineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private List<String> readAll(HexLineReader r) throws IOException {
        List<String> out = new ArrayList<>();
        while (r.next(into)) {
            assertEquals(0, into.position());
            out.add(Hex.encode(into));
        }
        return out;
    }

    @Test
    void separatorsCaseCommentsBlankLinesAndCrlf() throws IOException {
        HexLineReader r = reader("# captured with rawsock recv -f hex\n"
                + "\n"
                + "45000054\n"
                + "   \t\n"
                + "  # indented comment 45 00\n"
                + "4500 0054\r\n"
                + "45:00:00:54\n"
                + "  45 00 00 54  \n"
                + "DEADbeef\n"
                + ":\n"
                + "0102");
        assertEquals(List.of("45000054", "45000054", "45000054", "45000054", "deadbeef", "0102"),
                readAll(r));
        assertEquals(11, r.lineNumber());
        assertFalse(r.next(into));
    }

    @Test
    void lineNumbersFollowThePackets() throws IOException {
        HexLineReader r = reader("\n# c\nab\n\ncd\n");
        assertTrue(r.next(into));
        assertEquals(3, r.lineNumber());
        assertTrue(r.next(into));
        assertEquals(5, r.lineNumber());
        assertFalse(r.next(into));
        assertFalse(reader("").next(into));
        assertFalse(reader("\n\n# only comments\n").next(into));
    }

    private HexFormatException error(String text) {
        HexLineReader r = reader(text);
        return assertThrows(HexFormatException.class, () -> readAll(r));
    }

    @Test
    void malformedLinesNameLineAndColumn() {
        HexFormatException e = error("ab\n\nabc\n");
        assertEquals("line 3, column 3: odd number of hex digits (this digit has no pair)", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(3, e.column());
        assertEquals("line 1, column 6: 'g' is not a hex digit", error("45 00g0\n").getMessage());
        assertEquals("line 2, column 1: odd number of hex digits (this digit has no pair)",
                error("00\n4 500\n").getMessage());
        assertEquals("line 1, column 2: 'x' is not a hex digit", error("0x4500").getMessage());
        assertEquals("line 1, column 10: '#' is not a hex digit", error("45000054 # comment").getMessage());
        assertEquals("line 1, column 3: byte 0xe9 is not a hex digit", error("ab\u00e9").getMessage());
        assertEquals("line 1, column 3: byte 0x00 is not a hex digit", error("ab\u0000cd").getMessage());
        assertEquals("line 1, column 1: odd number of hex digits (this digit has no pair)",
                error("a").getMessage());
    }

    @Test
    void theReaderGoesOnAfterABadLine() throws IOException {
        HexLineReader r = reader("aa\nzz zz zz\nbb\nccc\ndd\n");
        assertTrue(r.next(into));
        assertEquals("aa", Hex.encode(into));
        assertThrows(HexFormatException.class, () -> r.next(into));
        assertTrue(r.next(into));
        assertEquals("bb", Hex.encode(into));
        assertEquals(3, r.lineNumber());
        HexFormatException e = assertThrows(HexFormatException.class, () -> r.next(into));
        assertEquals(4, e.line());
        assertTrue(r.next(into));
        assertEquals("dd", Hex.encode(into));
        assertFalse(r.next(into));
    }

    @Test
    void tooLongLines() throws IOException {
        String max = "ab".repeat(HexLineReader.MAX_PACKET);
        HexLineReader ok = reader(max + "\n");
        assertTrue(ok.next(into));
        assertEquals(HexLineReader.MAX_PACKET, into.remaining());

        HexFormatException e = error(max + "cd\n");
        assertEquals("line 1, column " + (2 * HexLineReader.MAX_PACKET + 1)
                + ": packet longer than 65535 bytes", e.getMessage());
        // with separators the column still points at the first digit of the extra byte
        e = error("ab ".repeat(HexLineReader.MAX_PACKET) + "cd\n");
        assertEquals(3L * HexLineReader.MAX_PACKET + 1, e.column());

        HexLineReader small = reader("0102030405\n01\n");
        ByteBuffer four = ByteBuffer.allocate(4);
        e = assertThrows(HexFormatException.class, () -> small.next(four));
        assertEquals("line 1, column 9: packet longer than 4 bytes (the send buffer's size)", e.getMessage());
        assertTrue(small.next(four));
        assertEquals("01", Hex.encode(four));
    }

    @Test
    void anEndlessLineUsesBoundedMemoryAndFails() {
        // 100 MB of digits without a newline, generated on the fly
        InputStream endless = new InputStream() {
            private long left = 100_000_000L;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
        HexLineReader r = new HexLineReader(endless);
        HexFormatException e = assertThrows(HexFormatException.class, () -> r.next(into));
        assertEquals(1, e.line());
        assertEquals(131_071, e.column());
    }

    @Test
    void aTrickleOfBytesReadsTheSame() throws IOException {
        byte[] text = "ab cd\n# x\nef01\n".getBytes(StandardCharsets.US_ASCII);
        InputStream trickle = new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < text.length ? text[pos++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= text.length) {
                    return -1;
                }
                b[off] = text[pos++];
                return 1;
            }
        };
        assertEquals(List.of("abcd", "ef01"), readAll(new HexLineReader(trickle)));
    }

    @Test
    void streamErrorsPropagateUnchanged() {
        IOException failure = new IOException("Input/output error");
        HexLineReader r = new HexLineReader(new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }
        });
        assertSame(failure, assertThrows(IOException.class, () -> r.next(into)));
    }

    @Test
    void hostileBytesGiveOnlyFormatErrors() {
        SplittableRandom random = new SplittableRandom(99);
        byte[] alphabet = "0123456789abcdefABCDEF :\t\r\n#xg\u0000".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer small = ByteBuffer.allocate(64);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = new byte[random.nextInt(300)];
            for (int j = 0; j < input.length; j++) {
                input[j] = random.nextInt(10) == 0 ? (byte) random.nextInt(256)
                        : alphabet[random.nextInt(alphabet.length)];
            }
            HexLineReader r = new HexLineReader(new ByteArrayInputStream(input));
            ByteBuffer buffer = i % 2 == 0 ? into : small;
            for (int guard = 0; guard < 1000; guard++) {
                try {
                    if (!r.next(buffer)) {
                        break;
                    }
                    assertTrue(buffer.remaining() > 0);
                } catch (HexFormatException e) {
                    assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
                } catch (IOException | RuntimeException e) {
                    fail("input " + Hex.encode(input) + " gave " + e, e);
                }
            }
        }
    }
}
