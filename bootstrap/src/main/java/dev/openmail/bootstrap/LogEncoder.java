package dev.openmail.bootstrap;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import java.util.Locale;

/**
 * The console's encoder, as {@code OPENMAIL_LOG_FORMAT} (or the system property {@code openmail.log-format}) asks:
 * {@code json}, one JSON object per line (logback's {@link JsonEncoder}: timestamp, level, thread, logger, the MDC,
 * the formatted message and any exception), or {@code text}, the default, in the configured pattern. Any other value
 * logs as text, with a warning in logback's start-up status.
 */
public final class LogEncoder extends EncoderBase<ILoggingEvent> {

    static final String ENVIRONMENT_VARIABLE = "OPENMAIL_LOG_FORMAT";
    static final String SYSTEM_PROPERTY = "openmail.log-format";

    private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";
    private Encoder<ILoggingEvent> delegate;

    /** The text format's pattern. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        String setting = System.getProperty(SYSTEM_PROPERTY, System.getenv(ENVIRONMENT_VARIABLE));
        delegate = json(setting) ? jsonEncoder() : textEncoder();
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    /** Whether a setting asks for JSON; a value neither text nor json is warned about. */
    boolean json(String setting) {
        String format = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
        if (format.equals("json")) {
            return true;
        }
        if (!format.isEmpty() && !format.equals("text")) {
            addWarn(ENVIRONMENT_VARIABLE + " is '" + setting + "'; it takes text or json. Logging as text.");
        }
        return false;
    }

    private static Encoder<ILoggingEvent> jsonEncoder() {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        return encoder;
    }

    private Encoder<ILoggingEvent> textEncoder() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(pattern);
        return encoder;
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
