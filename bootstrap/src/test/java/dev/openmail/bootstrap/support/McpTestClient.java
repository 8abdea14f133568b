package dev.openmail.bootstrap.support;

import io.micronaut.json.JsonMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The MCP SDK's own client, connected to a running server's {@code /mcp} with an API key, as an agent connects: the
 * tests drive the server with it to show that what the SDK's clients speak is what the server answers.
 */
public final class McpTestClient implements AutoCloseable {

    private final McpSyncClient client;
    private final JsonMapper json;

    private McpTestClient(McpSyncClient client, JsonMapper json) {
        this.client = client;
        this.json = json;
    }

    /** A client of {@code server} with {@code token} as its bearer key, initialized. */
    public static McpTestClient connect(RunningServer server, String token) {
        return connect(server.uri("/"), token, server.context().getBean(JsonMapper.class));
    }

    /** A client of the server at {@code base} (another process, say), reading answers with {@code json}. */
    public static McpTestClient connect(URI base, String token, JsonMapper json) {
        HttpRequest.Builder requests = HttpRequest.newBuilder();
        if (token != null) {
            requests.header("Authorization", "Bearer " + token);
            RunningServer.rememberSent(token);
        }
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(base.toString()).endpoint("/mcp").requestBuilder(requests).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(150)).build();
        McpTestClient connected = new McpTestClient(client, json);
        client.initialize();
        return connected;
    }

    public McpSchema.InitializeResult initialization() {
        return client.getCurrentInitializationResult();
    }

    public List<McpSchema.Tool> tools() {
        return client.listTools().tools();
    }

    /** A tool's answer: its JSON, and whether it is an error. */
    public record Result(boolean isError, Map<String, Object> json, String text) {

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list(String field) {
            return (List<Map<String, Object>>) json.get(field);
        }

        public String string(String field) {
            return (String) json.get(field);
        }
    }

    @SuppressWarnings("unchecked")
    public Result call(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        try {
            return new Result(Boolean.TRUE.equals(result.isError()), json.readValue(text, Map.class), text);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(text, unreadable);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
