package dev.openmail.application.inbox;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.AddressTakenException;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.InvalidPodException;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.InvalidDomainException;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.out.CountInboxes;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.PodGoneException;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;

/**
 * Creates an inbox. The account is held first (for its inbox limit), then the pod (against its deletion), then the
 * custom domain if any (for its scope), so that concurrent creations, scope changes and pod deletions are decided one
 * after the other.
 */
public final class CreateInboxService implements CreateInbox {

    private static final int RANDOM_NAME_ATTEMPTS = 5;

    private final Transactions transactions;
    private final CountInboxes countInboxes;
    private final LoadPods loadPods;
    private final LoadDomains loadDomains;
    private final SaveInbox saveInbox;
    private final InstallationDomain installationDomain;
    private final Clock clock;

    public CreateInboxService(Transactions transactions, CountInboxes countInboxes, LoadPods loadPods,
                              LoadDomains loadDomains, SaveInbox saveInbox, InstallationDomain installationDomain,
                              Clock clock) {
        this.transactions = transactions;
        this.countInboxes = countInboxes;
        this.loadPods = loadPods;
        this.loadDomains = loadDomains;
        this.saveInbox = saveInbox;
        this.installationDomain = installationDomain;
        this.clock = clock;
    }

    @Override
    public Inbox create(Command command) {
        Caller caller = command.caller();
        AccountId accountId = caller.accountId();
        Access.requireKind(caller, Action.CREATE_INBOX);
        if (command.webhookUrl() != null) {
            Access.requireKind(caller, Action.CONFIGURE_WEBHOOKS);
        }
        boolean onInstallationDomain = installationDomain.serves(command.domain());
        if (onInstallationDomain && command.mailboxName() != null) {
            command.mailboxName().ensureAvailableOn(installationDomain);
        }
        // A pod key that names no pod means its own pod.
        PodRef podRef = command.pod() == null && caller.scope().podOrNull() != null
                ? new PodRef.ById(caller.scope().podOrNull()) : command.pod();
        return transactions.inTransaction(() -> {
            if (podRef != null && caller.scope().podOrNull() != null) {
                // A scoped key learns nothing about the account's quota when it names a pod outside its boundary.
                loadPods.find(accountId, podRef).ifPresent(named -> Access.require(caller, Action.CREATE_INBOX, named.place()));
            }
            countInboxes.quotaForNewInbox(accountId).ensureRoomForOneMore();
            Pod pod = podRef == null
                    ? loadPods.findDefaultForUpdate(accountId)
                    : loadPods.findForUpdate(accountId, podRef).orElseThrow(() -> new InvalidPodException(podRef.text()));
            Access.require(caller, Action.CREATE_INBOX, pod.place());
            DomainName domainName = installationDomain.name();
            DomainId domainId = null;
            if (!onInstallationDomain) {
                MailDomain domain = loadDomains.findByNameForUpdate(accountId, command.domain())
                        .orElseThrow(() -> InvalidDomainException.notOfThisAccount(command.domain()));
                domain.ensureUsableBy(pod.id());
                domainName = domain.name();
                domainId = domain.id();
            }
            for (int attempt = 1; ; attempt++) {
                MailboxName mailbox = command.mailboxName() != null ? command.mailboxName()
                        : randomName(onInstallationDomain);
                Inbox inbox = Inbox.create(accountId, pod.id(), new EmailAddress(mailbox, domainName), domainId,
                        command.displayName(), command.webhookUrl(), clock.instant());
                try {
                    saveInbox.insert(inbox);
                    return inbox;
                } catch (AddressTakenException taken) {
                    if (command.mailboxName() != null || attempt >= RANDOM_NAME_ATTEMPTS) {
                        throw taken;
                    }
                } catch (PodGoneException deletedMeanwhile) {
                    throw new InvalidPodException(podRef == null ? pod.id().value() : podRef.text());
                }
            }
        });
    }

    private MailboxName randomName(boolean onInstallationDomain) {
        MailboxName name = MailboxName.random();
        while (onInstallationDomain && installationDomain.reservesMailboxName(name.value())) {
            name = MailboxName.random();
        }
        return name;
    }
}
