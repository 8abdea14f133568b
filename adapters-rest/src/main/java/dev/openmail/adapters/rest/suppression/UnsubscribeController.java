package dev.openmail.adapters.rest.suppression;

import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.port.in.Unsubscribe;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The one-click unsubscribe link of bulk mail (RFC 8058), outside the API and without a key: the sealed token is
 * the authentication. A POST (what a mail provider sends, {@code List-Unsubscribe=One-Click}) unsubscribes; a GET,
 * which link scanners and previews make too, only shows a page whose button posts.
 */
@Controller("/unsubscribe")
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
final class UnsubscribeController {

    private static final String HTML = "text/html; charset=utf-8";

    private final Unsubscribe unsubscribe;

    UnsubscribeController(Unsubscribe unsubscribe) {
        this.unsubscribe = unsubscribe;
    }

    @Get(uri = "/{token}", produces = HTML)
    HttpResponse<String> confirm(@PathVariable String token) {
        if (!urlSafe(token) || !unsubscribe.recognizes(token)) {
            return notValid();
        }
        return HttpResponse.ok(page("Unsubscribe", "<p>Stop receiving these emails?</p>"
                + "<form method=\"post\" action=\"" + token + "\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Unsubscribe</button></form>")).contentType(HTML);
    }

    @Post(uri = "/{token}", produces = HTML)
    @Consumes(MediaType.ALL)
    HttpResponse<String> unsubscribe(@PathVariable String token, @Body @Nullable byte[] ignoredBody) {
        try {
            unsubscribe.unsubscribe(token);
        } catch (NotFoundException e) {
            return notValid();
        }
        return HttpResponse.ok(page("Unsubscribed", "<p>You are unsubscribed: this sender will not email you"
                + " again.</p>")).contentType(HTML);
    }

    private static HttpResponse<String> notValid() {
        return HttpResponse.<String>status(HttpStatus.NOT_FOUND).body(page("Link not valid",
                "<p>This unsubscribe link is not valid. Use the link in the email as it came.</p>")).contentType(HTML);
    }

    /** Tokens are URL-safe base64; anything else is refused before it is echoed into the page. */
    private static boolean urlSafe(String token) {
        return !token.isEmpty() && token.length() <= 1_024 && token.chars().allMatch(c -> c >= 'A' && c <= 'Z'
                || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<meta name=\"viewport\" content=\"width=device-width\"></head><body><h1>" + title + "</h1>"
                + body + "</body></html>";
    }
}
