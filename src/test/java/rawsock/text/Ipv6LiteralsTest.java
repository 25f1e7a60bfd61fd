package rawsock.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** IPv6 literals held to the C library's inet_pton(AF_INET6), over hand-picked and generated text. */
class Ipv6LiteralsTest {
    private static final String[] TOKENS = {"0", "1", "ff", "FFFF", "abcd", "12345", "g", "0000", ":", ":", ":", "::",
        "1.2.3.4", "01.2.3.4", "256.1.1.1", ".", "%eth0", " ", "\u0663"};

    @Test
    void literalsAreWhatInetPtonAccepts() {
        for (String text : cases()) {
            assertArrayEquals(InetPton.parse(InetPton.AF_INET6, text), bytes(Ipv6Literals.parse(text)), "'" + text + "'");
        }
    }

    private static byte[] bytes(int[] words) {
        if (words == null) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate(16);
        for (int word : words) {
            out.putInt(word);
        }
        return out.array();
    }

    private static List<String> cases() {
        List<String> cases = new ArrayList<>(List.of("", "::", "::1", "1::", "fe80::1", "fe80::1%lo", "[::1]",
                "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::2:3:4:5:6:7:8",
                ":1::2", "1::2:", "1:::2", "1::2::3", "::ffff:1.2.3.4", "::ffff:01.2.3.4", "::1.2.3.4.5",
                "1.2.3.4::", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "12345::", "0000:0000::", "::g",
                "fe80::\u0663", " ::1", "::1 "));
        Random random = new Random(6);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int tokens = random.nextInt(12); tokens > 0; tokens--) {
                text.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
            cases.add(text.toString());
        }
        return cases;
    }
}
