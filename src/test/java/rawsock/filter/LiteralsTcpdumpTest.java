package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import rawsock.packet.AddressFormat;
import rawsock.text.DottedQuads;
import rawsock.text.LeadingZero;

/**
 * The filter's literals held to tcpdump's own reading of them (libpcap, {@code tcpdump -ddd},
 * which opens no interface): a number or address the filter accepts, libpcap accepts with the
 * same value (its program equals the one for the value written plainly); one the filter refuses
 * for a leading zero, libpcap reads as octal (a number) or as decimal (an address part, where
 * inet_aton would read octal): either way text that means one thing to one tool and another to
 * the next; anything else the filter refuses, libpcap refuses too.
 */
class LiteralsTcpdumpTest {
    private static final Path TCPDUMP = Path.of("/usr/bin/tcpdump");
    private final Map<String, String> programs = new HashMap<>();

    @Test
    void portNumbersMeanWhatTheyMeanToLibpcap() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TCPDUMP), "tcpdump is not installed");
        for (String literal : portLiterals()) {
            String ours = "port " + literal;
            FilterSyntaxException refusal = refusal(ours);
            String theirs = libpcap(ours);
            if (refusal == null) {
                long value = literal.startsWith("0x") || literal.startsWith("0X")
                        ? Long.parseLong(literal.substring(2), 16) : Long.parseLong(literal);
                assertEquals(libpcap("port " + value), theirs, literal);
            } else if (refusal.getMessage().contains("leading zero")) {
                boolean octal = literal.chars().allMatch(c -> c >= '0' && c <= '7');
                if (octal && Long.parseLong(literal, 8) <= 65535) {
                    assertEquals(libpcap("port " + Long.parseLong(literal, 8)), theirs, literal + ": libpcap reads octal");
                } else {
                    assertNull(theirs, literal);
                }
            } else {
                assertNull(theirs, literal + " (we said: " + refusal.getMessage() + ")");
            }
        }
    }

    @Test
    void hostAddressesMeanWhatTheyMeanToLibpcap() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TCPDUMP), "tcpdump is not installed");
        for (String quad : quads()) {
            String ours = "host " + quad;
            FilterSyntaxException refusal = refusal(ours);
            String theirs = libpcap(ours);
            Integer decimal = DottedQuads.parse(quad, LeadingZero.DECIMAL);
            if (refusal == null) {
                assertEquals(libpcap("host " + AddressFormat.ipv4(decimal)), theirs, quad);
            } else if (decimal != null) {
                // Refused for a leading zero: libpcap reads the part as decimal, inet_aton as octal.
                assertNotNull(theirs, quad);
                assertEquals(libpcap("host " + AddressFormat.ipv4(decimal)), theirs, quad);
            } else {
                assertNull(theirs, quad + " (we said: " + refusal.getMessage() + ")");
            }
        }
    }

    private static List<String> portLiterals() {
        List<String> literals = new ArrayList<>(List.of("0", "00", "010", "0777", "08", "0177777", "0200000", "65535",
                "65536", "0x0", "0x00ff", "0XfFfF", "0x10000", "4294967295", "4294967296", "99999999999999999999"));
        Random random = new Random(11);
        for (int i = 0; i < 30; i++) {
            literals.add(Integer.toString(random.nextInt(70_000)));
            literals.add((random.nextBoolean() ? "0x" : "0X") + Integer.toHexString(random.nextInt(0x11000)));
            literals.add("0" + Integer.toOctalString(random.nextInt(0200000)));
        }
        return literals;
    }

    private static List<String> quads() {
        List<String> quads = new ArrayList<>(List.of("10.0.0.1", "010.0.0.1", "10.00.0.1", "192.168.1.010",
                "255.255.255.255", "256.1.1.1", "1.2.3.300", "0.0.0.0"));
        Random random = new Random(12);
        for (int i = 0; i < 20; i++) {
            StringBuilder quad = new StringBuilder();
            for (int part = 0; part < 4; part++) {
                int value = random.nextInt(300);
                quad.append(part == 0 ? "" : ".").append(random.nextInt(8) == 0 && value < 100 ? "0" : "").append(value);
            }
            quads.add(quad.toString());
        }
        return quads;
    }

    private static FilterSyntaxException refusal(String expression) {
        try {
            FilterCompiler.compile(expression, FilterTarget.IPV4_RAW);
            return null;
        } catch (FilterSyntaxException e) {
            return e;
        }
    }

    /** tcpdump's program for the expression on a RAW link, as text, or null when it refuses it. */
    private String libpcap(String expression) throws IOException, InterruptedException {
        if (programs.containsKey(expression)) {
            return programs.get(expression);
        }
        Process p = new ProcessBuilder(TCPDUMP.toString(), "-ddd", "-y", "RAW", expression).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tcpdump hung on " + expression);
        }
        String program = p.exitValue() == 0 ? out : null;
        programs.put(expression, program);
        return program;
    }
}
