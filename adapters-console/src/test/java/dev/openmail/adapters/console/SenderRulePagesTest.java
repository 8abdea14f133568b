package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Browser.Reply;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.ManageSenderRules;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class SenderRulePagesTest {

    private static final String HOSTILE = "<script>alert(1)</script>";

    @Inject
    EmbeddedServer server;
    @Inject
    OpenAccount openAccount;
    @Inject
    CreateInbox createInbox;
    @Inject
    ManageSenderRules manageSenderRules;
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
    void theNavigationLinksToTheAllowBlockList() {
        assertNotNull(browser.get("/console/pods").page().selectFirst("header.top nav a[href=/console/sender-rules]"));
    }

    @Test
    void addsARuleListsItWithItsHitsOfTheLastSevenDaysAndRemovesIt() {
        Document empty = browser.get("/console/sender-rules").page();
        assertEquals("No rules yet.", empty.selectFirst("#rules .empty").text());

        Reply added = browser.submit(empty, "form#add-rule", Map.of("type", "block", "value", "Spam.Example"));
        assertEquals(303, added.status(), added.body());
        SenderRule rule = manageSenderRules.list(owner, null).get(0);
        assertEquals("spam.example", rule.value());

        Inbox inbox = createInbox.create(new CreateInbox.Command(owner, new PodRef.ById(account.defaultPod().id()),
                null, null, null, null));
        String to = inbox.address().value();
        byte[] raw = ("From: x@spam.example\r\nTo: " + to + "\r\nSubject: hi\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.UTF_8);
        receiveMail.receive(new ReceiveMail.Command(raw, "x@spam.example", List.of(to)));
        receiveMail.receive(new ReceiveMail.Command(raw, "x@spam.example", List.of(to)));

        Document listed = browser.get("/console/sender-rules").page();
        Element row = listed.getElementById(rule.id().value());
        assertNotNull(row, listed.html());
        assertEquals("block", row.selectFirst(".type").text());
        assertEquals("spam.example", row.selectFirst(".value").text());
        assertEquals("2", row.selectFirst(".hits").text());

        Reply removed = browser.submit(listed, "form.remove-rule", Map.of());
        assertEquals(303, removed.status(), removed.body());
        assertTrue(manageSenderRules.list(owner, null).isEmpty());
    }

    @Test
    void aBadValueIsRefusedOnThePageAndTheModeIsSet() {
        Reply refused = browser.submit(browser.get("/console/sender-rules").page(), "form#add-rule",
                Map.of("type", "block", "value", HOSTILE));
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.page().selectFirst("#rule-error").text().contains("value"));
        assertTrue(!refused.body().contains(HOSTILE), "the refusal is escaped");

        Reply set = browser.submit(browser.get("/console/sender-rules").page(), "form#set-filter-mode",
                Map.of("filterMode", "allowlist"));
        assertEquals(303, set.status(), set.body());
        assertEquals(FilterMode.ALLOWLIST, manageSenderRules.mode(owner, null));
        assertNotNull(browser.get("/console/sender-rules").page()
                .selectFirst("form#set-filter-mode option[value=allowlist][selected]"));
    }
}
