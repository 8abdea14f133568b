package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.ServerProcess;
import dev.openmail.domain.apikey.ApiToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MCP SDK is a part of the server loaded on first use: a server process, with the JVM's class loading logged,
 * loads none of its classes while it starts and serves the REST API, and loads them with the first {@code /mcp}
 * request.
 */
class McpLoadedOnFirstUseSystemTest {

    private static final String SDK = " io.modelcontextprotocol.";

    @TempDir
    Path workDir;

    @Test
    void noSdkClassLoadsBeforeTheFirstMcpRequest() throws Exception {
        int httpPort = RunningServer.freePort();
        String token = ApiToken.generate().reveal();
        Map<String, String> env = Map.of("MICRONAUT_SERVER_PORT", String.valueOf(httpPort),
                "OPENMAIL_SMTP_PORT", String.valueOf(RunningServer.freePort()),
                "OPENMAIL_BOOTSTRAP_API_KEY", token, "OPENMAIL_DEFAULT_DOMAIN", RunningServer.DEFAULT_DOMAIN);
        HttpClient http = HttpClient.newHttpClient();
        try (ServerProcess server = ServerProcess.start(workDir, env, List.of("-Xlog:class+load=info:stdout"))) {
            HttpResponse<String> pods = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort
                    + "/v1/pods")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, pods.statusCode(), pods.body());
            assertTrue(server.output().stream().anyMatch(line -> line.contains(" dev.openmail.bootstrap.Application")),
                    "class loading is logged");
            assertTrue(server.output().stream().noneMatch(line -> line.contains(SDK)),
                    "an SDK class loaded before any MCP request");

            HttpResponse<String> initialized = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + httpPort + "/mcp")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                            + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, initialized.statusCode(), initialized.body());
            assertTrue(Eventually.holds(() -> server.output().stream().anyMatch(line -> line.contains(SDK)),
                    Duration.ofSeconds(10)), "the first MCP request loads the SDK");
        }
    }
}
