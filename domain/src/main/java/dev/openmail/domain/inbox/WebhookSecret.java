package dev.openmail.domain.inbox;

import java.security.SecureRandom;
import java.util.Base64;

/** The key with which an inbox's webhook deliveries are signed; shown to the client when it is made. */
public record WebhookSecret(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static WebhookSecret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new WebhookSecret("whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
