package dev.openmail.adapters.smtpout;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how outgoing mail is handed on.
 *
 * @param host the relay's host name or address; blank when no relay is configured (then nothing can be sent)
 * @param port the relay's SMTP port
 * @param username user for SMTP AUTH; null to send without authenticating
 * @param password password for SMTP AUTH; null exactly when {@code username} is
 * @param startTls whether the connection must be upgraded with STARTTLS before anything else is sent
 * @param timeout bound on connecting and on each read and write
 * @param heloName the name this server gives in EHLO
 */
public record RelaySettings(
        String host,
        int port,
        String username,
        String password,
        boolean startTls,
        Duration timeout,
        String heloName) {

    public static final int DEFAULT_PORT = 25;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_HELO_NAME = "localhost";

    public RelaySettings {
        host = host == null ? "" : host.strip();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP relay port must be 1..65535, was " + port);
        }
        username = blankToNull(username);
        password = password == null || password.isEmpty() ? null : password;
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("SMTP relay AUTH needs both openmail.smtp-relay.username and "
                    + "openmail.smtp-relay.password (OPENMAIL_SMTP_RELAY_USERNAME, OPENMAIL_SMTP_RELAY_PASSWORD), "
                    + "only one is set");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SMTP relay timeout must be positive, was " + timeout);
        }
        heloName = blankToNull(heloName);
        if (heloName == null) {
            heloName = DEFAULT_HELO_NAME;
        }
    }

    /** Settings for a relay without AUTH or STARTTLS, with the default timeout: enough for most tests. */
    public static RelaySettings plain(String host, int port) {
        return new RelaySettings(host, port, null, null, false, DEFAULT_TIMEOUT, DEFAULT_HELO_NAME);
    }

    /**
     * Settings as configuration spells them: a blank {@code heloName} falls back to {@code mxHost}, then to
     * {@value #DEFAULT_HELO_NAME}.
     */
    public static RelaySettings fromConfiguration(String host, int port, String username, String password,
            boolean startTls, int timeoutSeconds, String heloName, String mxHost) {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException(
                    "openmail.smtp-relay.timeout-seconds must be positive, was " + timeoutSeconds);
        }
        String helo = blankToNull(heloName);
        if (helo == null) {
            helo = blankToNull(mxHost);
        }
        return new RelaySettings(host, port, username, password, startTls, Duration.ofSeconds(timeoutSeconds), helo);
    }

    public boolean configured() {
        return !host.isEmpty();
    }

    public boolean authenticates() {
        return username != null;
    }

    public RelaySettings withTimeout(Duration newTimeout) {
        return new RelaySettings(host, port, username, password, startTls, newTimeout, heloName);
    }

    public RelaySettings withCredentials(String newUsername, String newPassword) {
        return new RelaySettings(host, port, newUsername, newPassword, startTls, timeout, heloName);
    }

    public RelaySettings withStartTls(boolean required) {
        return new RelaySettings(host, port, username, password, required, timeout, heloName);
    }

    public RelaySettings withHeloName(String newHeloName) {
        return new RelaySettings(host, port, username, password, startTls, timeout, newHeloName);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Without the password, so the settings can be logged. */
    @Override
    public String toString() {
        return "RelaySettings[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", startTls=" + startTls
                + ", timeout=" + timeout + ", heloName=" + heloName + "]";
    }
}
