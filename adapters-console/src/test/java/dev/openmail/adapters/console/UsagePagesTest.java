package dev.openmail.adapters.console;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import dev.openmail.domain.port.in.ReceiveMail;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@MicronautTest
class UsagePagesTest {

    @Inject
    EmbeddedServer server;
    @Inject
    OpenAccount openAccount;
    @Inject
    CreateInbox createInbox;
    @Inject
    ReceiveMail receiveMail;

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
    void theNavigationLinksToTheUsagePage() {
        assertNotNull(browser.get("/console/pods").page().selectFirst("header.top nav a[href=/console/usage]"));
    }

    @Test
    void showsEachInboxsCountsAndTheAccountsTotals() {
        Inbox inbox = createInbox.create(new CreateInbox.Command(owner, new PodRef.ById(account.defaultPod().id()),
                null, null, null, null));
        String to = inbox.address().value();
        byte[] raw = ("From: x@example.org\r\nTo: " + to + "\r\nSubject: hi\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(1, receiveMail.receive(new ReceiveMail.Command(raw, "x@example.org", List.of(to))).taken());

        Document page = browser.get("/console/usage").page();

        Element row = page.selectFirst("#inbox-usage tr[data-inbox-id=" + inbox.id().value() + "]");
        assertNotNull(row, page.html());
        assertEquals("1", row.selectFirst(".inbound").text());
        assertEquals("0", row.selectFirst(".outbound").text());
        assertEquals(raw.length + " B", row.selectFirst(".stored").text());
        assertEquals("1", page.selectFirst("#account-usage .inbound").text());
        assertEquals(raw.length + " B", page.selectFirst("#account-usage .stored").text());
    }

    @Test
    void writesBytesInBinaryUnits() {
        assertEquals("1023 B", UsagePagesController.bytes(1023));
        assertEquals("1.5 KiB", UsagePagesController.bytes(1536));
        assertEquals("10.0 GiB", UsagePagesController.bytes(10L << 30));
    }
}
