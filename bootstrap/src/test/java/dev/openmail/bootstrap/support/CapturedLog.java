package dev.openmail.bootstrap.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * Keeps everything the test JVM logs, so that a test can search the whole run's log. Registered in logback-test.xml
 * on the root logger; what it sees is what an operator's log file would hold.
 */
public final class CapturedLog extends AppenderBase<ILoggingEvent> {

    private static final StringBuilder TEXT = new StringBuilder();

    /** All captured lines so far: logger, level, message, the MDC, and any exception with its causes. */
    public static String text() {
        synchronized (TEXT) {
            return TEXT.toString();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder()
                .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
                .append(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap()).append('\n');
        for (IThrowableProxy failure = event.getThrowableProxy(); failure != null; failure = failure.getCause()) {
            line.append(failure.getClassName()).append(": ").append(failure.getMessage()).append('\n');
            for (StackTraceElementProxy frame : failure.getStackTraceElementProxyArray()) {
                line.append("    ").append(frame.getSTEAsString()).append('\n');
            }
        }
        synchronized (TEXT) {
            TEXT.append(line);
        }
    }
}
