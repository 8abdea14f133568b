package dev.openmail.application.inbox;

import dev.openmail.application.account.RecentKeys;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.AddressTakenException;
import dev.openmail.domain.inbox.DisplayName;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxLimitReachedException;
import dev.openmail.domain.inbox.InvalidMailboxNameException;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.InvalidDomainException;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.InvalidPodException;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.out.PodGoneException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateInboxServiceTest {

    private final InboxFixture fixture = new InboxFixture();
    private final CreateInboxService createInbox = fixture.createInbox();

    // ---- pod

    @Test
    void withoutAPodTheInboxLandsInTheDefaultPod() {
        AccountId account = fixture.account();
        fixture.pod(account, "other");

        Inbox inbox = createInbox.create(InboxFixture.command(account));

        assertEquals(fixture.defaultPod(account).id(), inbox.podId());
        assertEquals(account, inbox.accountId());
        assertEquals(InboxFixture.NOW, inbox.createdAt());
        assertStored(inbox);
    }

    @Test
    void aPodIsFoundByClientIdOrById() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        Pod support = fixture.pod(account, null);

        Inbox byClientId = createInbox.create(new CreateInbox.Command(owner(account), clientId("sales"), null, null, null, null));
        Inbox byId = createInbox.create(new CreateInbox.Command(owner(account), new PodRef.ById(support.id()), null, null, null,
                null));

        assertEquals(sales.id(), byClientId.podId());
        assertEquals(support.id(), byId.podId());
    }

    @Test
    void anUnknownPodIsAnInvalidPodAndNothingIsCreated() {
        AccountId account = fixture.account();

        InvalidPodException e = assertThrows(InvalidPodException.class,
                () -> createInbox.create(new CreateInbox.Command(owner(account), clientId("nobody"), null, null, null, null)));
        assertTrue(e.getMessage().contains("'nobody'"), e.getMessage());
        assertThrows(InvalidPodException.class, () -> createInbox.create(
                new CreateInbox.Command(owner(account), new PodRef.ById(PodId.generate()), null, null, null, null)));

        assertEquals(0, fixture.store.list(account, null, PageRequest.firstPage()).total());
    }

    @Test
    void anotherAccountsPodIsAnInvalidPod() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Pod theirs = fixture.pod(globex, "theirs");

        assertThrows(InvalidPodException.class, () -> createInbox.create(
                new CreateInbox.Command(owner(acme), new PodRef.ById(theirs.id()), null, null, null, null)));
        assertThrows(InvalidPodException.class, () -> createInbox.create(
                new CreateInbox.Command(owner(acme), clientId("theirs"), null, null, null, null)));

        assertEquals(0, fixture.store.list(acme, null, PageRequest.firstPage()).total());
        assertEquals(0, fixture.store.list(globex, null, PageRequest.firstPage()).total());
    }

    @Test
    void aPodDeletedWhileTheInboxIsStoredIsAnInvalidPod() {
        InboxFixture racy = new InboxFixture(new InMemoryStore() {
            @Override
            public synchronized void insert(Inbox inbox) {
                throw new PodGoneException();
            }
        });
        AccountId account = racy.account();
        racy.pod(account, "doomed");

        InvalidPodException named = assertThrows(InvalidPodException.class, () -> racy.createInbox().create(
                new CreateInbox.Command(owner(account), clientId("doomed"), null, null, null, null)));
        InvalidPodException unnamed = assertThrows(InvalidPodException.class,
                () -> racy.createInbox().create(InboxFixture.command(account)));

        assertTrue(named.getMessage().contains("'doomed'"), named.getMessage());
        assertTrue(unnamed.getMessage().contains(racy.defaultPod(account).id().value()), unnamed.getMessage());
    }

    // ---- address

    @Test
    void withoutAMailboxNameTheAddressIsRandomOnTheDefaultDomain() {
        AccountId account = fixture.account();

        Inbox first = createInbox.create(InboxFixture.command(account));
        Inbox second = createInbox.create(InboxFixture.command(account));

        assertTrue(first.address().value().matches("[a-z0-9]{8}@openmail\\.test"), first.address().value());
        assertNotEquals(first.address(), second.address());
        assertNull(first.domainId());
    }

    @Test
    void theMailboxNameGivenIsUsed() {
        AccountId account = fixture.account();

        Inbox inbox = createInbox.create(new CreateInbox.Command(owner(account), null, MailboxName.parse("HelpDesk"), null, null,
                null));

        assertEquals(EmailAddress.of("helpdesk@openmail.test"), inbox.address());
    }

    @Test
    void aTakenAddressIsRefusedAcrossAccountsAndNothingIsCreated() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Inbox first = createInbox.create(named(acme, "helpdesk"));

        assertThrows(AddressTakenException.class, () -> createInbox.create(named(acme, "HELPDESK")));
        AddressTakenException e = assertThrows(AddressTakenException.class, () -> createInbox.create(named(globex, "helpdesk")));

        assertTrue(e.getMessage().contains("helpdesk@openmail.test"), e.getMessage());
        assertEquals(List.of(first.id()), fixture.store.list(acme, null, PageRequest.firstPage()).items().stream()
                .map(Inbox::id).toList());
        assertEquals(0, fixture.store.list(globex, null, PageRequest.firstPage()).total());
    }

    @Test
    void aRandomNameThatIsTakenIsDrawnAgain() {
        List<EmailAddress> attempts = new ArrayList<>();
        InboxFixture clashing = new InboxFixture(new InMemoryStore() {
            @Override
            public synchronized void insert(Inbox inbox) {
                attempts.add(inbox.address());
                if (attempts.size() < 3) {
                    throw new AddressTakenException(inbox.address());
                }
                super.insert(inbox);
            }
        });
        AccountId account = clashing.account();

        Inbox inbox = clashing.createInbox().create(InboxFixture.command(account));

        assertEquals(3, attempts.size());
        assertEquals(3, attempts.stream().distinct().count(), attempts::toString);
        assertEquals(attempts.get(2), inbox.address());
        assertEquals(1, clashing.store.list(account, null, PageRequest.firstPage()).total());
    }

    @Test
    void randomNamesAreDrawnAFewTimesOnly() {
        List<EmailAddress> attempts = new ArrayList<>();
        InboxFixture alwaysTaken = new InboxFixture(new InMemoryStore() {
            @Override
            public synchronized void insert(Inbox inbox) {
                attempts.add(inbox.address());
                throw new AddressTakenException(inbox.address());
            }
        });
        AccountId account = alwaysTaken.account();

        assertThrows(AddressTakenException.class, () -> alwaysTaken.createInbox().create(InboxFixture.command(account)));

        assertEquals(5, attempts.size());
    }

    @Test
    void aGivenNameThatIsTakenIsNotReplacedByAnother() {
        List<EmailAddress> attempts = new ArrayList<>();
        InboxFixture alwaysTaken = new InboxFixture(new InMemoryStore() {
            @Override
            public synchronized void insert(Inbox inbox) {
                attempts.add(inbox.address());
                throw new AddressTakenException(inbox.address());
            }
        });
        AccountId account = alwaysTaken.account();

        assertThrows(AddressTakenException.class, () -> alwaysTaken.createInbox().create(named(account, "helpdesk")));

        assertEquals(List.of(EmailAddress.of("helpdesk@openmail.test")), attempts);
    }

    // ---- inbox limit

    @Test
    void theLimitCountsInboxesInEveryPodOfTheAccountOnly() {
        AccountId account = fixture.account(2);
        AccountId other = fixture.account(10);
        Pod pod = fixture.pod(account, "sales");
        createInbox.create(InboxFixture.command(other));
        createInbox.create(InboxFixture.command(other));
        createInbox.create(InboxFixture.command(account));
        createInbox.create(new CreateInbox.Command(owner(account), new PodRef.ById(pod.id()), null, null, null, null));

        InboxLimitReachedException e = assertThrows(InboxLimitReachedException.class,
                () -> createInbox.create(named(account, "third")));

        assertTrue(e.getMessage().contains("limit of 2"), e.getMessage());
        assertEquals(2, fixture.store.list(account, null, PageRequest.firstPage()).total());
        assertEquals(2, fixture.store.list(other, null, PageRequest.firstPage()).total());
    }

    @Test
    void aLimitOfZeroAllowsNoInbox() {
        AccountId account = fixture.account(0);

        assertThrows(InboxLimitReachedException.class, () -> createInbox.create(InboxFixture.command(account)));

        assertEquals(0, fixture.store.list(account, null, PageRequest.firstPage()).total());
    }

    @Test
    void deletingAnInboxMakesRoomAgain() {
        AccountId account = fixture.account(1);
        Inbox only = createInbox.create(InboxFixture.command(account));
        assertThrows(InboxLimitReachedException.class, () -> createInbox.create(InboxFixture.command(account)));

        new DeleteInboxService(fixture.transactions, fixture.store, fixture.store, fixture.store.usage(), new RecentKeys())
                .delete(owner(account), only.id());

        assertStored(createInbox.create(InboxFixture.command(account)));
    }

    // ---- domain

    @Test
    void theDefaultDomainNamedExplicitlyIsTheDefaultDomain() {
        AccountId account = fixture.account();

        Inbox inbox = createInbox.create(new CreateInbox.Command(owner(account), null, MailboxName.parse("hello"), null,
                DomainName.parse("domain", "OpenMail.test."), null));

        assertEquals(EmailAddress.of("hello@openmail.test"), inbox.address());
        assertNull(inbox.domainId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmaster", "Admin", "administrator", "hostmaster", "webmaster", "abuse", "security",
            "noc", "mailer-daemon", "root"})
    void aRoleNameIsRefusedOnTheDefaultDomainAndNothingIsCreated(String role) {
        AccountId account = fixture.account();

        InvalidMailboxNameException e = assertThrows(InvalidMailboxNameException.class,
                () -> createInbox.create(named(account, role)));
        InvalidMailboxNameException named = assertThrows(InvalidMailboxNameException.class,
                () -> createInbox.create(onDomain(account, null, role, "openmail.test")));

        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        assertEquals(e.getMessage(), named.getMessage());
        assertEquals(0, fixture.store.list(account, null, PageRequest.firstPage()).total());
    }

    @Test
    void theOperatorsReservedNamesAreRefusedOnTheDefaultDomainToo() {
        AccountId account = fixture.account();
        CreateInboxService reservingBilling = fixture.createInbox(
                new InstallationDomain(InboxFixture.DEFAULT_DOMAIN).reservingAlso(List.of("billing")));

        assertThrows(InvalidMailboxNameException.class, () -> reservingBilling.create(named(account, "billing")));
        assertThrows(InvalidMailboxNameException.class, () -> reservingBilling.create(named(account, "postmaster")));
        assertStored(createInbox.create(named(account, "billing")));
    }

    @Test
    void roleNamesAreTheAccountsOnItsOwnVerifiedDomain() {
        AccountId account = fixture.account();
        MailDomain domain = fixture.verifiedDomain(account, "relaystack.com", null);

        for (String role : List.of("postmaster", "admin", "abuse", "hostmaster", "webmaster")) {
            Inbox inbox = createInbox.create(onDomain(account, null, role, "relaystack.com"));
            assertEquals(EmailAddress.of(role + "@relaystack.com"), inbox.address());
            assertEquals(domain.id(), assertStored(inbox).domainId());
        }
    }

    @Test
    void aVerifiedAccountWideDomainIsUsableInEveryPod() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        MailDomain domain = fixture.verifiedDomain(account, "relaystack.com", null);

        Inbox inDefault = createInbox.create(onDomain(account, null, "support", "relaystack.com"));
        Inbox inSales = createInbox.create(onDomain(account, clientId("sales"), "sales", "RelayStack.com"));

        assertEquals(EmailAddress.of("support@relaystack.com"), inDefault.address());
        assertEquals(domain.id(), inDefault.domainId());
        assertEquals(EmailAddress.of("sales@relaystack.com"), inSales.address());
        assertEquals(sales.id(), inSales.podId());
        assertEquals(domain.id(), inSales.domainId());
        assertStored(inSales);
    }

    @Test
    void aVerifiedDomainScopedToThePodIsUsable() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");
        MailDomain domain = fixture.verifiedDomain(account, "meridian.io", meridian.id());

        Inbox inbox = createInbox.create(onDomain(account, clientId("meridian"), "support", "meridian.io"));

        assertEquals(domain.id(), inbox.domainId());
        assertEquals(meridian.id(), inbox.podId());
    }

    @Test
    void aDomainScopedToAnotherPodIsInvalid() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");
        fixture.pod(account, "cedar");
        fixture.verifiedDomain(account, "meridian.io", meridian.id());

        InvalidDomainException inOtherPod = assertThrows(InvalidDomainException.class,
                () -> createInbox.create(onDomain(account, clientId("cedar"), "support", "meridian.io")));
        InvalidDomainException inDefaultPod = assertThrows(InvalidDomainException.class,
                () -> createInbox.create(onDomain(account, null, "support", "meridian.io")));

        assertTrue(inOtherPod.getMessage().contains("scoped to another pod"), inOtherPod.getMessage());
        assertTrue(inDefaultPod.getMessage().contains("scoped to another pod"), inDefaultPod.getMessage());
        assertEquals(0, fixture.store.list(account, null, PageRequest.firstPage()).total());
    }

    @Test
    void aDomainThatIsNotVerifiedIsInvalid() {
        AccountId account = fixture.account();
        fixture.pendingDomain(account, "pending.example", null);

        InvalidDomainException e = assertThrows(InvalidDomainException.class,
                () -> createInbox.create(onDomain(account, null, "support", "pending.example")));

        assertTrue(e.getMessage().contains("not verified"), e.getMessage());
        assertEquals(0, fixture.store.list(account, null, PageRequest.firstPage()).total());
    }

    @Test
    void aDomainOfAnotherAccountOrOfNoAccountIsInvalid() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        fixture.verifiedDomain(globex, "globex.com", null);

        InvalidDomainException theirs = assertThrows(InvalidDomainException.class,
                () -> createInbox.create(onDomain(acme, null, "support", "globex.com")));
        InvalidDomainException nobodys = assertThrows(InvalidDomainException.class,
                () -> createInbox.create(onDomain(acme, null, "support", "unknown.example")));

        assertTrue(theirs.getMessage().contains("not a domain of this account"), theirs.getMessage());
        assertTrue(nobodys.getMessage().contains("not a domain of this account"), nobodys.getMessage());
        assertEquals(0, fixture.store.list(acme, null, PageRequest.firstPage()).total());
    }

    @Test
    void theSameMailboxMayLiveOnDifferentDomains() {
        AccountId account = fixture.account();
        fixture.verifiedDomain(account, "relaystack.com", null);

        Inbox onDefault = createInbox.create(named(account, "helpdesk"));
        Inbox onCustom = createInbox.create(onDomain(account, null, "helpdesk", "relaystack.com"));

        assertNotEquals(onDefault.address(), onCustom.address());
        assertEquals(2, fixture.store.list(account, null, PageRequest.firstPage()).total());
    }

    // ---- settings and atomicity

    @Test
    void theDisplayNameAndWebhookAreKeptAndTheWebhookGetsASecret() {
        AccountId account = fixture.account();
        WebhookUrl url = new WebhookUrl("https://example.com/hook");

        Inbox inbox = createInbox.create(new CreateInbox.Command(owner(account), null, null, new DisplayName("Support"), null, url));

        assertEquals(new DisplayName("Support"), inbox.displayName());
        assertEquals(url, inbox.webhookUrl());
        assertNotNull(inbox.webhookSecret());
        Inbox stored = assertStored(inbox);
        assertEquals(inbox.webhookSecret(), stored.webhookSecret());
    }

    @Test
    void anInsertThatFailsAfterTheQuotaCheckLeavesNothingBehind() {
        InboxFixture failing = new InboxFixture(new InMemoryStore() {
            @Override
            public synchronized void insert(Inbox inbox) {
                super.insert(inbox);
                throw new IllegalStateException("the connection broke after the row was written");
            }
        });
        AccountId account = failing.account(1);

        assertThrows(IllegalStateException.class, () -> failing.createInbox().create(named(account, "helpdesk")));

        assertEquals(0, failing.store.list(account, null, PageRequest.firstPage()).total());
        assertEquals(0, failing.transactions.inTransaction(() -> failing.store.quotaForNewInbox(account)).inboxes());
    }

    @Test
    void theCommandNeedsAnAccount() {
        assertThrows(NullPointerException.class, () -> new CreateInbox.Command(null, null, null, null, null, null));
    }

    // ---- scoped keys

    @Test
    void aPodKeyNamingNoPodCreatesTheInboxInItsOwnPod() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");

        Inbox inbox = createInbox.create(new CreateInbox.Command(podKey(account, sales.id()), null, null,
                new DisplayName("Leads"), null, null));

        assertEquals(sales.id(), inbox.podId());
        assertEquals(new DisplayName("Leads"), assertStored(inbox).displayName());
        assertEquals(0, fixture.store.list(account, fixture.defaultPod(account).id(), PageRequest.firstPage()).total());
    }

    @Test
    void aPodKeyMayNameItsOwnPod() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        Caller caller = podKey(account, sales.id());

        Inbox byClientId = createInbox.create(new CreateInbox.Command(caller, clientId("sales"), null, null, null, null));
        Inbox byId = createInbox.create(new CreateInbox.Command(caller, new PodRef.ById(sales.id()), null, null, null, null));

        assertEquals(sales.id(), byClientId.podId());
        assertEquals(sales.id(), byId.podId());
    }

    @Test
    void aPodKeyMayNotCreateInAnotherPodAndNothingIsCreated() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        fixture.pod(account, "support");
        Caller caller = podKey(account, sales.id());

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> createInbox.create(new CreateInbox.Command(caller, clientId("support"), null, null, null, null)));
        assertThrows(ForbiddenException.class, () -> createInbox.create(new CreateInbox.Command(caller,
                new PodRef.ById(fixture.defaultPod(account).id()), null, null, null, null)));

        assertTrue(e.getMessage().contains("pod " + sales.id().value()), e.getMessage());
        assertEquals(0, fixture.store.list(account, null, PageRequest.firstPage()).total());
    }

    @Test
    void aPodKeyNamingAnotherPodIsRefusedEvenWhenTheAccountIsFull() {
        AccountId account = fixture.account(0);
        Pod sales = fixture.pod(account, "sales");
        fixture.pod(account, "support");

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> createInbox.create(
                new CreateInbox.Command(podKey(account, sales.id()), clientId("support"), null, null, null, null)));

        assertTrue(e.getMessage().contains("pod " + sales.id().value()), e.getMessage());
    }

    @Test
    void aPodKeyNamingAnotherAccountsPodIsToldThePodIsInvalid() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Pod mine = fixture.pod(acme, "mine");
        Pod theirs = fixture.pod(globex, "theirs");

        assertThrows(InvalidPodException.class, () -> createInbox.create(new CreateInbox.Command(
                podKey(acme, mine.id()), new PodRef.ById(theirs.id()), null, null, null, null)));

        assertEquals(0, fixture.store.list(globex, null, PageRequest.firstPage()).total());
    }

    @Test
    void aPodKeyMayNotSetAWebhookAndNothingIsCreated() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> createInbox.create(new CreateInbox.Command(
                podKey(account, sales.id()), null, MailboxName.parse("hooked"), null, null,
                new WebhookUrl("https://example.com/hook"))));

        assertTrue(e.getMessage().contains("pod " + sales.id().value()), e.getMessage());
        assertTrue(e.getMessage().contains("webhook"), e.getMessage());
        assertEquals(0, fixture.store.list(account, null, PageRequest.firstPage()).total());
        // The address was not taken either: an account-wide key may have it now.
        assertStored(createInbox.create(named(account, "hooked")));
    }

    @Test
    void anInboxKeyMayNotCreateInboxesEvenInItsPod() {
        AccountId account = fixture.account();
        Inbox own = createInbox.create(InboxFixture.command(account));

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> createInbox.create(
                new CreateInbox.Command(inboxKey(own), new PodRef.ById(own.podId()), null, null, null, null)));
        assertThrows(ForbiddenException.class,
                () -> createInbox.create(new CreateInbox.Command(inboxKey(own), null, null, null, null, null)));

        assertTrue(e.getMessage().contains("inbox " + own.id().value()), e.getMessage());
        assertEquals(1, fixture.store.list(account, null, PageRequest.firstPage()).total());
    }

    private Inbox assertStored(Inbox inbox) {
        Inbox stored = fixture.store.find(inbox.accountId(), inbox.id()).orElseThrow();
        assertEquals(inbox.address(), stored.address());
        assertEquals(inbox.podId(), stored.podId());
        assertEquals(inbox.domainId(), stored.domainId());
        assertEquals(inbox.createdAt(), stored.createdAt());
        return stored;
    }

    private static CreateInbox.Command named(AccountId account, String mailbox) {
        return new CreateInbox.Command(owner(account), null, MailboxName.parse(mailbox), null, null, null);
    }

    private static CreateInbox.Command onDomain(AccountId account, PodRef pod, String mailbox, String domain) {
        return new CreateInbox.Command(owner(account), pod, MailboxName.parse(mailbox), null, DomainName.parse("domain", domain),
                null);
    }

    private static PodRef clientId(String clientId) {
        return new PodRef.ByClientId(new ClientId(clientId));
    }
}
