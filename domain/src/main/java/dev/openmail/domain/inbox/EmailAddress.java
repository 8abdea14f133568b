package dev.openmail.domain.inbox;

import dev.openmail.domain.maildomain.DomainName;

/** An inbox address. Both parts are lower case, so equal addresses have equal text. */
public record EmailAddress(MailboxName mailbox, DomainName domain) {

    public String value() {
        return mailbox.value() + "@" + domain.value();
    }

    /** Rebuilds an address from its stored text. */
    public static EmailAddress of(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("not an address: " + text);
        }
        return new EmailAddress(new MailboxName(text.substring(0, at)), new DomainName(text.substring(at + 1)));
    }

    @Override
    public String toString() {
        return value();
    }
}
