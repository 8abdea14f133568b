package dev.openmail.domain.access;

/**
 * Everything a request can do, each with the narrowest kind of key allowed to do it. A pod key may do what reaches
 * {@link Reach#POD} or {@link Reach#INBOX}, inside its pod; an inbox key only what reaches {@link Reach#INBOX}, inside
 * its inbox; an account-wide key everything in its account.
 */
public enum Action {

    READ_PODS("read pods", Reach.POD),
    MANAGE_PODS("create, change or delete pods", Reach.ACCOUNT),
    CREATE_INBOX("create inboxes", Reach.POD),
    READ_INBOXES("read inboxes", Reach.INBOX),
    RENAME_INBOX("change an inbox's display name", Reach.POD),
    CONFIGURE_WEBHOOKS("change webhook settings", Reach.ACCOUNT),
    TEST_WEBHOOKS("send test webhooks or read webhook deliveries", Reach.POD),
    DELETE_INBOX("delete inboxes", Reach.ACCOUNT),
    MANAGE_DOMAINS("read or manage custom domains", Reach.ACCOUNT),
    MANAGE_KEYS("mint, list or revoke API keys", Reach.ACCOUNT),
    READ_MAIL("read mail", Reach.INBOX),
    MARK_THREADS("mark threads read or unread", Reach.INBOX),
    SEND_MAIL("send mail", Reach.INBOX),
    MANAGE_SENDER_RULES("read or manage sender rules", Reach.POD),
    READ_SUPPRESSIONS("read the suppression list", Reach.INBOX),
    MANAGE_SUPPRESSIONS("add to or remove from the suppression list", Reach.ACCOUNT);

    /** The narrowest key that may act; wider keys may too. */
    public enum Reach {
        ACCOUNT, POD, INBOX
    }

    private final String description;
    private final Reach reach;

    Action(String description, Reach reach) {
        this.description = description;
        this.reach = reach;
    }

    public String description() {
        return description;
    }

    public Reach reach() {
        return reach;
    }
}
