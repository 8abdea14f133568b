package dev.openmail.adapters.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Any other address under /console: a page of the console saying so, rather than the API's JSON answer. The more
 * specific routes of the console's pages always win over this one.
 */
@Controller(Pages.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UnknownPageController {

    private final Pages pages;

    UnknownPageController(Pages pages) {
        this.pages = pages;
    }

    @Get("/{+path}")
    MutableHttpResponse<String> unknown(HttpRequest<?> request, @PathVariable @Nullable String path) {
        return pages.error(request, null, HttpStatus.NOT_FOUND,
                "There is no such page in the console. Start again from the pods list.");
    }
}
