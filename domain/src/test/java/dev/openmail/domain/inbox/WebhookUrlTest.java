package dev.openmail.domain.inbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hook", "http://localhost:8080/events", "https://hooks.example.com",
            "HTTPS://Example.com/Hook?token=abc&x=1", "https://[::1]/hook", "https://192.0.2.1:8443/a/b/c"})
    void acceptsAbsoluteHttpAndHttpsUrls(String value) {
        assertEquals(value, new WebhookUrl(value).value());
        assertEquals(value, new WebhookUrl(value).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/hook", "mailto:ops@example.com", "file:///etc/passwd", "example.com/hook",
            "/relative/path", "javascript:alert(1)", "ws://example.com/socket"})
    void refusesOtherSchemesAndRelativeUrls(String value) {
        assertRefused(value, "webhookUrl must use https (or http).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:///path", "https:/path", "http:relative", "https://exa_mple.com/hook"})
    void refusesUrlsWithoutAHost(String value) {
        assertRefused(value, "webhookUrl must name a host.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:secret@example.com/hook", "https://user@example.com/hook", "https://@example.com/"})
    void refusesCredentials(String value) {
        assertRefused(value, "webhookUrl may not carry a user name or password.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hook#part", "https://example.com/#"})
    void refusesAFragment(String value) {
        assertRefused(value, "webhookUrl may not have a fragment (#...).");
    }

    @Test
    void refusesTextThatIsNoUrl() {
        InvalidWebhookUrlException e = assertThrows(InvalidWebhookUrlException.class,
                () -> new WebhookUrl("https://example.com/a b"));
        assertTrue(e.getMessage().startsWith("webhookUrl is not a valid URL: "), e.getMessage());
        assertRefused("", "webhookUrl must be an absolute http or https URL.");
        assertRefused(null, "webhookUrl must be an absolute http or https URL.");
    }

    @Test
    void acceptsUpTo2048Characters() {
        String prefix = "https://example.com/";
        String longest = prefix + "a".repeat(WebhookUrl.MAX_LENGTH - prefix.length());
        assertEquals(2048, new WebhookUrl(longest).value().length());

        assertRefused(longest + "a", "webhookUrl may be at most 2048 characters long.");
    }

    private static void assertRefused(String value, String message) {
        InvalidWebhookUrlException e = assertThrows(InvalidWebhookUrlException.class, () -> new WebhookUrl(value));
        assertEquals(message, e.getMessage());
    }
}
