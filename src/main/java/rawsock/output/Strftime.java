package rawsock.output;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The strftime(3) conversions that file names for {@code -G} use (as tcpdump's {@code -w
 * cap-%H%M%S.pcap}): %Y %y %m %d %e %j %H %M %S %s %b %a %F %T %D %R %z %Z %%; anything else is
 * refused, so a name never silently stops changing.
 */
public final class Strftime {
    private Strftime() {
    }

    /** The name for a time; its conversions are checked by {@link #finest}. */
    public static String format(String pattern, long epochNanos, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)).atZone(zone);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                sb.append(c);
                continue;
            }
            char k = pattern.charAt(++i);
            switch (k) {
                case 'Y' -> sb.append(t.getYear());
                case 'y' -> two(sb, t.getYear() % 100);
                case 'm' -> two(sb, t.getMonthValue());
                case 'd' -> two(sb, t.getDayOfMonth());
                case 'e' -> sb.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
                case 'j' -> sb.append(String.format("%03d", t.getDayOfYear()));
                case 'H' -> two(sb, t.getHour());
                case 'M' -> two(sb, t.getMinute());
                case 'S' -> two(sb, t.getSecond());
                case 's' -> sb.append(t.toEpochSecond());
                case 'b' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'F' -> sb.append(format("%Y-%m-%d", epochNanos, zone));
                case 'T' -> sb.append(format("%H:%M:%S", epochNanos, zone));
                case 'D' -> sb.append(format("%m/%d/%y", epochNanos, zone));
                case 'R' -> sb.append(format("%H:%M", epochNanos, zone));
                case 'z' -> sb.append(t.getOffset().getId().equals("Z") ? "+0000" : t.getOffset().getId().replace(":", ""));
                case 'Z' -> sb.append(t.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case '%' -> sb.append('%');
                default -> throw new IllegalArgumentException("unsupported conversion %" + k + " in '" + pattern + "'");
            }
        }
        return sb.toString();
    }

    /**
     * The shortest period, in seconds, in which the pattern's name changes (1 for %S, 60 for %M,
     * 3600 for %H, 86400 for a day), or 0 when it has no time conversion.
     *
     * @throws IllegalArgumentException for a conversion {@link #format} does not know
     */
    public static long finest(String pattern) {
        format(pattern, 0, ZoneId.of("UTC"));  // refuses unknown conversions
        long finest = 0;
        for (int i = 0; i + 1 < pattern.length(); i++) {
            if (pattern.charAt(i) != '%') {
                continue;
            }
            char k = pattern.charAt(++i);
            long unit = "STs".indexOf(k) >= 0 ? 1 : "MR".indexOf(k) >= 0 ? 60 : k == 'H' ? 3600
                    : "dejaFD".indexOf(k) >= 0 ? 86_400 : 0;
            if (unit > 0 && (finest == 0 || unit < finest)) {
                finest = unit;
            }
        }
        return finest;
    }

    private static void two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }
}
