package dev.openmail.application.maildomain;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.pod.InvalidPodException;
import dev.openmail.domain.maildomain.DkimKey;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.PendingDomains;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.in.AddDomain;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.PodGoneException;
import dev.openmail.domain.port.out.SaveDomain;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;

public final class AddDomainService implements AddDomain {

    private final Transactions transactions;
    private final LoadAccounts loadAccounts;
    private final LoadPods loadPods;
    private final LoadDomains loadDomains;
    private final SaveDomain saveDomain;
    private final PendingDomains pending;
    private final InstallationDomain installationDomain;
    private final Clock clock;

    public AddDomainService(Transactions transactions, LoadAccounts loadAccounts, LoadPods loadPods,
                            LoadDomains loadDomains, SaveDomain saveDomain, InstallationDomain installationDomain,
                            PendingDomains pending, Clock clock) {
        this.transactions = transactions;
        this.loadAccounts = loadAccounts;
        this.loadPods = loadPods;
        this.loadDomains = loadDomains;
        this.saveDomain = saveDomain;
        this.pending = pending;
        this.installationDomain = installationDomain;
        this.clock = clock;
    }

    @Override
    public MailDomain add(Command command) {
        Access.requireKind(command.caller(), Action.MANAGE_DOMAINS);
        installationDomain.ensureClaimable(command.name());
        // Making an RSA key takes a while; it is done before any row is held.
        DkimKey dkim = DkimKey.generate();
        return transactions.inTransaction(() -> {
            // Account, then pod: the order inbox creation holds them in, so that the two never deadlock.
            loadAccounts.findForUpdate(command.caller().accountId());
            // Counted under the account's lock, so that concurrent adds cannot pass the limit together.
            pending.ensureRoomFor(loadDomains.countNeverVerified(command.caller().accountId()));
            DomainScope scope = DomainScope.ACCOUNT_WIDE;
            if (command.podOrNull() != null) {
                Pod pod = loadPods.findForUpdate(command.caller().accountId(), command.podOrNull())
                        .orElseThrow(() -> new InvalidPodException(command.podOrNull().text()));
                scope = DomainScope.of(pod.id());
                Access.require(command.caller(), Action.MANAGE_DOMAINS, pod.place());
            }
            MailDomain domain = MailDomain.add(command.caller().accountId(), command.name(), scope, dkim, clock.instant());
            try {
                saveDomain.insert(domain);
            } catch (PodGoneException deletedMeanwhile) {
                throw new InvalidPodException(command.podOrNull().text());
            }
            return domain;
        });
    }
}
