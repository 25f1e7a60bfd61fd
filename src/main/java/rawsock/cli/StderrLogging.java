package rawsock.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import rawsock.app.Log;

/**
 * Logback's configuration, in code: one appender to stderr (stdout carries packet data only),
 * at the level -v/-vv/-q chose ({@link Log#threshold()}). Found by Logback through
 * META-INF/services when the first message is logged; it replaces an XML file whose parsing cost
 * a third of a one-shot run's start-up.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class StderrLogging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setTarget("System.err");
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        Layout layout = new Layout();
        layout.setContext(context);
        layout.start();
        encoder.setLayout(layout);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        Logger rootLogger = context.getLogger(Logger.ROOT_LOGGER_NAME);
        rootLogger.setLevel(level(Log.threshold()));
        rootLogger.addAppender(appender);
        Logging.whenLevelChanges(threshold -> rootLogger.setLevel(level(threshold)));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Level level(int threshold) {
        switch (threshold) {
            case Log.ERROR:
                return Level.ERROR;
            case Log.INFO:
                return Level.INFO;
            case Log.DEBUG:
                return Level.DEBUG;
            default:
                return Level.WARN;
        }
    }

    /** "rawsock: LEVEL Logger: message", without a pattern to parse at start-up. */
    static final class Layout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            String logger = event.getLoggerName();
            StringBuilder line = new StringBuilder(96).append("rawsock: ").append(event.getLevel()).append(' ')
                    .append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ")
                    .append(event.getFormattedMessage()).append(System.lineSeparator());
            if (event.getThrowableProxy() != null) {
                line.append("  ").append(event.getThrowableProxy().getClassName()).append(": ")
                        .append(event.getThrowableProxy().getMessage()).append(System.lineSeparator());
            }
            return line.toString();
        }
    }
}
