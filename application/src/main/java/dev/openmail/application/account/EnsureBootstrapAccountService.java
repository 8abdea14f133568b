package dev.openmail.application.account;

import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.port.in.EnsureBootstrapAccount;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.TokenAlreadyRegisteredException;

import java.util.Optional;

public final class EnsureBootstrapAccountService implements EnsureBootstrapAccount {

    private final LoadAccounts loadAccounts;
    private final LoadApiKeys loadApiKeys;
    private final OpenAccount openAccount;

    public EnsureBootstrapAccountService(LoadAccounts loadAccounts, LoadApiKeys loadApiKeys, OpenAccount openAccount) {
        this.loadAccounts = loadAccounts;
        this.loadApiKeys = loadApiKeys;
        this.openAccount = openAccount;
    }

    @Override
    public Optional<ProvisionedAccount> ensure(Optional<ApiToken> configuredToken) {
        if (configuredToken.isPresent()) {
            ApiToken token = configuredToken.get();
            if (loadApiKeys.findByTokenHash(token.hash()).isPresent()) {
                return Optional.empty();
            }
            try {
                return Optional.of(openAccount.open(new OpenAccount.Command(null, null, token)));
            } catch (TokenAlreadyRegisteredException anotherInstanceWasFaster) {
                return Optional.empty();
            }
        }
        if (loadAccounts.anyExists()) {
            return Optional.empty();
        }
        return Optional.of(openAccount.open(new OpenAccount.Command(null, null)));
    }
}
