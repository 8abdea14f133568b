package dev.openmail.application.account;

import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import dev.openmail.domain.port.out.LoadApiKeys;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnsureBootstrapAccountServiceTest {

    private final AccountFixture fixture = new AccountFixture();
    private final EnsureBootstrapAccountService ensure =
            new EnsureBootstrapAccountService(fixture.store, fixture.store, fixture.openAccount);

    @Test
    void aConfiguredTokenOpensAnAccountHoldingItOnce() {
        ApiToken token = ApiToken.generate();

        ProvisionedAccount opened = ensure.ensure(Optional.of(token)).orElseThrow();
        Optional<ProvisionedAccount> again = ensure.ensure(Optional.of(ApiToken.of(token.reveal())));

        assertSame(token, opened.apiKey().token());
        assertEquals(opened.account().id(), fixture.authenticate.authenticate(token.reveal()).accountId());
        assertEquals(Optional.empty(), again);
        assertEquals(1, fixture.store.list(PageRequest.firstPage()).total());
        assertEquals(1, fixture.store.list(opened.account().id(), PageRequest.firstPage()).total());
        assertTrue(fixture.store.list(opened.account().id(), PageRequest.firstPage()).items().get(0).isDefault());
    }

    @Test
    void aConfiguredTokenOpensItsAccountEvenWhenOthersExist() {
        ProvisionedAccount existing = fixture.openAccount.open(new OpenAccount.Command(null, null));
        ApiToken token = ApiToken.generate();

        ProvisionedAccount opened = ensure.ensure(Optional.of(token)).orElseThrow();

        assertNotEquals(existing.account().id(), opened.account().id());
        assertEquals(2, fixture.store.list(PageRequest.firstPage()).total());
    }

    @Test
    void aTokenRegisteredByAnotherInstanceMeanwhileIsNoFailure() {
        ApiToken token = ApiToken.generate();
        fixture.openAccount.open(new OpenAccount.Command(null, null, token));
        // This instance looked before the other one's account was committed.
        LoadApiKeys lookedTooEarly = new InMemoryStore();
        EnsureBootstrapAccountService late =
                new EnsureBootstrapAccountService(fixture.store, lookedTooEarly, fixture.openAccount);

        Optional<ProvisionedAccount> result = late.ensure(Optional.of(token));

        assertEquals(Optional.empty(), result);
        assertEquals(1, fixture.store.list(PageRequest.firstPage()).total(), "the half-opened account was rolled back");
    }

    @Test
    void withoutATokenAFirstAccountIsOpenedWithANewKey() {
        ProvisionedAccount opened = ensure.ensure(Optional.empty()).orElseThrow();

        String token = opened.apiKey().token().reveal();
        assertTrue(token.startsWith("om_"), token);
        assertEquals(opened.account().id(), fixture.authenticate.authenticate(token).accountId());
        assertEquals(1, fixture.store.list(opened.account().id(), PageRequest.firstPage()).total());
        assertEquals(AccountFixture.DEFAULT_LIMIT, opened.account().inboxLimit());
    }

    @Test
    void withoutATokenNothingIsOpenedOnceAnAccountExists() {
        ensure.ensure(Optional.empty()).orElseThrow();

        assertEquals(Optional.empty(), ensure.ensure(Optional.empty()));
        assertEquals(1, fixture.store.list(PageRequest.firstPage()).total());
    }

    @Test
    void withoutATokenAnAccountOpenedOtherwiseIsEnough() {
        fixture.openAccount.open(new OpenAccount.Command(null, null));

        assertEquals(Optional.empty(), ensure.ensure(Optional.empty()));
        assertEquals(1, fixture.store.list(PageRequest.firstPage()).total());
    }

    @Test
    void aStoreThatHoldsTheTokenIsLeftAlone() {
        ApiToken token = ApiToken.generate();
        fixture.openAccount.open(new OpenAccount.Command(null, null, token));

        assertEquals(Optional.empty(), ensure.ensure(Optional.of(token)));
        assertEquals(1, fixture.store.list(PageRequest.firstPage()).total());
    }
}
