package dev.openmail.domain.port.out;

/** Two keys can never share a token; raised when storage already holds the token being registered. */
public final class TokenAlreadyRegisteredException extends RuntimeException {

    public TokenAlreadyRegisteredException() {
        super("an API key with this token already exists", null, false, false);
    }
}
