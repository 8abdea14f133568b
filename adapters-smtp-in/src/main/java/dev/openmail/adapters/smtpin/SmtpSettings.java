package dev.openmail.adapters.smtpin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the inbound SMTP listener listens and what it accepts.
 *
 * @param bindAddress address to listen on; blank, {@code 0.0.0.0}, {@code ::} or {@code *} mean every interface
 * @param port TCP port, {@code 0} for any free one (read it back with {@link SmtpListener#port()})
 * @param hostname name in the greeting and the EHLO answer
 * @param maxMessageBytes largest message accepted (announced as SIZE, enforced while reading DATA)
 * @param maxRecipients RCPT TO commands accepted per message; the next one gets 452
 * @param maxConnections simultaneous connections; the next one gets 421
 * @param connectionTimeout how long a client may stay silent before it is disconnected
 * @param tlsCertFile PEM certificate chain for STARTTLS, leaf first; null without STARTTLS
 * @param tlsKeyFile PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted) of that certificate; null without
 *     STARTTLS
 */
public record SmtpSettings(
        String bindAddress,
        int port,
        String hostname,
        int maxMessageBytes,
        int maxRecipients,
        int maxConnections,
        Duration connectionTimeout,
        Path tlsCertFile,
        Path tlsKeyFile) {

    public static final int DEFAULT_PORT = 2525;
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final String DEFAULT_HOSTNAME = "localhost";
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
    public static final int DEFAULT_MAX_RECIPIENTS = 100;
    public static final int DEFAULT_MAX_CONNECTIONS = 200;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(60);

    public SmtpSettings {
        bindAddress = bindAddress == null ? "" : bindAddress.strip();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("SMTP port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(hostname, "hostname");
        if (hostname.isBlank()) {
            throw new IllegalArgumentException("SMTP hostname must not be blank");
        }
        requirePositive("max message bytes", maxMessageBytes);
        requirePositive("max recipients", maxRecipients);
        requirePositive("max connections", maxConnections);
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (connectionTimeout.isNegative() || connectionTimeout.isZero()
                || connectionTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SMTP connection timeout must be positive, was " + connectionTimeout);
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException(
                    "STARTTLS needs both openmail.smtp.tls-cert-file and openmail.smtp.tls-key-file, only one is set");
        }
    }

    /** Every setting at its default: port 2525 on every interface, no STARTTLS. */
    public static SmtpSettings defaults() {
        return new SmtpSettings(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, DEFAULT_HOSTNAME, DEFAULT_MAX_MESSAGE_BYTES,
                DEFAULT_MAX_RECIPIENTS, DEFAULT_MAX_CONNECTIONS, DEFAULT_CONNECTION_TIMEOUT, null, null);
    }

    /**
     * Settings from configuration values, where blank means "not set": the hostname falls back to the MX host and then
     * to {@code localhost}, and STARTTLS is on only when both PEM files are given.
     */
    static SmtpSettings fromConfiguration(String bindAddress, int port, String hostname, String mxHost,
            int maxMessageBytes, int maxRecipients, int maxConnections, int connectionTimeoutSeconds,
            String tlsCertFile, String tlsKeyFile) {
        String effectiveHostname = !isBlank(hostname) ? hostname.strip()
                : !isBlank(mxHost) ? mxHost.strip()
                : DEFAULT_HOSTNAME;
        return new SmtpSettings(bindAddress, port, effectiveHostname, maxMessageBytes, maxRecipients, maxConnections,
                Duration.ofSeconds(connectionTimeoutSeconds), pathOrNull(tlsCertFile), pathOrNull(tlsKeyFile));
    }

    public boolean tlsEnabled() {
        return tlsCertFile != null;
    }

    public SmtpSettings withBindAddress(String newBindAddress) {
        return new SmtpSettings(newBindAddress, port, hostname, maxMessageBytes, maxRecipients, maxConnections,
                connectionTimeout, tlsCertFile, tlsKeyFile);
    }

    public SmtpSettings withPort(int newPort) {
        return new SmtpSettings(bindAddress, newPort, hostname, maxMessageBytes, maxRecipients, maxConnections,
                connectionTimeout, tlsCertFile, tlsKeyFile);
    }

    public SmtpSettings withHostname(String newHostname) {
        return new SmtpSettings(bindAddress, port, newHostname, maxMessageBytes, maxRecipients, maxConnections,
                connectionTimeout, tlsCertFile, tlsKeyFile);
    }

    public SmtpSettings withMaxMessageBytes(int newMaxMessageBytes) {
        return new SmtpSettings(bindAddress, port, hostname, newMaxMessageBytes, maxRecipients, maxConnections,
                connectionTimeout, tlsCertFile, tlsKeyFile);
    }

    public SmtpSettings withMaxRecipients(int newMaxRecipients) {
        return new SmtpSettings(bindAddress, port, hostname, maxMessageBytes, newMaxRecipients, maxConnections,
                connectionTimeout, tlsCertFile, tlsKeyFile);
    }

    public SmtpSettings withMaxConnections(int newMaxConnections) {
        return new SmtpSettings(bindAddress, port, hostname, maxMessageBytes, maxRecipients, newMaxConnections,
                connectionTimeout, tlsCertFile, tlsKeyFile);
    }

    public SmtpSettings withConnectionTimeout(Duration newConnectionTimeout) {
        return new SmtpSettings(bindAddress, port, hostname, maxMessageBytes, maxRecipients, maxConnections,
                newConnectionTimeout, tlsCertFile, tlsKeyFile);
    }

    public SmtpSettings withTls(Path certFile, Path keyFile) {
        return new SmtpSettings(bindAddress, port, hostname, maxMessageBytes, maxRecipients, maxConnections,
                connectionTimeout, certFile, keyFile);
    }

    private static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("SMTP " + what + " must be positive, was " + value);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static Path pathOrNull(String value) {
        return isBlank(value) ? null : Path.of(value.strip());
    }
}
