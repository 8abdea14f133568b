package dev.openmail.application.fakes;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.PodId;

/** Callers for use-case tests, as the authentication filter would make them from a key of each kind. */
public final class Callers {

    private Callers() {
    }

    /** The account itself, through an account-wide key. */
    public static Caller owner(AccountId account) {
        return new Caller(account, ApiKeyId.generate(), KeyScope.ACCOUNT_WIDE);
    }

    public static Caller podKey(AccountId account, PodId pod) {
        return new Caller(account, ApiKeyId.generate(), KeyScope.pod(pod));
    }

    public static Caller inboxKey(Inbox inbox) {
        return new Caller(inbox.accountId(), ApiKeyId.generate(), KeyScope.inbox(inbox.podId(), inbox.id()));
    }
}
