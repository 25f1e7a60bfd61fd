package rawsock.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Dotted quads held to the C library's inet_pton (strict: four parts, no leading zeros), and
 * under the command line's rule (a leading zero is decimal) to inet_pton of the same text with
 * those zeros taken off; each accepted address also reads back through the JDK's InetAddress.
 */
class DottedQuadsTest {
    private static final String ALPHABET = "0123456789....012255 x-+\u0663\uff11";

    @Test
    void strictQuadsAreWhatInetPtonAccepts() {
        for (String text : cases()) {
            byte[] expected = InetPton.parse(InetPton.AF_INET, text);
            assertArrayEquals(expected, DottedQuads.bytes(text, LeadingZero.REFUSED), "'" + text + "'");
        }
    }

    @Test
    void withDecimalZerosAQuadIsInetPtonOfTheTextWithoutThem() {
        for (String text : cases()) {
            assertArrayEquals(decimalReference(text), DottedQuads.bytes(text, LeadingZero.DECIMAL), "'" + text + "'");
        }
        assertArrayEquals(new byte[] {10, 0, 0, 1}, DottedQuads.bytes("010.000.00.001", LeadingZero.DECIMAL));
        assertNull(DottedQuads.bytes("0010.0.0.1", LeadingZero.DECIMAL), "at most three digits a part");
    }

    @Test
    void acceptedQuadsReadBackThroughTheJdk() throws Exception {
        Random random = new Random(4);
        for (int n = 0; n < 2000; n++) {
            String text = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256);
            byte[] bytes = DottedQuads.bytes(text, LeadingZero.REFUSED);
            // getByAddress never asks a resolver; its text form is the JDK's own formatting.
            InetAddress jdk = InetAddress.getByAddress(bytes);
            assertEquals(text, ((Inet4Address) jdk).getHostAddress());
        }
    }

    @Test
    void prefixesHaveOneToFourPartsTheRestZero() {
        assertEquals(new DottedQuads.Prefix(0x0a000000, 1), DottedQuads.parsePrefix("10", LeadingZero.REFUSED));
        assertEquals(new DottedQuads.Prefix(0xc0a80000, 2), DottedQuads.parsePrefix("192.168", LeadingZero.REFUSED));
        assertEquals(new DottedQuads.Prefix(0x0a010203, 4), DottedQuads.parsePrefix("10.1.2.3", LeadingZero.REFUSED));
        for (String bad : List.of("", ".", "10.", ".10", "10..1", "1.2.3.4.5", "010", "256", "1.2.3.4 ", "1,2")) {
            assertNull(DottedQuads.parsePrefix(bad, LeadingZero.REFUSED), "'" + bad + "'");
        }
        assertNull(DottedQuads.parse("10.1", LeadingZero.REFUSED), "a host needs four parts");
    }

    @Test
    void oneOctetOnItsOwn() {
        assertEquals(0, DottedQuads.octet("0", LeadingZero.REFUSED));
        assertEquals(255, DottedQuads.octet("255", LeadingZero.REFUSED));
        assertEquals(-1, DottedQuads.octet("256", LeadingZero.DECIMAL));
        assertEquals(-1, DottedQuads.octet("07", LeadingZero.REFUSED));
        assertEquals(7, DottedQuads.octet("07", LeadingZero.DECIMAL));
        assertEquals(-1, DottedQuads.octet("", LeadingZero.DECIMAL));
        assertEquals(-1, DottedQuads.octet("\u0663", LeadingZero.DECIMAL));
    }

    /** inet_pton of the text with each part's leading zeros removed, when every part has one to three characters. */
    private static byte[] decimalReference(String text) {
        String[] parts = text.split("\\.", -1);
        StringBuilder stripped = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return null;
            }
            String digits = part.replaceFirst("^0+(?=.)", "");
            stripped.append(stripped.length() == 0 && part == parts[0] ? "" : ".").append(digits);
        }
        return InetPton.parse(InetPton.AF_INET, stripped.toString());
    }

    /** Hand-picked hostile text, then random strings over digits, dots and trouble. */
    private static List<String> cases() {
        List<String> cases = new ArrayList<>(List.of("", "1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1",
                "1.2.3", "1.2.3.4.5", "01.2.3.4", "00.0.0.0", "1.2.3.04", "1..2.3", ".1.2.3.4", "1.2.3.4.",
                " 1.2.3.4", "1.2.3.4 ", "+1.2.3.4", "-1.2.3.4", "0x1.2.3.4", "1.2.3.4/8", "\u0663.2.3.4",
                "\uff11.2.3.4", "1000.1.1.1", "1.2.3.999", "4294967295", "127.1"));
        Random random = new Random(23);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(18); length > 0; length--) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            cases.add(text.toString());
        }
        return cases;
    }
}
