package dev.openmail.domain.port.out;

/** The DNS server did not answer, or answered with a failure other than "no such name" or "no such record". */
public final class DnsUnavailableException extends RuntimeException {

    public DnsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
