package rawsock.cli;

import java.util.function.IntConsumer;
import rawsock.app.Log;

/**
 * Sets the log level from -v/-vv/-q. Logback starts only when something is logged (see
 * {@link Log}) and then takes the level from there (see {@link StderrLogging}); when it has
 * started already (several runs in one JVM, as in the tests) its level is changed here, without
 * this class loading any of Logback's.
 */
final class Logging {
    /** Set by {@link StderrLogging} when Logback starts: gives it a level chosen later. */
    private static volatile IntConsumer startedLogback;

    private Logging() {
    }

    static void whenLevelChanges(IntConsumer logback) {
        startedLogback = logback;
    }

    static void configure(int verbosity, boolean quiet) {
        int level;
        if (quiet) {
            level = Log.ERROR;
        } else if (verbosity >= 2) {
            level = Log.DEBUG;
        } else if (verbosity == 1) {
            level = Log.INFO;
        } else {
            level = Log.WARN;
        }
        Log.threshold(level);
        IntConsumer logback = startedLogback;
        if (logback != null) {
            logback.accept(level);
        }
    }
}
