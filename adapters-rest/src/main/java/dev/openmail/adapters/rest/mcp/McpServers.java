package dev.openmail.adapters.rest.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.error.ErrorCatalogue;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.DomainException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MCP SDK's stateless servers, one per kind of key, each with that kind's tools, built on first use: nothing of
 * the SDK loads before the first {@code /mcp} request. Stateless: every request carries its key and is answered on
 * its own, so any process of the installation answers any request, and a client needs no session.
 */
@Singleton
final class McpServers {

    private static final Logger LOG = LoggerFactory.getLogger(McpServers.class);
    /** The transport context's entry for the caller of the request. */
    private static final String CALLER = "openmail.caller";
    /** A tool call can wait for mail for up to two minutes; the SDK's own timeout must not cut it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);

    private static final ObjectMapper ERRORS = new ObjectMapper();
    /** The versions the SDK's stateless servers negotiate at initialize. */
    private static final List<String> PROTOCOL_VERSIONS = new Bridge().protocolVersions();

    private final MailTools tools;
    private final McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    private final Map<KeyKind, McpStatelessServerHandler> handlers = new ConcurrentHashMap<>();

    McpServers(MailTools tools) {
        this.tools = tools;
    }

    /** An answer to one POST: its status, and the JSON-RPC message it carries (null for 202). */
    record Answer(int status, String json) {
    }

    /**
     * Answers one POSTed message of {@code caller}'s. A request names the protocol version agreed at initialize in
     * its MCP-Protocol-Version header (none: the client predates the header); one this server does not speak is
     * refused.
     */
    Answer handle(Caller caller, String protocolVersionOrNull, String body) {
        if (protocolVersionOrNull != null && !PROTOCOL_VERSIONS.contains(protocolVersionOrNull)) {
            return new Answer(400, error(McpSchema.ErrorCodes.INVALID_REQUEST, "Unsupported MCP-Protocol-Version "
                    + "header; this server speaks " + String.join(", ", PROTOCOL_VERSIONS) + "."));
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, body);
        } catch (IOException | IllegalArgumentException unreadable) {
            return new Answer(400, error(McpSchema.ErrorCodes.PARSE_ERROR,
                    "The body is not one JSON-RPC 2.0 message (a request, notification or response)."));
        }
        McpTransportContext context = McpTransportContext.create(Map.of(CALLER, caller));
        McpStatelessServerHandler handler = handlerFor(KeyKind.of(caller));
        if (message instanceof McpSchema.JSONRPCRequest request) {
            McpSchema.JSONRPCResponse response = handler.handleRequest(context, request)
                    .contextWrite(reactor -> reactor.put(McpTransportContext.KEY, context)).block();
            return new Answer(200, write(response));
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            handler.handleNotification(context, notification)
                    .contextWrite(reactor -> reactor.put(McpTransportContext.KEY, context)).block();
        }
        // A response from the client answers nothing this server asked (it asks nothing): accepted and dropped.
        return new Answer(202, null);
    }

    private McpStatelessServerHandler handlerFor(KeyKind kind) {
        return handlers.computeIfAbsent(kind, this::build);
    }

    private McpStatelessServerHandler build(KeyKind kind) {
        Bridge bridge = new Bridge();
        List<SyncToolSpecification> specifications = tools.forKind(kind).stream().map(this::specification).toList();
        // Building the server registers its handler with the bridge, which is all this process keeps of it.
        McpServer.sync(bridge)
                .serverInfo("openmail", "1")
                .instructions(instructions(kind))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(mapper)
                // Tool calls run on the request's own thread, one of the blocking pool, never on the event loop.
                .immediateExecution(true)
                // The tools read their own arguments, so that a bad one is the API's bad_request naming it.
                .validateToolInputs(false)
                .requestTimeout(REQUEST_TIMEOUT)
                .tools(specifications)
                .build();
        LOG.info("MCP server for {} keys built, {} tools", kind.name().toLowerCase(Locale.ROOT),
                specifications.size());
        return bridge.handler;
    }

    private SyncToolSpecification specification(McpTool tool) {
        McpSchema.Tool described = McpSchema.Tool.builder()
                .name(tool.name())
                .title(tool.title())
                .description(tool.description())
                .inputSchema(tool.schema().toMap())
                .annotations(McpSchema.ToolAnnotations.builder().title(tool.title()).readOnlyHint(tool.readOnly())
                        .destructiveHint(false).openWorldHint(false).build())
                .build();
        return SyncToolSpecification.builder().tool(described)
                .callHandler((context, request) -> call(tool, context, request)).build();
    }

    private static CallToolResult call(McpTool tool, McpTransportContext context, CallToolRequest request) {
        Caller caller = (Caller) context.get(CALLER);
        try {
            ToolArguments arguments = new ToolArguments(tool.name(), request.arguments(), tool.schema().names());
            return CallToolResult.builder().addTextContent(tool.handler().call(caller, arguments)).isError(false).build();
        } catch (DomainException failure) {
            ApiError error = ErrorCatalogue.errorOf(failure);
            return failed(error.error(), error.message());
        } catch (ToolRefusal refusal) {
            return failed(refusal.code(), refusal.getMessage());
        } catch (RuntimeException unexpected) {
            LOG.error("MCP tool {} failed", tool.name(), unexpected);
            return failed("internal_error", "The server failed to run this tool; try again, and report it if it"
                    + " persists.");
        }
    }

    /** A tool error as the API writes an error: {@code {"error": code, "message": what to do}}. */
    private static CallToolResult failed(String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        try {
            return CallToolResult.builder().addTextContent(ERRORS.writeValueAsString(body)).isError(true)
                    .build();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** A JSON-RPC error answering no request in particular (JSON-RPC's null id, which the SDK's records refuse). */
    private static String error(int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.put("id", null);
        response.put("error", error);
        try {
            return ERRORS.writeValueAsString(response);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private String write(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static String instructions(KeyKind kind) {
        String reach = switch (kind) {
            case ACCOUNT -> "every inbox of the account";
            case POD -> "the inboxes of one pod";
            case INBOX -> "one inbox (get_inbox shows it)";
        };
        return "OpenMail email inboxes. This key reaches " + reach + ". Typical work: list_threads with"
                + " unread_only, read_thread, reply_to_thread, mark_read; wait_for_new_mail blocks until mail arrives."
                + " Errors come back as {\"error\": code, \"message\": what to do}.";
    }

    /** The transport the SDK server registers its handler with; the HTTP side is {@code McpController}'s. */
    private static final class Bridge implements McpStatelessServerTransport {

        private volatile McpStatelessServerHandler handler;

        @Override
        public void setMcpHandler(McpStatelessServerHandler handler) {
            this.handler = handler;
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
