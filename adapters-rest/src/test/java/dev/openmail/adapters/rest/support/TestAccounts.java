package dev.openmail.adapters.rest.support;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;

/** Opens accounts through the real use case, so that each test has its own account and key. */
public final class TestAccounts {

    private TestAccounts() {
    }

    public static TestAccount open(OpenAccount openAccount) {
        ProvisionedAccount provisioned = openAccount.open(new OpenAccount.Command(null, null));
        return new TestAccount(provisioned.account().id(), provisioned.defaultPod().id(),
                provisioned.apiKey().token().reveal());
    }

    public record TestAccount(AccountId id, PodId defaultPodId, String token) {
    }
}
