package dev.openmail.adapters.rest.webhook;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.HttpApi.Reply;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.application.fakes.ScriptedWebhooks;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.webhook.WebhookResponse;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook routes over HTTP, with the real use cases on the in-memory store and scripted webhook endpoints. */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
class WebhookControllerTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Set<String> DELIVERY_FIELDS = Set.of("eventId", "event", "inboxId", "attempt", "attemptedAt",
            "url", "statusCode", "error", "latencyMs", "outcome");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    OpenAccount openAccount;
    @Inject
    ScriptedWebhooks endpoints;

    private HttpApi api;
    private TestAccount account;

    @BeforeEach
    void openAccount() {
        api = new HttpApi(server.getURL(), mapper);
        account = TestAccounts.open(openAccount);
    }

    @AfterEach
    void endpointsAnswer200Again() {
        endpoints.answer(WebhookResponse.answered(200, 5));
    }

    private Map<String, Object> inbox(String webhookUrl) {
        String body = webhookUrl == null ? "{\"mailboxName\":\"hook-" + SEQUENCE.incrementAndGet() + "\"}"
                : "{\"mailboxName\":\"hook-" + SEQUENCE.incrementAndGet() + "\",\"webhookUrl\":\"" + webhookUrl + "\"}";
        Reply created = api.post("/v1/inboxes", account.token(), body);
        assertEquals(201, created.status(), created::toString);
        return created.object();
    }

    private String podKey() {
        Reply key = api.post("/v1/pods/" + account.defaultPodId().value() + "/api-keys", account.token(), "{}");
        assertEquals(201, key.status(), key::toString);
        return key.string("token");
    }

    private String inboxKey(String inboxId) {
        Reply key = api.post("/v1/inboxes/" + inboxId + "/api-keys", account.token(), "{}");
        assertEquals(201, key.status(), key::toString);
        return key.string("token");
    }

    @Test
    void rotatingAnInboxsSecretAnswersTheNewOne() {
        Map<String, Object> inbox = inbox("https://hooks.example/a");

        Reply rotated = api.post("/v1/inboxes/" + inbox.get("id") + "/webhook/rotate-secret", account.token(), "");

        assertEquals(200, rotated.status(), rotated::toString);
        assertEquals(Set.of("webhookSecret"), rotated.object().keySet());
        assertTrue(rotated.string("webhookSecret").startsWith("whsec_"));
        assertNotEquals(inbox.get("webhookSecret"), rotated.string("webhookSecret"));
    }

    @Test
    void anInboxWithoutAWebhookUrlCannotRotateOrTest() {
        String id = (String) inbox(null).get("id");

        assertError(api.post("/v1/inboxes/" + id + "/webhook/rotate-secret", account.token(), ""), 400,
                "no_webhook_url", "PATCH /v1/inboxes/{id}");
        assertError(api.post("/v1/inboxes/" + id + "/webhook/test", account.token(), ""), 400, "no_webhook_url");
    }

    @Test
    void scopedKeysAndStrangersAreRefused() {
        String id = (String) inbox("https://hooks.example/b").get("id");
        String other = TestAccounts.open(openAccount).token();

        assertError(api.post("/v1/inboxes/" + id + "/webhook/rotate-secret", podKey(), ""), 403, "forbidden");
        assertError(api.post("/v1/inboxes/" + id + "/webhook/rotate-secret", inboxKey(id), ""), 403, "forbidden");
        assertError(api.post("/v1/inboxes/" + id + "/webhook/test", inboxKey(id), ""), 403, "forbidden");
        assertError(api.post("/v1/inboxes/" + id + "/webhook/test", other, ""), 404, "not_found");
        assertError(api.post("/v1/inboxes/inb_nope/webhook/rotate-secret", account.token(), ""), 404, "not_found");
        assertError(api.get("/v1/webhook", podKey()), 403, "forbidden");
        assertError(api.send(api.request("/v1/webhook", podKey()).PUT(java.net.http.HttpRequest.BodyPublishers
                .ofString("{\"webhookUrl\":\"https://x.example/\"}")).header("Content-Type", "application/json")),
                403, "forbidden");
    }

    @Test
    void aTestIsPostedAndItsResultAnsweredAndLogged() {
        String id = (String) inbox("https://hooks.example/c").get("id");

        Reply ok = api.post("/v1/inboxes/" + id + "/webhook/test", podKey(), "");
        endpoints.answer(WebhookResponse.answered(500, 7));
        Reply failed = api.post("/v1/inboxes/" + id + "/webhook/test", account.token(), "");

        assertEquals(200, ok.status(), ok::toString);
        assertEquals(Boolean.TRUE, ok.get("ok"));
        assertTrue(ok.string("message").contains("HTTP 200"), ok::toString);
        assertError(failed, 502, "webhook_failed", "HTTP 500");
        Reply log = api.get("/v1/inboxes/" + id + "/webhook/deliveries", account.token());
        assertEquals(200, log.status(), log::toString);
        assertEquals(2, log.total());
        Map<String, Object> newest = log.data().get(0);
        assertEquals(DELIVERY_FIELDS, newest.keySet());
        assertEquals("webhook.test", newest.get("event"));
        assertEquals(id, newest.get("inboxId"));
        assertEquals(1, ((Number) newest.get("attempt")).intValue());
        assertEquals("https://hooks.example/c", newest.get("url"));
        assertEquals(500, ((Number) newest.get("statusCode")).intValue());
        assertEquals("failed", newest.get("outcome"));
        assertEquals("succeeded", log.data().get(1).get("outcome"));
        assertNull(log.data().get(1).get("error"));
        assertEquals(1, api.get("/v1/inboxes/" + id + "/webhook/deliveries?limit=1", podKey()).data().size());
    }

    @Test
    void theAccountWebhookIsSetShownChangedRotatedTestedAndRemoved() {
        assertEquals(Map.of(), withoutNulls(api.get("/v1/webhook", account.token()).object()));

        Reply set = put("{\"webhookUrl\":\"https://acme.example/hook\"}");
        Reply moved = put("{\"webhookUrl\":\"https://acme.example/v2\"}");

        assertEquals(200, set.status(), set::toString);
        assertEquals("https://acme.example/hook", set.string("webhookUrl"));
        assertTrue(set.string("webhookSecret").startsWith("whsec_"));
        assertEquals(Set.of("webhookUrl"), moved.object().keySet(), "the secret is shown only when issued");
        assertEquals(Map.of("webhookUrl", "https://acme.example/v2"), api.get("/v1/webhook", account.token()).object());
        Reply rotated = api.post("/v1/webhook/rotate-secret", account.token(), "");
        assertNotEquals(set.string("webhookSecret"), rotated.string("webhookSecret"));
        assertEquals(200, api.post("/v1/webhook/test", account.token(), "").status());
        Reply log = api.get("/v1/webhook/deliveries", account.token());
        assertEquals(1, log.total());
        assertNull(log.data().get(0).get("inboxId"));

        assertEquals(204, api.delete("/v1/webhook", account.token()).status());
        assertEquals(Map.of(), withoutNulls(api.get("/v1/webhook", account.token()).object()));
        assertError(api.post("/v1/webhook/rotate-secret", account.token(), ""), 400, "no_webhook_url");
        assertError(api.post("/v1/webhook/test", account.token(), ""), 400, "no_webhook_url");
    }

    @Test
    void aBadAccountWebhookBodyIsRefusedNamingTheField() {
        assertError(put("{\"webhookUrl\":\"ftp://acme.example/\"}"), 422, "invalid_webhook_url");
        assertError(put("{}"), 400, "bad_request", "webhookUrl");
        assertError(put("{\"webhookUrl\":null}"), 400, "bad_request", "webhookUrl");
        assertError(put("{\"webhookUrl\":\"https://a.example/\",\"secret\":\"x\"}"), 400, "bad_request", "secret");
        assertError(put("not json"), 400, "bad_request");
        assertFalse(api.get("/v1/webhook", account.token()).object().containsValue("https://a.example/"));
    }

    private Reply put(String json) {
        return api.send(api.request("/v1/webhook", account.token())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> object) {
        Map<String, Object> kept = new java.util.LinkedHashMap<>(object);
        kept.values().removeIf(java.util.Objects::isNull);
        assertEquals(List.of("webhookUrl"), List.copyOf(object.keySet()));
        return kept;
    }
}
