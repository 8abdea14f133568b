package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API description generated from the controllers is served, lists every endpoint, and has a browsable page. */
class OpenApiSystemTest {

    private final RunningServer server = RunningServer.shared();

    @Test
    void theServedDescriptionListsEveryEndpoint() {
        Reply description = server.get("/swagger/openmail.yml", null);

        assertEquals(200, description.status());
        String yaml = description.body();
        assertTrue(yaml.startsWith("openapi: 3."), yaml.substring(0, Math.min(200, yaml.length())));
        for (String path : List.of("  /v1/pods:", "  /v1/pods/{id}:", "  /admin/v1/accounts:", "  /admin/v1/accounts/{id}:",
                "  /v1/inboxes:", "  /v1/inboxes/{id}:", "  /v1/domains:", "  /v1/domains/{id}:", "  /v1/domains/{id}/verify:")) {
            assertTrue(yaml.contains("\n" + path + "\n"), "missing " + path);
        }
        for (String operation : List.of("createPod", "listPods", "getPod", "updatePod", "deletePod",
                "createAccount", "listAccounts", "updateAccount",
                "createInbox", "listInboxes", "getInbox", "updateInbox", "deleteInbox",
                "createDomain", "listDomains", "getDomain", "updateDomain", "deleteDomain", "verifyDomain",
                "createApiKey", "listApiKeys", "deleteApiKey", "createPodApiKey", "listPodApiKeys", "deletePodApiKey",
                "createInboxApiKey", "listInboxApiKeys", "deleteInboxApiKey")) {
            assertTrue(yaml.contains("operationId: " + operation + "\n"), "missing operation " + operation);
        }
        assertTrue(yaml.contains("bearerAuth"));
        server.context().getBean(Router.class).uriRoutes()
                .map(route -> route.getUriMatchTemplate().toPathString())
                .filter(path -> path.startsWith("/v1/") || path.startsWith("/admin/"))
                // The WebSocket: OpenAPI describes no WebSocket protocol, nor does OpenMail's own description; the
                // README documents it.
                .filter(path -> !path.equals("/v1/ws"))
                .forEach(path -> assertTrue(yaml.contains("\n  " + path + ":\n"), "the description lacks " + path));
    }

    /** Where OpenMail publishes its own, so that tools pointed at the base URL find it; no API key needed. */
    @Test
    @SuppressWarnings("unchecked")
    void theSameDescriptionIsServedAsJsonAtOpenapiJson() {
        Reply json = server.get("/openapi.json", null);
        String yaml = server.get("/swagger/openmail.yml", null).body();

        assertEquals(200, json.status(), json.body());
        assertTrue(json.headers().get("content-type").get(0).startsWith("application/json"), json.headers().toString());
        Map<String, Object> description = json.object();
        assertTrue(((String) description.get("openapi")).startsWith("3."));
        Set<String> yamlPaths = new TreeSet<>();
        Matcher path = Pattern.compile("\n  (/[^:\n]*):\n").matcher(yaml);
        while (path.find()) {
            yamlPaths.add(path.group(1));
        }
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) description.get("paths");
        assertEquals(yamlPaths, new TreeSet<>(paths.keySet()));
        assertTrue(paths.get("/v1/inboxes/{id}/send").containsKey("post"), paths.get("/v1/inboxes/{id}/send").toString());
        assertFalse(paths.containsKey("/openapi.json"), "the description does not describe itself");
    }

    @Test
    void theSwaggerUiPageAndItsAssetsAreServed() {
        Reply page = server.get("/swagger-ui/", null);
        Reply script = server.get("/swagger-ui/res/swagger-ui-bundle.js", null);

        assertEquals(200, page.status());
        assertTrue(page.body().contains("/swagger/openmail.yml"));
        assertEquals(200, script.status());
        assertTrue(script.body().length() > 10_000);
    }
}
