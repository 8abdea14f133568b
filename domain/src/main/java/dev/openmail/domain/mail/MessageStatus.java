package dev.openmail.domain.mail;

import java.util.Locale;

/** Received for inbound mail; pending, then sent or failed, for outbound mail. */
public enum MessageStatus {
    PENDING, SENT, RECEIVED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
