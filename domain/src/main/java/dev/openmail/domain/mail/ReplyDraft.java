package dev.openmail.domain.mail;

import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.port.out.ReadHtml;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules that turn what a client asks to send into the parts of the message: which body is text and which HTML,
 * the subject and threading headers of a reply, the quote of the message replied to, and who is copied.
 */
public final class ReplyDraft {

    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^\\s*re\\s*:");
    /**
     * An address as received mail may carry it, which the API would not always take (non-ASCII, say), but one a header
     * and an SMTP envelope can carry: text on both sides of one '@', and no white space, control character or angle
     * bracket anywhere.
     */
    private static final Pattern CARRIABLE_ADDRESS =
            Pattern.compile("[^\\s\\p{Cc}\\p{Z}@<>]+@[^\\s\\p{Cc}\\p{Z}@<>]+");
    private static final DateTimeFormatter QUOTE_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ReplyDraft() {
    }

    /** The text and HTML bodies: {@code body} is HTML when it looks like HTML, and then the text is derived from it. */
    public static Bodies bodies(String body, String bodyHtml, ReadHtml readHtml) {
        if (bodyHtml != null) {
            return new Bodies(body, bodyHtml);
        }
        if (readHtml.isHtml(body)) {
            return new Bodies(readHtml.plainText(body), body);
        }
        return new Bodies(body, null);
    }

    /**
     * The subject a message goes out with: the one asked for, else, for a reply, the thread's with "Re:". A new thread
     * needs one.
     */
    public static String subject(String requestedOrNull, MailThread threadOrNull) {
        if (requestedOrNull != null) {
            return requestedOrNull;
        }
        if (threadOrNull == null) {
            throw new InvalidInputException("subject", "Field 'subject' is required for a new thread; give one, or a threadId to reply.");
        }
        return replySubject(threadOrNull);
    }

    /** The subject of a reply in {@code thread}: the thread's, with one "Re: " in front. */
    public static String replySubject(MailThread thread) {
        String subject = thread.subject();
        if (subject.isBlank()) {
            return "Re:";
        }
        return REPLY_PREFIX.matcher(subject).find() ? subject : "Re: " + subject;
    }

    /** The References of a reply to {@code previous}: its references, then its own Message-ID. */
    public static List<String> references(Message previous) {
        List<String> references = new ArrayList<>(previous.references());
        if (previous.rfcMessageId() != null && !references.contains(previous.rfcMessageId())) {
            references.add(previous.rfcMessageId());
        }
        return references;
    }

    /**
     * Who is copied: the requested cc, and, when the inbox was itself only copied on the message replied to, that
     * message's sender too, so that a reply to a copy reaches its author. Never the recipient or the sender itself,
     * and never a sender that is no address a header or an envelope can carry (one holding a NUL, say): that comes
     * from received mail unchecked, and would go into the Cc field and the relay's recipients.
     */
    public static List<String> cc(List<String> requested, Message previousOrNull, String to, String self) {
        Set<String> cc = new LinkedHashSet<>(requested);
        if (previousOrNull != null && previousOrNull.direction() == Direction.INBOUND
                && previousOrNull.deliveryRole() == DeliveryRole.CC && previousOrNull.fromAddr() != null
                && CARRIABLE_ADDRESS.matcher(previousOrNull.fromAddr()).matches()) {
            cc.add(previousOrNull.fromAddr());
        }
        cc.remove(to);
        cc.remove(self);
        return List.copyOf(cc);
    }

    /** The bodies with the message replied to quoted below them. */
    public static Bodies quoting(Bodies reply, Message previous, ReadHtml readHtml) {
        String header = "On " + QUOTE_DATE.format(previous.createdAt()) + ", " + previous.fromAddr() + " wrote:";
        String previousText = previous.bodyText() != null ? previous.bodyText()
                : previous.bodyHtml() != null ? readHtml.plainText(previous.bodyHtml()) : "";
        StringBuilder text = new StringBuilder(reply.text()).append("\n\n").append(header).append('\n');
        for (String line : previousText.split("\r?\n", -1)) {
            text.append(line.isEmpty() ? ">" : "> " + line).append('\n');
        }
        String html = null;
        if (reply.html() != null) {
            String quoted = previous.bodyHtml() != null ? previous.bodyHtml()
                    : "<pre>" + escape(previousText) + "</pre>";
            html = reply.html() + "\n<br><div>" + escape(header) + "</div>\n<blockquote>" + quoted + "</blockquote>";
        }
        return new Bodies(text.toString(), html);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A message's text body and, when there is one, its HTML body. */
    public record Bodies(String text, String html) {
    }
}
