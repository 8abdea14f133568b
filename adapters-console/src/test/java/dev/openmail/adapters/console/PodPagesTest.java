package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Browser.Reply;
import dev.openmail.application.fakes.FakeDnsLookup;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.AddDomain;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.GetPod;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import dev.openmail.domain.port.in.VerifyDomain;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class PodPagesTest {

    @Inject
    EmbeddedServer server;
    @Inject
    OpenAccount openAccount;
    @Inject
    CreatePod createPod;
    @Inject
    ListPods listPods;
    @Inject
    GetPod getPod;
    @Inject
    CreateInbox createInbox;
    @Inject
    AddDomain addDomain;
    @Inject
    VerifyDomain verifyDomain;
    @Inject
    FakeDnsLookup dns;
    @Inject
    MxHost mxHost;

    private ProvisionedAccount account;
    private Caller owner;
    private Browser browser;
    private Document pods;

    @BeforeEach
    void signIn() {
        account = openAccount.open(new OpenAccount.Command(null, null));
        owner = owner(account.account().id());
        browser = new Browser(server.getURI());
        pods = browser.signIn(account.apiKey().token().reveal());
    }

    @Test
    void createsAPodAndShowsItsPage() {
        Reply created = browser.submit(pods, "form#create-pod", Map.of("name", "Acme <b>", "clientId", "acme"));

        assertEquals(303, created.status(), created.body());
        Document page = browser.get(created.location()).page();
        assertEquals("Acme <b>", page.selectFirst("h1").text().replace("Default", "").strip());
        assertTrue(page.select("h1 b").isEmpty(), "names are escaped");
        assertTrue(page.selectFirst("section#inboxes .empty").text().contains("Create one"));
        Document list = browser.get("/console/pods").page();
        Element row = list.select("tr.pod").get(1);
        assertTrue(row.text().contains("acme"));
        assertEquals("0", row.selectFirst(".inbox-count").text());
    }

    @Test
    void aTakenClientIdIsShownOnThePodsPage() {
        createPod.create(new CreatePod.Command(owner, new dev.openmail.domain.pod.ClientId("taken"), null));

        Reply refused = browser.submit(pods, "form#create-pod", Map.of("clientId", "taken"));

        assertEquals(422, refused.status());
        assertTrue(refused.error().contains("taken"), refused.error());
        assertEquals(2, listPods.list(owner, PageRequest.firstPage()).total());
    }

    @Test
    void postsWithoutTheRightCsrfTokenAreForbiddenAndChangeNothing() {
        Reply missing = browser.post("/console/pods", Map.of("name", "Sneaky"));
        Reply wrong = browser.post("/console/pods", Map.of("name", "Sneaky", "csrf", "not-the-token"));

        assertEquals(403, missing.status());
        assertEquals(403, wrong.status());
        assertNotNull(wrong.page().selectFirst(".error"));
        assertEquals(1, listPods.list(owner, PageRequest.firstPage()).total());
    }

    @Test
    void renamesAPod() {
        Pod pod = createPod.create(new CreatePod.Command(owner, null, new Label("Old")));
        Document page = browser.get("/console/pods/" + pod.id().value()).page();

        Reply renamed = browser.submit(page, "form#rename-pod", Map.of("name", "New name"));

        assertEquals(303, renamed.status());
        assertEquals("New name", browser.get(renamed.location()).page().selectFirst("h1").text());
    }

    @Test
    void deletingAPodWithAnInboxShowsTheGuardrailThenSucceedsOnceEmpty() {
        Pod pod = createPod.create(new CreatePod.Command(owner, null, new Label("Busy")));
        var inbox = createInbox.create(new CreateInbox.Command(owner, new PodRef.ById(pod.id()), null, null, null, null));
        Document page = browser.get("/console/pods/" + pod.id().value()).page();
        assertEquals(1, page.select("section#inboxes tr.inbox").size());

        Reply refused = browser.submit(page, "form#delete-pod", Map.of());

        assertEquals(409, refused.status());
        assertTrue(refused.error().contains("still holds inboxes"), refused.error());
        assertEquals("Busy", refused.page().selectFirst("h1").text());

        Reply inboxDeleted = browser.submit(refused.page(), "form.delete-inbox", Map.of());
        assertEquals(303, inboxDeleted.status(), inboxDeleted.body());
        Document empty = browser.get(inboxDeleted.location()).page();
        assertTrue(empty.select("tr.inbox").isEmpty());

        Reply deleted = browser.submit(empty, "form#delete-pod", Map.of());
        assertEquals(303, deleted.status());
        assertEquals("/console/pods", deleted.location());
        assertEquals(404, browser.get("/console/pods/" + pod.id().value()).status());
        assertTrue(inbox.address().value().endsWith("@" + ConsoleTestUseCases.DEFAULT_DOMAIN.value()));
    }

    @Test
    void theDefaultPodCannotBeDeleted() {
        Document page = browser.get("/console/pods/" + account.defaultPod().id().value()).page();

        Reply refused = browser.submit(page, "form#delete-pod", Map.of());

        assertEquals(409, refused.status());
        assertTrue(refused.error().toLowerCase().contains("default"), refused.error());
    }

    @Test
    void inboxDomainChoicesAreTheDefaultAndTheVerifiedDomainsThisPodMayUse() {
        Pod pod = createPod.create(new CreatePod.Command(owner, null, new Label("Shop")));
        Pod other = createPod.create(new CreatePod.Command(owner, null, new Label("Other")));
        String wide = verified(null);
        String mine = verified(pod);
        String others = verified(other);
        String pending = unique();
        addDomain.add(new AddDomain.Command(owner, new DomainName(pending), null));

        Document page = browser.get("/console/pods/" + pod.id().value()).page();

        List<String> options = page.select("form#create-inbox select[name=domain] option").eachAttr("value");
        assertEquals(List.of("", wide, mine), options);
        assertTrue(!options.contains(others) && !options.contains(pending));
        assertEquals(List.of(mine), page.select("section#domains tr.domain a.domain-link").eachText());

        Reply created = browser.submit(page, "form#create-inbox",
                Map.of("mailboxName", "orders", "displayName", "Orders", "domain", mine));
        assertEquals(303, created.status(), created.body());
        Document after = browser.get(created.location()).page();
        assertEquals("orders@" + mine, after.selectFirst("tr.inbox a.inbox-link").text());
        Reply inboxPage = browser.get(after.selectFirst("tr.inbox a.inbox-link").attr("href"));
        assertEquals(200, inboxPage.status());
        assertTrue(inboxPage.page().selectFirst(".empty").text().contains("orders@" + mine));
    }

    @Test
    void anInvalidMailboxNameIsShownOnThePodPage() {
        Document page = browser.get("/console/pods/" + account.defaultPod().id().value()).page();

        Reply refused = browser.submit(page, "form#create-inbox", Map.of("mailboxName", "no spaces allowed"));

        assertEquals(422, refused.status());
        assertTrue(refused.page().select("tr.inbox").isEmpty());
        assertTrue(!refused.error().isBlank());
    }

    @Test
    void unknownIdsShowA404Page() {
        Reply pod = browser.get("/console/pods/pod_unknown");
        Reply inbox = browser.get("/console/inboxes/nonsense");

        assertEquals(404, pod.status());
        assertEquals(404, inbox.status());
        assertNotNull(pod.page().selectFirst("form#sign-out"));
        assertNotNull(pod.page().selectFirst(".error"));
    }

    @Test
    void podsArePagedByTwenty() {
        for (int i = 0; i < 20; i++) {
            createPod.create(new CreatePod.Command(owner, null, new Label("Pod " + i)));
        }
        Document first = browser.get("/console/pods").page();
        assertEquals(20, first.select("tr.pod").size());
        assertTrue(first.select("a.prev").isEmpty());

        Document second = browser.get(first.selectFirst("a.next").attr("href")).page();
        assertEquals(1, second.select("tr.pod").size());
        assertNotNull(second.selectFirst("a.prev"));
        assertTrue(second.select("a.next").isEmpty());
    }

    @Test
    void aPodsInboxesArePagedByTwenty() {
        Pod pod = createPod.create(new CreatePod.Command(owner, null, new Label("Busy pod")));
        for (int i = 0; i < 21; i++) {
            createInbox.create(new CreateInbox.Command(owner, new PodRef.ById(pod.id()), null, null, null, null));
        }
        Document first = browser.get("/console/pods/" + pod.id().value()).page();
        assertEquals(20, first.select("section#inboxes tr.inbox").size());
        assertTrue(first.select("section#inboxes a.prev").isEmpty());

        Document second = browser.get(first.selectFirst("section#inboxes a.next").attr("href")).page();
        assertEquals(1, second.select("section#inboxes tr.inbox").size());
        assertNotNull(second.selectFirst("section#inboxes a.prev"));
        assertTrue(second.select("section#inboxes a.next").isEmpty());
    }

    private String verified(Pod podOrNull) {
        String name = unique();
        MailDomain domain = addDomain.add(new AddDomain.Command(owner, new DomainName(name),
                podOrNull == null ? null : new PodRef.ById(podOrNull.id())));
        dns.publishAll(domain, mxHost);
        verifyDomain.verify(owner, domain.id());
        return name;
    }

    static String unique() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }
}
