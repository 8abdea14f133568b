package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.Label;

import java.util.Objects;

public interface IssueApiKey {

    /** A new key confined to the holder (the account's keys are account-wide), with its token for this one time. */
    IssuedApiKey issue(Command command);

    /** {@code name} may be null. */
    record Command(Caller caller, KeyHolder holder, Label name) {
        public Command {
            Objects.requireNonNull(caller);
            Objects.requireNonNull(holder);
        }
    }
}
