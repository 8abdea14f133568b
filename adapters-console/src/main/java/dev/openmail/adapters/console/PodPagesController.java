package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Pages.SignedIn;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.DisplayName;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.DeleteInbox;
import dev.openmail.domain.port.in.DeletePod;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.in.GetPod;
import dev.openmail.domain.port.in.ListDomains;
import dev.openmail.domain.port.in.ListInboxes;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.UpdatePod;
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

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Pods and the inboxes in them. */
@Controller(Pages.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PodPagesController {

    static final int PAGE_SIZE = 20;
    private static final PageRequest ONE = new PageRequest(1, 0);
    private static final PageRequest MOST = new PageRequest(PageRequest.MAX_LIMIT, 0);

    private final Pages pages;
    private final CreatePod createPod;
    private final ListPods listPods;
    private final GetPod getPod;
    private final UpdatePod updatePod;
    private final DeletePod deletePod;
    private final CreateInbox createInbox;
    private final ListInboxes listInboxes;
    private final GetInbox getInbox;
    private final DeleteInbox deleteInbox;
    private final ListDomains listDomains;
    private final InstallationDomain installationDomain;
    private final KeyPages keyPages;

    PodPagesController(Pages pages, CreatePod createPod, ListPods listPods, GetPod getPod, UpdatePod updatePod,
                       DeletePod deletePod, CreateInbox createInbox, ListInboxes listInboxes, GetInbox getInbox,
                       DeleteInbox deleteInbox, ListDomains listDomains,
                       @Nullable InstallationDomain installationDomain, KeyPages keyPages) {
        this.pages = pages;
        this.createPod = createPod;
        this.listPods = listPods;
        this.getPod = getPod;
        this.updatePod = updatePod;
        this.deletePod = deletePod;
        this.createInbox = createInbox;
        this.listInboxes = listInboxes;
        this.getInbox = getInbox;
        this.deleteInbox = deleteInbox;
        this.listDomains = listDomains;
        this.installationDomain = installationDomain;
        this.keyPages = keyPages;
    }

    record PodRow(String id, String title, String clientId, boolean isDefault, long inboxes, long domains) {
    }

    record InboxRow(String id, String address, String displayName) {
    }

    record DomainRow(String id, String name, String status) {
    }

    record DomainOption(String value, String label) {
    }

    @Get("/pods")
    MutableHttpResponse<String> pods(HttpRequest<?> request, @QueryValue @Nullable String page) {
        return pages.page(request, user -> podsPage(request, user, Pages.pageNumber(page), HttpStatus.OK, null));
    }

    @Post("/pods")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> create(HttpRequest<?> request, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            return Pages.changeOrRefusal(() -> {
                String clientId = form.trimmedOrNull("clientId");
                String name = form.trimmedOrNull("name");
                Pod pod = createPod.create(new CreatePod.Command(user.caller(),
                        clientId == null ? null : new ClientId(clientId),
                        name == null ? null : Label.parse("name", name)));
                return Pages.redirect(podPath(pod));
            }, refusal -> podsPage(request, user, 1, HttpStatus.UNPROCESSABLE_ENTITY, refusal));
        });
    }

    @Get("/pods/{id}")
    MutableHttpResponse<String> pod(HttpRequest<?> request, @PathVariable String id, @QueryValue @Nullable String page) {
        return pages.page(request, user -> podPage(request, user, PodRef.fromPath(id), Pages.pageNumber(page),
                HttpStatus.OK, null));
    }

    @Post("/pods/{id}/rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> rename(HttpRequest<?> request, @PathVariable String id, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            PodRef ref = PodRef.fromPath(id);
            return Pages.changeOrRefusal(() -> {
                String name = form.trimmedOrNull("name");
                Pod pod = updatePod.update(new UpdatePod.Command(user.caller(), ref, Change.keep(),
                        Change.to(name == null ? null : Label.parse("name", name))));
                return Pages.redirect(podPath(pod));
            }, refusal -> podPage(request, user, ref, 1, HttpStatus.UNPROCESSABLE_ENTITY, refusal));
        });
    }

    @Post("/pods/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> delete(HttpRequest<?> request, @PathVariable String id, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            PodRef ref = PodRef.fromPath(id);
            return Pages.changeOrRefusal(() -> {
                deletePod.delete(user.caller(), ref);
                return Pages.redirect(Pages.BASE + "/pods");
            }, refusal -> podPage(request, user, ref, 1, HttpStatus.CONFLICT, refusal));
        });
    }

    @Post("/pods/{id}/inboxes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> createInbox(HttpRequest<?> request, @PathVariable String id,
                                            @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            Pod pod = getPod.get(user.caller(), PodRef.fromPath(id));
            PodRef ref = new PodRef.ById(pod.id());
            return Pages.changeOrRefusal(() -> {
                String mailbox = form.trimmedOrNull("mailboxName");
                String displayName = form.trimmedOrNull("displayName");
                String domain = form.trimmedOrNull("domain");
                createInbox.create(new CreateInbox.Command(user.caller(), ref,
                        mailbox == null ? null : MailboxName.parse(mailbox),
                        displayName == null ? null : new DisplayName(displayName),
                        domain == null ? null : DomainName.parse("domain", domain), null));
                return Pages.redirect(podPath(pod));
            }, refusal -> podPage(request, user, ref, 1, HttpStatus.UNPROCESSABLE_ENTITY, refusal));
        });
    }

    @Post("/inboxes/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> deleteInbox(HttpRequest<?> request, @PathVariable String id,
                                            @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            Inbox inbox = getInbox.get(user.caller(), InboxId.fromPath(id));
            PodRef ref = new PodRef.ById(inbox.podId());
            return Pages.changeOrRefusal(() -> {
                deleteInbox.delete(user.caller(), inbox.id());
                return Pages.redirect(Pages.BASE + "/pods/" + inbox.podId().value());
            }, refusal -> podPage(request, user, ref, 1, HttpStatus.CONFLICT, refusal));
        });
    }

    @Post("/pods/{id}/keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> mintKey(HttpRequest<?> request, @PathVariable String id, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            Pod pod = getPod.get(user.caller(), PodRef.fromPath(id));
            PodRef ref = new PodRef.ById(pod.id());
            return Pages.changeOrRefusal(() -> keyPages.mint(request, user, keyHolder(pod), form),
                    refusal -> podPage(request, user, ref, 1, HttpStatus.UNPROCESSABLE_ENTITY, refusal));
        });
    }

    @Post("/pods/{id}/keys/{keyId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> revokeKey(HttpRequest<?> request, @PathVariable String id, @PathVariable String keyId,
                                          @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            Pod pod = getPod.get(user.caller(), PodRef.fromPath(id));
            PodRef ref = new PodRef.ById(pod.id());
            return Pages.changeOrRefusal(() -> {
                keyPages.revoke(user, keyHolder(pod), keyId);
                return Pages.redirect(podPath(pod));
            }, refusal -> podPage(request, user, ref, 1, HttpStatus.FORBIDDEN, refusal));
        });
    }

    private MutableHttpResponse<String> podsPage(HttpRequest<?> request, SignedIn user, int pageNumber,
                                                 HttpStatus status, String error) {
        Page<Pod> page = listPods.list(user.caller(), new PageRequest(PAGE_SIZE, (long) (pageNumber - 1) * PAGE_SIZE));
        List<PodRow> rows = page.items().stream().map(pod -> {
            PodRef ref = new PodRef.ById(pod.id());
            return new PodRow(pod.id().value(), title(pod), pod.clientId() == null ? null : pod.clientId().value(),
                    pod.isDefault(), listInboxes.list(user.caller(), ref, ONE).total(),
                    listDomains.list(user.caller(), ref, ONE).total());
        }).toList();
        Map<String, Object> model = user.model();
        model.put("pods", rows);
        model.put("total", page.total());
        model.put("prevPage", pageNumber > 1 ? pageNumber - 1 : null);
        model.put("nextPage", (long) pageNumber * PAGE_SIZE < page.total() ? pageNumber + 1 : null);
        model.put("error", error);
        return pages.render(request, status, "console/pods", model);
    }

    private MutableHttpResponse<String> podPage(HttpRequest<?> request, SignedIn user, PodRef ref, int pageNumber,
                                                HttpStatus status, String error) {
        Pod pod = getPod.get(user.caller(), ref);
        PodRef byId = new PodRef.ById(pod.id());
        Page<Inbox> inboxes = listInboxes.list(user.caller(), byId,
                new PageRequest(PAGE_SIZE, (long) (pageNumber - 1) * PAGE_SIZE));
        Page<MailDomain> scoped = listDomains.list(user.caller(), byId, MOST);
        Page<MailDomain> all = listDomains.list(user.caller(), null, MOST);
        Map<String, Object> model = user.model();
        model.put("pod", new PodRow(pod.id().value(), title(pod), pod.clientId() == null ? null : pod.clientId().value(),
                pod.isDefault(), inboxes.total(), scoped.total()));
        model.put("podName", pod.name() == null ? "" : pod.name().value());
        model.put("inboxes", inboxes.items().stream().map(inbox -> new InboxRow(inbox.id().value(),
                inbox.address().value(), inbox.displayName() == null ? "" : inbox.displayName().value())).toList());
        model.put("prevPage", pageNumber > 1 ? pageNumber - 1 : null);
        model.put("nextPage", (long) pageNumber * PAGE_SIZE < inboxes.total() ? pageNumber + 1 : null);
        model.put("domains", scoped.items().stream()
                .map(domain -> new DomainRow(domain.id().value(), domain.name().value(), domain.status().wireName()))
                .toList());
        model.put("domainOptions", domainOptions(all.items(), pod));
        keyPages.addTo(model, user, keyHolder(pod));
        model.put("error", error);
        return pages.render(request, status, "console/pod", model);
    }

    /** The installation's domain, then the verified custom domains this pod may put inboxes on. */
    private List<DomainOption> domainOptions(List<MailDomain> domains, Pod pod) {
        String defaultLabel = installationDomain == null ? "Default domain"
                : installationDomain.name().value() + " (default)";
        return Stream.concat(
                Stream.of(new DomainOption("", defaultLabel)),
                domains.stream()
                        .filter(domain -> domain.isUsableBy(pod.id()))
                        .map(domain -> new DomainOption(domain.name().value(), domain.name().value()))).toList();
    }

    static String title(Pod pod) {
        if (pod.name() != null && !pod.name().value().isBlank()) {
            return pod.name().value();
        }
        return pod.clientId() != null ? pod.clientId().value() : pod.id().value();
    }

    private static KeyPages.Holder keyHolder(Pod pod) {
        return new KeyPages.Holder(KeyHolder.pod(new PodRef.ById(pod.id())), podPath(pod), "pod " + title(pod));
    }

    private static String podPath(Pod pod) {
        return Pages.BASE + "/pods/" + pod.id().value();
    }
}
