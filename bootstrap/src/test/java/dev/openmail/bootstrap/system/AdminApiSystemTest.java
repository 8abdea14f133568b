package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator API: opening, listing and changing accounts with the admin token. */
class AdminApiSystemTest {

    private static final String ADMIN = RunningServer.ADMIN_TOKEN;
    private final RunningServer server = RunningServer.shared();

    @Test
    void opensAnAccountWithItsDefaultPodAndAKeyShownOnce() {
        Reply opened = server.post("/admin/v1/accounts", ADMIN, "{\"name\":\"Acme Corp\",\"inboxLimit\":25}");

        assertEquals(201, opened.status(), opened.body());
        assertEquals(Set.of("id", "name", "inboxLimit", "createdAt", "defaultPod", "apiKey",
                "dropSpoofedLocalMail", "storageQuotaBytes"), opened.object().keySet());
        assertTrue(opened.string("id").startsWith("acc_"));
        assertEquals("Acme Corp", opened.string("name"));
        assertEquals(25, ((Number) opened.at("inboxLimit")).intValue());
        assertEquals(Boolean.TRUE, opened.at("defaultPod.isDefault"));

        String token = opened.string("apiKey.token");
        assertTrue(token.startsWith("om_"));
        assertTrue(opened.string("apiKey.id").startsWith("key_"));
        assertEquals(token.substring(0, opened.string("apiKey.tokenPrefix").length()), opened.string("apiKey.tokenPrefix"));
        assertEquals(token.substring(token.length() - 4), opened.string("apiKey.last4"));
        assertNull(opened.at("apiKey.podId"));
        assertNull(opened.at("apiKey.inboxId"));
        assertNull(opened.at("apiKey.lastUsedAt"));

        Reply pods = server.get("/v1/pods", token);
        assertEquals(200, pods.status());
        assertEquals(1, pods.total());
        assertEquals(opened.string("defaultPod.id"), pods.data().get(0).get("id"));
    }

    @Test
    void opensAnAccountWithDefaultsFromAnEmptyBody() {
        Reply opened = server.post("/admin/v1/accounts", ADMIN, "");

        assertEquals(201, opened.status(), opened.body());
        assertNull(opened.at("name"));
        assertEquals(100, ((Number) opened.at("inboxLimit")).intValue(), "OPENMAIL_DEFAULT_INBOX_LIMIT's default");
    }

    @Test
    void listsAccountsOldestFirst() {
        String first = server.post("/admin/v1/accounts", ADMIN, "{\"name\":\"first\"}").string("id");
        String second = server.post("/admin/v1/accounts", ADMIN, "{\"name\":\"second\"}").string("id");

        Reply all = server.get("/admin/v1/accounts?limit=100", ADMIN);
        assertEquals(200, all.status());
        long total = all.total();
        Reply tail = server.get("/admin/v1/accounts?limit=2&offset=" + (total - 2), ADMIN);
        List<Object> ids = tail.data().stream().map(a -> a.get("id")).toList();
        assertEquals(List.of(first, second), ids);
        assertEquals(Set.of("id", "name", "inboxLimit", "createdAt", "dropSpoofedLocalMail", "storageQuotaBytes"),
                tail.data().get(0).keySet());
        assertEquals(400, server.get("/admin/v1/accounts?offset=-1", ADMIN).status());
    }

    @Test
    void patchesAnAccount() {
        String id = server.post("/admin/v1/accounts", ADMIN, "{\"name\":\"Before\",\"inboxLimit\":3}").string("id");

        Reply renamed = server.patch("/admin/v1/accounts/" + id, ADMIN, "{\"name\":\"After\"}");
        assertEquals(200, renamed.status());
        assertEquals("After", renamed.string("name"));
        assertEquals(3, ((Number) renamed.at("inboxLimit")).intValue());

        Reply limited = server.patch("/admin/v1/accounts/" + id, ADMIN, "{\"inboxLimit\":0,\"name\":null}");
        assertEquals(0, ((Number) limited.at("inboxLimit")).intValue());
        assertNull(limited.at("name"));
    }

    @Test
    void refusesBadAccountInput() {
        for (String body : List.of("{\"inboxLimit\":-1}", "{\"inboxLimit\":1.5}", "{\"inboxLimit\":\"5\"}",
                "{\"inboxLimit\":1000001}", "{\"inboxLimit\":99999999999999999999}", "{\"name\":7}", "{\"plan\":\"pro\"}", "{")) {
            Reply reply = server.post("/admin/v1/accounts", ADMIN, body);
            assertEquals(400, reply.status(), body);
            assertEquals("bad_request", reply.error(), body);
        }
        String id = server.post("/admin/v1/accounts", ADMIN, "{}").string("id");
        Reply nullLimit = server.patch("/admin/v1/accounts/" + id, ADMIN, "{\"inboxLimit\":null}");
        assertEquals(400, nullLimit.status());
        assertTrue(nullLimit.string("message").contains("inboxLimit"));
        assertEquals(404, server.patch("/admin/v1/accounts/acc_01aaaaaaaaaaaaaaaaaaaaaaaa", ADMIN, "{}").status());
        assertEquals(404, server.patch("/admin/v1/accounts/garbage", ADMIN, "{}").status());
    }

    @Test
    void refusesApiKeysAndWrongTokens() {
        String apiKey = server.openAccount().token();
        for (String token : new String[]{null, apiKey, "wrong-admin-token", ADMIN + "x"}) {
            Reply reply = server.get("/admin/v1/accounts", token);
            assertEquals(401, reply.status(), String.valueOf(token));
            assertEquals("unauthorized", reply.error());
            assertEquals(401, server.post("/admin/v1/accounts", token, "{}").status());
        }
    }

    @Test
    void eachOpenedAccountGetsItsOwnIdsAndKeys() {
        Map<String, Object> a = server.post("/admin/v1/accounts", ADMIN, "{}").object();
        Map<String, Object> b = server.post("/admin/v1/accounts", ADMIN, "{}").object();
        assertNotEquals(a.get("id"), b.get("id"));
        assertNotEquals(a.get("apiKey"), b.get("apiKey"));
        assertNotEquals(a.get("defaultPod"), b.get("defaultPod"));
    }
}
