package dev.openmail.adapters.smtpout.direct;

import dev.openmail.domain.net.PublicAddresses;
import dev.openmail.domain.port.out.DnsLookup;
import dev.openmail.domain.port.out.DnsUnavailableException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the MTA-STS policy of recipient domains (RFC 8461): the {@code _mta-sts} TXT record through the domain port
 * {@link DnsLookup}, then {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} over a connection of its own, to an
 * address from the same resolver that is checked as mail exchangers' are. The fetch is bounded: connect and the whole
 * fetch by the fetch timeout, the headers to 16 KiB, the body to {@value #MAX_BODY_BYTES} bytes; redirects are not
 * followed and the certificate must verify for the host name.
 *
 * <p>Policies are kept in memory per domain for their {@code max_age}, under the id of the TXT record they were
 * fetched for: the same id uses the kept policy, a new id fetches again, and when the record is gone or the fetch
 * fails, a policy still kept is used (RFC 8461 5.1).
 */
final class MtaStsPolicies {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_CACHED_DOMAINS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(MtaStsPolicies.class);

    private record Kept(String id, MtaStsPolicy policy, Instant until) {
    }

    private final DnsLookup dns;
    private final TlsContexts tls;
    private final int port;
    private final Duration fetchTimeout;
    private final boolean allowPrivateTargets;
    private final ScheduledExecutorService watchdog;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    MtaStsPolicies(DnsLookup dns, TlsContexts tls, int port, Duration fetchTimeout, boolean allowPrivateTargets,
            ScheduledExecutorService watchdog, Clock clock) {
        this.dns = dns;
        this.tls = tls;
        this.port = port;
        this.fetchTimeout = fetchTimeout;
        this.allowPrivateTargets = allowPrivateTargets;
        this.watchdog = watchdog;
        this.clock = clock;
    }

    /** The policy that applies to mail for {@code domain} now, or null when there is none. */
    MtaStsPolicy policyFor(String domain) {
        Instant now = clock.instant();
        Kept known = kept.get(domain);
        if (known != null && !known.until().isAfter(now)) {
            kept.remove(domain, known);
            known = null;
        }
        MtaStsPolicy fallback = known == null ? null : known.policy();
        List<String> records;
        try {
            records = dns.txt("_mta-sts." + domain);
        } catch (DnsUnavailableException e) {
            return fallback;
        }
        String id = null;
        int stsRecords = 0;
        for (String record : records) {
            if (record.startsWith("v=STSv1")) {
                stsRecords++;
                id = MtaStsPolicy.recordId(record);
            }
        }
        if (stsRecords != 1 || id == null) {
            return fallback;
        }
        if (known != null && known.id().equals(id)) {
            return known.policy();
        }
        MtaStsPolicy fetched;
        try {
            fetched = fetch(domain);
        } catch (IOException | IllegalArgumentException e) {
            LOG.info("MTA-STS policy of {} (id {}) could not be fetched: {}", domain, id, e.getMessage());
            return fallback;
        }
        if (kept.size() >= MAX_CACHED_DOMAINS) {
            kept.values().removeIf(k -> !k.until().isAfter(now));
            if (kept.size() >= MAX_CACHED_DOMAINS) {
                kept.clear();
            }
        }
        kept.put(domain, new Kept(id, fetched, now.plusSeconds(fetched.maxAgeSeconds())));
        return fetched;
    }

    /** Fetches and reads the policy of {@code domain}. */
    MtaStsPolicy fetch(String domain) throws IOException {
        String host = "mta-sts." + domain;
        List<InetAddress> addresses;
        try {
            addresses = dns.addresses(host);
        } catch (DnsUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        }
        IOException last = new IOException(host + " has no address");
        for (InetAddress address : addresses) {
            PublicAddresses.Classification kind = PublicAddresses.classify(address);
            if (!allowPrivateTargets && !kind.isPublic()) {
                last = new IOException(host + " resolves to " + kind.appositive() + ", which is not fetched from");
                continue;
            }
            try {
                return MtaStsPolicy.parse(get(host, address));
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private String get(String host, InetAddress address) throws IOException {
        Socket plain = new Socket(Proxy.NO_PROXY);
        // the whole fetch, however slowly the server trickles its bytes
        ScheduledFuture<?> deadline = watchdog.schedule(() -> closeQuietly(plain), fetchTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try (plain) {
            int millis = (int) Math.max(1, fetchTimeout.toMillis());
            plain.connect(new InetSocketAddress(address, port), millis);
            plain.setSoTimeout(millis);
            SSLSocket socket = (SSLSocket) tls.verifying().getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            String authority = port == 443 ? host : host + ":" + port;
            out.write(("GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: " + authority
                    + "\r\nAccept: text/plain\r\nUser-Agent: openmail\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            return readResponse(host, in);
        } finally {
            deadline.cancel(false);
        }
    }

    /** The body of a 200 text/plain response, in at most the header and body bounds. */
    static String readResponse(String host, InputStream in) throws IOException {
        int[] budget = {MAX_HEADER_BYTES};
        String status = headerLine(in, budget);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("https://" + host + " did not answer HTTP");
        }
        if (!parts[1].equals("200")) {
            // a redirect too: RFC 8461 3.3 forbids following it
            throw new IOException("https://" + host + "/.well-known/mta-sts.txt answered " + parts[1]);
        }
        long contentLength = -1;
        boolean chunked = false;
        String contentType = "";
        for (String line = headerLine(in, budget); !line.isEmpty(); line = headerLine(in, budget)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> {
                    if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        throw new IOException("https://" + host + " sent a malformed Content-Length");
                    }
                    contentLength = Long.parseLong(value);
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-type" -> contentType = value.toLowerCase(Locale.ROOT);
                default -> {
                    // not needed
                }
            }
        }
        if (!contentType.startsWith("text/plain")) {
            throw new IOException("https://" + host + "/.well-known/mta-sts.txt is not text/plain");
        }
        if (contentLength > MAX_BODY_BYTES) {
            throw tooLarge(host);
        }
        byte[] body;
        if (chunked) {
            body = readChunked(host, in, budget);
        } else if (contentLength >= 0) {
            body = in.readNBytes((int) contentLength);
            if (body.length != contentLength) {
                throw new IOException("https://" + host + " ended the policy early");
            }
        } else {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge(host);
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static byte[] readChunked(String host, InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = headerLine(in, budget);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (hex.isEmpty() || hex.length() > 6) {
                throw new IOException("https://" + host + " sent a malformed chunk");
            }
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("https://" + host + " sent a malformed chunk", e);
            }
            if (size == 0) {
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw tooLarge(host);
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new IOException("https://" + host + " ended the policy early");
            }
            body.writeBytes(chunk);
            headerLine(in, budget);
        }
    }

    private static IOException tooLarge(String host) {
        return new IOException("https://" + host + "/.well-known/mta-sts.txt is larger than " + MAX_BODY_BYTES
                + " bytes");
    }

    /** One line without its CRLF, counted against the shared budget of header bytes. */
    private static String headerLine(InputStream in, int[] budget) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (--budget[0] < 0) {
                throw new IOException("the policy server's headers are too long");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        if (b < 0) {
            throw new IOException("the policy server closed the connection");
        }
        return line.toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    /** Forgets the kept policies whose time is up. */
    void sweep() {
        Instant now = clock.instant();
        kept.values().removeIf(k -> !k.until().isAfter(now));
    }

    /** The policies kept, for tests: domain to id. */
    Map<String, String> keptIds() {
        Map<String, String> ids = new java.util.HashMap<>();
        kept.forEach((domain, k) -> ids.put(domain, k.id()));
        return ids;
    }
}
