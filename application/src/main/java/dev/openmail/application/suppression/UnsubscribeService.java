package dev.openmail.application.suppression;

import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.port.in.Unsubscribe;
import dev.openmail.domain.port.out.Suppressions;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.port.out.UnsubscribeLinks;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;
import dev.openmail.domain.suppression.Unsubscription;

import java.time.Clock;

/**
 * A one-click unsubscribe: the link's sealed token names the account, the pod that sent and the recipient, and the
 * recipient becomes an {@code unsub} suppression of that pod. It takes no caller: the seal is the authentication, and
 * it can add exactly the one address the link was made for.
 */
public final class UnsubscribeService implements Unsubscribe {

    static final String REASON = "one-click unsubscribe";

    private final Transactions transactions;
    private final Suppressions suppressions;
    private final UnsubscribeLinks links;
    private final Clock clock;

    public UnsubscribeService(Transactions transactions, Suppressions suppressions, UnsubscribeLinks links,
                              Clock clock) {
        this.transactions = transactions;
        this.suppressions = suppressions;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public void unsubscribe(String token) {
        Unsubscription target = links.read(token).orElseThrow(() -> new NotFoundException(
                "This unsubscribe link is not valid: it was altered or not made by this server."));
        transactions.inTransaction(() -> suppressions.insertIfAbsent(new Suppression(target.accountId(),
                target.podId(), target.address(), SuppressionType.UNSUB, REASON, clock.instant())));
    }

    @Override
    public boolean recognizes(String token) {
        return links.read(token).isPresent();
    }
}
