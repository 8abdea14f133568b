package dev.openmail.adapters.rest.senderrule;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.HttpApi.Reply;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.domain.port.in.OpenAccount;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sender rule routes over HTTP, with the real use cases on the in-memory store. */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
class SenderRuleControllerTest {

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

    private Reply putMode(String query, String token, String json) {
        return api.send(api.request("/v1/sender-rules/mode" + query, token)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
    }

    private String pod() {
        Reply pod = api.post("/v1/pods", account.token(), "{}");
        assertEquals(201, pod.status(), pod::toString);
        return pod.string("id");
    }

    private String podKey(String podId) {
        Reply key = api.post("/v1/pods/" + podId + "/api-keys", account.token(), "{}");
        assertEquals(201, key.status(), key::toString);
        return key.string("token");
    }

    private String inboxKey() {
        Reply inbox = api.post("/v1/inboxes", account.token(), "{}");
        assertEquals(201, inbox.status(), inbox::toString);
        Reply key = api.post("/v1/inboxes/" + inbox.string("id") + "/api-keys", account.token(), "{}");
        assertEquals(201, key.status(), key::toString);
        return key.string("token");
    }

    @Test
    void aRuleIsAddedListedAndRemoved() {
        Reply created = api.post("/v1/sender-rules", account.token(), "{\"type\":\"block\",\"value\":\"Spam@X.test\"}");

        assertEquals(201, created.status(), created::toString);
        assertEquals(Set.of("id", "type", "value", "podId", "createdAt"), created.object().keySet());
        assertTrue(created.string("id").startsWith("rule_"));
        assertEquals("block", created.string("type"));
        assertEquals("spam@x.test", created.string("value"));
        assertNull(created.get("podId"));

        Reply listed = api.get("/v1/sender-rules", account.token());
        assertEquals(200, listed.status(), listed::toString);
        assertEquals(1, listed.total());
        assertEquals(created.object(), listed.data().get(0));
        assertEquals(0, api.get("/v1/sender-rules", TestAccounts.open(openAccount).token()).total());

        assertEquals(204, api.delete("/v1/sender-rules/" + created.string("id"), account.token()).status());
        assertEquals(0, api.get("/v1/sender-rules", account.token()).total());
        assertError(api.delete("/v1/sender-rules/" + created.string("id"), account.token()), 404, "not_found");
        assertError(api.delete("/v1/sender-rules/nope", account.token()), 404, "not_found");
    }

    @Test
    void badRulesAndDuplicatesAreRefused() {
        assertError(api.post("/v1/sender-rules", account.token(), "{\"type\":\"deny\",\"value\":\"x.test\"}"), 400,
                "invalid_sender_rule");
        assertError(api.post("/v1/sender-rules", account.token(), "{\"type\":\"block\",\"value\":\"not a domain\"}"),
                400, "invalid_sender_rule");
        assertError(api.post("/v1/sender-rules", account.token(), "{\"type\":\"block\"}"), 400, "invalid_sender_rule");
        assertError(api.post("/v1/sender-rules", account.token(), "{\"type\":\"block\",\"value\":\"x.test\","
                + "\"extra\":1}"), 400, "bad_request");
        assertEquals(201, api.post("/v1/sender-rules", account.token(), "{\"type\":\"allow\",\"value\":\"x.test\"}")
                .status());
        assertError(api.post("/v1/sender-rules", account.token(), "{\"type\":\"allow\",\"value\":\"X.TEST\"}"), 409,
                "sender_rule_exists");
        assertError(putMode("", account.token(), "{\"filterMode\":\"strict\"}"), 400, "invalid_sender_rule");
    }

    @Test
    void podRulesAreListedPerPodAndThePodsModeOverridesTheAccounts() {
        String pod = pod();
        Reply created = api.post("/v1/sender-rules", account.token(),
                "{\"type\":\"allow\",\"value\":\"friend.test\",\"podId\":\"" + pod + "\"}");
        assertEquals(201, created.status(), created::toString);
        assertEquals(pod, created.string("podId"));
        assertEquals(0, api.get("/v1/sender-rules", account.token()).total());
        assertEquals(1, api.get("/v1/sender-rules?podId=" + pod, account.token()).total());

        assertEquals(Map.of("filterMode", "none"), api.get("/v1/sender-rules/mode", account.token()).object());
        assertEquals(Map.of("filterMode", "allowlist"), putMode("", account.token(), "{\"filterMode\":\"allowlist\"}")
                .object());
        assertEquals("allowlist", api.get("/v1/sender-rules/mode?podId=" + pod, account.token()).string("filterMode"),
                "a pod without a mode of its own has the account's");
        assertEquals(200, putMode("?podId=" + pod, account.token(), "{\"filterMode\":\"none\"}").status());
        assertEquals("none", api.get("/v1/sender-rules/mode?podId=" + pod, account.token()).string("filterMode"));
        assertEquals("allowlist", api.get("/v1/sender-rules/mode", account.token()).string("filterMode"));
        assertError(api.get("/v1/sender-rules?podId=pod_nope", account.token()), 404, "not_found");
    }

    @Test
    void aPodKeyManagesOnlyItsPodsRulesAndAnInboxKeyNone() {
        String pod = pod();
        String key = podKey(pod);
        String accountRule = api.post("/v1/sender-rules", account.token(), "{\"type\":\"block\",\"value\":\"a.test\"}")
                .string("id");

        Reply own = api.post("/v1/sender-rules", key, "{\"type\":\"block\",\"value\":\"b.test\"}");
        assertEquals(201, own.status(), own::toString);
        assertEquals(pod, own.string("podId"), "no podId means the key's pod");
        assertEquals(List.of(own.object()), api.get("/v1/sender-rules", key).data());
        assertEquals(1, api.get("/v1/sender-rules?podId=" + pod, key).total());
        assertEquals(200, putMode("", key, "{\"filterMode\":\"allowlist\"}").status());
        assertEquals("none", api.get("/v1/sender-rules/mode", account.token()).string("filterMode"));
        assertEquals("allowlist", api.get("/v1/sender-rules/mode?podId=" + pod, account.token()).string("filterMode"));

        String other = account.defaultPodId().value();
        assertError(api.post("/v1/sender-rules", key, "{\"type\":\"block\",\"value\":\"c.test\",\"podId\":\"" + other
                + "\"}"), 403, "forbidden");
        assertError(api.get("/v1/sender-rules?podId=" + other, key), 403, "forbidden");
        assertError(putMode("?podId=" + other, key, "{\"filterMode\":\"none\"}"), 403, "forbidden");
        assertError(api.delete("/v1/sender-rules/" + accountRule, key), 403, "forbidden");
        assertEquals(204, api.delete("/v1/sender-rules/" + own.string("id"), key).status());

        String inbox = inboxKey();
        assertError(api.get("/v1/sender-rules", inbox), 403, "forbidden");
        assertError(api.post("/v1/sender-rules", inbox, "{\"type\":\"block\",\"value\":\"d.test\"}"), 403, "forbidden");
        assertError(api.get("/v1/sender-rules/mode", inbox), 403, "forbidden");
        assertError(api.delete("/v1/sender-rules/" + accountRule, inbox), 403, "forbidden");
    }
}
