package dev.openmail.adapters.smtpin;

import dev.openmail.domain.mail.MessageTooComplexException;
import dev.openmail.domain.port.in.ReceiveMail;
import java.io.ByteArrayOutputStream;
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
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One mail transaction (MAIL FROM up to the end of DATA) handed to {@link ReceiveMail}.
 *
 * <p>The content of DATA comes unstuffed, the first line too ({@link DotStuffedDataCommand}); that of BDAT as sent.
 * The 250 after DATA or BDAT is sent only when {@link #data} returns normally, which happens only after
 * {@link ReceiveMail#receive} returned a positive count. Every refusal is a {@link RejectException}, whose code and
 * text become the reply. Message content is never logged.
 */
final class ReceiveMailHandler implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveMailHandler.class);
    private static final int READ_CHUNK = 64 * 1024;

    private final ReceiveMail receiveMail;
    private final MessageContext context;
    private final int maxMessageBytes;
    private String envelopeSender;
    private final List<String> recipients = new ArrayList<>();
    private final Set<String> recipientKeys = new HashSet<>();
    private boolean messageRead;

    ReceiveMailHandler(ReceiveMail receiveMail, MessageContext context, int maxMessageBytes) {
        this.receiveMail = receiveMail;
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
        boolean accepted;
        try {
            accepted = receiveMail.accepts(recipient);
        } catch (RuntimeException e) {
            LOG.warn("SMTP session {}: checking a recipient failed, answering 451", context.getSessionId(), e);
            throw new RejectException(451, "4.3.0 Temporary failure, please try again later");
        }
        if (!accepted) {
            throw new RejectException(550, "5.1.1 No such mailbox here");
        }
        // the same mailbox named twice gets the message once
        if (recipientKeys.add(recipient.toLowerCase(Locale.ROOT))) {
            recipients.add(recipient);
        }
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        messageRead = true;
        byte[] raw = readBounded(data);
        int stored;
        try {
            stored = receiveMail.receive(new ReceiveMail.Command(raw, envelopeSender, recipients, clientIp(),
                    context.getHelo().orElse(null)));
        } catch (MessageTooComplexException e) {
            // RFC 3463 5.3.4: too big or too complex for this system; the client must not try it again as it is
            LOG.info("SMTP session {}: refused a message of {} bytes: {}", context.getSessionId(), raw.length,
                    e.getMessage());
            throw new RejectException(552, "5.3.4 Message too complex: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("SMTP session {}: storing a message of {} bytes for {} recipient(s) failed, answering 451",
                    context.getSessionId(), raw.length, recipients.size(), e);
            throw new RejectException(451, "4.3.0 Temporary failure, please try again later");
        }
        if (stored <= 0) {
            throw new RejectException(550, "5.1.1 No such mailbox here any more");
        }
        LOG.info("SMTP session {}: accepted a message of {} bytes for {} recipient(s), stored in {} inbox(es)",
                context.getSessionId(), raw.length, recipients.size(), stored);
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

    /**
     * Reads the whole message into memory, at most {@code maxMessageBytes}. A longer message is read on to its end
     * without keeping it, so that the client is in step for its next command, and is then refused with 552. A client
     * that goes on sending much beyond the limit is disconnected instead.
     */
    private byte[] readBounded(InputStream data) throws IOException, RejectException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(Math.min(maxMessageBytes, READ_CHUNK));
        byte[] chunk = new byte[READ_CHUNK];
        long total = 0;
        long discardLimit = 2L * maxMessageBytes + READ_CHUNK;
        int read;
        while ((read = data.read(chunk, 0, chunk.length)) != -1) {
            total += read;
            if (total <= maxMessageBytes) {
                message.write(chunk, 0, read);
            } else if (total > discardLimit) {
                LOG.info("SMTP session {}: message over {} bytes, dropping the connection", context.getSessionId(),
                        discardLimit);
                throw new DropConnectionException(552, "5.3.4 Message size exceeds fixed limit");
            }
        }
        if (total > maxMessageBytes) {
            LOG.info("SMTP session {}: refused a message of {} bytes, the limit is {}", context.getSessionId(), total,
                    maxMessageBytes);
            throw new RejectException(552, "5.3.4 Message size exceeds fixed limit");
        }
        return message.toByteArray();
    }
}
