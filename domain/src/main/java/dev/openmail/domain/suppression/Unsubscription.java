package dev.openmail.domain.suppression;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodId;

import java.util.Objects;

/** Who an unsubscribe link was made for: the recipient of one bulk message, and the account and pod that sent it. */
public record Unsubscription(AccountId accountId, PodId podId, String address) {

    public Unsubscription {
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(podId);
        address = Suppression.normalize("address", address);
    }
}
