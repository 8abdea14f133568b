package dev.openmail.domain.mail;

import dev.openmail.domain.common.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a client asks to send. Addresses are checked plain addresses; the subject and bodies are checked for length and,
 * where they go into a header, for line breaks.
 *
 * @param subject      null when replying (the thread's subject is used)
 * @param bodyHtml     null unless the HTML version differs from {@code body}
 * @param threadOrNull the thread replied to, or null for a new thread
 * @param bulk         marketing or other bulk mail: it carries a one-click unsubscribe link (RFC 8058) for its one
 *                     recipient, and may therefore have no Cc
 */
public record OutgoingMail(String to, List<String> cc, String subject, String body, String bodyHtml, String replyTo,
                           ThreadId threadOrNull, boolean includeQuote, List<ParsedAttachment> attachments,
                           boolean bulk) {

    public static final int MAX_SUBJECT = 998;
    public static final int MAX_BODY = 100_000;
    public static final int MAX_BODY_HTML = 500_000;
    public static final int MAX_CC = 50;
    public static final long MAX_ATTACHMENT_BYTES = 25L * 1024 * 1024;
    /** Each attachment is a MIME part and a stored row; no message needs more. */
    public static final int MAX_ATTACHMENTS = 100;

    public OutgoingMail {
        to = MailAddress.parse("to", to);
        cc = List.copyOf(Objects.requireNonNull(cc)).stream().map(address -> MailAddress.parse("cc", address)).toList();
        if (cc.size() > MAX_CC) {
            throw new InvalidInputException("cc", "At most " + MAX_CC + " cc addresses per message.");
        }
        if (replyTo != null) {
            replyTo = MailAddress.parse("replyTo", replyTo);
        }
        if (subject != null && (subject.isEmpty() || subject.length() > MAX_SUBJECT)) {
            throw new InvalidInputException("subject", "Field 'subject' must be 1 to " + MAX_SUBJECT + " characters.");
        }
        if (subject != null && subject.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new InvalidInputException("subject", "Field 'subject' must be one line: no CR, LF or NUL.");
        }
        if (body == null || body.isEmpty() || body.length() > MAX_BODY) {
            throw new InvalidInputException("body", "Field 'body' is required: 1 to " + MAX_BODY + " characters.");
        }
        if (bodyHtml != null && bodyHtml.length() > MAX_BODY_HTML) {
            throw new InvalidInputException("bodyHtml", "Field 'bodyHtml' must be at most " + MAX_BODY_HTML + " characters.");
        }
        attachments = List.copyOf(Objects.requireNonNull(attachments));
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw tooManyAttachments();
        }
        long total = attachments.stream().mapToLong(attachment -> attachment.content().length).sum();
        if (total > MAX_ATTACHMENT_BYTES) {
            throw new InvalidInputException("attachments", "Attachments may total at most 25 MB per message.");
        }
        for (ParsedAttachment attachment : attachments) {
            if (attachment.filename().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new InvalidInputException("attachments", "An attachment's file name must be one line.");
            }
        }
    }

    /** A message that is not bulk mail. */
    public OutgoingMail(String to, List<String> cc, String subject, String body, String bodyHtml, String replyTo,
                        ThreadId threadOrNull, boolean includeQuote, List<ParsedAttachment> attachments) {
        this(to, cc, subject, body, bodyHtml, replyTo, threadOrNull, includeQuote, attachments, false);
    }

    /** The refusal of a message with more than {@link #MAX_ATTACHMENTS} attachments, for readers that stop early. */
    public static InvalidInputException tooManyAttachments() {
        return new InvalidInputException("attachments", "Field 'attachments' may hold at most " + MAX_ATTACHMENTS
                + " files per message.");
    }

    /**
     * A digest of everything the request asks for, so that a repeated Idempotency-Key can tell the same request (to be
     * answered again) from a different one (refused).
     */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{to, String.join(",", cc), subject, body, bodyHtml, replyTo,
                    threadOrNull == null ? null : threadOrNull.value(), String.valueOf(includeQuote)}) {
                digestField(digest, part);
            }
            if (bulk) {
                // only when set: the digests of sends that are not bulk stay what they were before the option
                digestField(digest, "bulk");
            }
            for (ParsedAttachment attachment : attachments) {
                digestField(digest, attachment.filename());
                digestField(digest, attachment.contentType());
                digest.update(attachment.content());
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static void digestField(MessageDigest digest, String value) {
        if (value == null) {
            digest.update((byte) 1);
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(bytes);
        }
        digest.update((byte) 0);
    }
}
