package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;

public interface AuthenticateApiKey {

    /** The caller that {@code bearerToken} stands for; throws UnauthorizedException for anything else. */
    Caller authenticate(String bearerToken);
}
