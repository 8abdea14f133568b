package dev.openmail.adapters.console;

import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A page whose path names an id that cannot be of its type (malformed, or another type's) is not found. */
@MicronautTest
class PathIdsPagesTest {

    @Inject
    EmbeddedServer server;
    @Inject
    OpenAccount openAccount;

    private Browser browser;

    @BeforeEach
    void signIn() {
        ProvisionedAccount account = openAccount.open(new OpenAccount.Command(null, null));
        browser = new Browser(server.getURI());
        browser.signIn(account.apiKey().token().reveal());
    }

    private void assertNotFound(String pathBefore, String foreign) {
        for (String id : List.of("nonsense", "inb_", foreign)) {
            assertEquals(404, browser.get(pathBefore + id).status(), pathBefore + id);
        }
    }

    @Test
    void inboxIds() {
        assertNotFound("/console/inboxes/", ThreadId.generate().value());
    }

    @Test
    void threadIds() {
        assertNotFound("/console/threads/", InboxId.generate().value());
    }

    @Test
    void domainIds() {
        assertNotFound("/console/domains/", InboxId.generate().value());
    }

    @Test
    void podIds() {
        assertNotFound("/console/pods/", DomainId.generate().value());
    }
}
