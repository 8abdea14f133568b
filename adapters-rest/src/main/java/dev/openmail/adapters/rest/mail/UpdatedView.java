package dev.openmail.adapters.rest.mail;

import io.micronaut.serde.annotation.Serdeable;

/** The answer to a thread update. */
@Serdeable
public record UpdatedView(boolean ok) {
}
