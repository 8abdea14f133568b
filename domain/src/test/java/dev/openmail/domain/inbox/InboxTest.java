package dev.openmail.domain.inbox;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00.123456789Z");
    private static final AccountId ACCOUNT = AccountId.generate();
    private static final PodId POD = PodId.generate();
    private static final DomainId DOMAIN = DomainId.generate();
    private static final EmailAddress ADDRESS = EmailAddress.of("support@example.com");
    private static final DisplayName NAME = new DisplayName("Support");
    private static final WebhookUrl URL = new WebhookUrl("https://example.com/hook");
    private static final WebhookUrl OTHER_URL = new WebhookUrl("https://example.org/other");

    @Test
    void aNewInboxKeepsWhatItWasGivenAtMillisecondPrecision() {
        Inbox inbox = Inbox.create(ACCOUNT, POD, ADDRESS, DOMAIN, NAME, null, NOW);

        assertTrue(InboxId.isWellFormed(inbox.id().value()), inbox.id().value());
        assertEquals(ACCOUNT, inbox.accountId());
        assertEquals(POD, inbox.podId());
        assertEquals(ADDRESS, inbox.address());
        assertEquals(DOMAIN, inbox.domainId());
        assertEquals(NAME, inbox.displayName());
        assertNull(inbox.webhookUrl());
        assertNull(inbox.webhookSecret());
        assertEquals(Instant.parse("2024-05-01T10:00:00.123Z"), inbox.createdAt());
    }

    @Test
    void eachNewInboxHasItsOwnId() {
        assertNotEquals(Inbox.create(ACCOUNT, POD, ADDRESS, null, null, null, NOW).id(),
                Inbox.create(ACCOUNT, POD, ADDRESS, null, null, null, NOW).id());
    }

    @Test
    void anInboxCreatedWithAWebhookUrlGetsASigningSecret() {
        Inbox first = Inbox.create(ACCOUNT, POD, ADDRESS, null, null, URL, NOW);
        Inbox second = Inbox.create(ACCOUNT, POD, ADDRESS, null, null, URL, NOW);

        assertEquals(URL, first.webhookUrl());
        assertNotNull(first.webhookSecret());
        assertTrue(first.webhookSecret().value().matches("whsec_[A-Za-z0-9_-]{43}"), first.webhookSecret().value());
        assertNotEquals(first.webhookSecret(), second.webhookSecret());
    }

    @Test
    void theFirstWebhookUrlComesWithASecret() {
        Inbox inbox = Inbox.create(ACCOUNT, POD, ADDRESS, null, null, null, NOW);

        Inbox updated = inbox.update(Change.keep(), Change.to(URL));

        assertEquals(URL, updated.webhookUrl());
        assertNotNull(updated.webhookSecret());
    }

    @Test
    void changingTheWebhookUrlKeepsTheSecret() {
        Inbox inbox = Inbox.create(ACCOUNT, POD, ADDRESS, null, null, URL, NOW);

        Inbox updated = inbox.update(Change.keep(), Change.to(OTHER_URL));

        assertEquals(OTHER_URL, updated.webhookUrl());
        assertEquals(inbox.webhookSecret(), updated.webhookSecret());
    }

    @Test
    void clearingTheWebhookUrlKeepsTheSecretAndSettingItAgainIssuesNoNewOne() {
        Inbox inbox = Inbox.create(ACCOUNT, POD, ADDRESS, null, null, URL, NOW);

        Inbox cleared = inbox.update(Change.keep(), Change.to(null));
        Inbox setAgain = cleared.update(Change.keep(), Change.to(OTHER_URL));

        assertNull(cleared.webhookUrl());
        assertEquals(inbox.webhookSecret(), cleared.webhookSecret());
        assertEquals(OTHER_URL, setAgain.webhookUrl());
        assertEquals(inbox.webhookSecret(), setAgain.webhookSecret());
    }

    @Test
    void clearingAnAbsentWebhookUrlIssuesNoSecret() {
        Inbox inbox = Inbox.create(ACCOUNT, POD, ADDRESS, null, null, null, NOW);

        Inbox updated = inbox.update(Change.keep(), Change.to(null));

        assertNull(updated.webhookUrl());
        assertNull(updated.webhookSecret());
    }

    @Test
    void theDisplayNameIsKeptSetOrCleared() {
        Inbox inbox = Inbox.create(ACCOUNT, POD, ADDRESS, null, NAME, URL, NOW);
        DisplayName other = new DisplayName("Sales \uD83D\uDE80");

        assertEquals(NAME, inbox.update(Change.keep(), Change.keep()).displayName());
        assertEquals(other, inbox.update(Change.to(other), Change.keep()).displayName());
        assertNull(inbox.update(Change.to(null), Change.keep()).displayName());
        assertEquals(URL, inbox.update(Change.to(null), Change.keep()).webhookUrl());
    }

    @Test
    void anUpdateKeepsIdentityPodAddressDomainAndCreationTime() {
        Inbox inbox = Inbox.create(ACCOUNT, POD, ADDRESS, DOMAIN, NAME, null, NOW);

        Inbox updated = inbox.update(Change.to(null), Change.to(URL));

        assertEquals(inbox.id(), updated.id());
        assertEquals(ACCOUNT, updated.accountId());
        assertEquals(POD, updated.podId());
        assertEquals(ADDRESS, updated.address());
        assertEquals(DOMAIN, updated.domainId());
        assertEquals(inbox.createdAt(), updated.createdAt());
    }

    @Test
    void reconstituteKeepsEveryFieldAsStored() {
        InboxId id = InboxId.generate();
        WebhookSecret secret = new WebhookSecret("whsec_stored");
        Instant createdAt = Instant.parse("2023-01-02T03:04:05.006Z");

        Inbox inbox = Inbox.reconstitute(id, ACCOUNT, POD, ADDRESS, null, null, URL, secret, createdAt);

        assertEquals(id, inbox.id());
        assertNull(inbox.domainId());
        assertNull(inbox.displayName());
        assertEquals(URL, inbox.webhookUrl());
        assertSame(secret, inbox.webhookSecret());
        assertEquals(createdAt, inbox.createdAt());
    }

    @Test
    void anInboxNeedsAccountPodAddressAndTime() {
        assertThrows(NullPointerException.class, () -> Inbox.create(null, POD, ADDRESS, null, null, null, NOW));
        assertThrows(NullPointerException.class, () -> Inbox.create(ACCOUNT, null, ADDRESS, null, null, null, NOW));
        assertThrows(NullPointerException.class, () -> Inbox.create(ACCOUNT, POD, null, null, null, null, NOW));
        assertThrows(NullPointerException.class, () -> Inbox.create(ACCOUNT, POD, ADDRESS, null, null, null, null));
    }

    @Test
    void notFoundNamesTheIdAsTheClientSentIt() {
        NotFoundException e = Inbox.notFound("inb_whatever");
        assertEquals("No inbox with id 'inb_whatever' in this account.", e.getMessage());
    }

    @Test
    void inboxIdsHaveTheirPrefix() {
        assertTrue(InboxId.generate().value().startsWith("inb_"));
        assertThrows(IllegalArgumentException.class, () -> new InboxId("pod_" + InboxId.generate().value().substring(4)));
        assertFalse(InboxId.isWellFormed("inb_"));
    }
}
