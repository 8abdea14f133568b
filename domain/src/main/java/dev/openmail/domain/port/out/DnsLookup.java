package dev.openmail.domain.port.out;

import java.util.List;

/**
 * Asks DNS what a domain publishes. Names are absolute host names without a trailing dot. An empty list means the name
 * has no such records (or does not exist); a lookup that could not be answered throws {@link DnsUnavailableException}.
 */
public interface DnsLookup {

    /** The TXT records at {@code name}, each with its character-strings joined without separator. */
    List<String> txt(String name);

    /** The MX records at {@code name}: exchange host names, lower-case, without a trailing dot. */
    List<MxRecord> mx(String name);

    record MxRecord(int priority, String exchange) {
    }
}
