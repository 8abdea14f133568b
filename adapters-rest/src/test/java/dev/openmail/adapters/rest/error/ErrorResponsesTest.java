package dev.openmail.adapters.rest.error;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.HttpApi.Reply;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.OpenAccount;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every failure reaches the client as {"error","message"} in JSON: the domain's failures through
 * DomainExceptionHandler, the framework's own refusals through ApiErrorResponseProcessor.
 */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
class ErrorResponsesTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    OpenAccount openAccount;
    @Inject
    ListPods listPods;
    @Inject
    InMemoryStore store;

    private HttpApi api;
    private TestAccount account;

    @BeforeEach
    void openAccount() {
        api = new HttpApi(server.getURL(), mapper);
        account = TestAccounts.open(openAccount);
    }

    private String token() {
        return account.token();
    }

    private long pods() {
        return listPods.list(owner(account.id()), PageRequest.firstPage()).total();
    }

    private PodId newPod(String clientId) {
        return new PodId(api.post("/v1/pods", token(), "{\"clientId\":\"" + clientId + "\"}").string("id"));
    }

    // ---- domain failures, one per entry of ErrorCatalogue

    @Test
    void invalidInputIsBadRequest() {
        assertError(api.post("/v1/pods", token(), "{\"clientId\":\"white space\"}"), 400, "bad_request", "clientId");
    }

    @Test
    void aRefusedKeyIsUnauthorized() {
        assertError(api.get("/v1/pods", "om_" + "z".repeat(43)), 401, "unauthorized");
    }

    @Test
    void aMissingPodIsNotFound() {
        assertError(api.get("/v1/pods/nobody", token()), 404, "not_found", "nobody");
    }

    @Test
    void aTakenClientIdIsAConflict() {
        newPod("twice");
        assertError(api.post("/v1/pods", token(), "{\"clientId\":\"twice\"}"), 409, "client_id_taken", "twice");
    }

    @Test
    void aPodWithAnInboxIsNotEmpty() {
        PodId pod = newPod("with-inbox");
        store.addInbox(account.id(), pod);

        assertError(api.delete("/v1/pods/with-inbox", token()), 409, "pod_not_empty", pod.value());
        assertEquals(2, pods());
    }

    @Test
    void aPodOwningADomainHasDomains() {
        PodId pod = newPod("with-domain");
        store.addScopedDomain(account.id(), pod);

        assertError(api.delete("/v1/pods/" + pod.value(), token()), 409, "pod_has_domains", "with-domain");
        assertEquals(2, pods());
    }

    @Test
    void inboxesAreReportedBeforeDomains() {
        PodId pod = newPod("with-both");
        store.addScopedDomain(account.id(), pod);
        store.addInbox(account.id(), pod);

        assertError(api.delete("/v1/pods/with-both", token()), 409, "pod_not_empty");
    }

    @Test
    void theDefaultPodCannotBeDeleted() {
        assertError(api.delete("/v1/pods/" + account.defaultPodId().value(), token()), 409, "default_pod");
        assertEquals(1, pods());
    }

    @Test
    void theDefaultPodWithAnInboxReportsTheInbox() {
        store.addInbox(account.id(), account.defaultPodId());

        assertError(api.delete("/v1/pods/" + account.defaultPodId().value(), token()), 409, "pod_not_empty");
    }

    // ---- the framework's refusals

    @Test
    void anUnknownRouteIsNotFound() {
        assertError(api.get("/v1/nothing-here", token()), 404, "not_found", "/v1");
        assertError(api.get("/nothing-here", null), 404, "not_found");
        assertError(api.get("/", null), 404, "not_found");
        assertError(api.get("/v1/pods/a/b", token()), 404, "not_found");
        assertError(api.send(api.request("/nothing-here", null).header("Accept", "application/xml")), 404, "not_found");
    }

    @Test
    void aHeadRequestGetsTheStatusWithoutABody() {
        Reply reply = api.send(api.request("/nothing-here", null).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertEquals(404, reply.status());
        assertEquals("", reply.body());
    }

    @Test
    void aMethodARouteDoesNotTakeIsNotAllowed() {
        String pod = "/v1/pods/" + account.defaultPodId().value();
        assertError(api.send(api.request(pod, token()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))), 405, "method_not_allowed");
        assertError(api.delete("/v1/pods", token()), 405, "method_not_allowed");
        assertError(api.patch("/v1/pods", token(), "{}"), 405, "method_not_allowed");
        assertError(api.post(pod, token(), "{}"), 405, "method_not_allowed");
        assertError(api.delete("/admin/v1/accounts", ControllerTestSettings.ADMIN_TOKEN), 405, "method_not_allowed");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        assertError(api.send(api.request("/v1/pods", token()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))), 415, "unsupported_media_type", "application/json");
        assertError(api.send(api.request("/v1/pods/" + account.defaultPodId().value(), token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("name=x"))), 415, "unsupported_media_type");
        assertError(api.send(api.request("/admin/v1/accounts", ControllerTestSettings.ADMIN_TOKEN)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<account/>"))), 415, "unsupported_media_type");
        assertEquals(1, pods());
    }

    @Test
    void aBodyWithoutAContentTypeIsReadAsJson() {
        Reply created = api.send(api.request("/v1/pods", token())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"untyped\"}")));

        assertEquals(201, created.status(), created::toString);
        assertEquals("untyped", created.get("name"));
    }

    @Test
    void aBodyOverTheSizeLimitIsTooLarge() {
        String huge = "{\"name\":\"" + "a".repeat(70 * 1024) + "\"}";
        assertError(api.send(api.request("/v1/pods", token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge, StandardCharsets.UTF_8))), 413, "payload_too_large");
        assertError(api.send(api.request("/admin/v1/accounts", ControllerTestSettings.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge, StandardCharsets.UTF_8))), 413, "payload_too_large");
        assertEquals(1, pods());
    }

    @Test
    void aClientThatAcceptsNoJsonIsRefused() {
        assertError(api.send(api.request("/v1/pods", token()).header("Accept", "text/html")), 406, "not_acceptable");
    }

    @Test
    void malformedJsonIsABadRequestThatSaysSo() {
        for (String body : List.of("{", "{\"name\":}", "{'name':'x'}", "{\"name\":\"x\",}", "{/* c */}", "nul",
                "{\"name\":" + "[".repeat(5000) + "}")) {
            assertError(api.post("/v1/pods", token(), body), 400, "bad_request", "not valid JSON");
        }
        for (String body : List.of("[]", "42", "\"text\"", "null", "true")) {
            assertError(api.post("/v1/pods", token(), body), 400, "bad_request", "JSON object");
        }
        assertEquals(1, pods());
    }

    @Test
    void jsonWithContentAfterTheObjectIsMalformed() {
        for (String body : List.of("{\"name\":\"a\"}}", "{\"name\":\"a\"} garbage", "{\"name\":\"a\"}{\"clientId\":\"b\"}")) {
            assertError(api.post("/v1/pods", token(), body), 400, "bad_request", "JSON");
        }
        assertEquals(1, pods());
    }

    @Test
    void aCharsetParameterIsIgnoredBecauseJsonIsAlwaysUtf8() {
        for (String charset : List.of("no-such-charset", "@@", "ISO-8859-1")) {
            Reply reply = api.send(api.request("/v1/pods", token())
                    .header("Content-Type", "application/json; charset=" + charset)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"caf\u00e9\"}", java.nio.charset.StandardCharsets.UTF_8)));

            assertEquals(201, reply.status(), reply::toString);
            assertEquals("caf\u00e9", reply.object().get("name"));
        }
    }
}
