package dev.openmail.domain.event;

import java.util.Arrays;

/**
 * What an event reports. {@code message.received} is OpenMail's; the others are this server's own, so that an
 * agent learns what became of the mail it sent.
 */
public enum EventType {

    /** A message arrived in an inbox: over SMTP, or sent from another inbox of this installation. */
    MESSAGE_RECEIVED("message.received"),
    /** A send from an inbox was accepted: filed in its thread, delivered locally or queued for the relay. */
    MESSAGE_SENT("message.sent"),
    /** The relay took the message, or every recipient was an inbox of this installation and has it. */
    MESSAGE_DELIVERED("message.delivered"),
    /** The outbox gave up: the relay refused the message for good, or it was still failing after the last attempt. */
    MESSAGE_FAILED("message.failed"),
    /**
     * A recipient the message was delivered to was reported undeliverable afterwards, by a delivery status notification
     * sent back to the message's bounce address.
     */
    MESSAGE_BOUNCED("message.bounced");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name consumers see in an event's {@code event} field, such as {@code message.received}. */
    public String wireName() {
        return wireName;
    }

    public static EventType fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type " + name));
    }
}
