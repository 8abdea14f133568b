package dev.openmail.adapters.rest.apikey;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.HttpApi.Reply;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.adapters.rest.support.UseCaseTestFactory;
import dev.openmail.domain.port.in.OpenAccount;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key endpoints over HTTP, with the real use cases on the in-memory store. */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
class ApiKeyControllerTest {

    private static final Set<String> KEY_FIELDS =
            Set.of("id", "name", "podId", "inboxId", "tokenPrefix", "last4", "createdAt", "lastUsedAt");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    OpenAccount openAccount;

    private HttpApi api;
    private TestAccount account;

    @BeforeEach
    void openAccount() {
        api = new HttpApi(server.getURL(), mapper);
        account = TestAccounts.open(openAccount);
    }

    @Test
    void anInboxKeyIsMintedWithEveryFieldAndTheTokenOnce() {
        Reply inbox = api.post("/v1/inboxes", account.token(), "{}");
        String inboxId = inbox.string("id");

        Reply minted = api.post("/v1/inboxes/" + inboxId + "/api-keys", account.token(), "{\"name\":null}");

        assertEquals(201, minted.status(), minted.body());
        Set<String> withToken = new HashSet<>(KEY_FIELDS);
        withToken.add("token");
        assertEquals(withToken, minted.object().keySet());
        assertEquals(inboxId, minted.string("inboxId"));
        assertEquals(account.defaultPodId().value(), minted.string("podId"), "an inbox key names its inbox's pod");
        assertNull(minted.get("name"));
        assertEquals(UseCaseTestFactory.NOW.toString(), minted.string("createdAt"));
        assertTrue(minted.string("token").startsWith(minted.string("tokenPrefix")));

        Reply listed = api.get("/v1/inboxes/" + inboxId + "/api-keys", account.token());
        assertEquals(200, listed.status());
        assertEquals(KEY_FIELDS, listed.data().get(0).keySet());
        assertEquals(1, listed.total());
    }

    @Test
    void anEmptyBodyMintsAKeyWithoutName() {
        Reply minted = api.post("/v1/api-keys", account.token(), "");

        assertEquals(201, minted.status(), minted.body());
        assertNull(minted.get("podId"));
        assertNull(minted.get("inboxId"));
        assertEquals(2, api.get("/v1/api-keys", account.token()).total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":5}", "{\"label\":\"x\"}", "[]", "{\"name\":\"a\",\"name\":\"b\"}", "{"})
    void aBadBodyIsRefusedAndMintsNothing(String body) {
        Reply reply = api.post("/v1/pods/" + account.defaultPodId().value() + "/api-keys", account.token(), body);

        assertError(reply, 400, "bad_request");
        assertEquals(0, api.get("/v1/pods/" + account.defaultPodId().value() + "/api-keys", account.token()).total());
    }

    @Test
    void unknownHoldersAndKeysAreNotFound() {
        assertError(api.get("/v1/pods/no-such-pod/api-keys", account.token()), 404, "not_found");
        assertError(api.get("/v1/inboxes/inb_01aaaaaaaaaaaaaaaaaaaaaaaa/api-keys", account.token()), 404, "not_found");
        assertError(api.get("/v1/inboxes/not-an-id/api-keys", account.token()), 404, "not_found");
        assertError(api.delete("/v1/api-keys/key_01aaaaaaaaaaaaaaaaaaaaaaaa", account.token()), 404, "not_found");
        assertError(api.delete("/v1/api-keys/garbage", account.token()), 404, "not_found");
    }

    @Test
    void aPodKeyIsRefusedEveryKeyOperationNamingItsPod() {
        String pod = account.defaultPodId().value();
        String podKey = api.post("/v1/pods/" + pod + "/api-keys", account.token(), "{}").string("token");

        for (Reply refused : new Reply[] {
                api.post("/v1/pods/" + pod + "/api-keys", podKey, "{}"),
                api.get("/v1/pods/" + pod + "/api-keys", podKey),
                api.get("/v1/api-keys", podKey),
                api.post("/v1/api-keys", podKey, "{}")}) {
            assertError(refused, 403, "forbidden", "pod " + pod);
        }
        assertEquals(1, api.get("/v1/pods/" + pod + "/api-keys", account.token()).total(), "nothing was minted");
    }

    @Test
    void theLastAccountKeyStays() {
        String only = api.get("/v1/api-keys", account.token()).data().get(0).get("id").toString();

        assertError(api.delete("/v1/api-keys/" + only, account.token()), 409, "last_account_key");
        assertEquals(200, api.get("/v1/api-keys", account.token()).status());
    }
}
