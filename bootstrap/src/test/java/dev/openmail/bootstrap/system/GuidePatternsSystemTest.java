package dev.openmail.bootstrap.system;

import dev.openmail.adapters.dns.testing.InProcessDnsServer;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three patterns of the pods guide (multi-tenant SaaS, agency / white-label, AI agent platform) and its offboarding
 * sequence, walked over real HTTP with clientIds, with custom domains verified against the in-process DNS server.
 * Domain names carry a per-run suffix, as the database is shared between runs.
 */
class GuidePatternsSystemTest {

    private final RunningServer server = RunningServer.shared();
    private final InProcessDnsServer dns = RunningServer.dns();
    private final List<String> published = new ArrayList<>();
    private Account account;

    @BeforeEach
    void openAccount() {
        account = server.openAccount();
    }

    @AfterEach
    void unpublish() {
        for (String name : published) {
            dns.clear(name);
            dns.clear("openmail._domainkey." + name);
            dns.clear("_openmail." + name);
        }
    }

    @Test
    void multiTenantSaasOnePodPerCustomerWithItsOwnDomainThenOffboarding() {
        String meridianPod = createPod("meridian", "Meridian Analytics");
        String cedarPod = createPod("cedar", "Cedar Works");
        String meridian = "meridian-" + suffix() + ".io";
        String cedar = "cedarworks-" + suffix() + ".com";

        String meridianDomain = addVerifiedDomain(meridian, "meridian");
        String cedarDomain = addVerifiedDomain(cedar, "cedar");
        assertEquals(meridianPod, server.get("/v1/domains/" + meridianDomain, account.token()).string("podId"));
        assertEquals(cedarPod, server.get("/v1/domains/" + cedarDomain, account.token()).string("podId"));
        assertEquals(List.of(meridianDomain), ids(server.get("/v1/domains?podId=meridian", account.token())));
        assertEquals(List.of(cedarDomain), ids(server.get("/v1/domains?podId=" + cedarPod, account.token())));

        String support = createInbox("meridian", "support", meridian, meridianPod);
        String billing = createInbox("meridian", "billing", meridian, meridianPod);
        String hello = createInbox("cedar", "hello", cedar, cedarPod);
        String team = createInbox("cedar", "team", cedar, cedarPod);

        // a scoped domain is for its own pod only
        Reply crossing = server.post("/v1/inboxes", account.token(),
                "{\"podId\":\"cedar\",\"mailboxName\":\"intruder\",\"domain\":\"" + meridian + "\"}");
        assertInvalidDomainScopedElsewhere(crossing);
        assertInvalidDomainScopedElsewhere(server.post("/v1/inboxes", account.token(),
                "{\"mailboxName\":\"intruder\",\"domain\":\"" + cedar + "\"}"));

        Reply meridianInboxes = server.get("/v1/inboxes?podId=meridian", account.token());
        assertEquals(200, meridianInboxes.status());
        assertEquals(2, meridianInboxes.total());
        assertEquals(List.of(support, billing), ids(meridianInboxes));
        assertEquals(List.of("support@" + meridian, "billing@" + meridian), addresses(meridianInboxes));
        assertEquals(List.of(support, billing), ids(server.get("/v1/inboxes?podId=" + meridianPod, account.token())));
        assertEquals(List.of(hello, team), ids(server.get("/v1/inboxes?podId=cedar", account.token())));
        Reply all = server.get("/v1/inboxes", account.token());
        assertEquals(List.of(support, billing, hello, team), ids(all));
        assertEquals(List.of(meridianPod, meridianPod, cedarPod, cedarPod), all.data().stream().map(i -> i.get("podId")).toList(),
                "every inbox shows its pod");
        assertEquals(cedarPod, server.get("/v1/inboxes/" + team, account.token()).string("podId"));

        // offboarding meridian: the pod refuses to go while it holds anything
        assertConflict(server.delete("/v1/pods/meridian", account.token()), "pod_not_empty");
        assertConflict(server.delete("/v1/domains/" + meridianDomain, account.token()), "domain_has_inboxes");

        // 1. list the pod's inboxes by clientId, 2. delete each
        for (Map<String, Object> inbox : server.get("/v1/inboxes?podId=meridian", account.token()).data()) {
            Reply deleted = server.delete("/v1/inboxes/" + inbox.get("id"), account.token());
            assertEquals(204, deleted.status(), deleted.body());
            assertEquals(404, server.get("/v1/inboxes/" + inbox.get("id"), account.token()).status());
        }
        assertEquals(0, server.get("/v1/inboxes?podId=meridian", account.token()).total());
        assertConflict(server.delete("/v1/pods/meridian", account.token()), "pod_has_domains");

        // 3. delete the pod-scoped domain, now without inboxes
        Reply domainDeleted = server.delete("/v1/domains/" + meridianDomain, account.token());
        assertEquals(204, domainDeleted.status(), domainDeleted.body());
        assertEquals(404, server.get("/v1/domains/" + meridianDomain, account.token()).status());

        // 4. the empty pod goes
        Reply podDeleted = server.delete("/v1/pods/meridian", account.token());
        assertEquals(204, podDeleted.status(), podDeleted.body());
        assertEquals(404, server.get("/v1/pods/meridian", account.token()).status());
        assertEquals(404, server.get("/v1/pods/" + meridianPod, account.token()).status());

        // cedar is untouched
        assertEquals(List.of(hello, team), ids(server.get("/v1/inboxes", account.token())));
        assertEquals(List.of(cedarDomain), ids(server.get("/v1/domains", account.token())));
        assertEquals("verified", server.get("/v1/domains/" + cedarDomain, account.token()).string("status"));
        assertEquals(List.of(account.defaultPodId(), cedarPod), ids(server.get("/v1/pods", account.token())));
    }

    @Test
    void agencyOnePodPerManagedClientAndOffboardingByWideningTheDomain() {
        String vantagePod = createPod("client-vantage", "Vantage Retail");
        String slatePod = createPod("client-slate", "Slate Capital");
        String vantage = "vantageretail-" + suffix() + ".com";
        String slate = "slatecapital-" + suffix() + ".ai";
        String vantageDomain = addVerifiedDomain(vantage, "client-vantage");
        String slateDomain = addVerifiedDomain(slate, "client-slate");

        String info = createInbox("client-vantage", "info", vantage, vantagePod);
        String support = createInbox("client-slate", "support", slate, slatePod);

        assertEquals(List.of(info), ids(server.get("/v1/inboxes?podId=client-vantage", account.token())));
        assertEquals(List.of(support), ids(server.get("/v1/inboxes?podId=client-slate", account.token())));
        assertEquals(List.of(vantageDomain), ids(server.get("/v1/domains?podId=client-vantage", account.token())));
        assertEquals(List.of(slateDomain), ids(server.get("/v1/domains?podId=client-slate", account.token())));
        assertInvalidDomainScopedElsewhere(server.post("/v1/inboxes", account.token(),
                "{\"podId\":\"client-vantage\",\"mailboxName\":\"info\",\"domain\":\"" + slate + "\"}"));
        assertInvalidDomainScopedElsewhere(server.post("/v1/inboxes", account.token(),
                "{\"podId\":\"client-slate\",\"mailboxName\":\"support\",\"domain\":\"" + vantage + "\"}"));

        // offboarding client-slate, keeping its domain by widening it to account-wide
        assertConflict(server.delete("/v1/pods/client-slate", account.token()), "pod_not_empty");
        assertEquals(204, server.delete("/v1/inboxes/" + support, account.token()).status());
        assertConflict(server.delete("/v1/pods/client-slate", account.token()), "pod_has_domains");

        Reply widened = server.patch("/v1/domains/" + slateDomain, account.token(), "{\"podId\":null}");
        assertEquals(200, widened.status(), widened.body());
        assertNull(widened.at("podId"));
        assertEquals("verified", widened.string("status"), "a scope change does not touch verification");
        assertEquals(0, server.get("/v1/domains?podId=client-slate", account.token()).total());

        Reply podDeleted = server.delete("/v1/pods/client-slate", account.token());
        assertEquals(204, podDeleted.status(), podDeleted.body());
        assertEquals(404, server.get("/v1/pods/client-slate", account.token()).status());

        // the widened domain outlives the pod, and any pod may now use it
        Reply kept = server.get("/v1/domains/" + slateDomain, account.token());
        assertEquals(200, kept.status());
        assertNull(kept.at("podId"));
        createInbox("client-vantage", "desk", slate, vantagePod);
        assertEquals(List.of(info), ids(server.get("/v1/inboxes?podId=client-vantage&limit=1", account.token())));
        assertEquals(2, server.get("/v1/inboxes?podId=client-vantage", account.token()).total());
    }

    @Test
    void agentPlatformSharesOneAccountWideDomainAcrossAgentPods() {
        String relaystack = "relaystack-" + suffix() + ".com";
        String domain = addVerifiedDomain(relaystack, null);
        assertNull(server.get("/v1/domains/" + domain, account.token()).at("podId"));
        String supportPod = createPod("support-agent", "Support agent");
        String salesPod = createPod("sales-agent", "Sales agent");

        List<String> supportInboxes = new ArrayList<>();
        for (String mailbox : List.of("support", "help", "tickets")) {
            supportInboxes.add(createInbox("support-agent", mailbox, relaystack, supportPod));
        }
        List<String> salesInboxes = new ArrayList<>();
        for (String mailbox : List.of("sales", "outreach", "leads")) {
            salesInboxes.add(createInbox("sales-agent", mailbox, relaystack, salesPod));
        }
        assertEquals(supportInboxes, ids(server.get("/v1/inboxes?podId=support-agent", account.token())));
        assertEquals(List.of("sales@" + relaystack, "outreach@" + relaystack, "leads@" + relaystack),
                addresses(server.get("/v1/inboxes?podId=sales-agent", account.token())));
        assertEquals(0, server.get("/v1/domains?podId=support-agent", account.token()).total(), "account-wide");

        // narrowing to one agent while the other has inboxes on it is refused, and changes nothing
        Reply narrowed = server.patch("/v1/domains/" + domain, account.token(), "{\"podId\":\"support-agent\"}");
        assertConflict(narrowed, "domain_in_use");
        assertTrue(narrowed.string("message").contains(relaystack), narrowed.body());
        assertConflict(server.patch("/v1/domains/" + domain, account.token(), "{\"podId\":\"sales-agent\"}"), "domain_in_use");
        assertNull(server.get("/v1/domains/" + domain, account.token()).at("podId"));

        Reply widenedAgain = server.patch("/v1/domains/" + domain, account.token(), "{\"podId\":null}");
        assertEquals(200, widenedAgain.status(), "widening is always allowed, even when already account-wide");
        assertNull(widenedAgain.at("podId"));

        for (String inbox : salesInboxes) {
            assertEquals(204, server.delete("/v1/inboxes/" + inbox, account.token()).status());
        }
        Reply scoped = server.patch("/v1/domains/" + domain, account.token(), "{\"podId\":\"support-agent\"}");
        assertEquals(200, scoped.status(), scoped.body());
        assertEquals(supportPod, scoped.string("podId"));
        assertEquals("verified", scoped.string("status"));
        assertEquals(List.of(domain), ids(server.get("/v1/domains?podId=support-agent", account.token())));
        assertInvalidDomainScopedElsewhere(server.post("/v1/inboxes", account.token(),
                "{\"podId\":\"sales-agent\",\"mailboxName\":\"sales\",\"domain\":\"" + relaystack + "\"}"));

        Reply widened = server.patch("/v1/domains/" + domain, account.token(), "{\"podId\":null}");
        assertEquals(200, widened.status(), widened.body());
        assertNull(widened.at("podId"));
        createInbox("sales-agent", "sales", relaystack, salesPod);
        assertEquals(supportInboxes, ids(server.get("/v1/inboxes?podId=support-agent", account.token())));
    }

    @Test
    void theInboxLimitCoversTheWholeAccountAcrossPods() {
        Reply limited = server.patch("/admin/v1/accounts/" + account.id(), RunningServer.ADMIN_TOKEN, "{\"inboxLimit\":3}");
        assertEquals(200, limited.status(), limited.body());
        assertEquals(3, ((Number) limited.at("inboxLimit")).intValue());
        String tenantPod = createPod("tenant-a", null);

        Reply first = server.post("/v1/inboxes", account.token(), "{}");
        Reply second = server.post("/v1/inboxes", account.token(), "{\"podId\":\"tenant-a\"}");
        Reply third = server.post("/v1/inboxes", account.token(), "{\"podId\":\"" + tenantPod + "\"}");
        for (Reply reply : List.of(first, second, third)) {
            assertEquals(201, reply.status(), reply.body());
        }
        assertEquals(account.defaultPodId(), first.string("podId"));
        assertEquals(tenantPod, second.string("podId"));

        for (String body : List.of("{}", "{\"podId\":\"tenant-a\"}")) {
            Reply fourth = server.post("/v1/inboxes", account.token(), body);
            assertEquals(422, fourth.status(), fourth.body());
            assertEquals("inbox_limit_reached", fourth.error());
            assertEquals(java.util.Set.of("error", "message"), fourth.object().keySet());
        }
        assertEquals(3, server.get("/v1/inboxes", account.token()).total());

        assertEquals(204, server.delete("/v1/inboxes/" + first.string("id"), account.token()).status());
        Reply again = server.post("/v1/inboxes", account.token(), "{\"podId\":\"tenant-a\"}");
        assertEquals(201, again.status(), "deleting an inbox frees its place: " + again);

        assertEquals(200, server.patch("/admin/v1/accounts/" + account.id(), RunningServer.ADMIN_TOKEN,
                "{\"inboxLimit\":4}").status());
        assertEquals(201, server.post("/v1/inboxes", account.token(), "{}").status(), "a raised limit takes effect at once");
        assertEquals(422, server.post("/v1/inboxes", account.token(), "{}").status());
    }

    // ---- helpers

    private static String suffix() {
        return Long.toString(System.nanoTime(), 36);
    }

    private String createPod(String clientId, String name) {
        String body = name == null ? "{\"clientId\":\"" + clientId + "\"}"
                : "{\"clientId\":\"" + clientId + "\",\"name\":\"" + name + "\"}";
        Reply pod = server.post("/v1/pods", account.token(), body);
        assertEquals(201, pod.status(), pod.body());
        assertEquals(clientId, pod.string("clientId"));
        return pod.string("id");
    }

    /** Adds the domain (scoped to {@code podRef}, or account-wide when null), publishes its records and verifies it. */
    private String addVerifiedDomain(String name, String podRef) {
        String body = podRef == null ? "{\"domain\":\"" + name + "\"}"
                : "{\"domain\":\"" + name + "\",\"podId\":\"" + podRef + "\"}";
        Reply added = server.post("/v1/domains", account.token(), body);
        assertEquals(201, added.status(), added.body());
        assertEquals(name, added.string("domain"));
        assertEquals("pending", added.string("status"));

        Reply tooEarly = server.post("/v1/inboxes", account.token(), podRef == null
                ? "{\"domain\":\"" + name + "\"}" : "{\"podId\":\"" + podRef + "\",\"domain\":\"" + name + "\"}");
        assertEquals(400, tooEarly.status(), tooEarly.body());
        assertEquals("invalid_domain", tooEarly.error());

        published.add(name);
        for (Map<String, Object> record : records(added)) {
            String host = (String) record.get("name");
            String value = (String) record.get("value");
            if ("MX".equals(record.get("type"))) {
                dns.addMx(host, ((Number) record.get("priority")).intValue(), value);
            } else {
                dns.addTxtValue(host, value);
            }
        }
        Reply verified = server.post("/v1/domains/" + added.string("id") + "/verify", account.token(), "");
        assertEquals(200, verified.status(), verified.body());
        assertEquals("verified", verified.string("status"), verified.body());
        return added.string("id");
    }

    /** Creates {@code mailbox@domain} in the pod named by {@code podRef} and checks it landed in {@code podId}. */
    private String createInbox(String podRef, String mailbox, String domain, String podId) {
        Reply inbox = server.post("/v1/inboxes", account.token(),
                "{\"podId\":\"" + podRef + "\",\"mailboxName\":\"" + mailbox + "\",\"domain\":\"" + domain + "\"}");
        assertEquals(201, inbox.status(), inbox.body());
        assertEquals(mailbox + "@" + domain, inbox.string("address"));
        assertEquals(podId, inbox.string("podId"), "an inbox shows its pod's id, even when created by clientId");
        return inbox.string("id");
    }

    private static void assertInvalidDomainScopedElsewhere(Reply reply) {
        assertEquals(400, reply.status(), reply.body());
        assertEquals("invalid_domain", reply.error());
        assertTrue(reply.string("message").contains("scoped to another pod"), reply.body());
    }

    private static void assertConflict(Reply reply, String code) {
        assertEquals(409, reply.status(), reply.body());
        assertEquals(code, reply.error(), reply.body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Reply domain) {
        return (List<Map<String, Object>>) domain.at("records");
    }

    private static List<Object> ids(Reply list) {
        assertEquals(200, list.status(), list.body());
        return list.data().stream().map(item -> item.get("id")).toList();
    }

    private static List<Object> addresses(Reply list) {
        return list.data().stream().map(item -> item.get("address")).toList();
    }
}
