package dev.openmail.adapters.smtpout;

import dev.openmail.domain.port.out.RelayMail;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands finished messages to the relay at {@code openmail.smtp-relay.*} over SMTP, one connection per message.
 *
 * <p>The bytes go out exactly as given: the message is never parsed or re-serialized, so headers, Message-ID and a
 * DKIM signature made over them survive. A message whose recipients are partly refused for good (5xx) is delivered to
 * the others and counts as relayed; the refused ones are logged. Nothing is retried here: {@link
 * RelayUnavailableException} tells the caller to try again later, {@link RelayRefusedException} that it never will
 * work.
 */
@Singleton
public final class SmtpRelay implements RelayMail {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpRelay.class);
    private static final int AUTHENTICATION_REQUIRED = 530;

    private final RelaySettings settings;

    @Inject
    public SmtpRelay(
            @Value("${openmail.smtp-relay.host:}") String host,
            @Value("${openmail.smtp-relay.port:25}") int port,
            @Value("${openmail.smtp-relay.username:}") String username,
            @Value("${openmail.smtp-relay.password:}") String password,
            @Value("${openmail.smtp-relay.starttls:false}") boolean startTls,
            @Value("${openmail.smtp-relay.allow-plain-auth:false}") boolean allowPlainAuth,
            @Value("${openmail.smtp-relay.timeout-seconds:30}") int timeoutSeconds,
            @Value("${openmail.smtp-relay.helo-name:}") String heloName,
            @Value("${openmail.mx-host:}") String mxHost) {
        this(RelaySettings.fromConfiguration(host, port, username, password, startTls, timeoutSeconds, heloName,
                mxHost), allowPlainAuth);
    }

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
        if (settings.authenticates() && !settings.startTls() && !allowPlainAuth) {
            throw new IllegalArgumentException("The SMTP relay's password would be sent without TLS: set"
                    + " OPENMAIL_SMTP_RELAY_STARTTLS=true, or OPENMAIL_SMTP_RELAY_ALLOW_PLAIN_AUTH=true for a relay on"
                    + " a network you trust.");
        }
    }

    public RelaySettings settings() {
        return settings;
    }

    @Override
    public void relay(String envelopeFrom, List<String> recipients, byte[] raw) {
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(raw, "raw");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one envelope recipient");
        }
        if (!settings.configured()) {
            throw new RelayUnavailableException("No SMTP relay is configured: OPENMAIL_SMTP_RELAY_HOST "
                    + "(openmail.smtp-relay.host) is not set, so outgoing mail waits until it is", null);
        }
        String reversePath = reversePath(envelopeFrom);
        InternetAddress[] forwardPaths = forwardPaths(recipients);

        Session session = Session.getInstance(sessionProperties());
        SMTPTransport transport =
                new SMTPTransport(session, new URLName("smtp", settings.host(), settings.port(), null, null, null));
        try {
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            if (settings.authenticates() && !offersAuth(transport)) {
                // without AUTH the relay would most likely answer 5xx "relaying denied", bouncing mail for good
                // over what is a configuration mistake
                throw new RelayUnavailableException(where() + " does not offer AUTH, but credentials are configured"
                        + (settings.startTls() ? "" : " (does it offer AUTH only after STARTTLS? set "
                        + "OPENMAIL_SMTP_RELAY_STARTTLS=true)"), null);
            }
            RawMessage message = new RawMessage(session, raw);
            message.setEnvelopeFrom(reversePath);
            message.setSendPartial(true);
            if (hasEightBitBytes(raw) && transport.supportsExtension("8BITMIME")) {
                message.setMailExtension("BODY=8BITMIME");
            }
            try {
                transport.sendMessage(message, forwardPaths);
            } catch (SendFailedException e) {
                if (!acceptedBySome(e)) {
                    throw e;
                }
                LOG.warn("{} took the message for {} of {} recipients; refused: {}", where(),
                        e.getValidSentAddresses().length, forwardPaths.length, describeRefusals(e));
            }
            LOG.debug("{} took a message of {} bytes for {} recipients", where(), raw.length, forwardPaths.length);
        } catch (MessagingException e) {
            throw translate(e);
        } finally {
            close(transport);
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

    /** The relay took the message for at least one recipient: sending it again would duplicate it there. */
    private static boolean acceptedBySome(SendFailedException e) {
        Address[] sent = e.getValidSentAddresses();
        return sent != null && sent.length > 0;
    }

    private RuntimeException translate(MessagingException e) {
        List<SMTPAddressFailedException> refusals = addressFailures(e);
        if (!refusals.isEmpty()) {
            boolean everyRefusalPermanent = refusals.stream().allMatch(r -> permanent(r.getReturnCode()));
            String detail = where() + " refused the recipients: " + describe(refusals);
            if (!everyRefusalPermanent) {
                return new RelayUnavailableException(detail, e);
            }
            if (e instanceof SendFailedException sendFailed && isEmpty(sendFailed.getValidUnsentAddresses())) {
                return new RelayRefusedException(detail, e);
            }
        }
        if (e instanceof AuthenticationFailedException) {
            return new RelayUnavailableException(where() + " rejected the configured credentials "
                    + "(OPENMAIL_SMTP_RELAY_USERNAME, OPENMAIL_SMTP_RELAY_PASSWORD): " + oneLine(e.getMessage()), e);
        }
        int code = e instanceof SMTPSendFailedException sendFailed ? sendFailed.getReturnCode() : -1;
        if (code == AUTHENTICATION_REQUIRED) {
            return new RelayUnavailableException(where() + " requires authentication: set "
                    + "OPENMAIL_SMTP_RELAY_USERNAME and OPENMAIL_SMTP_RELAY_PASSWORD: " + oneLine(e.getMessage()), e);
        }
        if (permanent(code)) {
            return new RelayRefusedException(where() + " refused the message: " + oneLine(e.getMessage()), e);
        }
        return new RelayUnavailableException(where() + " could not take the message now: " + describeCause(e), e);
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

    private static String describeRefusals(SendFailedException e) {
        List<SMTPAddressFailedException> failures = addressFailures(e);
        if (!failures.isEmpty()) {
            return describe(failures);
        }
        List<Address> refused = new ArrayList<>();
        if (e.getInvalidAddresses() != null) {
            refused.addAll(Arrays.asList(e.getInvalidAddresses()));
        }
        if (e.getValidUnsentAddresses() != null) {
            refused.addAll(Arrays.asList(e.getValidUnsentAddresses()));
        }
        return refused.toString();
    }

    private static String describe(List<SMTPAddressFailedException> failures) {
        return failures.stream()
                .map(f -> f.getAddress().getAddress() + " (" + oneLine(f.getMessage()) + ")")
                .collect(Collectors.joining(", "));
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

    private static boolean isEmpty(Address[] addresses) {
        return addresses == null || addresses.length == 0;
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

    /** The null reverse-path {@code <>} for an absent sender: Angus would otherwise invent one from the headers. */
    private static String reversePath(String envelopeFrom) {
        if (envelopeFrom == null || envelopeFrom.isBlank() || envelopeFrom.strip().equals("<>")) {
            return "<>";
        }
        return checkedAddress(envelopeFrom, "envelope sender");
    }

    private static InternetAddress[] forwardPaths(List<String> recipients) {
        InternetAddress[] addresses = new InternetAddress[recipients.size()];
        for (int i = 0; i < addresses.length; i++) {
            InternetAddress address = new InternetAddress();
            // set verbatim rather than parsed: the envelope carries exactly the addresses the caller chose
            address.setAddress(checkedAddress(recipients.get(i), "envelope recipient"));
            addresses[i] = address;
        }
        return addresses;
    }

    /** Refuses what would end the SMTP command early or inject another one; everything else is the relay's call. */
    private static String checkedAddress(String address, String role) {
        if (address == null || address.isEmpty()) {
            throw new RelayRefusedException("empty " + role, null);
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '<' || c == '>') {
                throw new RelayRefusedException(role + " contains a character SMTP cannot carry: "
                        + address.replaceAll("\\p{Cntrl}", "?"), null);
            }
        }
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
