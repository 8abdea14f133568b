package dev.openmail.adapters.dns;

import dev.openmail.domain.port.out.DnsLookup;
import dev.openmail.domain.port.out.DnsUnavailableException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import io.micronaut.context.annotation.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers {@link DnsLookup} by sending one query per call to the resolver at {@code openmail.dns-server}
 * ({@code host}, {@code host:port}, {@code [v6-address]:port}), or to the system's resolvers when that is blank.
 *
 * <p>Queries go straight to the resolver rather than through dnsjava's {@code Lookup}: nothing is cached (verification
 * must see what DNS says now), no search list is applied, and the answer's rcode tells "no such name or record" from a
 * failure. A UDP answer with the TC bit is asked again over TCP by {@link SimpleResolver}.
 */
@Context
public final class DnsJavaLookup implements DnsLookup {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private static final int DEFAULT_PORT = 53;

    private final Resolver resolver;
    private final String serverDescription;

    @Inject
    public DnsJavaLookup(@Value("${openmail.dns-server:}") String dnsServer) {
        this(dnsServer, DEFAULT_TIMEOUT);
    }

    /** {@code timeout} bounds each attempt at a server, including the TCP retry of a truncated answer. */
    public DnsJavaLookup(String dnsServer, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout must be positive, was " + timeout);
        }
        if (dnsServer == null || dnsServer.isBlank()) {
            List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
            List<Resolver> resolvers = new ArrayList<>();
            for (InetSocketAddress server : servers) {
                resolvers.add(simpleResolver(server, timeout));
            }
            ExtendedResolver systemResolvers = new ExtendedResolver(resolvers);
            // one attempt per server, each bounded by the timeout, instead of dnsjava's three rounds
            systemResolvers.setRetries(1);
            systemResolvers.setTimeout(timeout.multipliedBy(Math.max(1, servers.size())));
            this.resolver = systemResolvers;
            this.serverDescription = servers.stream()
                    .map(DnsJavaLookup::describe)
                    .collect(Collectors.joining(", ", "system resolvers [", "]"));
        } else {
            InetSocketAddress server = parseServerAddress(dnsServer);
            this.resolver = simpleResolver(server, timeout);
            this.serverDescription = "DNS server " + describe(server);
        }
    }

    @Override
    public List<String> txt(String name) {
        return query(name, Type.TXT, record -> joinedStrings((TXTRecord) record));
    }

    @Override
    public List<MxRecord> mx(String name) {
        return query(name, Type.MX, record -> {
            MXRecord mx = (MXRecord) record;
            return new MxRecord(mx.getPriority(), hostName(mx.getTarget()));
        });
    }

    @Override
    public List<InetAddress> addresses(String host) {
        List<InetAddress> addresses = new ArrayList<>(query(host, Type.A, record -> ((ARecord) record).getAddress()));
        addresses.addAll(query(host, Type.AAAA, record -> ((AAAARecord) record).getAddress()));
        return List.copyOf(addresses);
    }

    /**
     * Every record of {@code type} at {@code name}, as for {@link #txt}: empty when there is none, a
     * {@link DnsUnavailableException} when the resolver did not answer or answered with an error.
     */
    List<Record> records(String name, int type) {
        return query(name, type, Function.identity());
    }

    private <T> List<T> query(String name, int type, Function<Record, T> convert) {
        Name absoluteName = absoluteName(name);
        Message query = Message.newQuery(Record.newRecord(absoluteName, type, DClass.IN));
        Message response;
        try {
            response = resolver.send(query);
        } catch (IOException e) {
            throw new DnsUnavailableException(
                    serverDescription + " did not answer the " + Type.string(type) + " query for " + name + ": "
                            + e.getMessage(),
                    e);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return List.of();
        }
        if (rcode != Rcode.NOERROR) {
            throw new DnsUnavailableException(
                    serverDescription + " answered " + Rcode.string(rcode) + " to the " + Type.string(type)
                            + " query for " + name,
                    null);
        }
        // every record of the asked type in the answer, so that a CNAME chain resolved by the server is followed
        return response.getSection(Section.ANSWER).stream()
                .filter(record -> record.getType() == type)
                .map(convert)
                .toList();
    }

    /** Names the server(s) asked, as error messages do. */
    @Override
    public String toString() {
        return "DnsJavaLookup(" + serverDescription + ")";
    }

    private static Name absoluteName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a DNS name must not be blank");
        }
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a valid DNS name: " + name, e);
        }
    }

    /** A TXT record's character-strings are parts of one value; they are bytes, kept as published (UTF-8). */
    private static String joinedStrings(TXTRecord record) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] part : record.getStringsAsByteArrays()) {
            value.writeBytes(part);
        }
        return value.toString(StandardCharsets.UTF_8);
    }

    private static String hostName(Name name) {
        return name.equals(Name.root) ? "" : name.toString(true).toLowerCase(Locale.ROOT);
    }

    private static SimpleResolver simpleResolver(InetSocketAddress server, Duration timeout) {
        SimpleResolver simpleResolver = new SimpleResolver(server);
        simpleResolver.setTimeout(timeout);
        return simpleResolver;
    }

    private static String describe(InetSocketAddress server) {
        String host = server.getAddress() != null ? server.getAddress().getHostAddress() : server.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
    }

    /**
     * Reads {@code host}, {@code host:port}, {@code [v6-address]}, {@code [v6-address]:port} or a bare IPv6 address;
     * the port defaults to 53.
     */
    static InetSocketAddress parseServerAddress(String value) {
        String text = value.strip();
        String host;
        int port = DEFAULT_PORT;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalidServer(value, "missing ']' after the IPv6 address");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalidServer(value, "expected ':port' after ']'");
                }
                port = parsePort(value, rest.substring(1));
            }
            if (Address.toByteArray(host, Address.IPv6) == null) {
                throw invalidServer(value, "'" + host + "' is not an IPv6 address");
            }
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text;
            if (Address.toByteArray(host, Address.IPv6) == null) {
                throw invalidServer(value, "not an IPv6 address (write [address]:port to give a port)");
            }
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            if (colon >= 0) {
                port = parsePort(value, text.substring(colon + 1));
            }
            if (!isHostName(host)) {
                throw invalidServer(value, "'" + host + "' is not a host name or IPv4 address");
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw invalidServer(value, "cannot resolve '" + host + "'");
        }
    }

    private static int parsePort(String value, String port) {
        if (!port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65535) {
                return number;
            }
        }
        throw invalidServer(value, "'" + port + "' is not a port between 1 and 65535");
    }

    private static IllegalArgumentException invalidServer(String value, String reason) {
        return new IllegalArgumentException(
                "openmail.dns-server (OPENMAIL_DNS_SERVER) must be host, host:port or [IPv6]:port, was '" + value
                        + "': " + reason);
    }

    /**
     * Labels of letters, digits, '_' and '-' (not at either end of a label), separated by single dots, with an optional
     * final dot. A scan rather than a regular expression: a repeated group recurses once per label in java.util.regex,
     * and a few thousand labels overflowed the stack.
     */
    static boolean isHostName(String host) {
        int labelStart = 0;
        for (int i = 0; i <= host.length(); i++) {
            boolean end = i == host.length();
            if (end || host.charAt(i) == '.') {
                int length = i - labelStart;
                boolean finalDot = end && labelStart > 0 && length == 0;
                if (!finalDot && (length == 0 || host.charAt(labelStart) == '-' || host.charAt(i - 1) == '-')) {
                    return false;
                }
                labelStart = i + 1;
            } else {
                char c = host.charAt(i);
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }
}
