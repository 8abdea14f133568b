package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;

/**
 * The account's suppression list. Any key reads what it may see (a scoped key: its pod's and the account's own, see
 * {@link Suppression}); only an account-wide key adds or removes.
 */
public interface ManageSuppressions {

    /** Newest first; of one type only when given. */
    Page<Suppression> list(Caller caller, SuppressionType typeOrNull, PageRequest page);

    /** Adds the address as the account's own; when it is suppressed already, answers that one unchanged. */
    Added add(Caller caller, String address, SuppressionType type, String reasonOrNull);

    void remove(Caller caller, String address);

    /** The suppression, and whether this call created it. */
    record Added(Suppression suppression, boolean created) {
    }
}
