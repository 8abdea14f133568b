package dev.openmail.adapters.rest.admin;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.HttpApi.Reply;
import dev.openmail.adapters.rest.support.UseCaseTestFactory;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.in.ListAccounts;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /admin/v1/accounts over HTTP with the admin token. */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
class AdminAccountControllerTest {

    private static final String ADMIN = ControllerTestSettings.ADMIN_TOKEN;
    private static final Set<String> ACCOUNT_FIELDS = Set.of("id", "name", "inboxLimit", "createdAt",
            "dropSpoofedLocalMail", "storageQuotaBytes");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    ListAccounts listAccounts;
    @Inject
    AuthenticateApiKey authenticateApiKey;

    private HttpApi api;

    @BeforeEach
    void client() {
        api = new HttpApi(server.getURL(), mapper);
    }

    private Reply open(String body) {
        return api.post("/admin/v1/accounts", ADMIN, body);
    }

    private long accounts() {
        return listAccounts.list(PageRequest.firstPage()).total();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Reply reply, String field) {
        return (Map<String, Object>) reply.get(field);
    }

    private static int inboxLimit(Reply reply) {
        return ((Number) reply.get("inboxLimit")).intValue();
    }

    // ---- open

    @Test
    void openAnswers201WithTheAccountItsDefaultPodAndItsKey() {
        Reply opened = open("{\"name\":\"Acme\",\"inboxLimit\":25}");

        assertEquals(201, opened.status(), opened::toString);
        assertTrue(opened.contentType().startsWith("application/json"));
        assertEquals(Set.of("id", "name", "inboxLimit", "createdAt", "defaultPod", "apiKey", "dropSpoofedLocalMail",
                        "storageQuotaBytes"),
                opened.object().keySet());
        assertTrue(AccountId.isWellFormed(opened.string("id")), opened::toString);
        assertEquals("Acme", opened.get("name"));
        assertEquals(25, inboxLimit(opened));
        assertEquals(UseCaseTestFactory.NOW, Instant.parse(opened.string("createdAt")));

        Map<String, Object> pod = nested(opened, "defaultPod");
        assertEquals(Set.of("id", "clientId", "name", "isDefault", "createdAt"), pod.keySet());
        assertEquals(Boolean.TRUE, pod.get("isDefault"));
        assertNull(pod.get("clientId"));

        Map<String, Object> key = nested(opened, "apiKey");
        assertEquals(Set.of("id", "name", "podId", "inboxId", "tokenPrefix", "last4", "createdAt", "lastUsedAt", "token"),
                key.keySet());
        String token = (String) key.get("token");
        assertTrue(ApiToken.isWellFormed(token), token);
        assertTrue(token.startsWith("om_"));
        assertTrue(((String) key.get("id")).startsWith("key_"));
        assertTrue(token.startsWith((String) key.get("tokenPrefix")), key.toString());
        assertEquals(8, ((String) key.get("tokenPrefix")).length());
        assertEquals(token.substring(token.length() - 4), key.get("last4"));
        assertNull(key.get("name"));
        assertNull(key.get("podId"));
        assertNull(key.get("inboxId"));
        assertNull(key.get("lastUsedAt"));
        assertEquals(opened.get("createdAt"), key.get("createdAt"));

        assertEquals(opened.get("id"), authenticateApiKey.authenticate(token).accountId().value());
        Reply pods = api.get("/v1/pods", token);
        assertEquals(200, pods.status());
        assertEquals(List.of(pod), pods.data(), "the new key sees exactly the default pod");
    }

    @Test
    void openWithoutFieldsTakesTheInstallationsDefaultLimit() {
        for (String body : new String[]{"", "{}", "{\"name\":null,\"inboxLimit\":null}"}) {
            Reply opened = open(body);

            assertEquals(201, opened.status(), body + " -> " + opened);
            assertNull(opened.get("name"));
            assertEquals(UseCaseTestFactory.DEFAULT_INBOX_LIMIT.value(), inboxLimit(opened));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0         | 0",
            "1000000   | 1000000",
            "-0        | 0",
            "1.0       | 1",
            "1e3       | 1000",
            "1E3       | 1000",
            "2.5e1     | 25",
            "1000.000  | 1000"})
    void anInboxLimitIsAnyJsonNumberWhoseValueIsAnIntegerInRange(String json, int expected) {
        Reply opened = open("{\"inboxLimit\":" + json + "}");

        assertEquals(201, opened.status(), opened::toString);
        assertEquals(expected, inboxLimit(opened));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "\"5\"", "-1", "1000001", "99999999999999999999", "-99999999999999999999", "true",
            "{}", "[5]", "1e7", "0.001"})
    void openRefusesAnInboxLimitThatIsNotAnIntegerFrom0To1000000(String json) {
        long before = accounts();

        assertError(open("{\"inboxLimit\":" + json + "}"), 400, "bad_request", "inboxLimit");
        assertEquals(before, accounts(), "no account was opened");
    }

    @Test
    void openRefusesAnInboxLimitTooLargeForADoubleWithA400NotA500() {
        // 1e400 overflows a double; the body reader holds it as Infinity, which BigDecimal cannot take.
        assertError(open("{\"inboxLimit\":1e400}"), 400, "bad_request", "inboxLimit");
    }

    @Test
    void openRefusesBadNamesAndUnknownFields() {
        long before = accounts();

        assertError(open("{\"name\":7}"), 400, "bad_request", "name");
        assertError(open("{\"name\":\"" + "x".repeat(256) + "\"}"), 400, "bad_request", "name");
        assertError(open("{\"plan\":\"pro\"}"), 400, "bad_request", "plan");
        assertError(open("{\"id\":\"acc_x\",\"name\":\"sneaky\"}"), 400, "bad_request", "'id'");
        assertError(open("[]"), 400, "bad_request", "JSON object");
        assertEquals(before, accounts());
    }

    // ---- list

    @Test
    void listAnswersAccountsOldestFirstWithDataAndTotal() {
        String first = open("{\"name\":\"first\"}").string("id");
        String second = open("{\"name\":\"second\",\"inboxLimit\":9}").string("id");

        Reply all = api.get("/admin/v1/accounts?limit=100", ADMIN);
        assertEquals(200, all.status(), all::toString);
        assertEquals(Set.of("data", "total"), all.object().keySet());
        long total = all.total();
        assertEquals(accounts(), total);

        Reply tail = api.get("/admin/v1/accounts?limit=2&offset=" + (total - 2), ADMIN);
        assertEquals(List.of(first, second), tail.data().stream().map(account -> account.get("id")).toList());
        Map<String, Object> last = tail.data().get(1);
        assertEquals(ACCOUNT_FIELDS, last.keySet());
        assertEquals("second", last.get("name"));
        assertEquals(9, ((Number) last.get("inboxLimit")).intValue());
        assertEquals("2025-03-04T05:06:07.891Z", last.get("createdAt"));
    }

    @Test
    void listPagesLikeEveryOtherList() {
        open("{}");
        open("{}");

        assertEquals(1, api.get("/admin/v1/accounts?limit=0", ADMIN).data().size());
        assertEquals(List.of(), api.get("/admin/v1/accounts?offset=99999999999999999999", ADMIN).data());
        assertError(api.get("/admin/v1/accounts?offset=-1", ADMIN), 400, "bad_request", "offset");
        assertError(api.get("/admin/v1/accounts?limit=many", ADMIN), 400, "bad_request", "limit");
    }

    // ---- send limits

    @Test
    void sendLimitsShowTheSettingsUntilTheOperatorOverridesThem() {
        String id = open("{}").string("id");
        String path = "/admin/v1/accounts/" + id + "/send-limits";

        Reply settings = api.get(path, ADMIN);
        assertEquals(200, settings.status(), settings::toString);
        assertEquals(id, settings.get("accountId"));
        Map<String, Object> none = new java.util.HashMap<>();
        for (String cap : List.of("burstPerMinute", "dailyPerInbox", "coldPerInboxNew", "coldPerAccountNew",
                "coldPerAccount")) {
            none.put(cap, null);
        }
        assertEquals(none, nested(settings, "overrides"));

        Reply set = api.put(path, ADMIN, "{\"dailyPerInbox\":500,\"coldPerInboxNew\":0,\"coldPerAccount\":null}");
        assertEquals(200, set.status(), set::toString);
        assertEquals(500, nested(set, "effective").get("dailyPerInbox"));
        assertEquals(0, nested(set, "effective").get("coldPerInboxNew"));
        assertEquals(500, nested(set, "overrides").get("dailyPerInbox"));
        assertNull(nested(set, "overrides").get("coldPerAccount"));
        assertEquals(set.object(), api.get(path, ADMIN).object());

        assertEquals(none, nested(api.put(path, ADMIN, "{}"), "overrides"), "{} returns to the settings");
    }

    @Test
    void sendLimitsRefuseNegativeOrUnknownValuesAndUnknownAccounts() {
        String path = "/admin/v1/accounts/" + open("{}").string("id") + "/send-limits";

        assertError(api.put(path, ADMIN, "{\"coldPerAccount\":-1}"), 400, "bad_request", "coldPerAccount");
        assertError(api.put(path, ADMIN, "{\"burstPerMinute\":1.5}"), 400, "bad_request", "burstPerMinute");
        assertError(api.put(path, ADMIN, "{\"coldPerDomain\":5}"), 400, "bad_request", "coldPerDomain");
        assertError(api.get("/admin/v1/accounts/" + AccountId.generate().value() + "/send-limits", ADMIN), 404,
                "not_found");
        assertError(api.put("/admin/v1/accounts/" + AccountId.generate().value() + "/send-limits", ADMIN, "{}"), 404,
                "not_found");
        assertEquals(401, api.get(path, "not-the-admin-token").status());
    }

    // ---- update

    @Test
    void dropSpoofedLocalMailIsOffByDefaultSetOnOpeningOrLaterAndOnlyTrueOrFalse() {
        Reply plain = open("{}");
        assertEquals(false, plain.get("dropSpoofedLocalMail"));
        assertEquals(true, open("{\"dropSpoofedLocalMail\":true}").get("dropSpoofedLocalMail"));
        String id = plain.string("id");

        Reply on = api.patch("/admin/v1/accounts/" + id, ADMIN, "{\"dropSpoofedLocalMail\":true}");
        assertEquals(200, on.status(), on::toString);
        assertEquals(true, on.get("dropSpoofedLocalMail"));
        Reply renamed = api.patch("/admin/v1/accounts/" + id, ADMIN, "{\"name\":\"Kept\"}");
        assertEquals(true, renamed.get("dropSpoofedLocalMail"), "an absent field is unchanged");

        assertError(api.patch("/admin/v1/accounts/" + id, ADMIN, "{\"dropSpoofedLocalMail\":\"yes\"}"), 400,
                "bad_request", "dropSpoofedLocalMail");
        assertError(api.patch("/admin/v1/accounts/" + id, ADMIN, "{\"dropSpoofedLocalMail\":null}"), 400,
                "bad_request", "dropSpoofedLocalMail");
        assertEquals(false, api.patch("/admin/v1/accounts/" + id, ADMIN, "{\"dropSpoofedLocalMail\":false}")
                .get("dropSpoofedLocalMail"));
    }

    @Test
    void patchChangesOnlyTheFieldsPresent() {
        String id = open("{\"name\":\"Before\",\"inboxLimit\":3}").string("id");

        Reply renamed = api.patch("/admin/v1/accounts/" + id, ADMIN, "{\"name\":\"After\"}");

        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals(ACCOUNT_FIELDS, renamed.object().keySet(), "an account, without its pod and key");
        assertEquals(id, renamed.get("id"));
        assertEquals("After", renamed.get("name"));
        assertEquals(3, inboxLimit(renamed));

        Reply limited = api.patch("/admin/v1/accounts/" + id, ADMIN, "{\"inboxLimit\":1e1}");
        assertEquals(200, limited.status(), limited::toString);
        assertEquals("After", limited.get("name"));
        assertEquals(10, inboxLimit(limited));

        Reply nothing = api.patch("/admin/v1/accounts/" + id, ADMIN, "");
        assertEquals(limited.object(), nothing.object());
    }

    @Test
    void patchWithANullNameClearsIt() {
        String id = open("{\"name\":\"Named\",\"inboxLimit\":4}").string("id");

        Reply cleared = api.patch("/admin/v1/accounts/" + id, ADMIN, "{\"name\":null}");

        assertEquals(200, cleared.status(), cleared::toString);
        assertTrue(cleared.object().containsKey("name"));
        assertNull(cleared.get("name"));
        assertEquals(4, inboxLimit(cleared));
    }

    @Test
    void patchRefusesANullInboxLimitAndChangesNothing() {
        String id = open("{\"name\":\"Kept\",\"inboxLimit\":6}").string("id");

        assertError(api.patch("/admin/v1/accounts/" + id, ADMIN, "{\"name\":\"Changed\",\"inboxLimit\":null}"),
                400, "bad_request", "inboxLimit");

        Map<String, Object> stored = api.get("/admin/v1/accounts?limit=100", ADMIN).data().stream()
                .filter(account -> id.equals(account.get("id"))).findFirst().orElseThrow();
        assertEquals("Kept", stored.get("name"));
        assertEquals(6, ((Number) stored.get("inboxLimit")).intValue());
    }

    @Test
    void patchRefusesBadFields() {
        String id = open("{}").string("id");
        String path = "/admin/v1/accounts/" + id;

        assertError(api.patch(path, ADMIN, "{\"inboxLimit\":-1}"), 400, "bad_request", "inboxLimit");
        assertError(api.patch(path, ADMIN, "{\"inboxLimit\":2.5}"), 400, "bad_request", "inboxLimit");
        assertError(api.patch(path, ADMIN, "{\"inboxLimit\":\"5\"}"), 400, "bad_request", "inboxLimit");
        assertError(api.patch(path, ADMIN, "{\"name\":false}"), 400, "bad_request", "name");
        assertError(api.patch(path, ADMIN, "{\"createdAt\":\"2020-01-01T00:00:00Z\"}"), 400, "bad_request", "createdAt");
        assertError(api.patch(path, ADMIN, "{\"name\":"), 400, "bad_request", "JSON");
    }

    @Test
    void patchOfAnUnknownAccountIsNotFound() {
        assertError(api.patch("/admin/v1/accounts/" + AccountId.generate().value(), ADMIN, "{\"name\":\"x\"}"),
                404, "not_found");
        assertError(api.patch("/admin/v1/accounts/garbage", ADMIN, "{\"name\":\"x\"}"), 404, "not_found");
        assertError(api.patch("/admin/v1/accounts/acc_", ADMIN, "{not json"), 404, "not_found",
                "No account");
    }
}
