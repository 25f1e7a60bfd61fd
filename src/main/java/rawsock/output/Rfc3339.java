package rawsock.output;

/**
 * Formats epoch nanoseconds as an RFC 3339 UTC timestamp with exactly nine fraction digits, e.g.
 * {@code 2026-11-28T08:12:27.123456789Z} (always {@link #LENGTH} characters). Allocation-free:
 * the civil date is computed with integer arithmetic (H. Hinnant's days-to-civil algorithm)
 * instead of java.time. UTC rather than local time so that scripts comparing or sorting
 * timestamps need no time zone; every long value (years 1677 to 2262) gives four year digits.
 */
public final class Rfc3339 {
    /** Characters in every formatted timestamp. */
    public static final int LENGTH = 30;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private Rfc3339() {
    }

    /** Returns the timestamp as a new String (convenience; the writers format into their own buffers). */
    public static String format(long epochNanos) {
        char[] chars = new char[LENGTH];
        format(epochNanos, chars, 0);
        return new String(chars);
    }

    /**
     * Writes the timestamp into {@code dst} at {@code offset}; returns the offset after it
     * ({@code offset + LENGTH}).
     */
    public static int format(long epochNanos, char[] dst, int offset) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        long civil = civil(days);
        int i = offset;
        i = put(dst, i, (int) (civil >> 16), 4);
        dst[i++] = '-';
        i = put(dst, i, (int) ((civil >> 8) & 0xff), 2);
        dst[i++] = '-';
        i = put(dst, i, (int) (civil & 0xff), 2);
        dst[i++] = 'T';
        i = put(dst, i, secondOfDay / 3600, 2);
        dst[i++] = ':';
        i = put(dst, i, secondOfDay / 60 % 60, 2);
        dst[i++] = ':';
        i = put(dst, i, secondOfDay % 60, 2);
        dst[i++] = '.';
        i = put(dst, i, nanos, 9);
        dst[i++] = 'Z';
        return i;
    }

    /** Days since 1970-01-01 to (year << 16 | month << 8 | day). */
    private static long civil(long daysSinceEpoch) {
        long z = daysSinceEpoch + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long year = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        if (month <= 2) {
            year++;
        }
        return year << 16 | month << 8 | day;
    }

    private static int put(char[] dst, int offset, int value, int digits) {
        for (int i = offset + digits - 1; i >= offset; i--) {
            dst[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return offset + digits;
    }
}
