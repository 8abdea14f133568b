package dev.openmail.adapters.rest.mcp;

import dev.openmail.adapters.rest.PublicBaseUrl;
import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ErrorCatalogue;
import dev.openmail.domain.apikey.Caller;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Model Context Protocol at {@code /mcp}, over the Streamable HTTP transport without sessions: each POST carries
 * one JSON-RPC message, a request answered with its response as {@code application/json}, a notification with 202.
 * The server opens no stream of its own, so GET (and DELETE, which ends a session) answer 405, as the transport
 * allows. The API key filter has authenticated the request and counted it against the key's and the account's rate.
 *
 * <p>Runs on the blocking pool: a tool call reads the database, and {@code wait_for_new_mail} waits.
 */
@Controller("/mcp")
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
final class McpController {

    private final BeanProvider<McpServers> servers;
    private final PublicBaseUrl baseUrl;

    McpController(BeanProvider<McpServers> servers, PublicBaseUrl baseUrl) {
        this.servers = servers;
        this.baseUrl = baseUrl;
    }

    @Post(produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<?> post(@RequestAttribute(CallerAttribute.NAME) Caller caller, HttpRequest<?> request,
                         @Body @Nullable byte[] body) {
        String origin = request.getHeaders().get("Origin");
        if (origin != null && !isThisServer(origin, request)) {
            // A web page of another site must not drive an agent's tools through a browser. A page rebound by DNS to
            // this server has an Origin that matches its Host and passes here: the bearer key, which a browser never
            // adds by itself, is what refuses it.
            return ErrorCatalogue.respond(HttpStatus.FORBIDDEN, ErrorCatalogue.codeForStatus(HttpStatus.FORBIDDEN),
                    "Requests to /mcp from a web page of another origin are refused; MCP clients send no Origin.");
        }
        if (!acceptsJson(request.getHeaders().get(HttpHeaders.ACCEPT))) {
            return ErrorCatalogue.respond(HttpStatus.NOT_ACCEPTABLE,
                    ErrorCatalogue.codeForStatus(HttpStatus.NOT_ACCEPTABLE),
                    "/mcp answers application/json; send Accept: application/json, text/event-stream.");
        }
        McpServers.Answer answer = servers.get().handle(caller, request.getHeaders().get("MCP-Protocol-Version"),
                body == null ? "" : new String(body, StandardCharsets.UTF_8));
        MutableHttpResponse<String> response = HttpResponse.status(HttpStatus.valueOf(answer.status()));
        return answer.json() == null ? response : response.body(answer.json()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** Any Accept: a client asking for an event stream learns that there is none. */
    @Get(produces = MediaType.ALL)
    HttpResponse<?> stream() {
        return notAllowed("This server opens no event stream; POST each JSON-RPC message to /mcp.");
    }

    @Delete(produces = MediaType.ALL)
    @Consumes(MediaType.ALL)
    HttpResponse<?> endSession() {
        return notAllowed("This server keeps no sessions, so there is none to end.");
    }

    private static HttpResponse<?> notAllowed(String message) {
        return ErrorCatalogue.respond(HttpStatus.METHOD_NOT_ALLOWED,
                ErrorCatalogue.codeForStatus(HttpStatus.METHOD_NOT_ALLOWED), message)
                .contentType(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ALLOW, HttpMethod.POST.name());
    }

    /** The origin of the public base URL, or the request's own host (a server reached by another name). */
    private boolean isThisServer(String origin, HttpRequest<?> request) {
        String lowered = origin.toLowerCase(Locale.ROOT);
        URI base = URI.create(baseUrl.of("/"));
        String own = base.getScheme() + "://" + base.getRawAuthority();
        if (lowered.equals(own.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        return host != null && (lowered.equals("http://" + host.toLowerCase(Locale.ROOT))
                || lowered.equals("https://" + host.toLowerCase(Locale.ROOT)));
    }

    /** Whether an Accept header lets the answer be JSON; no header accepts anything. */
    private static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")) {
                return true;
            }
        }
        return false;
    }
}
