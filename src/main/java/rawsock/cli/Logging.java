package rawsock.cli;

import rawsock.app.Log;

/**
 * Sets the log level from -v/-vv/-q. Logback starts only when something is logged (see
 * {@link Log}) and then takes the level from there (see {@link StderrLogging}); when it has
 * started already (several runs in one JVM, as in the tests) its level is changed here.
 */
final class Logging {
    private Logging() {
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
        StderrLogging.applyThresholdIfStarted();
    }
}
