package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.ApiToken;

import java.util.Optional;

/**
 * Makes sure a fresh installation can be used at once. With a configured token: an account holding it exists
 * afterwards. Without one: if there is no account at all, one is opened with a generated key.
 */
public interface EnsureBootstrapAccount {

    /** The account opened by this call, if one was; its key's token is known only here. */
    Optional<ProvisionedAccount> ensure(Optional<ApiToken> configuredToken);
}
