package dev.openmail.application.account;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticateApiKeyServiceTest {

    private final AccountFixture fixture = new AccountFixture();

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

    private static String swapCase(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }
}
