package dev.openmail.adapters.rest;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.OpenAccount;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;

/** An id in a URL path that cannot name anything of its type (malformed, or another type's) is not found. */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
class PathIdsTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    OpenAccount openAccount;

    private HttpApi api;
    private String token;

    @BeforeEach
    void openAccount() {
        api = new HttpApi(server.getURL(), mapper);
        token = TestAccounts.open(openAccount).token();
    }

    private static List<String> badIds(String foreign) {
        return List.of("nonsense", "acc_", foreign, "inb_01" + "Z".repeat(30));
    }

    private void assertNotFound(List<String> ids, Function<String, HttpApi.Reply> request) {
        for (String id : ids) {
            assertError(request.apply(id), 404, "not_found");
        }
    }

    @Test
    void inboxIds() {
        assertNotFound(badIds(ThreadId.generate().value()), id -> api.get("/v1/inboxes/" + id, token));
        assertNotFound(badIds(PodId.generate().value()), id -> api.get("/v1/inboxes/" + id + "/threads", token));
    }

    @Test
    void threadIds() {
        assertNotFound(badIds(InboxId.generate().value()), id -> api.get("/v1/threads/" + id + "/messages", token));
    }

    @Test
    void messageIds() {
        assertNotFound(badIds(ThreadId.generate().value()), id -> api.get("/v1/messages/" + id + "/raw", token));
    }

    @Test
    void domainIds() {
        assertNotFound(badIds(InboxId.generate().value()), id -> api.get("/v1/domains/" + id, token));
    }

    @Test
    void apiKeyIds() {
        assertNotFound(badIds(MessageId.generate().value()), id -> api.delete("/v1/api-keys/" + id, token));
    }

    @Test
    void podIds() {
        assertNotFound(badIds(DomainId.generate().value()), id -> api.get("/v1/pods/" + id, token));
    }

    @Test
    void accountIds() {
        assertNotFound(badIds(ApiKeyId.generate().value()), id -> api.patch("/admin/v1/accounts/" + id,
                ControllerTestSettings.ADMIN_TOKEN, "{\"name\":\"x\"}"));
        assertNotFound(List.of(AccountId.generate().value()), id -> api.patch("/admin/v1/accounts/" + id,
                ControllerTestSettings.ADMIN_TOKEN, "{\"name\":\"x\"}"));
    }
}
