package dev.openmail.bootstrap;

import dev.openmail.application.account.AuthenticateApiKeyService;
import dev.openmail.application.account.EnsureBootstrapAccountService;
import dev.openmail.application.account.ListAccountsService;
import dev.openmail.application.account.OpenAccountService;
import dev.openmail.application.account.UpdateAccountService;
import dev.openmail.application.pod.CreatePodService;
import dev.openmail.application.pod.DeletePodService;
import dev.openmail.application.pod.GetPodService;
import dev.openmail.application.pod.ListPodsService;
import dev.openmail.application.pod.UpdatePodService;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.DeletePod;
import dev.openmail.domain.port.in.EnsureBootstrapAccount;
import dev.openmail.domain.port.in.GetPod;
import dev.openmail.domain.port.in.ListAccounts;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.UpdateAccount;
import dev.openmail.domain.port.in.UpdatePod;
import dev.openmail.domain.port.out.InspectPodContents;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Builds the use cases, which are plain classes without framework annotations. Each use case opens its own
 * transaction through the Transactions port, so nothing here needs interception.
 */
@Factory
final class UseCaseFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    CreatePod createPod(Transactions transactions, SavePod savePod, Clock clock) {
        return new CreatePodService(transactions, savePod, clock);
    }

    @Singleton
    ListPods listPods(Transactions transactions, LoadPods loadPods) {
        return new ListPodsService(transactions, loadPods);
    }

    @Singleton
    GetPod getPod(LoadPods loadPods) {
        return new GetPodService(loadPods);
    }

    @Singleton
    UpdatePod updatePod(Transactions transactions, LoadPods loadPods, SavePod savePod) {
        return new UpdatePodService(transactions, loadPods, savePod);
    }

    @Singleton
    DeletePod deletePod(Transactions transactions, LoadPods loadPods, InspectPodContents contents, RemovePod removePod) {
        return new DeletePodService(transactions, loadPods, contents, removePod);
    }

    @Singleton
    OpenAccountService openAccount(Transactions transactions, SaveAccount saveAccount, SavePod savePod,
                                   SaveApiKey saveApiKey, OpenMailSettings settings, Clock clock) {
        return new OpenAccountService(transactions, saveAccount, savePod, saveApiKey, settings.defaultInboxLimit(), clock);
    }

    @Singleton
    EnsureBootstrapAccount ensureBootstrapAccount(LoadAccounts loadAccounts, LoadApiKeys loadApiKeys,
                                                  OpenAccountService openAccount) {
        return new EnsureBootstrapAccountService(loadAccounts, loadApiKeys, openAccount);
    }

    @Singleton
    ListAccounts listAccounts(Transactions transactions, LoadAccounts loadAccounts) {
        return new ListAccountsService(transactions, loadAccounts);
    }

    @Singleton
    UpdateAccount updateAccount(Transactions transactions, LoadAccounts loadAccounts, SaveAccount saveAccount) {
        return new UpdateAccountService(transactions, loadAccounts, saveAccount);
    }

    @Singleton
    AuthenticateApiKey authenticateApiKey(LoadApiKeys loadApiKeys) {
        return new AuthenticateApiKeyService(loadApiKeys);
    }
}
