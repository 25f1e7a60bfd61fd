package rawsock.app;

/** Byte counts for people: 0 B, 740 KiB, 4.5 MiB, 312 MiB, 2 GiB (binary multiples). */
final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Sizes() {
    }

    static String human(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0 || value >= 10 || value == Math.rint(value)) {
            return Math.round(value) + " " + UNITS[unit];
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
