package dev.openmail.domain.common;

/** A value that breaks a rule of its type. {@link #field()} names the offending input as the client sent it. */
public final class InvalidInputException extends DomainException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
