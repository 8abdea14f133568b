package dev.openmail.adapters.webhook;

import dev.openmail.domain.port.out.PostWebhook;
import dev.openmail.domain.webhook.WebhookRequest;
import dev.openmail.domain.webhook.WebhookResponse;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link PostWebhook} over Apache HttpClient 5 (classic, pooled, shared by every worker thread).
 *
 * <ul>
 *   <li>Targets are chosen by tenants, so every address that is not on the public internet
 *       ({@link dev.openmail.domain.net.PublicAddresses})
 *       is refused without connecting, unless {@code openmail.webhooks.allow-private-targets} is true. The check is
 *       made by the connection manager's {@link CheckingDnsResolver}, on the addresses the client then connects to
 *       (and once more by the socket itself), so DNS rebinding, address literals in any spelling and names such as
 *       {@code localhost} all meet the same rule. No proxy is ever used: it would connect on our behalf.</li>
 *   <li>No redirect is followed: a 3xx is an answer like any non-2xx.</li>
 *   <li>The whole attempt (lookup, connect, send, answer) is bounded by one timeout, 15 seconds in production.</li>
 *   <li>At most 4 KiB of the answer's body is read; a longer body drops the connection instead of being read.</li>
 * </ul>
 * Whatever the endpoint or the network does comes back as a {@link WebhookResponse}, never as an exception.
 */
@Singleton
public final class HttpWebhookPoster implements PostWebhook, AutoCloseable {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    static final String USER_AGENT = "openmail-server-webhooks";
    static final int MAX_BODY_READ = 4096;
    static final int MAX_PER_ROUTE = 4;
    static final int MAX_TOTAL = 64;
    private static final int MAX_REASON_LENGTH = 300;

    /** Set by the client from the body and the connection; a given one would clash or lie. */
    private static final Set<String> HEADERS_NOT_COPIED =
            Set.of("content-length", "transfer-encoding", "host", "connection", "user-agent", "expect", "upgrade");

    private final Duration timeout;
    private final boolean allowPrivateTargets;
    private final CheckingDnsResolver dnsResolver;
    private final CloseableHttpClient client;
    private final ScheduledThreadPoolExecutor deadlines;

    @Inject
    public HttpWebhookPoster(@Value("${openmail.webhooks.allow-private-targets:false}") boolean allowPrivateTargets) {
        this(allowPrivateTargets, DEFAULT_TIMEOUT, InetAddress::getAllByName);
    }

    /**
     * @param allowPrivateTargets whether addresses off the public internet may be posted to (development, tests)
     * @param timeout             bounds a whole attempt
     * @param resolver            turns a host into addresses, before the rule looks at them
     */
    public HttpWebhookPoster(boolean allowPrivateTargets, Duration timeout, HostResolver resolver) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhook timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        this.allowPrivateTargets = allowPrivateTargets;
        TargetRule rule = new TargetRule(allowPrivateTargets);
        this.dnsResolver = new CheckingDnsResolver(resolver, rule, timeout);
        GuardedSocketFactory sockets = new GuardedSocketFactory(rule);
        Timeout bound = Timeout.ofMilliseconds(timeout.toMillis());
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManagerBuilder() {
            @Override
            protected HttpClientConnectionOperator createConnectionOperator(
                    SchemePortResolver schemePortResolver, DnsResolver ignored, TlsSocketStrategy tls) {
                return new DefaultHttpClientConnectionOperator(sockets,
                        schemePortResolver != null ? schemePortResolver : DefaultSchemePortResolver.INSTANCE,
                        dnsResolver,
                        RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build());
            }
        }
                .setDnsResolver(dnsResolver)
                .setTlsSocketStrategy(DefaultClientTlsStrategy.createDefault())
                .setMaxConnPerRoute(MAX_PER_ROUTE)
                .setMaxConnTotal(MAX_TOTAL)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(bound)
                        .setSocketTimeout(bound)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(bound)
                        .setResponseTimeout(bound)
                        .setRedirectsEnabled(false)
                        .setExpectContinueEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableConnectionState()
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent(USER_AGENT)
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "webhook-deadline");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    @Override
    public WebhookResponse post(WebhookRequest request) {
        long start = System.nanoTime();
        WebhookTarget target;
        try {
            target = WebhookTarget.parse(request.url());
        } catch (IllegalArgumentException invalid) {
            return WebhookResponse.failed("invalid webhook URL: " + invalid.getMessage(), millisSince(start));
        }
        HttpPost post = new HttpPost(URI.create(target.pathAndQuery()));
        post.setScheme(target.scheme());
        post.setAuthority(new URIAuthority(target.host(), target.port()));
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (!HEADERS_NOT_COPIED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                post.addHeader(header.getKey(), header.getValue());
            }
        }
        post.setEntity(new ByteArrayEntity(request.body(), null));

        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            post.cancel();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        dnsResolver.setDeadline(start + timeout.toNanos());
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(new HttpHost(target.scheme(), target.host(), target.port()), post,
                    HttpClientContext.create());
            int status = response.getCode();
            long latency = millisSince(start);
            if (!endsWithin(response, MAX_BODY_READ)) {
                post.cancel();   // drops the connection: the rest of the body is never read
            }
            return WebhookResponse.answered(status, latency);
        } catch (IOException | RuntimeException failure) {
            long latency = millisSince(start);
            if (timedOut.get() || latency >= timeout.toMillis()) {
                return WebhookResponse.failed(timedOutReason(), latency);
            }
            return WebhookResponse.failed(reason(failure, target), latency);
        } finally {
            deadline.cancel(false);
            dnsResolver.clearDeadline();
            closeQuietly(response, post);
        }
    }

    /** Reads the body up to {@code limit} bytes; true when it ended there, so the connection can be used again. */
    private static boolean endsWithin(ClassicHttpResponse response, int limit) {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return true;
        }
        try {
            InputStream body = entity.getContent();
            if (body == null) {
                return true;
            }
            byte[] buffer = new byte[1024];
            int total = 0;
            while (total < limit) {
                int read = body.read(buffer, 0, Math.min(buffer.length, limit - total));
                if (read < 0) {
                    return true;
                }
                total += read;
            }
            return false;
        } catch (IOException | RuntimeException unreadable) {
            return false;   // the status was answered; a broken body only costs the connection
        }
    }

    private static void closeQuietly(ClassicHttpResponse response, HttpPost post) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            post.cancel();
        }
    }

    private String timedOutReason() {
        return "timed out after " + describe(timeout);
    }

    private String reason(Throwable failure, WebhookTarget target) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedTargetException refused) {
                return clean(refused.getMessage());
            }
        }
        if (failure instanceof UnknownHostException) {
            return clean("could not resolve host " + target.host());
        }
        if (failure instanceof ConnectTimeoutException || failure instanceof SocketTimeoutException) {
            return timedOutReason();
        }
        if (failure instanceof NoRouteToHostException) {
            return clean("no route to " + target.display());
        }
        if (failure instanceof ConnectException connect) {
            String message = String.valueOf(connect.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("refused")) {
                return clean("connection refused by " + target.display());
            }
            return clean("could not connect to " + target.display());
        }
        if (failure instanceof SSLException tls) {
            return clean("TLS with " + target.display() + " failed: " + tls.getMessage());
        }
        if (failure instanceof NoHttpResponseException) {
            return clean(target.display() + " closed the connection without answering");
        }
        if (failure instanceof ProtocolException || failure instanceof ClientProtocolException) {
            return clean("the answer from " + target.display() + " is not valid HTTP: " + failure.getMessage());
        }
        return clean("request to " + target.display() + " failed: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
    }

    /** One line, printable, bounded: parts of it (a host, a status line) come from outside. */
    private static String clean(String text) {
        StringBuilder cleaned = new StringBuilder(Math.min(text.length(), MAX_REASON_LENGTH + 1));
        for (int i = 0; i < text.length() && cleaned.length() < MAX_REASON_LENGTH; i++) {
            char c = text.charAt(i);
            cleaned.append(c < 0x20 || c == 0x7F ? ' ' : c);
        }
        if (text.length() > MAX_REASON_LENGTH) {
            cleaned.append('…');
        }
        return cleaned.toString();
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    Duration timeout() {
        return timeout;
    }

    boolean allowsPrivateTargets() {
        return allowPrivateTargets;
    }

    @PreDestroy
    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
        deadlines.shutdownNow();
        dnsResolver.close();
    }
}
