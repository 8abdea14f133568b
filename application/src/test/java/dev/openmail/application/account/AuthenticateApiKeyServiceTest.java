package dev.openmail.application.account;

import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticateApiKeyServiceTest {

    private final AccountFixture fixture = new AccountFixture();

    @Test
    void aLastUseStampThatKeepsLosingOrMeetsAFailingDatabaseDoesNotRefuseTheRequest() {
        ProvisionedAccount acme = fixture.openAccount.open(new OpenAccount.Command(null, null));
        for (RuntimeException failure : new RuntimeException[] {new dev.openmail.domain.common.BusyException(),
                new dev.openmail.domain.common.DatabaseUnavailableException()}) {
            dev.openmail.domain.port.out.Transactions stampsFail = new dev.openmail.domain.port.out.Transactions() {
                @Override
                public <T> T inTransaction(java.util.function.Supplier<T> work) {
                    throw failure;
                }

                @Override
                public <T> T reading(java.util.function.Supplier<T> work) {
                    return work.get();
                }
            };
            AuthenticateApiKeyService authenticate = new AuthenticateApiKeyService(stampsFail, fixture.store,
                    fixture.store, new RecentKeys(fixture.nanos::get), fixture.clock);

            Caller caller = authenticate.authenticate(acme.apiKey().token().reveal());

            assertEquals(acme.account().id(), caller.accountId(), failure.toString());
        }
    }

    @Test
    void aKnownTokenNamesItsAccountAndKey() {
        ProvisionedAccount acme = fixture.openAccount.open(new OpenAccount.Command(null, null));
        ProvisionedAccount globex = fixture.openAccount.open(new OpenAccount.Command(null, null));

        Caller caller = fixture.authenticate.authenticate(globex.apiKey().token().reveal());

        assertEquals(new Caller(globex.account().id(), globex.apiKey().key().id(), KeyScope.ACCOUNT_WIDE), caller);
        assertEquals(acme.account().id(), fixture.authenticate.authenticate(acme.apiKey().token().reveal()).accountId());
    }

    @Test
    void anUnknownTokenIsRefused() {
        fixture.openAccount.open(new OpenAccount.Command(null, null));

        UnauthorizedException e = assertThrows(UnauthorizedException.class,
                () -> fixture.authenticate.authenticate(ApiToken.generate().reveal()));

        assertTrue(e.getMessage().contains("unknown or has been revoked"), e.getMessage());
    }

    @Test
    void aTokenDifferingOnlyInCaseIsRefused() {
        String token = fixture.openAccount.open(new OpenAccount.Command(null, null)).apiKey().token().reveal();
        String otherCase = "om_" + swapCase(token.substring(3));

        assertThrows(UnauthorizedException.class, () -> fixture.authenticate.authenticate(otherCase));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"om_", "om_short", "sk_aaaaaaaaaaaaaaaaaaaa", "Bearer om_aaaaaaaaaaaaaaaa", "om_aaaa aaaaaaaaaaaa",
            "om_aaaaaaaa/aaaaaaaaa="})
    void aMalformedTokenIsRefusedWithAHint(String bearer) {
        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> fixture.authenticate.authenticate(bearer));

        assertTrue(e.getMessage().contains("'om_'"), e.getMessage());
    }

    // ---- scope

    @Test
    void aPodKeyStandsForACallerConfinedToItsPod() {
        ProvisionedAccount acme = fixture.openAccount.open(new OpenAccount.Command(null, null));
        KeyScope scope = KeyScope.pod(acme.defaultPod().id());
        ApiToken token = ApiToken.generate();
        ApiKey key = store(ApiKey.issue(acme.account().id(), scope, null, token, AccountFixture.NOW));

        Caller caller = fixture.authenticate.authenticate(token.reveal());

        assertEquals(new Caller(acme.account().id(), key.id(), scope), caller);
    }

    @Test
    void anInboxKeyStandsForACallerConfinedToItsInbox() {
        ProvisionedAccount acme = fixture.openAccount.open(new OpenAccount.Command(null, null));
        Inbox inbox = fixture.store.addInbox(acme.account().id(), acme.defaultPod().id());
        KeyScope scope = KeyScope.inbox(inbox.podId(), inbox.id());
        ApiToken token = ApiToken.generate();
        ApiKey key = store(ApiKey.issue(acme.account().id(), scope, null, token, AccountFixture.NOW));

        Caller caller = fixture.authenticate.authenticate(token.reveal());

        assertEquals(new Caller(acme.account().id(), key.id(), scope), caller);
        assertEquals(inbox.id(), caller.scope().inboxOrNull());
    }

    @Test
    void aKeyRemovedWhereThisProcessCannotHearOfItIsRefusedOnceASecondHasPassed() {
        ProvisionedAccount acme = fixture.openAccount.open(new OpenAccount.Command(null, null));
        String token = acme.apiKey().token().reveal();
        Caller caller = fixture.authenticate.authenticate(token);

        fixture.store.remove(acme.account().id(), acme.apiKey().key().id());   // as another process would
        fixture.nanos.addAndGet(RecentKeys.TTL.toNanos() - 1);
        assertEquals(caller, fixture.authenticate.authenticate(token));
        fixture.nanos.addAndGet(1);

        assertThrows(UnauthorizedException.class, () -> fixture.authenticate.authenticate(token));
    }

    // ---- last use

    @Test
    void aKeyIsStampedOnItsFirstUse() {
        ProvisionedAccount acme = fixture.openAccount.open(new OpenAccount.Command(null, null));
        assertNull(lastUsedAt(fixture, acme));
        fixture.clock.advance(Duration.ofSeconds(5));

        fixture.authenticate.authenticate(acme.apiKey().token().reveal());

        assertEquals(AccountFixture.NOW.plusSeconds(5), lastUsedAt(fixture, acme));
    }

    @Test
    void aKeyInSteadyUseIsStampedAtMostOncePerMinute() {
        AtomicInteger stamps = new AtomicInteger();
        AccountFixture counting = new AccountFixture(new InMemoryStore() {
            @Override
            public synchronized void stampUsage(AccountId accountId, ApiKeyId id, Instant when) {
                stamps.incrementAndGet();
                super.stampUsage(accountId, id, when);
            }
        });
        ProvisionedAccount acme = counting.openAccount.open(new OpenAccount.Command(null, null));
        String token = acme.apiKey().token().reveal();

        counting.authenticate.authenticate(token);
        counting.clock.advance(Duration.ofSeconds(30));
        counting.authenticate.authenticate(token);
        counting.clock.advance(Duration.ofSeconds(30).minusMillis(1));
        counting.authenticate.authenticate(token);

        assertEquals(1, stamps.get());
        assertEquals(AccountFixture.NOW, lastUsedAt(counting, acme));
    }

    @Test
    void aKeyIsStampedAgainOnceAMinuteHasPassed() {
        ProvisionedAccount acme = fixture.openAccount.open(new OpenAccount.Command(null, null));
        String token = acme.apiKey().token().reveal();
        fixture.authenticate.authenticate(token);

        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.authenticate.authenticate(token);
        assertEquals(AccountFixture.NOW.plus(Duration.ofMinutes(1)), lastUsedAt(fixture, acme));

        fixture.clock.advance(Duration.ofMinutes(10));
        fixture.authenticate.authenticate(token);
        assertEquals(AccountFixture.NOW.plus(Duration.ofMinutes(11)), lastUsedAt(fixture, acme));
    }

    @Test
    void usingOneKeyDoesNotStampAnother() {
        ProvisionedAccount acme = fixture.openAccount.open(new OpenAccount.Command(null, null));
        ProvisionedAccount globex = fixture.openAccount.open(new OpenAccount.Command(null, null));

        fixture.authenticate.authenticate(acme.apiKey().token().reveal());

        assertNull(lastUsedAt(fixture, globex));
    }

    private ApiKey store(ApiKey key) {
        fixture.store.insert(key);
        return key;
    }

    private static Instant lastUsedAt(AccountFixture fixture, ProvisionedAccount account) {
        return fixture.store.find(account.account().id(), account.apiKey().key().id()).orElseThrow().lastUsedAt();
    }

    private static String swapCase(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }
}
