package dev.openmail.adapters.rest.auth;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BearerTokenTest {

    private static Optional<String> tokenIn(String authorization) {
        return BearerToken.of(HttpRequest.GET("/v1/pods").header("Authorization", authorization));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "'Bearer om_abc'       | om_abc",
            "'bearer om_abc'       | om_abc",
            "'BeArEr om_abc'       | om_abc",
            "'Bearer    om_abc  '  | om_abc",
            "'Bearer om_a b'       | om_a b",
            "'Bearer x'            | x"})
    void readsTheTokenAfterTheSchemeWithoutSurroundingSpaces(String header, String token) {
        assertEquals(Optional.of(token), tokenIn(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer      ", "Basic om_abc", "om_abc", "Bearerom_abc",
            "Bearer\tom_abc", "Bear om_abc"})
    void findsNoTokenInAnythingElse(String header) {
        assertEquals(Optional.empty(), tokenIn(header));
    }

    @Test
    void findsNoTokenWithoutTheHeader() {
        assertEquals(Optional.empty(), BearerToken.of(HttpRequest.GET("/v1/pods")));
    }
}
