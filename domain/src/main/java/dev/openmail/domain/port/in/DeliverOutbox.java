package dev.openmail.domain.port.in;

/** Hands due outbox entries to the relay. Runs on a schedule inside the server, not for an API caller. */
public interface DeliverOutbox {

    /** Works through the entries due now; returns how many the relay took. */
    int deliverDue();
}
