package dev.openmail.adapters.smtpin;

import dev.openmail.domain.mail.MessageTooComplexException;
import dev.openmail.adapters.smtpin.SmtpMetrics.Refusal;
import dev.openmail.domain.port.in.ReceiveMail;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One mail transaction (MAIL FROM up to the end of DATA) handed to {@link ReceiveMail}.
 *
 * <p>The content of DATA comes unstuffed, the first line too ({@link DotStuffedDataCommand}); that of BDAT as sent.
 * The 250 after DATA or BDAT is sent only when {@link #data} returns normally, which happens only after
 * {@link ReceiveMail#receive} took it for a positive count of inboxes. A mailbox (or its account) at its storage quota
 * is refused at RCPT TO with 452 4.2.2; a message that does not fit one recipient's quota is refused as a whole after
 * DATA (452 4.2.2, or 552 5.2.2 when it is larger than the quota itself), since one reply covers every recipient and
 * nothing is then stored for anyone. Every refusal is a {@link RejectException}, whose code and
 * text become the reply. Message content is never logged.
 *
 * <p>The content is read into an {@link IncomingMessage} (memory up to the spool threshold and while the listener's
 * memory budget lasts, then a spool file), and handed on only once there is room for it in the processing budget
 * ({@link InFlightMessages}); both are given back, and the spool file deleted, before the reply is sent.
 */
final class ReceiveMailHandler implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveMailHandler.class);

    private final ReceiveMail receiveMail;
    private final MessageContext context;
    private final int maxMessageBytes;
    private final InFlightMessages inFlight;
    private final SmtpMetrics metrics;
    private String envelopeSender;
    private final List<String> recipients = new ArrayList<>();
    private final Set<String> recipientKeys = new HashSet<>();
    private boolean messageRead;

    ReceiveMailHandler(ReceiveMail receiveMail, MessageContext context, int maxMessageBytes,
            InFlightMessages inFlight, SmtpMetrics metrics) {
        this.receiveMail = receiveMail;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.context = context;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void from(String from) {
        // SubEthaSMTP hands the null reverse-path "<>" over as an empty address
        envelopeSender = from == null || from.isBlank() ? null : from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        ReceiveMail.Recipient answer;
        try {
            answer = receiveMail.check(recipient);
        } catch (RuntimeException e) {
            LOG.warn("SMTP session {}: checking a recipient failed, answering 451", context.getSessionId(), e);
            metrics.refused(Refusal.TEMPORARY_FAILURE);
            throw new RejectException(451, "4.3.0 Temporary failure, please try again later");
        }
        if (answer == ReceiveMail.Recipient.UNKNOWN) {
            metrics.refused(Refusal.RECIPIENT_UNKNOWN);
            throw new RejectException(550, "5.1.1 No such mailbox here");
        }
        if (answer == ReceiveMail.Recipient.FULL) {
            // RFC 3463 X.2.2 mailbox full; temporary, as deleting mail makes room
            metrics.refused(Refusal.MAILBOX_FULL);
            throw new RejectException(452, "4.2.2 Mailbox full, please try again later");
        }
        // the same mailbox named twice gets the message once
        if (recipientKeys.add(recipient.toLowerCase(Locale.ROOT))) {
            recipients.add(recipient);
        }
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        messageRead = true;
        IncomingMessage read;
        try {
            read = IncomingMessage.read(data, inFlight, maxMessageBytes, context.getSessionId());
        } catch (RejectException e) {
            // the two refusals of the reading: over the size limit (552, or dropped) or no room to spool it (452)
            metrics.messageRefused(e.getCode() == 452 ? Refusal.NO_ROOM : Refusal.TOO_LARGE);
            throw e;
        }
        try (IncomingMessage message = read) {
            try (InFlightMessages.Processing room = awaitProcessing(message.size())) {
                String reply = store(message);
                metrics.messageAccepted();
                return reply;
            }
        }
    }

    private InFlightMessages.Processing awaitProcessing(long size) throws RejectException {
        InFlightMessages.Processing room;
        try {
            room = inFlight.awaitProcessing(size);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            room = null;
        }
        if (room == null) {
            LOG.warn("SMTP session {}: no room to process a message of {} bytes within {} (processing budget {}"
                    + " bytes), answering 451", context.getSessionId(), size, inFlight.settings().processingWait(),
                    inFlight.settings().processingBudgetBytes());
            metrics.messageRefused(Refusal.NO_ROOM);
            throw new RejectException(451, "4.3.1 Insufficient system resources, please try again later");
        }
        return room;
    }

    private String store(IncomingMessage message) throws RejectException, IOException {
        byte[] raw = message.bytes();
        ReceiveMail.Receipt receipt;
        try {
            receipt = receiveMail.receive(new ReceiveMail.Command(raw, envelopeSender, recipients, clientIp(),
                    context.getHelo().orElse(null)));
        } catch (MessageTooComplexException e) {
            // RFC 3463 5.3.4: too big or too complex for this system; the client must not try it again as it is
            LOG.info("SMTP session {}: refused a message of {} bytes: {}", context.getSessionId(), raw.length,
                    e.getMessage());
            metrics.messageRefused(Refusal.TOO_COMPLEX);
            throw new RejectException(552, "5.3.4 Message too complex: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("SMTP session {}: storing a message of {} bytes for {} recipient(s) failed, answering 451",
                    context.getSessionId(), raw.length, recipients.size(), e);
            metrics.messageRefused(Refusal.TEMPORARY_FAILURE);
            throw new RejectException(451, "4.3.0 Temporary failure, please try again later");
        }
        if (receipt.refusalOrNull() == ReceiveMail.Refusal.TOO_LARGE) {
            LOG.info("SMTP session {}: refused a message of {} bytes, larger than a recipient's storage quota",
                    context.getSessionId(), raw.length);
            metrics.messageRefused(Refusal.OVER_QUOTA);
            throw new RejectException(552, "5.2.2 Message larger than the mailbox's storage quota");
        }
        if (receipt.refusalOrNull() == ReceiveMail.Refusal.FULL) {
            LOG.info("SMTP session {}: refused a message of {} bytes, a recipient's mailbox is full",
                    context.getSessionId(), raw.length);
            metrics.messageRefused(Refusal.MAILBOX_FULL);
            throw new RejectException(452, "4.2.2 Mailbox full, please try again later");
        }
        int stored = receipt.taken();
        if (stored <= 0) {
            metrics.messageRefused(Refusal.RECIPIENT_UNKNOWN);
            throw new RejectException(550, "5.1.1 No such mailbox here any more");
        }
        LOG.info("SMTP session {}: accepted a message of {} bytes{} for {} recipient(s), stored in {} inbox(es)",
                context.getSessionId(), raw.length, message.spooled() ? " (spooled)" : "", recipients.size(),
                stored);
        return "2.0.0 Ok: message accepted";
    }

    /** The client's address as text (IPv6 without brackets or scope), "unknown" if it is not an IP socket. */
    private String clientIp() {
        if (context.getRemoteAddress() instanceof InetSocketAddress socket && socket.getAddress() != null) {
            String address = socket.getAddress().getHostAddress();
            int scope = address.indexOf('%');
            return scope >= 0 ? address.substring(0, scope) : address;
        }
        return "unknown";
    }

    /** Whether DATA (or BDAT) got as far as reading the message, so that the transaction is over. */
    boolean messageRead() {
        return messageRead;
    }

    @Override
    public void done() {
        // nothing held beyond the transaction's fields
    }
}
