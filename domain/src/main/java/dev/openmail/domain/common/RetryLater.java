package dev.openmail.domain.common;

import java.time.Duration;

/** A refusal that a later try of the same request can get past: it says how long to wait. */
public interface RetryLater {

    /** How long until the same request may be taken; at least a moment. */
    Duration retryAfter();
}
