package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.bootstrap.support.WebhookReceiver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared server runs as installed (private webhook targets refused): a webhook pointing into the server's own
 * network, by address or by a name that resolves there, is refused without a connection being made.
 */
class WebhookTargetsSystemTest {

    private final RunningServer server = RunningServer.shared();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]", "2130706433", "0.0.0.0"})
    void aWebhookIntoTheServersOwnNetworkIsRefusedWithoutAConnection(String host) {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String url = receiver.url("/internal").replace("127.0.0.1", host);
            Account account = server.openAccount();
            Reply inbox = server.post("/v1/inboxes", account.token(), "{\"webhookUrl\":\"" + url + "\"}");
            assertEquals(201, inbox.status(), inbox.body());

            Reply test = server.post("/v1/inboxes/" + inbox.string("id") + "/webhook/test", account.token(), "");

            assertEquals(502, test.status(), test.body());
            assertEquals("webhook_failed", test.string("error"));
            assertTrue(test.string("message").contains("refused"), test.body());
            assertTrue(test.string("message").contains("OPENMAIL_WEBHOOK_ALLOW_PRIVATE_TARGETS"), test.body());
            assertTrue(receiver.received().isEmpty(), "nothing reached the internal endpoint");
            Reply log = server.get("/v1/inboxes/" + inbox.string("id") + "/webhook/deliveries", account.token());
            assertEquals("failed", log.data().get(0).get("outcome"));
        }
    }
}
