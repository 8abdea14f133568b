package dev.openmail.adapters.rest.error;

import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.OpenAccount;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A failure nobody mapped still answers in the API's error shape, and tells nothing of its cause. */
@MicronautTest
class UnexpectedFailureTest {

    private static final String SECRET_CAUSE = "connection to db-7.internal refused";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    OpenAccount openAccount;

    @MockBean(ListPods.class)
    ListPods failingListPods() {
        return (accountId, page) -> {
            throw new IllegalStateException(SECRET_CAUSE);
        };
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorInTheUsualShape() {
        HttpApi api = new HttpApi(server.getURL(), mapper);
        HttpApi.Reply reply = api.get("/v1/pods", TestAccounts.open(openAccount).token());

        assertError(reply, 500, "internal_error", "try again");
        assertFalse(reply.body().contains(SECRET_CAUSE), reply::toString);
    }
}
