package dev.openmail.bootstrap.support;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole server, started as it is in production but on a random port, and driven over real HTTP. The common
 * instance runs on the MySQL-family test database; tests that need other settings start their own.
 */
public final class RunningServer implements AutoCloseable {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private static RunningServer shared;

    private final EmbeddedServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json;

    private final Map<String, Object> properties;

    private RunningServer(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
        Map<String, Object> all = new HashMap<>(properties);
        all.put("micronaut.server.port", -1);
        this.server = ApplicationContext.run(EmbeddedServer.class, all);
        this.json = server.getApplicationContext().getBean(JsonMapper.class);
    }

    /** The server shared by the system tests: MySQL-family database, operator API enabled. */
    public static synchronized RunningServer shared() {
        if (shared == null) {
            Map<String, Object> properties = new HashMap<>(TestDatabase.mysql().micronautProperties());
            properties.put("openmail.admin-token", ADMIN_TOKEN);
            shared = new RunningServer(properties);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A server of its own with the given settings; close it when done. */
    public static RunningServer start(Map<String, Object> properties) {
        return new RunningServer(properties);
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
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

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String token) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** Opens an account through the operator API and returns its first API key. */
    public Account openAccount() {
        Reply reply = post("/admin/v1/accounts", ADMIN_TOKEN, "{}");
        if (reply.status() != 201) {
            throw new IllegalStateException("could not open an account: " + reply);
        }
        return new Account(reply.string("id"), reply.string("apiKey.token"), reply.string("defaultPod.id"));
    }

    /** Puts an inbox row into a pod directly, as the inbox API will. */
    public void insertInbox(String accountId, String podId, String address) {
        execute("INSERT INTO inboxes (account_id, id, pod_id, address, display_name, created_at) VALUES (?, ?, ?, ?, NULL, ?)",
                accountId, "inb_" + dev.openmail.domain.common.TimeOrderedIds.next(), podId, address, now());
    }

    /** Puts a domain row scoped to a pod directly, as the domains API will. */
    public void insertScopedDomain(String accountId, String podId, String domain) {
        execute("INSERT INTO domains (account_id, id, pod_id, domain, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)",
                accountId, "dom_" + dev.openmail.domain.common.TimeOrderedIds.next(), podId, domain, now());
    }

    public void execute(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection((String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"), (String) properties.get("datasources.default.password"));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long now() {
        return System.currentTimeMillis();
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
