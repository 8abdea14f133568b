package dev.openmail.domain.apikey;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.common.DomainException;

public final class ApiKeyLimitReachedException extends DomainException {

    public ApiKeyLimitReachedException(KeyScope scope, int limit) {
        super((scope instanceof KeyScope.AccountWide ? "This account already has " + limit + " account-wide keys"
                : scope.boundary().substring(0, 1).toUpperCase() + scope.boundary().substring(1) + " already has "
                + limit + " active keys") + "; revoke one you no longer use before minting another.");
    }
}
