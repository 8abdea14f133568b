package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.ServerProcess;
import dev.openmail.domain.apikey.ApiToken;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code OPENMAIL_LOG_FORMAT=json}: the server, run as operators run it with its own logback.xml, writes one JSON
 * object per line, and a line written while an API request is handled names the request's account, key and route
 * (its template), but never the request's token or body.
 */
class JsonLogsSystemTest {

    @TempDir
    Path workDir;

    @Test
    void eachLineIsAJsonObjectAndARequestsLinesNameItsAccountAndRouteButNeverItsTokenOrBody() throws Exception {
        int httpPort = RunningServer.freePort();
        String token = ApiToken.generate().reveal();
        String adminToken = "admin-" + UUID.randomUUID();
        String bodyMarker = "body-marker-" + UUID.randomUUID();
        Map<String, String> env = Map.of("MICRONAUT_SERVER_PORT", String.valueOf(httpPort),
                "OPENMAIL_SMTP_PORT", String.valueOf(RunningServer.freePort()),
                "OPENMAIL_BOOTSTRAP_API_KEY", token, "OPENMAIL_ADMIN_TOKEN", adminToken,
                "OPENMAIL_DEFAULT_DOMAIN", RunningServer.DEFAULT_DOMAIN, "OPENMAIL_LOG_FORMAT", "json");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonMapper json = JsonMapper.createDefault();
        try (ServerProcess server = ServerProcess.start(workDir, env,
                List.of("-Dlogback.configurationFile=" + mainLogbackXml()))) {
            HttpResponse<String> accounts = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort
                            + "/admin/v1/accounts")).header("Authorization", "Bearer " + adminToken)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, accounts.statusCode(), accounts.body());
            String accountId = (String) ((List<Map<String, Object>>) json.readValue(accounts.body(),
                    Argument.mapOf(String.class, Object.class)).get("data")).get(0).get("id");

            // the first MCP request of a kind of key logs that its server was built, while the request is handled
            HttpResponse<String> initialized = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + httpPort + "/mcp")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                            + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"" + bodyMarker + "\",\"version\":\"1\"}}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, initialized.statusCode(), initialized.body());
            assertTrue(Eventually.holds(() -> server.output().stream().anyMatch(line -> line.contains("MCP server for")),
                    Duration.ofSeconds(10)), "the MCP server's building is logged");

            List<String> output = server.output();
            List<Map<String, Object>> lines = new ArrayList<>();
            for (String line : output) {
                if (!line.startsWith("{")) {
                    // the JVM's own few lines before logging starts are not the server's log
                    assertFalse(line.contains("dev.openmail") && line.contains(" INFO "), "a text log line: " + line);
                    continue;
                }
                assertTrue(line.endsWith("}"), line);
                lines.add(json.readValue(line, Argument.mapOf(String.class, Object.class)));
            }
            assertTrue(lines.stream().anyMatch(line -> String.valueOf(line.get("formattedMessage"))
                    .contains("Startup completed")), "the start-up line is JSON too");

            Map<String, Object> built = lines.stream()
                    .filter(line -> String.valueOf(line.get("formattedMessage")).startsWith("MCP server for"))
                    .findFirst().orElseThrow();
            assertEquals("INFO", built.get("level"));
            assertNotNull(built.get("timestamp"));
            @SuppressWarnings("unchecked")
            Map<String, Object> mdc = (Map<String, Object>) built.get("mdc");
            assertEquals(accountId, mdc.get("account"), built.toString());
            assertEquals("/mcp", mdc.get("route"), built.toString());
            assertEquals("POST", mdc.get("method"), built.toString());
            assertTrue(String.valueOf(mdc.get("api_key")).startsWith("key_"), built.toString());

            String all = String.join("\n", output);
            assertFalse(all.contains(token), "the API key is never logged");
            assertFalse(all.contains(token.substring(3)), "not even without its prefix");
            assertFalse(all.contains(adminToken), "nor the admin token");
            assertEquals(List.of(), output.stream().filter(line -> line.contains(bodyMarker)).toList(),
                    "nor a request's body");
            assertTrue(lines.stream().filter(line -> !(line.get("mdc") instanceof Map<?, ?> m) || m.isEmpty())
                    .anyMatch(line -> String.valueOf(line.get("formattedMessage")).contains("Startup completed")),
                    "a line outside any request carries no request's fields");
        }
    }

    /** The server's own logback.xml, not the tests' logback-test.xml that the class path would pick first. */
    private static Path mainLogbackXml() throws URISyntaxException {
        URL resource = JsonLogsSystemTest.class.getClassLoader().getResource("logback.xml");
        assertNotNull(resource, "logback.xml on the class path");
        return Path.of(resource.toURI());
    }
}
