package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Pages.SignedIn;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.ManageSuppressions;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;
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

/**
 * The account's suppression list: the newest 100 addresses its inboxes no longer send to, why, and forms to add and
 * remove one. The address to remove travels in the form, not the path, so any address round-trips unchanged.
 */
@Controller(Pages.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SuppressionPagesController {

    static final String PATH = Pages.BASE + "/suppressions";

    private final Pages pages;
    private final ManageSuppressions suppressions;

    SuppressionPagesController(Pages pages, ManageSuppressions suppressions) {
        this.pages = pages;
        this.suppressions = suppressions;
    }

    /** One suppression as the page lists it. */
    record SuppressionRow(String address, String type, String reason, String createdAt) {
    }

    @Get("/suppressions")
    MutableHttpResponse<String> list(HttpRequest<?> request) {
        return pages.page(request, user -> page(request, user, HttpStatus.OK, null));
    }

    @Post("/suppressions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> add(HttpRequest<?> request, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> Pages.changeOrRefusal(() -> {
            String type = form.trimmedOrNull("type");
            suppressions.add(user.caller(), form.trimmedOrNull("address"),
                    type == null ? SuppressionType.UNSUB : SuppressionType.fromWire("type", type),
                    form.trimmedOrNull("reason"));
            return Pages.redirect(PATH);
        }, refusal -> page(request, user, HttpStatus.UNPROCESSABLE_ENTITY, refusal)));
    }

    @Post("/suppressions/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> remove(HttpRequest<?> request, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> Pages.changeOrRefusal(() -> {
            suppressions.remove(user.caller(), form.trimmedOrNull("address"));
            return Pages.redirect(PATH);
        }, refusal -> page(request, user, HttpStatus.UNPROCESSABLE_ENTITY, refusal)));
    }

    private MutableHttpResponse<String> page(HttpRequest<?> request, SignedIn user, HttpStatus status,
                                             String errorOrNull) {
        var found = suppressions.list(user.caller(), null, new PageRequest(PageRequest.MAX_LIMIT, 0));
        Map<String, Object> model = user.model();
        model.put("suppressions", found.items().stream().map(SuppressionPagesController::row).toList());
        model.put("total", found.total());
        model.put("suppressionError", errorOrNull);
        return pages.render(request, status, "console/suppressions", model);
    }

    private static SuppressionRow row(Suppression suppression) {
        return new SuppressionRow(suppression.address(), suppression.type().wire(),
                suppression.reasonOrNull() == null ? "" : suppression.reasonOrNull(), suppression.createdAt().toString());
    }
}
