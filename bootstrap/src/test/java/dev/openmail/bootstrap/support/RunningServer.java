package dev.openmail.bootstrap.support;

import dev.openmail.adapters.dns.testing.InProcessDnsServer;
import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.adapters.smtpin.SmtpListener;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole server, started as it is in production but on a random port, and driven over real HTTP. The common
 * instance runs on the MySQL-family test database; tests that need other settings start their own.
 */
public final class RunningServer implements AutoCloseable {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    public static final String DEFAULT_DOMAIN = "openmail.test";
    public static final String MX_HOST = "mx.openmail.test";
    /** The shared server's SMTP size limit: small, so that a test can go past it cheaply. */
    public static final int SMTP_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    private static final Set<String> TOKENS_SENT = ConcurrentHashMap.newKeySet();

    private static RunningServer shared;
    private static int relayPort;
    private static InProcessDnsServer sharedDns;

    private final EmbeddedServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json;

    private final TestDatabase database;

    private RunningServer(TestDatabase database, Map<String, Object> settings) {
        this.database = database;
        Map<String, Object> all = new HashMap<>(database.micronautProperties());
        all.put("openmail.default-domain", DEFAULT_DOMAIN);
        all.put("openmail.mx-host", MX_HOST);
        all.putAll(settings);
        all.put("micronaut.server.port", -1);
        all.putIfAbsent("openmail.smtp.port", 0);
        // every test connects from 127.0.0.1 and many present bad tokens on purpose; AuthFailuresSystemTest turns it on
        all.putIfAbsent("openmail.auth-failures-per-minute", 0);
        // many tests send more than 10 messages a minute from one inbox; SendLimitsSystemTest sets the caps
        all.putIfAbsent("openmail.send-limits.burst-per-minute", 0);
        all.putIfAbsent("openmail.send-limits.daily-per-inbox", 0);
        all.putIfAbsent("openmail.send-limits.cold-per-inbox-new", 0);
        all.putIfAbsent("openmail.send-limits.cold-per-account-new", 0);
        all.putIfAbsent("openmail.send-limits.cold-per-account", 0);
        // outside mail waits in the outbox (a relay nothing listens at) instead of looking up recipients' mail
        // servers; the direct delivery tests set the relay host blank
        if (!all.containsKey("openmail.smtp-relay.host")) {
            all.put("openmail.smtp-relay.host", "127.0.0.1");
            all.put("openmail.smtp-relay.port", freePort());
        }
        this.server = ApplicationContext.run(EmbeddedServer.class, all);
        this.json = server.getApplicationContext().getBean(JsonMapper.class);
    }

    /** The server shared by the system tests: MySQL-family database, operator API enabled. */
    public static synchronized RunningServer shared() {
        if (shared == null) {
            try {
                sharedDns = InProcessDnsServer.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            relayPort = freePort();
            shared = new RunningServer(TestDatabase.mysql(), Map.of("openmail.admin-token", ADMIN_TOKEN,
                    "openmail.dns-server", sharedDns.address(), "openmail.smtp.max-message-bytes", SMTP_MAX_MESSAGE_BYTES,
                    "openmail.smtp-relay.host", "127.0.0.1", "openmail.smtp-relay.port", relayPort,
                    "openmail.outbox.poll-interval", "100ms", "openmail.outbox.retry-base", "100ms",
                    "openmail.outbox.retry-cap", "500ms", "openmail.outbox.max-attempts", 100_000));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.close();
                sharedDns.close();
            }));
        }
        return shared;
    }

    /** A server of its own on {@code database} with the given settings; close it when done. */
    public static RunningServer start(TestDatabase database, Map<String, Object> settings) {
        return new RunningServer(database, settings);
    }

    /**
     * The port the shared server relays outside mail to. Nothing listens there until a test starts a sink on it, so
     * until then outside mail waits in the outbox.
     */
    public static int relayPort() {
        shared();
        return relayPort;
    }

    /** A port nothing listens on at this moment. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DNS server the shared server asks when it verifies domains; tests publish records in it. */
    public static InProcessDnsServer dns() {
        shared();
        return sharedDns;
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** The port the server's SMTP listener took. */
    public int smtpPort() {
        return server.getApplicationContext().getBean(SmtpListener.class).port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + server.getPort() + pathAndQuery);
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response.headers().map(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET of a path or an absolute URL whose answer is kept as bytes, for attachments and raw messages. */
    public HttpResponse<byte[]> bytes(String pathOrUrl, String token) {
        URI target = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : uri(pathOrUrl);
        try {
            return client.send(authorized(HttpRequest.newBuilder(target).GET(), token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String token) {
        return send(authorized(HttpRequest.newBuilder(uri(path)).GET(), token));
    }

    public Reply delete(String path, String token) {
        return send(authorized(HttpRequest.newBuilder(uri(path)).DELETE(), token));
    }

    public Reply post(String path, String token, String jsonBody) {
        return withJson("POST", path, token, jsonBody);
    }

    public Reply patch(String path, String token, String jsonBody) {
        return withJson("PATCH", path, token, jsonBody);
    }

    private Reply withJson(String method, String path, String token, String jsonBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        return send(authorized(builder, token));
    }

    /** Adds the bearer token, if any, and remembers it as sent. */
    public static HttpRequest.Builder authorized(HttpRequest.Builder builder, String token) {
        if (token == null) {
            return builder;
        }
        TOKENS_SENT.add(token);
        return builder.header("Authorization", "Bearer " + token);
    }

    /** Records a token a test sent another way (typed into the console, say), for the search of the log. */
    public static void rememberSent(String token) {
        TOKENS_SENT.add(token);
    }

    /** Every bearer token any system test sent through this class, for the test that searches the log for them. */
    public static Set<String> tokensSent() {
        return Set.copyOf(TOKENS_SENT);
    }

    /** Opens an account through the operator API and returns its first API key. */
    public Account openAccount() {
        Reply reply = post("/admin/v1/accounts", ADMIN_TOKEN, "{}");
        if (reply.status() != 201) {
            throw new IllegalStateException("could not open an account: " + reply);
        }
        return new Account(reply.string("id"), reply.string("apiKey.token"), reply.string("defaultPod.id"));
    }

    /** A single number from the server's database, e.g. a count of rows. */
    public long queryForLong(String sql, Object... parameters) {
        return database.queryForLong(sql, parameters);
    }

    /** Puts an inbox row into a pod directly; see TestDatabase#insertInbox. */
    public void insertInbox(String accountId, String podId, String address) {
        database.insertInbox(accountId, podId, address);
    }

    /** Puts a domain row scoped to a pod directly; see TestDatabase#insertScopedDomain. */
    public void insertScopedDomain(String accountId, String podId, String domain) {
        database.insertScopedDomain(accountId, podId, domain);
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.getApplicationContext().close();
        }
    }

    public record Account(String id, String token, String defaultPodId) {
    }

    /** An HTTP answer with its JSON body at hand. */
    public record Reply(int status, String body, Map<String, List<String>> headers, JsonMapper json) {

        public Map<String, Object> object() {
            try {
                return json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }

        /** A value at a dotted path such as {@code apiKey.token}. */
        public Object at(String path) {
            Object current = object();
            for (String part : path.split("\\.")) {
                if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                    throw new AssertionError("no '" + path + "' in " + body);
                }
                current = map.get(part);
            }
            return current;
        }

        public String string(String path) {
            return (String) at(path);
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> data() {
            return (List<Map<String, Object>>) object().get("data");
        }

        public long total() {
            return ((Number) object().get("total")).longValue();
        }

        public String error() {
            return string("error");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
