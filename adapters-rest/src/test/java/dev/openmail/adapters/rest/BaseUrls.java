package dev.openmail.adapters.rest;

/** A {@link PublicBaseUrl} with a configured address, for unit tests that run no server. */
public final class BaseUrls {

    private BaseUrls() {
    }

    public static PublicBaseUrl configured(String url) {
        return new PublicBaseUrl(url, () -> {
            throw new IllegalStateException("a configured base URL never asks for the server's port");
        });
    }
}
