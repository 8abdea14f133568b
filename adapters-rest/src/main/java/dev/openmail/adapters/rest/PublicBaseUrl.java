package dev.openmail.adapters.rest;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The address clients reach this server at ({@code openmail.public-base-url}), for the links the API hands out, such as
 * an attachment's {@code url}, which a client fetches as it is. Unset, it is {@code http://localhost:<HTTP port>}.
 * A trailing slash is dropped; a path (a server behind a proxy under {@code /mail}, say) is kept.
 */
@Context
public final class PublicBaseUrl {

    private final String configured;
    private final BeanProvider<EmbeddedServer> server;

    PublicBaseUrl(@Value("${openmail.public-base-url:}") String configured, BeanProvider<EmbeddedServer> server) {
        this.configured = configured == null || configured.isBlank() ? null : checked(configured.strip());
        this.server = server;
    }

    /** {@code path} (which starts with a slash) as an absolute URL under the base. */
    public String of(String path) {
        String base = configured != null ? configured : "http://localhost:" + server.get().getPort();
        return base + path;
    }

    /**
     * The download URL of a message's attachment, {@code /v1/attachments/{messageId}/{filename}} under the base, the
     * file name percent-encoded (a space as {@code %20}): what the API's message view and every event payload hand out.
     */
    public String attachment(String messageId, String filename) {
        String name = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return of("/v1/attachments/" + messageId + "/" + name);
    }

    private static String checked(String url) {
        String problem = "OPENMAIL_PUBLIC_BASE_URL must be an absolute http or https URL such as https://mail.example.com,"
                + " without query or fragment, not '" + url + "'";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigurationException(problem);
        }
        return url.replaceAll("/+$", "");
    }
}
