package rawsock.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logger that checks the -v/-vv/-q level before it touches SLF4J: a run that logs nothing,
 * which a plain one-shot send is, never starts Logback, whose start-up was a tenth of such a
 * run. The messages still go through SLF4J and Logback (to stderr) when the level asks for them.
 */
public final class Log {
    public static final int ERROR = 0;
    public static final int WARN = 1;
    public static final int INFO = 2;
    public static final int DEBUG = 3;

    private static volatile int threshold = WARN;

    private final Class<?> owner;
    private volatile Logger logger;

    private Log(Class<?> owner) {
        this.owner = owner;
    }

    public static Log of(Class<?> owner) {
        return new Log(owner);
    }

    /** The most detailed level that is logged: {@link #ERROR} to {@link #DEBUG}. */
    public static void threshold(int level) {
        threshold = level;
    }

    public static int threshold() {
        return threshold;
    }

    public boolean isDebugEnabled() {
        return threshold >= DEBUG;
    }

    public void warn(String format, Object... arguments) {
        if (threshold >= WARN) {
            logger().warn(format, arguments);
        }
    }

    public void info(String format, Object... arguments) {
        if (threshold >= INFO) {
            logger().info(format, arguments);
        }
    }

    public void debug(String format, Object... arguments) {
        if (threshold >= DEBUG) {
            logger().debug(format, arguments);
        }
    }

    private Logger logger() {
        Logger current = logger;
        if (current == null) {
            current = LoggerFactory.getLogger(owner);
            logger = current;
        }
        return current;
    }
}
