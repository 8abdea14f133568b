package dev.openmail.domain.search;

import dev.openmail.domain.common.DomainException;

/** A {@code key:value} term whose key is not an operator, or whose value the operator does not take. */
public final class UnknownSearchOperatorException extends DomainException {

    private final String operator;

    public UnknownSearchOperatorException(String operator, String message) {
        super(message);
        this.operator = operator;
    }

    /** The operator as the query wrote it, e.g. {@code "to:"} or {@code "has:link"}. */
    public String operator() {
        return operator;
    }
}
