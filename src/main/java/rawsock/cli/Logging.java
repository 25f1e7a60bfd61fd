package rawsock.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the log level from -v/-vv/-q. Logback writes to stderr only (see StderrLogging). */
final class Logging {
    private Logging() {
    }

    static void configure(int verbosity, boolean quiet) {
        Level level;
        if (quiet) {
            level = Level.ERROR;
        } else if (verbosity >= 2) {
            level = Level.DEBUG;
        } else if (verbosity == 1) {
            level = Level.INFO;
        } else {
            level = Level.WARN;
        }
        org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof Logger) {
            ((Logger) root).setLevel(level);
        }
    }
}
