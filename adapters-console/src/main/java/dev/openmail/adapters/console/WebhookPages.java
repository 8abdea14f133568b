package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Pages.SignedIn;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.webhook.WebhookAttempt;
import dev.openmail.domain.webhook.WebhookFailedException;
import dev.openmail.domain.webhook.WebhookResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What the inbox page's and the account's webhook sections share: the recent deliveries as rows, the answer to a test,
 * and the page that shows a new signing secret. Like a key's token, a secret is shown once, in the answer to the form
 * that issued it, so that it never appears in a URL, a redirect or a log.
 */
@Singleton
final class WebhookPages {

    /** How many of the newest log entries a page shows. */
    static final PageRequest RECENT = new PageRequest(20, 0);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Pages pages;

    WebhookPages(Pages pages) {
        this.pages = pages;
    }

    /**
     * One entry of the delivery log as a row: the attempt is blank and the latency 0 when nothing was posted; the
     * answer is the HTTP status, else the error, else blank.
     */
    record DeliveryRow(String at, String eventType, String eventId, String inboxId, String attempt, String outcome,
                       String answer, long latencyMillis) {
    }

    static List<DeliveryRow> rows(Page<WebhookAttempt> log) {
        return log.items().stream().map(WebhookPages::row).toList();
    }

    private static DeliveryRow row(WebhookAttempt attempt) {
        String answer;
        if (attempt.statusCode() != 0 && attempt.error() != null) {
            answer = "HTTP " + attempt.statusCode() + ": " + attempt.error();
        } else if (attempt.statusCode() != 0) {
            answer = "HTTP " + attempt.statusCode();
        } else {
            answer = attempt.error() == null ? "" : attempt.error();
        }
        return new DeliveryRow(TIME.format(attempt.at()), attempt.eventType(), attempt.eventId().value(),
                attempt.inboxId() == null ? null : attempt.inboxId().value(),
                attempt.attempt() == 0 ? "" : Integer.toString(attempt.attempt()), attempt.outcome().wireName(),
                answer, attempt.latencyMillis());
    }

    /**
     * Sends a test and shows the page again with what it came to: under "testResult" when the webhook took it, else
     * under "webhookError" with status 502, as the endpoint's failure is no fault of the form. Other refusals (no
     * webhook URL) go to {@code page} with status 422.
     */
    static MutableHttpResponse<String> test(Supplier<WebhookResponse> test,
                                            BiFunction<HttpStatus, Map<String, String>, MutableHttpResponse<String>> page) {
        WebhookResponse response;
        try {
            response = test.get();
        } catch (WebhookFailedException failed) {
            return page.apply(HttpStatus.BAD_GATEWAY, Map.of("webhookError", failed.getMessage()));
        }
        return page.apply(HttpStatus.OK, Map.of("testResult", "The webhook took the test event: HTTP "
                + response.statusCode() + " in " + response.latencyMillis() + " ms."));
    }

    /** The page that shows a signing secret this once; {@code issued} says whether it is the first or a rotation. */
    MutableHttpResponse<String> secret(HttpRequest<?> request, SignedIn user, String holderTitle, String holderPath,
                                       WebhookSecret secret, boolean rotated) {
        Map<String, Object> model = user.model();
        model.put("holderTitle", holderTitle);
        model.put("holderPath", holderPath);
        model.put("rotated", rotated);
        model.put("secret", secret.value());
        return pages.render(request, HttpStatus.OK, "console/webhook-secret", model);
    }
}
