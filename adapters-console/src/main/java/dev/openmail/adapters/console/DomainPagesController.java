package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Pages.SignedIn;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.AddDomain;
import dev.openmail.domain.port.in.DeleteDomain;
import dev.openmail.domain.port.in.GetDomain;
import dev.openmail.domain.port.in.ListDomains;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.RescopeDomain;
import dev.openmail.domain.port.in.VerifyDomain;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settings, Domains: the account's custom domains, their DNS records, verification and scope. */
@Controller(Pages.BASE + "/domains")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DomainPagesController {

    static final int PAGE_SIZE = 20;
    private static final PageRequest ALL_PODS = new PageRequest(PageRequest.MAX_LIMIT, 0);

    private final Pages pages;
    private final AddDomain addDomain;
    private final ListDomains listDomains;
    private final GetDomain getDomain;
    private final RescopeDomain rescopeDomain;
    private final DeleteDomain deleteDomain;
    private final VerifyDomain verifyDomain;
    private final ListPods listPods;
    private final MxHost mxHost;

    DomainPagesController(Pages pages, AddDomain addDomain, ListDomains listDomains, GetDomain getDomain,
                          RescopeDomain rescopeDomain, DeleteDomain deleteDomain, VerifyDomain verifyDomain,
                          ListPods listPods, MxHost mxHost) {
        this.pages = pages;
        this.addDomain = addDomain;
        this.listDomains = listDomains;
        this.getDomain = getDomain;
        this.rescopeDomain = rescopeDomain;
        this.deleteDomain = deleteDomain;
        this.verifyDomain = verifyDomain;
        this.listPods = listPods;
        this.mxHost = mxHost;
    }

    record DomainRow(String id, String name, String status, String scope) {
    }

    record RecordRow(String type, String name, String value, String priority, String status) {
    }

    record PodOption(String value, String label, boolean selected) {
    }

    @Get
    MutableHttpResponse<String> domains(HttpRequest<?> request, @QueryValue @Nullable String page) {
        return pages.page(request, user -> domainsPage(request, user, Pages.pageNumber(page), HttpStatus.OK, null));
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> add(HttpRequest<?> request, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            return Pages.changeOrRefusal(() -> {
                String pod = form.trimmedOrNull("podId");
                MailDomain domain = addDomain.add(new AddDomain.Command(user.caller(),
                        DomainName.parse("domain", form.value("domain") == null ? "" : form.value("domain").strip()),
                        pod == null ? null : PodRef.fromBody(pod)));
                return Pages.redirect(domainPath(domain.id()));
            }, refusal -> domainsPage(request, user, 1, HttpStatus.UNPROCESSABLE_ENTITY, refusal));
        });
    }

    @Get("/{id}")
    MutableHttpResponse<String> domain(HttpRequest<?> request, @PathVariable String id) {
        return pages.page(request, user -> domainPage(request, user, DomainId.fromPath(id), HttpStatus.OK, null));
    }

    @Post("/{id}/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> verify(HttpRequest<?> request, @PathVariable String id, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            DomainId domainId = DomainId.fromPath(id);
            return Pages.changeOrRefusal(() -> {
                verifyDomain.verify(user.caller(), domainId);
                return Pages.redirect(domainPath(domainId));
            }, refusal -> domainPage(request, user, domainId, HttpStatus.BAD_GATEWAY, refusal));
        });
    }

    @Post("/{id}/rescope")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> rescope(HttpRequest<?> request, @PathVariable String id, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            DomainId domainId = DomainId.fromPath(id);
            return Pages.changeOrRefusal(() -> {
                String pod = form.trimmedOrNull("podId");
                rescopeDomain.rescope(user.caller(), domainId, pod == null ? null : PodRef.fromBody(pod));
                return Pages.redirect(domainPath(domainId));
            }, refusal -> domainPage(request, user, domainId, HttpStatus.CONFLICT, refusal));
        });
    }

    @Post("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> delete(HttpRequest<?> request, @PathVariable String id, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            DomainId domainId = DomainId.fromPath(id);
            return Pages.changeOrRefusal(() -> {
                deleteDomain.delete(user.caller(), domainId);
                return Pages.redirect(Pages.BASE + "/domains");
            }, refusal -> domainPage(request, user, domainId, HttpStatus.CONFLICT, refusal));
        });
    }

    private MutableHttpResponse<String> domainsPage(HttpRequest<?> request, SignedIn user, int pageNumber,
                                                    HttpStatus status, String error) {
        var page = listDomains.list(user.caller(), null,
                new PageRequest(PAGE_SIZE, (long) (pageNumber - 1) * PAGE_SIZE));
        List<Pod> pods = listPods.list(user.caller(), ALL_PODS).items();
        Map<PodId, String> podTitles = new HashMap<>();
        pods.forEach(pod -> podTitles.put(pod.id(), PodPagesController.title(pod)));
        Map<String, Object> model = user.model();
        model.put("domains", page.items().stream().map(domain -> new DomainRow(domain.id().value(),
                domain.name().value(), domain.status().wireName(), scopeLabel(domain, podTitles))).toList());
        model.put("podOptions", podOptions(pods, null));
        model.put("prevPage", pageNumber > 1 ? pageNumber - 1 : null);
        model.put("nextPage", (long) pageNumber * PAGE_SIZE < page.total() ? pageNumber + 1 : null);
        model.put("error", error);
        return pages.render(request, status, "console/domains", model);
    }

    private MutableHttpResponse<String> domainPage(HttpRequest<?> request, SignedIn user, DomainId id,
                                                   HttpStatus status, String error) {
        MailDomain domain = getDomain.get(user.caller(), id);
        List<Pod> pods = listPods.list(user.caller(), ALL_PODS).items();
        Map<PodId, String> podTitles = new HashMap<>();
        pods.forEach(pod -> podTitles.put(pod.id(), PodPagesController.title(pod)));
        Map<String, Object> model = user.model();
        model.put("domain", new DomainRow(domain.id().value(), domain.name().value(), domain.status().wireName(),
                scopeLabel(domain, podTitles)));
        model.put("records", domain.records(mxHost).stream().map(record -> new RecordRow(record.type(), record.name(),
                record.value(), record.priority() == null ? "" : record.priority().toString(),
                record.status().wireName())).toList());
        model.put("podOptions", podOptions(pods, domain.scope().podOrNull()));
        model.put("error", error);
        return pages.render(request, status, "console/domain", model);
    }

    /** "All pods" (account-wide) first, then every pod; the current scope is selected. */
    private static List<PodOption> podOptions(List<Pod> pods, PodId selected) {
        List<PodOption> options = new ArrayList<>();
        options.add(new PodOption("", "All pods", selected == null));
        pods.forEach(pod -> options.add(new PodOption(pod.id().value(), PodPagesController.title(pod),
                pod.id().equals(selected))));
        return options;
    }

    private static String scopeLabel(MailDomain domain, Map<PodId, String> podTitles) {
        PodId pod = domain.scope().podOrNull();
        return pod == null ? "All pods" : podTitles.getOrDefault(pod, pod.value());
    }

    private static String domainPath(DomainId id) {
        return Pages.BASE + "/domains/" + id.value();
    }
}
