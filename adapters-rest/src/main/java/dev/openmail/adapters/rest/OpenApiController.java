package dev.openmail.adapters.rest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.swagger.v3.oas.annotations.Hidden;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI description, as JSON at {@code /openapi.json}, where the hosted OpenMail service publishes its own, so a
 * client or generator pointed at a base URL finds it there. It is the description generated from the controllers at
 * compile time (also served as YAML under {@code /swagger/}), converted once. It needs no API key.
 */
@Controller
@Hidden
final class OpenApiController {

    static final String GENERATED = "META-INF/swagger/openmail.yml";

    private final byte[] json;

    OpenApiController(JsonMapper mapper) {
        try (InputStream yaml = OpenApiController.class.getClassLoader().getResourceAsStream(GENERATED)) {
            if (yaml == null) {
                throw new IllegalStateException(GENERATED + " is missing; the build generates it from the controllers");
            }
            Object description = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            this.json = mapper.writeValueAsBytes(description);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = "/openapi.json", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> description() {
        return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
