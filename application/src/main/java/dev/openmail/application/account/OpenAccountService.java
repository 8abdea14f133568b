package dev.openmail.application.account;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;
import java.time.Instant;

/** Opens an account together with its default pod and a first account-wide key, all or nothing. */
public final class OpenAccountService implements OpenAccount {

    private final Transactions transactions;
    private final SaveAccount saveAccount;
    private final SavePod savePod;
    private final SaveApiKey saveApiKey;
    private final InboxLimit defaultInboxLimit;
    private final Clock clock;

    public OpenAccountService(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveApiKey saveApiKey,
                              InboxLimit defaultInboxLimit, Clock clock) {
        this.transactions = transactions;
        this.saveAccount = saveAccount;
        this.savePod = savePod;
        this.saveApiKey = saveApiKey;
        this.defaultInboxLimit = defaultInboxLimit;
        this.clock = clock;
    }

    @Override
    public ProvisionedAccount open(Command command) {
        ApiToken token = command.chosenToken() != null ? command.chosenToken() : ApiToken.generate();
        Instant now = clock.instant();
        Account account = Account.open(command.name(),
                command.inboxLimit() != null ? command.inboxLimit() : defaultInboxLimit, now)
                .withDropSpoofedLocalMail(dev.openmail.domain.common.Change.to(command.dropSpoofedLocalMail()))
                .withStorageQuota(command.storageQuota());
        Pod defaultPod = Pod.createDefault(account.id(), now);
        ApiKey key = ApiKey.accountWide(account.id(), null, token, now);
        transactions.inTransaction(() -> {
            saveAccount.insert(account);
            savePod.insert(defaultPod);
            saveApiKey.insert(key);
        });
        return new ProvisionedAccount(account, defaultPod, new IssuedApiKey(key, token));
    }
}
