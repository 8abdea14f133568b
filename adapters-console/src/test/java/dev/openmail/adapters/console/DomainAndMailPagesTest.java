package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Browser.Reply;
import dev.openmail.application.fakes.FakeDnsLookup;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.AuthResult;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.SpamVerdict;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.AddDomain;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.ListDomains;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class DomainAndMailPagesTest {

    private static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"
            + "<a href=\"javascript:alert(1)\">click</a><div onclick=\"alert(1)\" style=\"background:url(https://t.example/p)\">hi</div>"
            + "<p>Plain <b>bold</b> <a href=\"https://example.com/\">link</a></p>";

    @Inject
    EmbeddedServer server;
    @Inject
    OpenAccount openAccount;
    @Inject
    CreatePod createPod;
    @Inject
    CreateInbox createInbox;
    @Inject
    AddDomain addDomain;
    @Inject
    ListDomains listDomains;
    @Inject
    InMemoryStore store;
    @Inject
    FakeDnsLookup dns;

    private ProvisionedAccount account;
    private Caller owner;
    private Browser browser;

    @BeforeEach
    void signIn() {
        account = openAccount.open(new OpenAccount.Command(null, null));
        owner = owner(account.account().id());
        browser = new Browser(server.getURI());
        browser.signIn(account.apiKey().token().reveal());
    }

    @Test
    void addsAnAccountWideDomainAndShowsItsRecords() {
        Document page = browser.get("/console/domains").page();
        List<Element> options = page.select("form#add-domain select[name=podId] option");
        assertEquals("", options.get(0).attr("value"));
        assertEquals("All pods", options.get(0).text());
        assertEquals(account.defaultPod().id().value(), options.get(1).attr("value"));
        assertNotNull(page.selectFirst(".empty"));

        String name = PodPagesTest.unique();
        Reply added = browser.submit(page, "form#add-domain", Map.of("domain", name, "podId", ""));

        assertEquals(303, added.status(), added.body());
        Document domain = browser.get(added.location()).page();
        assertEquals(name, domain.selectFirst("h1").text());
        List<Element> records = domain.select("table#records tr.record");
        assertEquals(4, records.size());
        assertEquals("missing", records.get(0).selectFirst(".status").text());
        assertEquals(ConsoleTestUseCases.MX_HOST.value(), records.get(0).selectFirst(".value").text());
        assertEquals(List.of(name), browser.get("/console/domains").page().select("tr.domain a.domain-link").eachText());
        assertNotNull(domain.selectFirst("form#delete-domain"));

        dns.publishAll(listDomains.list(owner, null, PageRequest.firstPage()).items().get(0), ConsoleTestUseCases.MX_HOST);
        Reply verified = browser.submit(domain, "form#verify", Map.of());
        assertEquals(303, verified.status(), verified.body());
        Document after = browser.get(verified.location()).page();
        assertEquals("verified", after.selectFirst(".domain-status").text());
        assertEquals(List.of("valid", "valid", "valid", "valid"), after.select("tr.record .status").eachText());
    }

    @Test
    void addsADomainScopedToOnePod() {
        Pod pod = createPod.create(new CreatePod.Command(owner, null, new Label("Scoped")));
        Document page = browser.get("/console/domains").page();

        Reply added = browser.submit(page, "form#add-domain",
                Map.of("domain", PodPagesTest.unique(), "podId", pod.id().value()));

        assertEquals(303, added.status(), added.body());
        MailDomain domain = listDomains.list(owner, new PodRef.ById(pod.id()), PageRequest.firstPage()).items().get(0);
        assertEquals(pod.id(), domain.scope().podOrNull());
        Document domainPage = browser.get(added.location()).page();
        assertEquals(pod.id().value(),
                domainPage.selectFirst("form#rescope select[name=podId] option[selected]").attr("value"));
    }

    @Test
    void aRefusedNarrowingIsShownAndWideningWorks() {
        String name = PodPagesTest.unique();
        MailDomain domain = addDomain.add(new AddDomain.Command(owner, new DomainName(name), null));
        store.domains().update(verifiedCopy(domain));
        createInbox.create(new CreateInbox.Command(owner, new PodRef.ById(account.defaultPod().id()), null, null,
                new DomainName(name), null));
        Pod other = createPod.create(new CreatePod.Command(owner, null, new Label("Other")));
        Document page = browser.get("/console/domains/" + domain.id().value()).page();

        Reply refused = browser.submit(page, "form#rescope", Map.of("podId", other.id().value()));

        assertEquals(409, refused.status());
        assertFalse(refused.error().isBlank());
        assertNull(listDomains.list(owner, null, PageRequest.firstPage()).items().get(0).scope().podOrNull());

        Reply deleteRefused = browser.submit(refused.page(), "form#delete-domain", Map.of());
        assertEquals(409, deleteRefused.status());
        assertFalse(deleteRefused.error().isBlank());
    }

    @Test
    void aThreadSaysWhenAMessageSpoofsALocalSenderAndWhatTheSpamScannerFound() {
        Inbox inbox = createInbox.create(new CreateInbox.Command(owner, null, null, null, null, null));
        Instant now = Instant.now();
        MailThread thread = MailThread.open(inbox, "Pay now", now).withInbound(now);
        store.mail().insertThread(thread);
        ParsedMail spoofed = new ParsedMail("ceo@" + inbox.address().value().split("@")[1],
                List.of(inbox.address().value()), List.of(), "Pay now", null, null, List.of(), "now", null,
                List.of());
        store.mail().insertMessage(Message.inbound(inbox, thread.id(), spoofed, null, now,
                new Authentication(AuthResult.NONE, AuthResult.NONE, AuthResult.FAIL, true),
                SpamVerdict.scanned(6.5, "add header", List.of("BAYES_SPAM"))), new byte[0], List.of());
        store.mail().insertMessage(Message.inbound(inbox, thread.id(), spoofed, null, now.plusSeconds(1),
                new Authentication(AuthResult.PASS, AuthResult.NONE, AuthResult.PASS),
                SpamVerdict.unscanned("rspamd did not answer within 2000 ms")), new byte[0], List.of());

        Document page = browser.get("/console/threads/" + thread.id().value()).page();

        List<Element> messages = page.select("article.message");
        assertEquals(2, messages.size());
        assertNotNull(messages.get(0).selectFirst("p.warning.spoofed"));
        assertEquals("score 6.5, add header (BAYES_SPAM)", messages.get(0).selectFirst("dd.spam").text());
        assertNull(messages.get(1).selectFirst("p.warning.spoofed"), "a DMARC pass is no spoof");
        assertEquals("not scanned: rspamd did not answer within 2000 ms", messages.get(1).selectFirst("dd.spam").text());
    }

    @Inject
    dev.openmail.domain.port.in.SendMail sendMail;

    @Test
    void aSentMessageShowsWhatBecameOfEachRecipientWithTheirServersRepliesAsText() {
        Inbox inbox = createInbox.create(new CreateInbox.Command(owner, null, null, null, null, null));
        dev.openmail.domain.port.in.SendMail.Sent sent = sendMail.send(new dev.openmail.domain.port.in.SendMail.Command(
                owner, inbox.id(), "console-delivery", new dev.openmail.domain.mail.OutgoingMail("bob@example.com",
                List.of("gone@example.org"), "Numbers", "See them", null, null, null, true, List.of())));
        dev.openmail.domain.delivery.RecipientDelivery gone = store.outboundRecipients()
                .of(account.account().id(), sent.messageId()).get(1);
        store.outboundRecipients().update(account.account().id(), sent.messageId(), gone.attempted(
                dev.openmail.domain.delivery.DeliveryState.FAILED, "550 5.1.1 <script>alert(1)</script>",
                "mx.example.org", Instant.now()));

        Document page = browser.get("/console/threads/" + sent.threadId().value()).page();

        List<Element> rows = page.select("ul.delivery li");
        assertEquals(2, rows.size());
        assertEquals("bob@example.com", rows.get(0).selectFirst(".address").text());
        assertEquals("queued", rows.get(0).selectFirst(".status").text());
        assertNull(rows.get(0).selectFirst(".reply"), "no reply yet");
        assertEquals("failed", rows.get(1).selectFirst(".status").text());
        assertEquals("(550 5.1.1 <script>alert(1)</script>)", rows.get(1).selectFirst(".reply").text());
        assertNull(page.selectFirst("ul.delivery script"), "a reply is shown as text, never as markup");
    }

    @Test
    void aThreadShowsEachAttachmentsTextCollapsedAndEscapedOrWhyThereIsNone() {
        Inbox inbox = createInbox.create(new CreateInbox.Command(owner, null, null, null, null, null));
        Instant now = Instant.now();
        MailThread thread = MailThread.open(inbox, "Files", now).withInbound(now);
        store.mail().insertThread(thread);
        List<dev.openmail.domain.mail.ParsedAttachment> files = List.of(
                new dev.openmail.domain.mail.ParsedAttachment("notes.txt", "text/plain", new byte[]{'x'}),
                new dev.openmail.domain.mail.ParsedAttachment("song.mp3", "audio/mpeg", new byte[]{'y'}),
                new dev.openmail.domain.mail.ParsedAttachment("later.csv", "text/csv", new byte[]{'z'}));
        ParsedMail mail = new ParsedMail("a@example.com", List.of(inbox.address().value()), List.of(), "Files", null,
                null, List.of(), "see", null, files);
        Message message = Message.inbound(inbox, thread.id(), mail, null, now);
        store.mail().insertMessage(message, new byte[0], files);
        store.extraction().storeText(message.accountId(), message.id(), 0, dev.openmail.domain.extraction.AttachmentText
                .read(dev.openmail.domain.extraction.ExtractionMethod.TEXT, "<script>alert(1)</script>", false));
        store.extraction().storeText(message.accountId(), message.id(), 1, dev.openmail.domain.extraction.AttachmentText
                .failed(dev.openmail.domain.extraction.ExtractionFailure.UNSUPPORTED));

        Document page = browser.get("/console/threads/" + thread.id().value()).page();

        List<Element> attachments = page.select("li.attachment");
        assertEquals(3, attachments.size());
        assertEquals("text (text)", attachments.get(0).selectFirst(".extraction").text());
        Element text = attachments.get(0).selectFirst("details pre.parsed-text");
        assertEquals("<script>alert(1)</script>", text.text(), "shown as text");
        assertNull(page.selectFirst("li.attachment script"), "never as markup");
        assertNull(attachments.get(0).selectFirst("details[open]"), "collapsed");
        assertEquals("no text: unsupported", attachments.get(1).selectFirst(".extraction").text());
        assertNull(attachments.get(1).selectFirst("details"));
        assertEquals("text not read yet", attachments.get(2).selectFirst(".extraction").text());
    }

    @Test
    void aThreadShowsItsMessagesWithHostileContentDefused() {
        Inbox inbox = createInbox.create(new CreateInbox.Command(owner, null, null, null, null, null));
        Instant now = Instant.now();
        String subject = "<script>alert(1)</script> hello";
        MailThread thread = MailThread.open(inbox, subject, now).withInbound(now);
        store.mail().insertThread(thread);
        ParsedMail mail = new ParsedMail("Mallory <m@evil.example>", List.of(inbox.address().value()), List.of(),
                subject, "id@evil.example", null, List.of(), "Text " + HOSTILE, HOSTILE, List.of());
        store.mail().insertMessage(Message.inbound(inbox, thread.id(), mail, "m@evil.example", now), new byte[0],
                List.of());

        Document inboxPage = browser.get("/console/inboxes/" + inbox.id().value()).page();
        Element row = inboxPage.selectFirst("table#threads tr.thread");
        assertTrue(row.hasClass("unread"));
        assertEquals(subject, row.selectFirst("a.thread-link").text());

        Reply threadPage = browser.get(row.selectFirst("a.thread-link").attr("href"));
        assertEquals(200, threadPage.status());
        Document page = threadPage.page();
        Element message = page.selectFirst("article.message");
        assertNotNull(message);
        assertEquals(subject, message.selectFirst(".subject").text());
        assertEquals("Text " + HOSTILE, message.selectFirst("pre.body-text").text());
        Element html = message.selectFirst("div.body-html");
        assertEquals("bold", html.selectFirst("b").text());
        assertEquals("https://example.com/", html.selectFirst("a[href^=https]").attr("href"));
        assertTrue(page.select("script").isEmpty(), "no script element");
        assertTrue(page.select("img").isEmpty(), "no img element");
        for (Element element : page.getAllElements()) {
            element.attributes().forEach(attribute -> {
                assertFalse(attribute.getKey().toLowerCase(Locale.ROOT).startsWith("on"), element.outerHtml());
                assertFalse(attribute.getValue().toLowerCase(Locale.ROOT).contains("javascript:"), element.outerHtml());
            });
        }
        assertTrue(html.select("[style]").isEmpty());
        assertTrue(threadPage.body().contains("&lt;script&gt;"), "the subject is escaped");
    }

    @Test
    void aHugeThreadShowsItsFirstHundredMessagesAndSaysSoWithTheLongestBodiesCut() {
        Inbox inbox = createInbox.create(new CreateInbox.Command(owner, null, null, null, null, null));
        Instant now = Instant.now();
        MailThread thread = MailThread.open(inbox, "huge", now).withInbound(now);
        store.mail().insertThread(thread);
        for (int i = 0; i < 101; i++) {
            String body = i == 0 ? "x".repeat(3_000_000) : "message " + i;
            ParsedMail mail = new ParsedMail("a@example.com", List.of(inbox.address().value()), List.of(), "huge",
                    null, null, List.of(), body, null, List.of());
            store.mail().insertMessage(Message.inbound(inbox, thread.id(), mail, "a@example.com", now.plusMillis(i)),
                    new byte[0], List.of());
        }

        Document page = browser.get("/console/threads/" + thread.id().value()).page();

        assertEquals(100, page.select("article.message").size());
        assertEquals("Showing the first 100 of 101 messages.", page.selectFirst("p.more").text());
        Element first = page.selectFirst("article.message");
        assertNotNull(first.selectFirst("p.truncated"), "the 3,000,000-character body is cut");
        assertTrue(first.selectFirst("pre.body-text").text().length() < 2_000_000);
        assertEquals(1, page.select("p.truncated").size(), "the short bodies are whole");
    }

    @Test
    void anUnknownConsoleAddressIsAConsolePageNotTheApisJson() {
        Browser.Reply unknown = browser.get("/console/no/such/page");

        assertEquals(404, unknown.status());
        assertTrue(unknown.page().select(".error").text().contains("no such page"), unknown.body());
        assertTrue(unknown.body().startsWith("<!DOCTYPE html>"), "a page, not the API's JSON error");
        assertFalse(unknown.body().contains("{\"error\""), unknown.body());
    }

    @Test
    void anUnknownThreadIsNotFound() {
        assertEquals(404, browser.get("/console/threads/thr_nope").status());
        assertEquals(404, browser.get("/console/domains/dom_nope").status());
    }

    private static MailDomain verifiedCopy(MailDomain domain) {
        return MailDomain.reconstitute(domain.id(), domain.accountId(), domain.name(), domain.scope(),
                dev.openmail.domain.maildomain.DomainStatus.VERIFIED, domain.dkim(), domain.ownershipToken(),
                Map.of(), domain.createdAt(), domain.createdAt());
    }
}
