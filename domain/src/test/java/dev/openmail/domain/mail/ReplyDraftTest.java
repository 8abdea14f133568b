package dev.openmail.domain.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.ReadHtml;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyDraftTest {

    private static final String SELF = "support@example.com";
    private static final String TO = "customer@example.org";

    @Test
    void aReplyToACopyCopiesItsSender() {
        assertEquals(List.of("extra@example.net", "author@example.org"),
                ReplyDraft.cc(List.of("extra@example.net"), received("author@example.org", DeliveryRole.CC), TO, SELF));
    }

    @Test
    void aReplyToAMessageAddressedToTheInboxCopiesNobodyElse() {
        assertEquals(List.of(), ReplyDraft.cc(List.of(), received("author@example.org", DeliveryRole.TO), TO, SELF));
    }

    @Test
    void neitherTheRecipientNorTheInboxItselfIsCopied() {
        assertEquals(List.of(), ReplyDraft.cc(List.of(SELF), received(TO, DeliveryRole.CC), TO, SELF));
    }

    /** A sender from received mail that no header or envelope can carry would end up in Cc and in RCPT TO. */
    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b@example.org", "a@example.org\u0000", "a\u0007@example.org", "a\u007f@example.org",
            "a\u0085@example.org", "a b@example.org", "a@exa\tmple.org", "a@example.org\r\nRCPT TO:<x@evil.example>",
            "<a@example.org>", "a\u2028@example.org", "no-at-sign", "a@b@c", "@example.org", "a@", ""})
    void aSenderThatCannotBeCarriedIsNotCopied(String sender) {
        assertEquals(List.of("extra@example.net"),
                ReplyDraft.cc(List.of("extra@example.net"), received(sender, DeliveryRole.CC), TO, SELF));
    }

    @Test
    void aNonAsciiSenderIsStillCopied() {
        assertEquals(List.of("j\u00f6rg@b\u00fccher.example"),
                ReplyDraft.cc(List.of(), received("j\u00f6rg@b\u00fccher.example", DeliveryRole.CC), TO, SELF));
    }

    /** Reads any body holding "<" as HTML, and gives its text upper-cased, so that a test sees which text was used. */
    private static final ReadHtml SHOUTING_READER = new ReadHtml() {
        @Override
        public boolean isHtml(String body) {
            return body.contains("<");
        }

        @Override
        public String plainText(String html) {
            return html.replace("<p>", "").replace("</p>", "").toUpperCase(Locale.ROOT);
        }
    };

    @Test
    void aBodyTheReaderTakesForHtmlGoesOutAsHtmlWithItsText() {
        assertEquals(new ReplyDraft.Bodies("HI", "<p>hi</p>"), ReplyDraft.bodies("<p>hi</p>", null, SHOUTING_READER));
        assertEquals(new ReplyDraft.Bodies("hi", null), ReplyDraft.bodies("hi", null, SHOUTING_READER));
        assertEquals(new ReplyDraft.Bodies("hi", "<p>rich</p>"), ReplyDraft.bodies("hi", "<p>rich</p>", SHOUTING_READER));
    }

    @Test
    void aReceivedHtmlOnlyMessageIsQuotedByTheTextOfItsHtml() {
        Message htmlOnly = new Message(MessageId.generate(), AccountId.generate(), PodId.generate(), InboxId.generate(),
                ThreadId.generate(), Direction.INBOUND, MessageStatus.RECEIVED, "author@example.org", SELF, SELF,
                DeliveryRole.TO, List.of(), "hi", null, "<p>line one\nline two</p>", List.of(), "id@example.org", null,
                List.of(), Instant.parse("2024-03-05T10:00:00Z"));

        ReplyDraft.Bodies quoted = ReplyDraft.quoting(new ReplyDraft.Bodies("Thanks", null), htmlOnly, SHOUTING_READER);

        assertEquals("Thanks\n\nOn Tue, 5 Mar 2024 at 10:00 UTC, author@example.org wrote:\n> LINE ONE\n> LINE TWO\n",
                quoted.text());
    }

    private static Message received(String from, DeliveryRole role) {
        return new Message(MessageId.generate(), AccountId.generate(), PodId.generate(), InboxId.generate(),
                ThreadId.generate(), Direction.INBOUND, MessageStatus.RECEIVED, from, SELF, TO, role, List.of(), "hi",
                "body", null, List.of(), "id@example.org", null, List.of(), Instant.parse("2024-03-05T10:00:00Z"));
    }
}
