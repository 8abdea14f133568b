package dev.openmail.domain.apikey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiTokenTest {

    @Test
    void generatedTokensAreWellFormedAndStartWithOm() {
        for (int i = 0; i < 100; i++) {
            String token = ApiToken.generate().reveal();
            assertTrue(token.startsWith("om_"), token);
            assertEquals(3 + 43, token.length(), "256 random bits in unpadded base64url");
            assertTrue(ApiToken.isWellFormed(token), token);
        }
    }

    @Test
    void aGeneratedTokenCarries256RandomBits() {
        for (int i = 0; i < 100; i++) {
            String token = ApiToken.generate().reveal();
            byte[] secret = Base64.getUrlDecoder().decode(token.substring(ApiToken.PREFIX.length()));
            assertEquals(32, secret.length, token);
        }
    }

    @Test
    void generatedTokensDiffer() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            tokens.add(ApiToken.generate().reveal());
        }
        assertEquals(1_000, tokens.size());
    }

    @Test
    void theHashIsTheLowerCaseHexSha256OfTheToken() {
        assertEquals(new TokenHash("17ec1fa38744ad7cdf2cced82043f3018ef09b037d52382358c57e16695f4db8"),
                ApiToken.of("om_abcdefghijklmnop").hash());
        assertEquals(new TokenHash("52ad294f67d499a86b348f287f34606e624b0523262ae5d00a1af5be1c816d40"),
                ApiToken.of("om_0123456789abcdef-_XYZ").hash());
    }

    @Test
    void theHashIsStableAndTellsTokensApart() {
        ApiToken token = ApiToken.generate();
        TokenHash hash = token.hash();
        assertTrue(hash.hex().matches("[0-9a-f]{64}"), hash.hex());
        assertEquals(hash, token.hash());
        assertEquals(hash, ApiToken.of(token.reveal()).hash());
        assertNotEquals(hash, ApiToken.generate().hash());
    }

    @Test
    void showsOnlyItsFirstEightAndLastFourCharacters() {
        ApiToken token = ApiToken.of("om_0123456789abcdef-_XYZ");
        assertEquals("om_01234", token.visiblePrefix());
        assertEquals("_XYZ", token.last4());
        assertEquals("om_01234..._XYZ", token.toString());

        ApiToken generated = ApiToken.generate();
        assertEquals(generated.reveal().substring(0, 8), generated.visiblePrefix());
        assertTrue(generated.reveal().endsWith(generated.last4()));
        assertEquals(4, generated.last4().length());
        assertFalse(generated.toString().contains(generated.reveal()));
    }

    @Test
    void acceptsTheShortestAndLongestTokens() {
        assertTrue(ApiToken.isWellFormed("om_" + "a".repeat(16)));
        String longest = "om_" + "Z9-_".repeat(49) + "a";
        assertEquals(200, longest.length());
        assertTrue(ApiToken.isWellFormed(longest));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "om_",
            "om_aaaaaaaaaaaaaaa",                              // one character too short
            "OM_aaaaaaaaaaaaaaaa",
            "om-aaaaaaaaaaaaaaaa",
            "sk_aaaaaaaaaaaaaaaa",
            "aaaaaaaaaaaaaaaaaaaa",
            "Bearer om_aaaaaaaaaaaaaaaa",
            " om_aaaaaaaaaaaaaaaa",
            "om_aaaaaaaaaaaaaaaa ",
            "om_aaaaaaaa+aaaaaaa",
            "om_aaaaaaaa/aaaaaaa",
            "om_aaaaaaaaaaaaaaaa=",
            "om_aaaaaaaa.aaaaaaa",
            "om_aaaaaaaa\u00e9aaaaaaa",
            "om_aaaaaaaaaaaaaaaa\n"})
    void refusesBadShapes(String candidate) {
        assertFalse(ApiToken.isWellFormed(candidate));
        assertThrows(IllegalArgumentException.class, () -> ApiToken.of(candidate));
    }

    @Test
    void refusesNullAndTooLongTokens() {
        assertFalse(ApiToken.isWellFormed(null));
        assertFalse(ApiToken.isWellFormed("om_" + "a".repeat(198)));
        assertThrows(IllegalArgumentException.class, () -> ApiToken.of(null));
    }

    @Test
    void aTokenHashIs64LowerCaseHexDigits() {
        assertThrows(IllegalArgumentException.class, () -> new TokenHash(null));
        assertThrows(IllegalArgumentException.class, () -> new TokenHash("a".repeat(63)));
        assertThrows(IllegalArgumentException.class, () -> new TokenHash("a".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> new TokenHash("A".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> new TokenHash("g".repeat(64)));
        assertEquals("0".repeat(64), new TokenHash("0".repeat(64)).hex());
    }
}
