package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Browser.Reply;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.ManageSuppressions;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class SuppressionPagesTest {

    private static final String HOSTILE = "<script>alert(1)</script>";

    @Inject
    EmbeddedServer server;
    @Inject
    OpenAccount openAccount;
    @Inject
    ManageSuppressions manageSuppressions;

    private Caller owner;
    private Browser browser;

    @BeforeEach
    void signIn() {
        ProvisionedAccount account = openAccount.open(new OpenAccount.Command(null, null));
        owner = owner(account.account().id());
        browser = new Browser(server.getURI());
        browser.signIn(account.apiKey().token().reveal());
    }

    private List<Suppression> listed() {
        return manageSuppressions.list(owner, null, PageRequest.firstPage()).items();
    }

    @Test
    void theNavigationLinksToTheSuppressions() {
        assertNotNull(browser.get("/console/pods").page().selectFirst("header.top nav a[href=/console/suppressions]"));
    }

    @Test
    void addsASuppressionListsItWithItsReasonAndRemovesIt() {
        Document empty = browser.get("/console/suppressions").page();
        assertEquals("No suppressed addresses.", empty.selectFirst(".empty").text());

        Reply added = browser.submit(empty, "form#add-suppression",
                Map.of("address", "Gone@Example.org", "type", "bounce", "reason", HOSTILE));
        assertEquals(303, added.status(), added.body());
        assertEquals(SuppressionType.BOUNCE, listed().get(0).type());

        Reply page = browser.get("/console/suppressions");
        Element row = page.page().selectFirst("#suppressions tbody tr");
        assertNotNull(row, page.body());
        assertEquals("gone@example.org", row.selectFirst(".address").text());
        assertEquals("bounce", row.selectFirst(".type").text());
        assertEquals(HOSTILE, row.selectFirst(".reason").text());
        assertFalse(page.body().contains(HOSTILE), "the reason is escaped");

        Reply removed = browser.submit(page.page(), "form.remove-suppression", Map.of());
        assertEquals(303, removed.status(), removed.body());
        assertTrue(listed().isEmpty());
    }

    @Test
    void aBadAddressIsRefusedOnThePage() {
        Reply refused = browser.submit(browser.get("/console/suppressions").page(), "form#add-suppression",
                Map.of("address", "not an address", "type", "unsub"));
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.page().selectFirst("#suppression-error").text().contains("address"),
                refused.page().selectFirst("#suppression-error").text());
        assertTrue(listed().isEmpty());
    }
}
