package dev.openmail.adapters.rest.auth;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.HttpApi.Reply;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.ListAccounts;
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

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** ApiKeyFilter on /v1 and AdminFilter on /admin, through the running server. */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
// many refused tokens from one address on purpose; the throttle is AuthFailureThrottleTest's and AuthFailuresSystemTest's
@Property(name = "openmail.auth-failures-per-minute", value = "0")
class AuthFiltersTest {

    private static final String ADMIN = ControllerTestSettings.ADMIN_TOKEN;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    OpenAccount openAccount;
    @Inject
    ListPods listPods;
    @Inject
    ListAccounts listAccounts;

    private HttpApi api;
    private TestAccount account;

    @BeforeEach
    void openAccount() {
        api = new HttpApi(server.getURL(), mapper);
        account = TestAccounts.open(openAccount);
    }

    private Reply withAuthorization(String path, String header) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", header));
    }

    private long pods() {
        return listPods.list(owner(account.id()), PageRequest.firstPage()).total();
    }

    // ---- API keys on /v1

    @Test
    void aMissingKeyIsUnauthorizedAndSaysHowToSendOne() {
        assertError(api.get("/v1/pods", null), 401, "unauthorized", "Authorization: Bearer");
    }

    @Test
    void anAuthorizationHeaderThatIsNotABearerTokenIsTreatedAsMissing() {
        for (String header : new String[]{"Basic " + account.token(), "Bearer", "Bearer ", "Bearer    ",
                account.token(), "Bearer" + account.token(), "Token " + account.token()}) {
            assertError(withAuthorization("/v1/pods", header), 401, "unauthorized", "Missing API key");
        }
    }

    @Test
    void aMalformedTokenIsUnauthorizedAndSaysWhatKeysLookLike() {
        for (String token : new String[]{"not-a-token", "om_short", "om_" + "a".repeat(20) + "!", "OM_" + "a".repeat(30)}) {
            assertError(api.get("/v1/pods", token), 401, "unauthorized", ApiToken.PREFIX);
        }
    }

    @Test
    void anUnknownTokenIsUnauthorized() {
        assertError(api.get("/v1/pods", ApiToken.generate().reveal()), 401, "unauthorized", "unknown");
        String almost = account.token().substring(0, account.token().length() - 1)
                + (account.token().endsWith("A") ? "B" : "A");
        assertError(api.get("/v1/pods", almost), 401, "unauthorized", "unknown");
    }

    @Test
    void theAdminTokenIsNoApiKey() {
        assertError(api.get("/v1/pods", ADMIN), 401, "unauthorized");
    }

    @Test
    void theSchemeIsCaseInsensitiveAndSpacesAroundTheTokenDoNotMatter() {
        for (String header : new String[]{"bearer " + account.token(), "BEARER " + account.token(),
                "Bearer   " + account.token() + "  "}) {
            Reply reply = withAuthorization("/v1/pods", header);
            assertEquals(200, reply.status(), header + " -> " + reply);
            assertEquals(1, reply.total());
        }
    }

    @Test
    void everyV1RouteAndMethodIsGuardedAndNothingChanges() {
        String pod = "/v1/pods/" + account.defaultPodId().value();
        assertError(api.post("/v1/pods", null, "{\"clientId\":\"sneaky\"}"), 401, "unauthorized");
        assertError(api.patch(pod, null, "{\"name\":\"sneaky\"}"), 401, "unauthorized");
        assertError(api.delete(pod, "om_" + "u".repeat(40)), 401, "unauthorized");
        assertError(api.get(pod, null), 401, "unauthorized");
        assertError(api.get("/v1/not-a-route", null), 401, "unauthorized");
        assertError(api.get("//v1/pods", null), 401, "unauthorized");
        assertEquals(1, pods());
        assertEquals("Default", api.get(pod, account.token()).get("name"));
    }

    @Test
    void unauthorizedComesBeforeTheBodyIsRead() {
        assertError(api.post("/v1/pods", null, "{not json"), 401, "unauthorized");
        assertError(api.post("/v1/pods", null, "{\"name\":\"" + "a".repeat(70 * 1024) + "\"}"), 401, "unauthorized");
    }

    // ---- the admin token on /admin

    @Test
    void theOperatorApiRefusesEverythingButTheAdminToken() {
        long before = listAccounts.list(PageRequest.firstPage()).total();
        for (String token : new String[]{null, account.token(), "wrong", ADMIN + "x", ADMIN.substring(1),
                ADMIN.substring(0, ADMIN.length() - 1), ADMIN.toUpperCase()}) {
            assertError(api.get("/admin/v1/accounts", token), 401, "unauthorized", "admin token");
            assertError(api.post("/admin/v1/accounts", token, "{}"), 401, "unauthorized");
            assertError(api.patch("/admin/v1/accounts/" + account.id().value(), token, "{\"inboxLimit\":0}"),
                    401, "unauthorized");
        }
        assertError(withAuthorization("/admin/v1/accounts", "Basic " + ADMIN), 401, "unauthorized");
        assertError(api.get("//admin/v1/accounts", null), 401, "unauthorized");
        assertError(api.get("/admin//v1/accounts", null), 401, "unauthorized");
        assertEquals(before, listAccounts.list(PageRequest.firstPage()).total());
    }

    @Test
    void anApiKeyIsToldThatItDoesNotWorkThere() {
        assertError(api.get("/admin/v1/accounts", account.token()), 401, "unauthorized", "API keys are not accepted");
    }

    @Test
    void theAdminTokenOpensTheOperatorApi() {
        assertEquals(200, api.get("/admin/v1/accounts", ADMIN).status());
        assertEquals(200, withAuthorization("/admin/v1/accounts", "bearer " + ADMIN).status());
    }
}
