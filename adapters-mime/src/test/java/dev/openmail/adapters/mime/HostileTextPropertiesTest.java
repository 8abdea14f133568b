package dev.openmail.adapters.mime;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.DeliveryRole;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.MailAddress;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.MessageTooComplexException;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.mail.ReplyDraft;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.PodId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile text of a megabyte, built by repeating the shapes that make backtracking regular expressions and naive
 * parsers slow (unclosed tags, runs of '&lt;', runs of white space, nested comments, entity and encoded-word starts),
 * through every path that transforms untrusted text: HTML detection, HTML to text, quoting a received HTML-only
 * message, address checks, and the header fields of a received message. Each must finish well within the hang guard;
 * quadratic code takes hours on a megabyte.
 */
class HostileTextPropertiesTest {

    private static final int SIZE = 1_000_000;
    /** A hang guard, not a benchmark: linear code needs a few seconds here even on a busy machine. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);

    private static final List<String> SHAPES = List.of("<p ", "<", "<<", "<div>", "<div", "<!--", "<!-- <!-- ", "-->",
            " ", "\t", "\n", " \n", "\r\n", "<a href=", "<a href='", "<p a", "</", "</p", "<b><i>", "<i>", "&", "&#",
            "&amp", "&#x", "&nbsp;", "<![CDATA[", "<script>", "<style>", "<br", "<br/>", "<table><tr>", "<li>", "=?",
            "=?utf-8?q?", "?=", "\"", "<x@", "@", "a@", ",", "(", ")", "\\", "re:", "Re: ", "<>", "a", ".", "-", "=");

    private final JsoupHtmlReader reader = new JsoupHtmlReader();
    private final Mime4jMailParser parser = new Mime4jMailParser();

    @Property(tries = 12)
    void htmlIsDetectedReadAndQuotedInLinearTime(@ForAll("hostile") String text) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            ReplyDraft.Bodies bodies = ReplyDraft.bodies(text, null, reader);
            assertNotNull(bodies.text());
            String plain = reader.plainText(text);
            assertTrue(plain.length() <= text.length(), "the text of HTML is never longer than the HTML");
            ReplyDraft.Bodies quoted = ReplyDraft.quoting(new ReplyDraft.Bodies("Thanks", "<p>Thanks</p>"),
                    received("a@example.org", text), reader);
            assertTrue(quoted.text().startsWith("Thanks\n\nOn "), "the reply comes first");
        });
    }

    @Property(tries = 12)
    void addressesAndHeaderFieldsAreReadInLinearTime(@ForAll("hostile") String text, @ForAll("fields") String field) {
        byte[] raw = ("From: a@example.org\r\nTo: b@example.org\r\n" + field + ": " + text
                + "\r\nContent-Type: text/html\r\n\r\n" + text).getBytes(StandardCharsets.UTF_8);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            ParsedMail parsed;
            try {
                parsed = parser.parse(raw);
                assertNotNull(parsed);
            } catch (MessageTooComplexException refused) {
                // text whose line breaks make more than 1,000 header fields is refused by the MIME caps: in time too
                parsed = null;
            }
            try {
                MailAddress.parse("to", text);
            } catch (InvalidInputException expected) {
                // refused, as it should be; what matters is how soon
            }
            ReplyDraft.cc(List.of(), received(text, "<p>hi</p>"), "b@example.org", "c@example.org");
            ReplyDraft.bodies(parsed == null || parsed.bodyHtml() == null ? text : parsed.bodyHtml(), null, reader);
        });
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> unit = Arbitraries.of(SHAPES).list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> String.join("", parts));
        Arbitrary<String> noise = Arbitraries.strings().withChars("<>/=\"' \t\nap!-&;#").ofMaxLength(8);
        return Combinators.combine(unit, noise, noise).as((repeated, prefix, suffix) ->
                prefix + repeated.repeat(SIZE / repeated.length() + 1) + suffix);
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of("Subject", "From", "To", "Cc", "Reply-To", "Message-ID", "In-Reply-To", "References",
                "Content-Type", "Content-Disposition", "X-Anything");
    }

    /** A received message with an HTML body and no text body, as a reply quotes it. */
    private static Message received(String sender, String html) {
        return new Message(MessageId.generate(), AccountId.generate(), PodId.generate(), InboxId.generate(),
                ThreadId.generate(), Direction.INBOUND, MessageStatus.RECEIVED, sender, "c@example.org", "c@example.org",
                DeliveryRole.CC, List.of(), "hi", null, html, List.of(), "id@example.org", null, List.of(),
                Instant.parse("2024-03-05T10:00:00Z"));
    }
}
