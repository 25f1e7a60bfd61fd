package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
    /** java.time as the independent reference. */
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'")
                    .withZone(ZoneOffset.UTC);

    private static String reference(long nanos) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
        return REFERENCE.format(instant);
    }

    @Test
    void formatsTheExampleFromTheDesign() {
        assertEquals("2026-11-28T08:12:27.123456789Z", Rfc3339.format(TestPackets.TS));
    }

    @Test
    void formatsEdges() {
        assertEquals("1970-01-01T00:00:00.000000000Z", Rfc3339.format(0));
        assertEquals("1969-12-31T23:59:59.999999999Z", Rfc3339.format(-1));
        assertEquals("2000-02-29T12:00:00.000000001Z",
                Rfc3339.format(Instant.parse("2000-02-29T12:00:00Z").getEpochSecond()
                        * 1_000_000_000L + 1));
        for (long v : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 951_782_400_000_000_000L,
                4_102_444_800_000_000_000L - 1, 4_294_967_295_999_999_999L}) {
            assertEquals(reference(v), Rfc3339.format(v), "at " + v);
        }
    }

    @Test
    void agreesWithJavaTimeOnRandomInstants() {
        SplittableRandom random = new SplittableRandom(42);
        char[] chars = new char[40];
        for (int i = 0; i < 200_000; i++) {
            long v = random.nextLong();
            String expected = reference(v);
            assertEquals(3 + Rfc3339.LENGTH, Rfc3339.format(v, chars, 3));
            assertEquals(expected, new String(chars, 3, Rfc3339.LENGTH));
        }
    }

    @Test
    void everyDayOfFourCenturiesMatches() {
        // Day by day across 1900..2300 covers every leap-year rule.
        long start = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond() / 86_400;
        long end = Instant.parse("2262-04-11T00:00:00Z").getEpochSecond() / 86_400;
        for (long day = start; day < end; day++) {
            long nanos = day * 86_400L * 1_000_000_000L + 86_399_999_999_999L;
            assertEquals(reference(nanos), Rfc3339.format(nanos));
        }
    }
}
