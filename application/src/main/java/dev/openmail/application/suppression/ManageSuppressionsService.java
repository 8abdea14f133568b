package dev.openmail.application.suppression;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.ManageSuppressions;
import dev.openmail.domain.port.out.Suppressions;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;

import java.time.Clock;
import java.util.Objects;

/**
 * The account's suppression list. Reading: every kind of key, a scoped one seeing its pod's rows and the account's
 * own; adding and removing: account-wide keys only, since a suppression stops every inbox of the account from
 * sending to the address.
 */
public final class ManageSuppressionsService implements ManageSuppressions {

    private final Transactions transactions;
    private final Suppressions suppressions;
    private final Clock clock;

    public ManageSuppressionsService(Transactions transactions, Suppressions suppressions, Clock clock) {
        this.transactions = transactions;
        this.suppressions = suppressions;
        this.clock = clock;
    }

    @Override
    public Page<Suppression> list(Caller caller, SuppressionType typeOrNull, PageRequest page) {
        Access.requireKind(caller, Action.READ_SUPPRESSIONS);
        return transactions.inTransaction(() -> suppressions.page(caller.accountId(), caller.scope().podOrNull(),
                typeOrNull, page));
    }

    @Override
    public Added add(Caller caller, String address, SuppressionType type, String reasonOrNull) {
        Access.requireKind(caller, Action.MANAGE_SUPPRESSIONS);
        Objects.requireNonNull(type);
        Suppression wanted = new Suppression(caller.accountId(), null, address, type, reasonOrNull, clock.instant());
        return transactions.inTransaction(() -> suppressions.insertIfAbsent(wanted)
                ? new Added(wanted, true)
                : new Added(suppressions.find(caller.accountId(), wanted.address())
                        .orElseThrow(() -> new IllegalStateException("a suppression neither stored nor found")),
                        false));
    }

    @Override
    public void remove(Caller caller, String address) {
        Access.requireKind(caller, Action.MANAGE_SUPPRESSIONS);
        String normalized = Suppression.normalize("address", address);
        transactions.inTransaction(() -> {
            if (!suppressions.remove(caller.accountId(), normalized)) {
                throw Suppression.notFound(normalized);
            }
        });
    }
}
