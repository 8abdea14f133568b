package dev.openmail.adapters.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.port.out.PostWebhook;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter as Micronaut wires it, with its setting read from configuration. */
class WebhookBeansTest {

    @Test
    void privateTargetsAreRefusedUnlessConfiguredAndAttemptsLast15Seconds() {
        try (ApplicationContext context = ApplicationContext.run()) {
            HttpWebhookPoster poster = assertInstanceOf(HttpWebhookPoster.class, context.getBean(PostWebhook.class));

            assertFalse(poster.allowsPrivateTargets());
            assertEquals(HttpWebhookPoster.DEFAULT_TIMEOUT, poster.timeout());
            assertEquals(15, poster.timeout().toSeconds());
        }
    }

    @Test
    void privateTargetsCanBeAllowed() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "openmail.webhooks.allow-private-targets", true))) {
            assertTrue(context.getBean(HttpWebhookPoster.class).allowsPrivateTargets());
        }
    }
}
