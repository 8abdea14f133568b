package dev.openmail.adapters.rest.auth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;

import java.util.Optional;

/** Reads {@code Authorization: Bearer <token>}; the scheme name is case-insensitive as HTTP says. */
final class BearerToken {

    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /** Marks a 401 as asking for a bearer token, as HTTP expects of a 401. */
    static <T> MutableHttpResponse<T> challenge(MutableHttpResponse<T> unauthorized) {
        return unauthorized.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    static Optional<String> of(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = header.substring(SCHEME.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
