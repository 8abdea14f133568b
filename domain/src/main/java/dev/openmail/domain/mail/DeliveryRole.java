package dev.openmail.domain.mail;

import java.util.Locale;

/** How an inbound message reached an inbox: named in To, named in Cc, or neither (a blind copy). */
public enum DeliveryRole {
    TO, CC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
