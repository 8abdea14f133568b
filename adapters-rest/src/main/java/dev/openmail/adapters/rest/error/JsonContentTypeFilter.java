package dev.openmail.adapters.rest.error;

import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Labels every API answer with a body as plain {@code application/json}. Left alone, the framework labels it with the
 * media type the client asked for in Accept, parameters included, such as a charset the body is not encoded in.
 */
@ServerFilter({"/v1/**", "/admin/**"})
final class JsonContentTypeFilter {

    @ResponseFilter
    void plainJson(MutableHttpResponse<?> response) {
        // Raw bytes (attachments, raw messages) carry the type their controller gave them.
        if (response.getBody().filter(body -> !(body instanceof byte[])).isPresent()) {
            response.contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
