package dev.openmail.domain.port.out;

import java.net.InetAddress;
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

    /**
     * The IPv4 (A) and IPv6 (AAAA) addresses of {@code host}, IPv4 first, as this lookup's resolver answers them (never
     * the JVM's own name service); empty when the host has none. It fails when either query could not be answered.
     */
    List<InetAddress> addresses(String host);

    /** One MX record; {@code exchange} is empty for the null MX ({@code 0 .}, RFC 7505): the domain takes no mail. */
    record MxRecord(int priority, String exchange) {
    }
}
