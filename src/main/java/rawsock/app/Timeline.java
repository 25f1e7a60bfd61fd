package rawsock.app;

import java.io.PrintWriter;
import java.time.Instant;

/**
 * Where a run's time goes, for {@code scripts/bench startup-breakdown}: with the system property
 * {@code rawsock.timeline} set, each {@link #mark} records the wall-clock time (microseconds since
 * the epoch, comparable with the shell's EPOCHREALTIME) at which a phase ended, and
 * {@link #report} prints them on stderr as {@code timeline PHASE MICROS} lines just before the
 * process exits. Without the property a mark costs one field read.
 */
public final class Timeline {
    private static final boolean ON = System.getProperty("rawsock.timeline") != null;
    private static final int MAX = 16;
    private static final String[] PHASES = new String[MAX];
    private static final long[] MICROS = new long[MAX];
    private static int marks;

    private Timeline() {
    }

    /** Records that {@code phase} ended now (the first {@value #MAX} marks are kept). */
    public static void mark(String phase) {
        if (!ON || marks == MAX) {
            return;
        }
        Instant now = Instant.now();
        PHASES[marks] = phase;
        MICROS[marks++] = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** Prints the marks, when the property asked for them. */
    public static void report(PrintWriter err) {
        for (int i = 0; i < marks; i++) {
            err.println("timeline " + PHASES[i] + " " + MICROS[i]);
        }
        err.flush();
    }
}
