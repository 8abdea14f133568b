package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.ControllableClock;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Custom domains nobody verifies do not hold their names forever: an account holds a few at most, and the server
 * removes each one the pending period after it was added, after which another account may add the name.
 */
class PendingDomainsSystemTest {

    @Test
    void aDomainLeftUnverifiedIsRemovedAfterThePendingPeriodAndItsNameIsFreeAgain() {
        try (RunningServer server = RunningServer.start(TestDatabase.h2(), Map.of(
                "openmail.admin-token", RunningServer.ADMIN_TOKEN, "openmail.test.controllable-clock", true,
                "openmail.domains.max-pending", 2, "openmail.domains.pending-ttl", "7d",
                "openmail.domains.expire-interval", "100ms"))) {
            ControllableClock clock = server.context().getBean(ControllableClock.class);
            Account squatter = server.openAccount();
            Account owner = server.openAccount();
            Reply squatted = server.post("/v1/domains", squatter.token(), "{\"domain\":\"brand.example.com\"}");
            assertEquals(201, squatted.status(), squatted.body());
            assertEquals(201, server.post("/v1/domains", squatter.token(), "{\"domain\":\"second.example.com\"}").status());

            Reply third = server.post("/v1/domains", squatter.token(), "{\"domain\":\"third.example.com\"}");
            assertEquals(422, third.status(), third.body());
            assertEquals("pending_domain_limit_reached", third.string("error"));
            assertEquals(409, server.post("/v1/domains", owner.token(), "{\"domain\":\"brand.example.com\"}").status());

            clock.advance(Duration.ofDays(7).plusSeconds(1));

            assertTrue(Eventually.holds(() -> server.get("/v1/domains/" + squatted.string("id"), squatter.token())
                    .status() == 404, Duration.ofSeconds(30)), "the unverified domain was removed");
            assertEquals(201, server.post("/v1/domains", owner.token(), "{\"domain\":\"brand.example.com\"}").status(),
                    "the name is free for another account");
        }
    }
}
