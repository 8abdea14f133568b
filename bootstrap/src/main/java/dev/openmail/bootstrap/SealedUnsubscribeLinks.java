package dev.openmail.bootstrap;

import dev.openmail.adapters.persistence.SecretBox;
import dev.openmail.adapters.rest.PublicBaseUrl;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.UnsubscribeLinks;
import dev.openmail.domain.suppression.Unsubscription;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Unsubscribe links under the public base URL ({@code /unsubscribe/<token>}), the token being the unsubscription
 * sealed with the secrets key (AES-256-GCM, {@link SecretBox}, bound to its own place), in URL-safe base64. Any
 * server process with the same key reads a link another made; a link altered in one bit, or sealed with a key this
 * server does not hold, is refused. Old keys still read links during a key rotation.
 */
@Singleton
final class SealedUnsubscribeLinks implements UnsubscribeLinks {

    static final String PATH = "/unsubscribe/";
    /** Longer than any token this class makes; a longer one is refused before it is decoded. */
    private static final int MAX_TOKEN = 1_024;
    private static final SecretBox.Place PLACE = new SecretBox.Place("unsubscribe", "link", "v1");

    private final SecretBox box;
    private final PublicBaseUrl baseUrl;

    SealedUnsubscribeLinks(SecretBox box, PublicBaseUrl baseUrl) {
        this.box = box;
        this.baseUrl = baseUrl;
    }

    @Override
    public String linkFor(Unsubscription unsubscription) {
        String text = unsubscription.accountId().value() + "\n" + unsubscription.podId().value() + "\n"
                + unsubscription.address();
        String sealed = box.seal(text, PLACE);
        return baseUrl.of(PATH + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(sealed.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public Optional<Unsubscription> read(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        try {
            String sealed = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (!sealed.startsWith(SecretBox.PREFIX)) {
                return Optional.empty(); // a plaintext value would "open" as itself
            }
            String[] parts = box.open(sealed, PLACE).split("\n", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            return Optional.of(new Unsubscription(new AccountId(parts[0]), new PodId(parts[1]), parts[2]));
        } catch (RuntimeException unreadable) {
            // bad base64, an unknown key, a failed tag, or ids that are no ids: not a link of this server's
            return Optional.empty();
        }
    }
}
