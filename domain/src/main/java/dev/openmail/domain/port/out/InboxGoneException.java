package dev.openmail.domain.port.out;

/** The inbox a row was written for no longer exists. */
public final class InboxGoneException extends RuntimeException {

    public InboxGoneException() {
        super("the inbox was deleted meanwhile", null, false, false);
    }
}
