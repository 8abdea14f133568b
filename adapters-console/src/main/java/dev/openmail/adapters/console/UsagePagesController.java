package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Pages.SignedIn;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.GetUsage;
import dev.openmail.domain.usage.StorageQuota;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Map;

/** The account's storage usage: its totals against its quota, and each inbox's counts, a page at a time. */
@Controller(Pages.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UsagePagesController {

    static final int PAGE_SIZE = 20;

    private final Pages pages;
    private final GetUsage getUsage;

    UsagePagesController(Pages pages, GetUsage getUsage) {
        this.pages = pages;
        this.getUsage = getUsage;
    }

    /** One inbox as the page lists it; bytes already in words. */
    record InboxRow(String inboxId, String podId, long inbound, long outbound, String stored, String quota) {
    }

    /** The account's totals as the page shows them. */
    record Totals(long inbound, long outbound, String stored, String quota) {
    }

    @Get("/usage")
    MutableHttpResponse<String> usage(HttpRequest<?> request, @QueryValue @Nullable String page) {
        return pages.page(request, user -> page(request, user, Pages.pageNumber(page)));
    }

    private MutableHttpResponse<String> page(HttpRequest<?> request, SignedIn user, int pageNumber) {
        GetUsage.Usage usage = getUsage.usage(user.caller(), null,
                new PageRequest(PAGE_SIZE, (long) (pageNumber - 1) * PAGE_SIZE));
        Map<String, Object> model = user.model();
        model.put("inboxes", usage.inboxes().items().stream().map(inbox -> new InboxRow(inbox.inboxId().value(),
                inbox.podId().value(), inbox.inboundMessages(), inbox.outboundMessages(),
                bytes(inbox.storedBytes()), quota(usage.inboxQuota()))).toList());
        model.put("totals", usage.accountOrNull() == null ? null : new Totals(usage.accountOrNull().inboundMessages(),
                usage.accountOrNull().outboundMessages(), bytes(usage.accountOrNull().storedBytes()),
                quota(usage.accountOrNull().quota())));
        model.put("total", usage.inboxes().total());
        model.put("prevPage", pageNumber > 1 ? pageNumber - 1 : null);
        model.put("nextPage", (long) pageNumber * PAGE_SIZE < usage.inboxes().total() ? pageNumber + 1 : null);
        return pages.render(request, HttpStatus.OK, "console/usage", model);
    }

    private static String quota(StorageQuota quota) {
        return quota.isUnlimited() ? "no limit" : bytes(quota.bytes());
    }

    /** Bytes in binary units, one decimal: 1.5 MiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
