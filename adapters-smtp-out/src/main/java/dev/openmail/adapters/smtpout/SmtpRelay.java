package dev.openmail.adapters.smtpout;

import dev.openmail.domain.port.out.TransmitMail;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands finished messages to the relay at {@code openmail.smtp-relay.*} over SMTP, one connection per call and one
 * transaction per envelope on it.
 *
 * <p>The bytes go out exactly as given: the message is never parsed or re-serialized, so headers, Message-ID and a
 * DKIM signature made over them survive. Nothing is retried here: each envelope's {@link RecipientResult} tells the
 * caller what became of it. A relay that asks for credentials not configured, or refuses them, defers the mail rather
 * than failing it: that is a configuration mistake, to be fixed while the mail waits.
 */
public final class SmtpRelay implements TransmitMail {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpRelay.class);
    private static final int AUTHENTICATION_REQUIRED = 530;

    private final RelaySettings settings;

    /** A relay that never sends its credentials over a connection without TLS. */
    public SmtpRelay(RelaySettings settings) {
        this(settings, false);
    }

    /**
     * @param allowPlainAuth whether credentials may go to the relay without STARTTLS (a relay on a trusted network);
     *                       without it, credentials and no STARTTLS stop the start
     */
    public SmtpRelay(RelaySettings settings, boolean allowPlainAuth) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!settings.configured()) {
            throw new IllegalArgumentException("an SMTP relay needs a host (openmail.smtp-relay.host)");
        }
        if (settings.authenticates() && !settings.startTls() && !allowPlainAuth) {
            throw new IllegalArgumentException("The SMTP relay's password would be sent without TLS: set"
                    + " OPENMAIL_SMTP_RELAY_STARTTLS=true, or OPENMAIL_SMTP_RELAY_ALLOW_PLAIN_AUTH=true for a relay on"
                    + " a network you trust.");
        }
    }

    public RelaySettings settings() {
        return settings;
    }

    /**
     * One SMTP transaction per envelope over one connection to the relay, with RSET after a refused recipient. The relay's 2xx is {@link Outcome#DELIVERED}, its 5xx {@link Outcome#FAILED} (for that
     * envelope alone when it answers RCPT), its 4xx, a lost connection or a timeout {@link Outcome#DEFERRED}.
     */
    @Override
    public List<RecipientResult> transmit(byte[] raw, List<Envelope> envelopes) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(envelopes, "envelopes");
        RecipientResult[] results = new RecipientResult[envelopes.size()];
        List<Integer> sendable = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            Envelope envelope = envelopes.get(i);
            String refusal = EnvelopeCheck.refusal(envelope);
            if (refusal != null) {
                results[i] = new RecipientResult(envelope.to(), Outcome.FAILED, refusal, "");
            } else {
                sendable.add(i);
            }
        }
        if (!sendable.isEmpty()) {
            send(raw, envelopes, sendable, results);
        }
        return List.of(results);
    }

    private void send(byte[] raw, List<Envelope> envelopes, List<Integer> sendable, RecipientResult[] results) {
        Session session = Session.getInstance(sessionProperties());
        SMTPTransport transport =
                new SMTPTransport(session, new URLName("smtp", settings.host(), settings.port(), null, null, null));
        try {
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            if (settings.authenticates() && !offersAuth(transport)) {
                // without AUTH the relay would most likely answer 5xx "relaying denied", bouncing mail for good
                // over what is a configuration mistake
                deferAll(envelopes, sendable, results, where() + " does not offer AUTH, but credentials are configured"
                        + (settings.startTls() ? "" : " (does it offer AUTH only after STARTTLS? set "
                        + "OPENMAIL_SMTP_RELAY_STARTTLS=true)"));
                return;
            }
            boolean eightBit = hasEightBitBytes(raw) && transport.supportsExtension("8BITMIME");
            // Angus resets the transaction itself (RSET) when the relay refuses the recipient; a refused MAIL or
            // data leaves none open
            String lost = null;
            for (int index : sendable) {
                Envelope envelope = envelopes.get(index);
                if (lost != null) {
                    results[index] = deferred(envelope, lost);
                    continue;
                }
                try {
                    results[index] = sendOne(session, transport, raw, envelope, eightBit);
                } catch (ConnectionLost e) {
                    lost = e.getMessage();
                    results[index] = deferred(envelope, lost);
                } catch (RuntimeException e) {
                    // the client in a state it should not be in ("not connected", ...): this envelope and the rest
                    // wait, while those already taken keep their results and are not sent again
                    lost = where() + " could not take the message now: " + e;
                    results[index] = deferred(envelope, lost);
                }
            }
        } catch (MessagingException e) {
            String reason = describeConnectionFailure(e);
            for (int index : sendable) {
                if (results[index] == null) {
                    results[index] = deferred(envelopes.get(index), reason);
                }
            }
        } finally {
            close(transport);
        }
    }

    private RecipientResult sendOne(Session session, SMTPTransport transport, byte[] raw, Envelope envelope,
            boolean eightBit) {
        RawMessage message = new RawMessage(session, raw);
        message.setEnvelopeFrom(reversePath(envelope.from()));
        if (eightBit) {
            message.setMailExtension("BODY=8BITMIME");
        }
        try {
            transport.sendMessage(message, new InternetAddress[] {forwardPath(envelope.to())});
            LOG.debug("{} took a message of {} bytes for one recipient", where(), raw.length);
            return new RecipientResult(envelope.to(), Outcome.DELIVERED,
                    oneLine(transport.getLastServerResponse()), settings.host());
        } catch (MessagingException e) {
            if (replyCode(e) < 0) {
                throw new ConnectionLost(where() + " could not take the message now: " + describeCause(e));
            }
            return judged(envelope, e);
        }
    }

    /** The connection broke without a reply: the envelopes after this one cannot go out on it either. */
    private static final class ConnectionLost extends RuntimeException {
        ConnectionLost(String message) {
            super(message, null, false, false);
        }
    }

    /** What a reply of the relay means for one envelope. */
    private RecipientResult judged(Envelope envelope, MessagingException e) {
        int code = replyCode(e);
        String reply = oneLine(replyText(e));
        if (code == AUTHENTICATION_REQUIRED) {
            // a configuration mistake must leave the mail queued for when it is fixed, not bounce it
            return deferred(envelope, where() + " requires authentication: set OPENMAIL_SMTP_RELAY_USERNAME and "
                    + "OPENMAIL_SMTP_RELAY_PASSWORD: " + reply);
        }
        if (permanent(code)) {
            return new RecipientResult(envelope.to(), Outcome.FAILED, reply, settings.host());
        }
        if (code >= 400) {
            return new RecipientResult(envelope.to(), Outcome.DEFERRED, reply, settings.host());
        }
        return deferred(envelope, where() + " answered " + reply);
    }

    /** The reply code the relay answered, from the address failure or the failed command; -1 without one. */
    private static int replyCode(MessagingException e) {
        List<SMTPAddressFailedException> refusals = addressFailures(e);
        if (!refusals.isEmpty()) {
            return refusals.get(0).getReturnCode();
        }
        if (e instanceof SMTPSendFailedException sendFailed) {
            return sendFailed.getReturnCode();
        }
        return -1;
    }

    private static String replyText(MessagingException e) {
        List<SMTPAddressFailedException> refusals = addressFailures(e);
        return refusals.isEmpty() ? e.getMessage() : refusals.get(0).getMessage();
    }

    private String describeConnectionFailure(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return where() + " rejected the configured credentials "
                    + "(OPENMAIL_SMTP_RELAY_USERNAME, OPENMAIL_SMTP_RELAY_PASSWORD): " + oneLine(e.getMessage());
        }
        return where() + " could not take the message now: " + describeCause(e);
    }

    private RecipientResult deferred(Envelope envelope, String reason) {
        return new RecipientResult(envelope.to(), Outcome.DEFERRED, reason, settings.host());
    }

    private void deferAll(List<Envelope> envelopes, List<Integer> indexes, RecipientResult[] results, String reason) {
        for (int index : indexes) {
            results[index] = deferred(envelopes.get(index), reason);
        }
    }

    private Properties sessionProperties() {
        String timeoutMillis = Long.toString(settings.timeout().toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.localhost", settings.heloName());
        properties.setProperty("mail.smtp.connectiontimeout", timeoutMillis);
        properties.setProperty("mail.smtp.timeout", timeoutMillis);
        properties.setProperty("mail.smtp.writetimeout", timeoutMillis);
        properties.setProperty("mail.smtp.auth", Boolean.toString(settings.authenticates()));
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        // a relay that cannot prove its name could read the credentials and every message
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        return properties;
    }

    private static boolean offersAuth(SMTPTransport transport) {
        return transport.supportsExtension("AUTH") || transport.supportsExtension("AUTH=LOGIN");
    }

    private static List<SMTPAddressFailedException> addressFailures(MessagingException e) {
        List<SMTPAddressFailedException> failures = new ArrayList<>();
        for (Exception next = e; next != null;
                next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException failure) {
                failures.add(failure);
            }
        }
        return failures;
    }

    private static String describeCause(MessagingException e) {
        StringBuilder text = new StringBuilder(oneLine(e.getMessage()));
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text.append(" (").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(oneLine(cause.getMessage()));
            }
            text.append(')');
        }
        return text.toString();
    }

    private static boolean permanent(int code) {
        return code >= 500 && code <= 599;
    }

    /**
     * The relay's reply on one line: each run of white space that holds a line break becomes " | ". One pass: the
     * regular expression {@code \\s*[\\r\\n]+\\s*} retried every start of a long run of spaces, in time that grew with
     * the square of what the relay sent.
     */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        StringBuilder line = new StringBuilder(stripped.length());
        int i = 0;
        while (i < stripped.length()) {
            if (!isSpace(stripped.charAt(i))) {
                line.append(stripped.charAt(i++));
                continue;
            }
            int start = i;
            boolean breaks = false;
            while (i < stripped.length() && isSpace(stripped.charAt(i))) {
                breaks |= stripped.charAt(i) == '\r' || stripped.charAt(i) == '\n';
                i++;
            }
            if (breaks) {
                line.append(" | ");
            } else {
                line.append(stripped, start, i);
            }
        }
        return line.toString();
    }

    /** What {@code \\s} matches in a regular expression. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private String where() {
        return "SMTP relay " + settings.host() + ":" + settings.port();
    }

    private static void close(SMTPTransport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // the relay has answered for the message by now; a failed QUIT changes nothing about it
            LOG.debug("closing the SMTP relay connection failed", e);
        }
    }

    /** The null reverse-path {@code <>} for an empty sender: Angus would otherwise invent one from the headers. */
    private static String reversePath(String envelopeFrom) {
        if (envelopeFrom.isBlank()) {
            return "<>";
        }
        return envelopeFrom;
    }

    private static InternetAddress forwardPath(String recipient) {
        InternetAddress address = new InternetAddress();
        // set verbatim rather than parsed: the envelope carries exactly the addresses the caller chose
        address.setAddress(recipient);
        return address;
    }

    private static boolean hasEightBitBytes(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    /** A message that is its bytes: whatever Angus asks it to write, it writes those, untouched. */
    private static final class RawMessage extends SMTPMessage {

        private final byte[] raw;

        RawMessage(Session session, byte[] raw) {
            super(session);
            this.raw = raw;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(raw);
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreHeaders) throws IOException {
            // Angus would drop Bcc and Content-Length here; the bytes were final before they reached the relay
            out.write(raw);
        }

        @Override
        public int getSize() {
            return raw.length;
        }

        /** Nothing to save: a relayed message is sent as composed and signed, and rewriting headers would break DKIM. */
        @Override
        public void saveChanges() {
            // The raw bytes are final; there is no header state to write back.
        }
    }
}
