package dev.openmail.adapters.rest;

import dev.openmail.adapters.rest.error.ErrorCatalogue;
import dev.openmail.adapters.rest.mcp.McpToolNames;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /skill.md}: a skill file for this installation, for a coding agent given an API key. Its base URL is
 * the server's public base URL, its addresses are on the installation's domain, its route table is the served API
 * (the OpenAPI description generated from the controllers, without the operator API), and its error table is the
 * {@link ErrorCatalogue}, and its MCP tools per kind of key are the MCP adapter's: nothing in it points at the hosted service or can go stale against this server. It needs no
 * API key and holds no secret. Built on the first request, once the server's port is known.
 */
@Controller
@Hidden
final class SkillFileController {

    static final String MEDIA_TYPE = "text/markdown; charset=utf-8";
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private final PublicBaseUrl baseUrl;
    private final String mailDomain;
    private final McpToolNames mcpTools;
    private volatile byte[] file;

    SkillFileController(PublicBaseUrl baseUrl, @Value("${openmail.default-domain:openmail.localhost}") String mailDomain,
                        McpToolNames mcpTools) {
        this.baseUrl = baseUrl;
        this.mailDomain = mailDomain;
        this.mcpTools = mcpTools;
    }

    @Get(uri = "/skill.md", produces = MEDIA_TYPE)
    HttpResponse<byte[]> skillFile() {
        byte[] built = file;
        if (built == null) {
            built = SkillFile.write(baseUrl.of(""), mailDomain, routes(), mcpTools.byKindOfKey(),
                    ErrorCatalogue.entries())
                    .getBytes(StandardCharsets.UTF_8);
            file = built;
        }
        return HttpResponse.ok(built).contentType(MEDIA_TYPE);
    }

    /** Every route under /v1 the OpenAPI description lists, in path order, then method order. */
    @SuppressWarnings("unchecked")
    private static List<SkillFile.Route> routes() {
        Object description;
        try (InputStream yaml = SkillFileController.class.getClassLoader()
                .getResourceAsStream(OpenApiController.GENERATED)) {
            if (yaml == null) {
                throw new IllegalStateException(OpenApiController.GENERATED
                        + " is missing; the build generates it from the controllers");
            }
            description = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> paths = (Map<String, Object>) ((Map<String, Object>) description).get("paths");
        List<SkillFile.Route> routes = new ArrayList<>();
        new TreeMap<>(paths).forEach((path, operations) -> {
            if (!path.startsWith("/v1/")) {
                return;
            }
            for (String method : METHODS) {
                Object operation = ((Map<String, Object>) operations).get(method);
                if (operation instanceof Map<?, ?> described) {
                    Object summary = described.get("summary");
                    routes.add(new SkillFile.Route(method.toUpperCase(Locale.ROOT), path,
                            summary == null ? "" : summary.toString()));
                }
            }
        });
        return routes;
    }
}
