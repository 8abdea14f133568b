package dev.openmail.adapters.rest.auth;

import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.ListAccounts;
import dev.openmail.domain.port.in.OpenAccount;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Without an admin token the operator API does not exist: its routes answer as unknown routes do. */
@MicronautTest
@Property(name = "openmail.admin-token", value = "")
class OperatorApiDisabledTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    OpenAccount openAccount;
    @Inject
    ListAccounts listAccounts;

    @Test
    void everyOperatorRouteIsNotFoundWhateverTheToken() {
        HttpApi api = new HttpApi(server.getURL(), mapper);
        TestAccount account = TestAccounts.open(openAccount);
        long before = listAccounts.list(PageRequest.firstPage()).total();

        String unknownRoute = (String) assertError(api.get("/admin/v1/nothing", null), 404, "not_found").get("message");
        for (String token : new String[]{null, "", "anything", account.token()}) {
            assertEquals(unknownRoute,
                    assertError(api.get("/admin/v1/accounts", token), 404, "not_found").get("message"));
            assertError(api.post("/admin/v1/accounts", token, "{}"), 404, "not_found");
            assertError(api.patch("/admin/v1/accounts/" + account.id().value(), token, "{\"inboxLimit\":0}"),
                    404, "not_found");
        }
        assertEquals(before, listAccounts.list(PageRequest.firstPage()).total());
    }

    @Test
    void theApiItselfStillWorks() {
        HttpApi api = new HttpApi(server.getURL(), mapper);
        TestAccount account = TestAccounts.open(openAccount);

        assertEquals(200, api.get("/v1/pods", account.token()).status());
    }
}
