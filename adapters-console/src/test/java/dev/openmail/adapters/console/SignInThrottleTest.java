package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Browser.Reply;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guessing keys at the sign-in form: after the allowed failures, the address is told to wait, even with a good key. */
@MicronautTest
@Property(name = "openmail.auth-failures-per-minute", value = "3")
class SignInThrottleTest {

    @Inject
    EmbeddedServer server;
    @Inject
    OpenAccount openAccount;

    @Test
    void failedSignInsFromOneAddressAreThrottledWithAPageSayingWhenToRetry() {
        ProvisionedAccount account = openAccount.open(new OpenAccount.Command(null, null));
        Browser browser = new Browser(server.getURI());

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(browser.submit(browser.get("/console/sign-in").page(), "form#sign-in",
                    Map.of("apiKey", "om_guess" + i + "xxxxxxxxxxxxxxxxxxxx")).status());
        }
        Reply withTheRightKey = browser.submit(browser.get("/console/sign-in").page(), "form#sign-in",
                Map.of("apiKey", account.apiKey().token().reveal()));

        assertEquals(List.of(401, 401, 401, 429, 429), statuses);
        assertEquals(429, withTheRightKey.status(), "the address waits, whatever key it brings");
        assertTrue(withTheRightKey.error().matches("Too many failed sign-ins from this address; try again in"
                + " (1[0-9]|20) s\\."), withTheRightKey.error());
    }
}
