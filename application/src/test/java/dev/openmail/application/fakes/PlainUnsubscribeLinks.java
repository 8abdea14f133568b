package dev.openmail.application.fakes;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.UnsubscribeLinks;
import dev.openmail.domain.suppression.Unsubscription;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Unsubscribe links for use-case tests: the token is the unsubscription in plain base64 behind a fixed prefix, so a
 * test can read what a link names; a token without the prefix is refused as one this server did not make.
 */
public final class PlainUnsubscribeLinks implements UnsubscribeLinks {

    private static final String PREFIX = "plain.";
    public static final String BASE = "https://mail.example.test/unsubscribe/";

    @Override
    public String linkFor(Unsubscription unsubscription) {
        String text = unsubscription.accountId().value() + "\n" + unsubscription.podId().value() + "\n"
                + unsubscription.address();
        return BASE + PREFIX + Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<Unsubscription> read(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(token.substring(PREFIX.length())),
                StandardCharsets.UTF_8).split("\n", -1);
        return Optional.of(new Unsubscription(new AccountId(parts[0]), new PodId(parts[1]), parts[2]));
    }
}
