package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Pages.SignedIn;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.port.in.ManageWebhooks;
import dev.openmail.domain.webhook.AccountWebhook;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Map;
import java.util.Optional;

/**
 * The account's own webhook, where the events of inboxes without a webhook of their own are posted: its URL, secret,
 * a test, and the account's recent deliveries (of every inbox). Only account-wide keys sign in to the console, and
 * only they may change it.
 */
@Controller(Pages.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
final class WebhookPagesController {

    static final String PATH = Pages.BASE + "/webhook";
    private static final String TITLE = "the account's webhook";

    private final Pages pages;
    private final ManageWebhooks manageWebhooks;
    private final WebhookPages webhookPages;

    WebhookPagesController(Pages pages, ManageWebhooks manageWebhooks, WebhookPages webhookPages) {
        this.pages = pages;
        this.manageWebhooks = manageWebhooks;
        this.webhookPages = webhookPages;
    }

    @Get("/webhook")
    MutableHttpResponse<String> webhook(HttpRequest<?> request) {
        return pages.page(request, user -> webhookPage(request, user, HttpStatus.OK, Map.of()));
    }

    /** Sets or changes the URL; the first one comes with a signing secret, shown in the answer this once. */
    @Post("/webhook")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> set(HttpRequest<?> request, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> Pages.changeOrRefusal(() -> {
            String url = form.trimmedOrNull("webhookUrl");
            ManageWebhooks.Saved saved = manageWebhooks.setAccountWebhook(user.caller(),
                    new WebhookUrl(url == null ? "" : url));
            if (saved.issuedSecret() != null) {
                return webhookPages.secret(request, user, TITLE, PATH, saved.issuedSecret(), false);
            }
            return Pages.redirect(PATH);
        }, refusal -> refused(request, user, refusal)));
    }

    @Post("/webhook/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> remove(HttpRequest<?> request, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> Pages.changeOrRefusal(() -> {
            manageWebhooks.removeAccountWebhook(user.caller());
            return Pages.redirect(PATH);
        }, refusal -> refused(request, user, refusal)));
    }

    @Post("/webhook/rotate-secret")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> rotateSecret(HttpRequest<?> request, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> Pages.changeOrRefusal(
                () -> webhookPages.secret(request, user, TITLE, PATH, manageWebhooks.rotateAccountSecret(user.caller()),
                        true),
                refusal -> refused(request, user, refusal)));
    }

    @Post("/webhook/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> test(HttpRequest<?> request, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> Pages.changeOrRefusal(
                () -> WebhookPages.test(() -> manageWebhooks.testAccount(user.caller()),
                        (status, notices) -> webhookPage(request, user, status, notices)),
                refusal -> refused(request, user, refusal)));
    }

    private MutableHttpResponse<String> refused(HttpRequest<?> request, SignedIn user, String refusal) {
        return webhookPage(request, user, HttpStatus.UNPROCESSABLE_ENTITY, Map.of("webhookError", refusal));
    }

    /** The page; {@code notices} holds what it says about the last form: "testResult" or "webhookError". */
    private MutableHttpResponse<String> webhookPage(HttpRequest<?> request, SignedIn user, HttpStatus status,
                                                    Map<String, String> notices) {
        Optional<AccountWebhook> webhook = manageWebhooks.accountWebhook(user.caller());
        Map<String, Object> model = user.model();
        model.put("webhookUrl", webhook.map(AccountWebhook::url).map(WebhookUrl::value).orElse(null));
        model.put("deliveries", WebhookPages.rows(manageWebhooks.accountDeliveries(user.caller(),
                WebhookPages.RECENT)));
        model.put("testResult", notices.get("testResult"));
        model.put("webhookError", notices.get("webhookError"));
        return pages.render(request, status, "console/webhook", model);
    }
}
