package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                .forEach(path -> assertTrue(yaml.contains("\n  " + path + ":\n"), "the description lacks " + path));
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
