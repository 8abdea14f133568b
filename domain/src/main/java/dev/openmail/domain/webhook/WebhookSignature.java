package dev.openmail.domain.webhook;

import dev.openmail.domain.inbox.WebhookSecret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code X-Signature} of a webhook POST: hex HMAC-SHA256 keyed with the secret (its text as UTF-8) over the
 * timestamp, a dot and the raw body, as receivers verify it.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    public static String sign(WebhookSecret secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
