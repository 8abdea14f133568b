package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Pages.SignedIn;
import dev.openmail.domain.port.in.ManageSenderRules;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import dev.openmail.domain.senderrule.SenderRuleId;
import dev.openmail.domain.senderrule.SenderRuleType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The account's Allow/Block list: its sender rules with how many messages each filtered in the last 7 days (UTC,
 * today included), a form to add one, and the filter mode. Pods' own rules are managed through the API.
 */
@Controller(Pages.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SenderRulePagesController {

    static final String PATH = Pages.BASE + "/sender-rules";

    private final Pages pages;
    private final ManageSenderRules rules;
    private final Clock clock;

    SenderRulePagesController(Pages pages, ManageSenderRules rules) {
        this.pages = pages;
        this.rules = rules;
        this.clock = Clock.systemUTC();
    }

    /** One rule as the page lists it. */
    record RuleRow(String id, String type, String value, long last7Days) {
    }

    @Get("/sender-rules")
    MutableHttpResponse<String> list(HttpRequest<?> request) {
        return pages.page(request, user -> page(request, user, HttpStatus.OK, null));
    }

    @Post("/sender-rules")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> add(HttpRequest<?> request, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> Pages.changeOrRefusal(() -> {
            rules.add(user.caller(), null, SenderRuleType.fromWire(form.trimmedOrNull("type")),
                    form.trimmedOrNull("value"));
            return Pages.redirect(PATH);
        }, refusal -> page(request, user, HttpStatus.UNPROCESSABLE_ENTITY, refusal)));
    }

    @Post("/sender-rules/{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> remove(HttpRequest<?> request, @PathVariable String id, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> Pages.changeOrRefusal(() -> {
            rules.remove(user.caller(), SenderRuleId.fromPath(id));
            return Pages.redirect(PATH);
        }, refusal -> page(request, user, HttpStatus.UNPROCESSABLE_ENTITY, refusal)));
    }

    @Post("/sender-rules/mode")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> mode(HttpRequest<?> request, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> Pages.changeOrRefusal(() -> {
            rules.setMode(user.caller(), null, FilterMode.fromWire(form.trimmedOrNull("filterMode")));
            return Pages.redirect(PATH);
        }, refusal -> page(request, user, HttpStatus.UNPROCESSABLE_ENTITY, refusal)));
    }

    private MutableHttpResponse<String> page(HttpRequest<?> request, SignedIn user, HttpStatus status,
                                             String errorOrNull) {
        LocalDate since = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(6);
        Map<SenderRuleId, Long> hits = rules.hitsSince(user.caller(), null, since);
        List<SenderRule> found = rules.list(user.caller(), null);
        Map<String, Object> model = user.model();
        model.put("rules", found.stream().map(rule -> new RuleRow(rule.id().value(), rule.type().wire(), rule.value(),
                hits.getOrDefault(rule.id(), 0L))).toList());
        model.put("filterMode", rules.mode(user.caller(), null).wire());
        model.put("ruleError", errorOrNull);
        return pages.render(request, status, "console/sender-rules", model);
    }
}
