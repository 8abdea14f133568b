package dev.openmail.adapters.rest.maildomain;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.HttpApi.Reply;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.adapters.rest.support.UseCaseTestFactory;
import dev.openmail.application.fakes.FakeDnsLookup;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.GetDomain;
import dev.openmail.domain.port.in.ListDomains;
import dev.openmail.domain.port.in.OpenAccount;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /v1/domains over HTTP, with the real use cases on the in-memory store and DNS answered by the fake resolver. The
 * store and the resolver are shared by every test of this class: each test opens its own account and uses domain
 * names of its own.
 */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
class DomainControllerTest {

    private static final Set<String> DOMAIN_FIELDS = Set.of("id", "domain", "podId", "status", "records", "createdAt",
            "verifiedAt");
    private static final Set<String> MX_FIELDS = Set.of("type", "name", "value", "priority", "status");
    private static final Set<String> TXT_FIELDS = Set.of("type", "name", "value", "status");
    private static final String NOW = "2025-03-04T05:06:07.891Z";
    private static final String MX_HOST = UseCaseTestFactory.MX_HOST.value();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    OpenAccount openAccount;
    @Inject
    FakeDnsLookup dns;
    @Inject
    GetDomain getDomain;
    @Inject
    ListDomains listDomains;
    @Inject
    InMemoryStore store;

    private HttpApi api;
    private TestAccount account;

    @BeforeEach
    void openAccount() {
        api = new HttpApi(server.getURL(), mapper);
        account = TestAccounts.open(openAccount);
    }

    @AfterEach
    void dnsBackOn() {
        dns.setUnavailable(false);
    }

    private String token() {
        return account.token();
    }

    /** A domain name no other test uses. */
    private static String domainName(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + ".domain-tests.example";
    }

    private static String mailbox(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    /** A JSON object of the given name/value pairs; values may be null. */
    private String json(Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], pairs[i + 1]);
        }
        try {
            return mapper.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reply add(String token, String body) {
        return api.post("/v1/domains", token, body);
    }

    private Reply added(String token, String name, String podIdOrNull) {
        Reply reply = add(token, podIdOrNull == null ? json("domain", name) : json("domain", name, "podId", podIdOrNull));
        assertEquals(201, reply.status(), reply::toString);
        return reply;
    }

    private String newPod(String token, String clientId) {
        Reply pod = api.post("/v1/pods", token, json("clientId", clientId));
        assertEquals(201, pod.status(), pod::toString);
        return pod.string("id");
    }

    private Reply verify(String token, String id) {
        return api.send(api.request("/v1/domains/" + id + "/verify", token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Publishes exactly the records the domain lists, as its owner would. */
    private void publish(Reply domain) {
        for (Map<String, Object> record : records(domain.object())) {
            if (record.get("type").equals("MX")) {
                dns.publishMx((String) record.get("name"), ((Number) record.get("priority")).intValue(),
                        (String) record.get("value"));
            } else {
                dns.publishTxt((String) record.get("name"), (String) record.get("value"));
            }
        }
    }

    /** A domain of the caller, added, published and verified. */
    private Map<String, Object> verifiedDomain(String name, String podIdOrNull) {
        Reply domain = added(token(), name, podIdOrNull);
        publish(domain);
        Reply verified = verify(token(), domain.string("id"));
        assertEquals(200, verified.status(), verified::toString);
        assertEquals("verified", verified.get("status"), verified::toString);
        return verified.object();
    }

    private String inboxOn(String domain, String podIdOrNull) {
        Reply inbox = api.post("/v1/inboxes", token(), podIdOrNull == null
                ? json("mailboxName", mailbox("on"), "domain", domain)
                : json("mailboxName", mailbox("on"), "domain", domain, "podId", podIdOrNull));
        assertEquals(201, inbox.status(), inbox::toString);
        return inbox.string("id");
    }

    private MailDomain stored(String id) {
        return getDomain.get(owner(account.id()), new DomainId(id));
    }

    private long storedDomains() {
        return listDomains.list(owner(account.id()), null, PageRequest.firstPage()).total();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Map<String, Object> domain) {
        return (List<Map<String, Object>>) domain.get("records");
    }

    private static List<Object> recordStatuses(Map<String, Object> domain) {
        return records(domain).stream().map(record -> record.get("status")).toList();
    }

    private static List<Object> ids(Reply list) {
        return list.data().stream().map(domain -> domain.get("id")).toList();
    }

    /** The exact shape of a domain: its fields, and each record's fields, priority on MX only. */
    private static void assertDomainShape(Map<String, Object> domain) {
        assertEquals(DOMAIN_FIELDS, domain.keySet(), domain::toString);
        assertTrue(DomainId.isWellFormed((String) domain.get("id")), domain.toString());
        assertEquals(NOW, domain.get("createdAt"), "ISO-8601 in UTC, with milliseconds");
        List<Map<String, Object>> records = records(domain);
        assertEquals(List.of("MX", "TXT", "TXT", "TXT"), records.stream().map(record -> record.get("type")).toList());
        for (Map<String, Object> record : records) {
            assertEquals(record.get("type").equals("MX") ? MX_FIELDS : TXT_FIELDS, record.keySet(), record::toString);
            assertTrue(Set.of("missing", "invalid", "valid").contains(record.get("status")), record.toString());
        }
    }

    // ---- add

    @Test
    void addAnswers201WithTheRecordsToPublish() {
        String name = domainName("fresh");

        Reply reply = add(token(), json("domain", name));

        assertEquals(201, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        Map<String, Object> domain = reply.object();
        assertDomainShape(domain);
        assertEquals(name, domain.get("domain"));
        assertNull(domain.get("podId"), "account-wide");
        assertEquals("pending", domain.get("status"));
        assertNull(domain.get("verifiedAt"));
        assertEquals(List.of("missing", "missing", "missing", "missing"), recordStatuses(domain));

        MailDomain stored = stored((String) domain.get("id"));
        List<Map<String, Object>> records = records(domain);
        Map<String, Object> mx = records.get(0);
        assertEquals(name, mx.get("name"));
        assertEquals(MX_HOST, mx.get("value"));
        assertEquals(10, ((Number) mx.get("priority")).intValue());
        Map<String, Object> spf = records.get(1);
        assertEquals(name, spf.get("name"));
        assertTrue(((String) spf.get("value")).startsWith("v=spf1 "), spf.toString());
        Map<String, Object> dkim = records.get(2);
        assertEquals("openmail._domainkey." + name, dkim.get("name"));
        assertEquals("v=DKIM1; k=rsa; p=" + stored.dkim().publicKeyBase64(), dkim.get("value"));
        Map<String, Object> ownership = records.get(3);
        assertEquals("_openmail." + name, ownership.get("name"));
        assertEquals("openmail-verification=" + stored.ownershipToken(), ownership.get("value"));
        assertEquals(DomainScope.ACCOUNT_WIDE, stored.scope());
    }

    @Test
    void thePrivateDkimKeyIsNeverInAnyAnswer() {
        String podId = newPod(token(), "keyless");
        Reply created = added(token(), domainName("secret-key"), null);
        String id = created.string("id");
        String privateKey = stored(id).dkim().privateKeyBase64();
        // The key's middle: private exponent and primes, which the public key does not share.
        String privateMiddle = privateKey.substring(privateKey.length() / 2, privateKey.length() / 2 + 64);
        publish(created);

        List<Reply> answers = List.of(created, api.get("/v1/domains/" + id, token()), api.get("/v1/domains", token()),
                verify(token(), id), api.patch("/v1/domains/" + id, token(), json("podId", podId)),
                api.patch("/v1/domains/" + id, token(), "{}"), api.get("/v1/domains?podId=keyless", token()));
        for (Reply answer : answers) {
            assertTrue(answer.status() == 200 || answer.status() == 201, answer::toString);
            assertFalse(answer.body().contains(privateKey), "private key in " + answer);
            assertFalse(answer.body().contains(privateMiddle), "private key material in " + answer);
            assertFalse(answer.body().toLowerCase().contains("private"), answer::toString);
        }
        assertEquals("verified", answers.get(3).get("status"));
    }

    @Test
    void aDomainIsStoredLowerCaseWithoutTheTrailingDot() {
        String name = domainName("mixed");

        Reply reply = add(token(), json("domain", " " + name.toUpperCase() + ". "));

        assertEquals(201, reply.status(), reply::toString);
        assertEquals(name, reply.get("domain"));
        assertEquals(name, records(reply.object()).get(0).get("name"));
        assertEquals("openmail._domainkey." + name, records(reply.object()).get(2).get("name"));
    }

    @Test
    void aUnicodeDomainIsStoredInItsAsciiForm() {
        String unicode = "bücher-" + SEQUENCE.incrementAndGet() + ".example";
        String ascii = IDN.toASCII(unicode);
        assertTrue(ascii.startsWith("xn--"), ascii);

        Reply reply = add(token(), json("domain", unicode));

        assertEquals(201, reply.status(), reply::toString);
        assertEquals(ascii, reply.get("domain"));
        assertError(add(token(), json("domain", ascii)), 409, "domain_taken");
    }

    @Test
    void addScopesTheDomainToAPodNamedByIdOrClientId() {
        String pod = newPod(token(), "scope-target");

        Reply byClientId = added(token(), domainName("by-client"), "scope-target");
        Reply byId = added(token(), domainName("by-id"), pod);

        assertEquals(pod, byClientId.get("podId"));
        assertEquals(pod, byId.get("podId"));
        assertDomainShape(byId.object());
        assertEquals(DomainScope.of(new PodId(pod)), stored(byId.string("id")).scope());
        assertNull(added(token(), domainName("explicit-null"), null).get("podId"));
        assertNull(add(token(), "{\"domain\":\"" + domainName("null-pod") + "\",\"podId\":null}").get("podId"));
    }

    @Test
    void addRefusesBadBodiesNamingTheFieldAndStoresNothing() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("{}", "domain");
        bodies.put("", "domain");
        bodies.put("{\"domain\":null}", "domain");
        bodies.put("{\"podId\":\"" + account.defaultPodId().value() + "\"}", "domain");
        bodies.put("{\"domain\":7}", "domain");
        bodies.put("{\"domain\":[\"a.example\"]}", "domain");
        bodies.put("{\"domain\":\"not a domain\"}", "domain");
        bodies.put("{\"domain\":\"localhost\"}", "domain");
        bodies.put("{\"domain\":\"-bad-.example\"}", "domain");
        bodies.put("{\"domain\":\"a..b.example\"}", "domain");
        bodies.put("{\"domain\":\"under_score.example\"}", "domain");
        bodies.put("{\"domain\":\"" + "l".repeat(64) + ".example\"}", "domain");
        bodies.put("{\"domain\":\"" + ("a".repeat(60) + ".").repeat(5) + "example\"}", "domain");
        bodies.put("{\"domain\":\"ok.example\",\"podId\":5}", "podId");
        bodies.put("{\"domain\":\"ok.example\",\"status\":\"verified\"}", "status");
        bodies.put("{\"domain\":\"ok.example\",\"records\":[]}", "records");
        bodies.put("{\"domain\":\"a.example\",\"domain\":\"b.example\"}", "domain");
        bodies.forEach((body, field) -> assertError(add(token(), body), 400, "bad_request", field));

        for (String malformed : new String[]{"{", "{\"domain\":}", "[]", "null", "\"a.example\""}) {
            assertError(add(token(), malformed), 400, "bad_request");
        }
        assertEquals(0, storedDomains());
    }

    @Test
    void aPodThatIsNotTheCallersIsAnInvalidPod() {
        TestAccount other = TestAccounts.open(openAccount);
        String theirs = newPod(other.token(), "their-pod");
        for (String podId : new String[]{"no-such-pod", PodId.generate().value(), "pod_garbage", "", "has space", theirs,
                "their-pod"}) {
            assertError(add(token(), json("domain", domainName("nopod"), "podId", podId)), 400, "invalid_pod", "podId");
        }
        assertEquals(0, storedDomains());
    }

    @Test
    void aDomainBelongsToOneAccountOnly() {
        String name = domainName("claimed");
        added(token(), name, null);
        TestAccount other = TestAccounts.open(openAccount);

        assertError(add(token(), json("domain", name)), 409, "domain_taken", name);
        assertError(add(token(), json("domain", name.toUpperCase() + ".")), 409, "domain_taken");
        assertError(add(other.token(), json("domain", name)), 409, "domain_taken");
        assertEquals(1, storedDomains());
        assertEquals(0, api.get("/v1/domains", other.token()).total());
    }

    @Test
    void theInstallationDomainCannotBeClaimed() {
        for (String name : new String[]{UseCaseTestFactory.DEFAULT_DOMAIN.value(), "OpenMail.Test."}) {
            assertError(add(token(), json("domain", name)), 409, "domain_taken");
        }
        assertEquals(0, storedDomains());
    }

    @Test
    void aDeletedDomainMayBeAddedAgainByAnyAccount() {
        String name = domainName("released");
        String id = added(token(), name, null).string("id");
        assertEquals(204, api.delete("/v1/domains/" + id, token()).status());
        TestAccount other = TestAccounts.open(openAccount);

        Reply again = add(other.token(), json("domain", name));

        assertEquals(201, again.status(), again::toString);
        assertFalse(again.get("id").equals(id), "a new domain");
        assertEquals("pending", again.get("status"));
    }

    // ---- get

    @Test
    void getAnswersTheDomainAsAdded() {
        Map<String, Object> created = added(token(), domainName("readable"), null).object();

        Reply read = api.get("/v1/domains/" + created.get("id"), token());

        assertEquals(200, read.status(), read::toString);
        assertEquals(created, read.object());
    }

    @Test
    void pathIdsThatAreNotDomainIdsAreNotFound() {
        String name = domainName("real");
        added(token(), name, null);
        for (String id : new String[]{DomainId.generate().value(), name, "dom_", "dom_garbage", "no-such-domain",
                account.defaultPodId().value(), InboxId.generate().value(), "dom_%20", "x".repeat(300)}) {
            String path = "/v1/domains/" + id;
            assertError(api.get(path, token()), 404, "not_found");
            assertError(api.patch(path, token(), "{\"podId\":null}"), 404, "not_found");
            assertError(api.patch(path, token(), "{}"), 404, "not_found");
            assertError(api.delete(path, token()), 404, "not_found");
            assertError(verify(token(), id), 404, "not_found");
            if (!DomainId.isWellFormed(id)) {
                assertError(api.patch(path, token(), "{not json"), 404, "not_found", "No domain");
            }
        }
        assertEquals(1, storedDomains());
    }

    @Test
    void anotherAccountsDomainIsNotFound() {
        TestAccount other = TestAccounts.open(openAccount);
        Reply theirs = added(other.token(), domainName("theirs"), null);
        publish(theirs);
        String path = "/v1/domains/" + theirs.string("id");
        newPod(token(), "my-pod");

        assertError(api.get(path, token()), 404, "not_found");
        assertError(api.patch(path, token(), "{\"podId\":null}"), 404, "not_found");
        assertError(api.patch(path, token(), json("podId", "my-pod")), 404, "not_found");
        assertError(api.patch(path, token(), "{}"), 404, "not_found");
        assertError(verify(token(), theirs.string("id")), 404, "not_found");
        assertError(api.delete(path, token()), 404, "not_found");

        Reply untouched = api.get(path, other.token());
        assertEquals(200, untouched.status());
        assertEquals(theirs.object(), untouched.object(), "still pending: my verify did not check it");
        assertEquals(0, api.get("/v1/domains", token()).total());
    }

    // ---- list

    @Test
    void listAnswersDataAndTotalOldestFirst() {
        String pod = newPod(token(), "listed");
        List<String> made = new ArrayList<>();
        made.add(added(token(), domainName("first"), null).string("id"));
        made.add(added(token(), domainName("second"), pod).string("id"));
        made.add(added(token(), domainName("third"), null).string("id"));

        Reply list = api.get("/v1/domains", token());

        assertEquals(200, list.status(), list::toString);
        assertEquals(Set.of("data", "total"), list.object().keySet());
        assertEquals(made, ids(list));
        assertEquals(3, list.total());
        list.data().forEach(DomainControllerTest::assertDomainShape);
        assertEquals(api.get("/v1/domains/" + made.get(1), token()).object(), list.data().get(1));
    }

    @Test
    void listShowsOnlyTheCallersDomains() {
        TestAccount other = TestAccounts.open(openAccount);
        added(other.token(), domainName("elsewhere"), null);
        String mine = added(token(), domainName("mine"), null).string("id");

        Reply list = api.get("/v1/domains", token());

        assertEquals(List.of(mine), ids(list));
        assertEquals(1, list.total());
    }

    @Test
    void listFiltersToTheDomainsScopedToOnePod() {
        String pod = newPod(token(), "owner");
        newPod(token(), "bystander");
        added(token(), domainName("wide"), null);
        String scoped1 = added(token(), domainName("scoped-a"), pod).string("id");
        String scoped2 = added(token(), domainName("scoped-b"), "owner").string("id");

        for (String ref : new String[]{pod, "owner"}) {
            Reply list = api.get("/v1/domains?podId=" + ref, token());
            assertEquals(200, list.status(), list::toString);
            assertEquals(List.of(scoped1, scoped2), ids(list));
            assertEquals(2, list.total());
        }
        Reply none = api.get("/v1/domains?podId=bystander", token());
        assertEquals(List.of(), none.data());
        assertEquals(0, none.total());
        Reply windowed = api.get("/v1/domains?podId=owner&limit=1&offset=1", token());
        assertEquals(List.of(scoped2), ids(windowed));
        assertEquals(2, windowed.total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-pod", "pod_garbage", "pod_", "has%20space", "", "their-pod"})
    void listOfAPodThatIsNotTheCallersIsEmpty(String podId) {
        TestAccount other = TestAccounts.open(openAccount);
        String theirPod = newPod(other.token(), "their-pod");
        added(other.token(), domainName("their-scoped"), theirPod);
        added(token(), domainName("my-wide"), null);

        for (String ref : new String[]{podId, theirPod, PodId.generate().value()}) {
            Reply list = api.get("/v1/domains?podId=" + ref, token());
            assertEquals(200, list.status(), () -> ref + " -> " + list);
            assertEquals(Set.of("data", "total"), list.object().keySet());
            assertEquals(List.of(), list.data(), () -> ref + " -> " + list);
            assertEquals(0, list.total(), () -> ref + " -> " + list);
        }
    }

    @Test
    void listPagesWithLimitAndOffset() {
        // Rows put straight into the store: a domain added through the use case costs an RSA key. The clamp at 100
        // is Paging's, covered by the pod and inbox lists.
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            made.add(store.addScopedDomain(account.id(), account.defaultPodId()).id().value());
        }

        Reply all = api.get("/v1/domains", token());
        assertEquals(made, ids(all));
        assertEquals(6, all.total());
        assertEquals(made, ids(api.get("/v1/domains?limit=1000", token())));
        assertEquals(made.subList(0, 1), ids(api.get("/v1/domains?limit=0", token())), "clamped to 1");
        assertEquals(made.subList(0, 1), ids(api.get("/v1/domains?limit=-99999999999999999999", token())));
        Reply window = api.get("/v1/domains?limit=2&offset=3", token());
        assertEquals(made.subList(3, 5), ids(window));
        assertEquals(6, window.total());
        assertEquals(made.subList(5, 6), ids(api.get("/v1/domains?offset=5&limit=%2B100", token())));
        Reply past = api.get("/v1/domains?offset=99999999999999999999", token());
        assertEquals(200, past.status(), past::toString);
        assertEquals(List.of(), past.data());
        assertEquals(6, past.total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5", "", "2e1"})
    void aNegativeOrNonIntegerOffsetIsABadRequestNamingIt(String offset) {
        assertError(api.get("/v1/domains?offset=" + offset, token()), 400, "bad_request", "offset");
        assertError(api.get("/v1/domains?podId=pod_garbage&offset=" + offset, token()), 400, "bad_request", "offset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "", "many"})
    void aNonIntegerLimitIsABadRequestNamingIt(String limit) {
        assertError(api.get("/v1/domains?limit=" + limit, token()), 400, "bad_request", "limit");
    }

    // ---- verify

    @Test
    void verifyWithNothingPublishedAnswers200Failed() {
        String id = added(token(), domainName("unpublished"), null).string("id");

        Reply checked = verify(token(), id);

        assertEquals(200, checked.status(), checked::toString);
        assertDomainShape(checked.object());
        assertEquals("failed", checked.get("status"));
        assertNull(checked.get("verifiedAt"));
        assertEquals(List.of("missing", "missing", "missing", "missing"), recordStatuses(checked.object()));
        assertEquals(checked.object(), api.get("/v1/domains/" + id, token()).object(), "stored");
    }

    @Test
    void verifyWithEveryRecordPublishedAnswersVerified() {
        Reply domain = added(token(), domainName("published"), null);
        publish(domain);

        Reply checked = verify(token(), domain.string("id"));

        assertEquals(200, checked.status(), checked::toString);
        assertDomainShape(checked.object());
        assertEquals("verified", checked.get("status"));
        assertEquals(NOW, checked.get("verifiedAt"));
        assertEquals(List.of("valid", "valid", "valid", "valid"), recordStatuses(checked.object()));
        Map<String, Object> expected = new LinkedHashMap<>(domain.object());
        expected.keySet().removeAll(Set.of("status", "verifiedAt", "records"));
        Map<String, Object> actual = new LinkedHashMap<>(checked.object());
        actual.keySet().removeAll(Set.of("status", "verifiedAt", "records"));
        assertEquals(expected, actual, "the rest of the domain is as it was");
        assertEquals(checked.object(), api.get("/v1/domains/" + domain.string("id"), token()).object(), "stored");
    }

    @Test
    void verifyReportsEachRecordOnItsOwn() {
        String name = domainName("partly");
        Reply domain = added(token(), name, null);
        dns.publishMx(name, 10, MX_HOST);
        dns.publishTxt(name, "v=spf1 include:elsewhere.example -all");
        dns.publishTxt("_openmail." + name, "openmail-verification=not-the-token");

        Reply checked = verify(token(), domain.string("id"));

        assertEquals(200, checked.status(), checked::toString);
        assertEquals("failed", checked.get("status"));
        assertNull(checked.get("verifiedAt"));
        assertEquals(List.of("valid", "invalid", "missing", "invalid"), recordStatuses(checked.object()));
    }

    @Test
    void aVerifiedDomainWhoseRecordsAreGoneFailsOnTheNextCheck() {
        String name = domainName("withdrawn");
        String id = (String) verifiedDomain(name, null).get("id");
        dns.withdraw(name);

        Reply checked = verify(token(), id);

        assertEquals(200, checked.status(), checked::toString);
        assertEquals("failed", checked.get("status"));
        assertNull(checked.get("verifiedAt"));
        assertEquals(List.of("missing", "missing", "valid", "valid"), recordStatuses(checked.object()));
    }

    @Test
    void whenDnsCannotBeAskedVerifyIsABadGatewayAndChangesNothing() {
        Map<String, Object> verified = verifiedDomain(domainName("outage"), null);
        String verifiedId = (String) verified.get("id");
        Reply pending = added(token(), domainName("outage-pending"), null);

        dns.setUnavailable(true);
        assertError(verify(token(), verifiedId), 502, "dns_unavailable", (String) verified.get("domain"));
        assertError(verify(token(), pending.string("id")), 502, "dns_unavailable");
        dns.setUnavailable(false);

        assertEquals(verified, api.get("/v1/domains/" + verifiedId, token()).object());
        assertEquals(pending.object(), api.get("/v1/domains/" + pending.string("id"), token()).object());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "application/json", "application/xml",
            "multipart/form-data; boundary=x"})
    void verifyAndDeleteAcceptAnyContentType(String contentType) {
        Reply domain = added(token(), domainName("any-type"), null);
        publish(domain);
        String path = "/v1/domains/" + domain.string("id");

        Reply checked = api.send(api.request(path + "/verify", token()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, checked.status(), checked::toString);
        assertEquals("verified", checked.get("status"));

        Reply deleted = api.send(api.request(path, token()).header("Content-Type", contentType)
                .method("DELETE", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, deleted.status(), deleted::toString);
        assertError(api.get(path, token()), 404, "not_found");
    }

    @Test
    void verifyIgnoresWhateverBodyIsSent() {
        Reply domain = added(token(), domainName("with-body"), null);
        String path = "/v1/domains/" + domain.string("id") + "/verify";

        Reply form = api.send(api.request(path, token()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b", StandardCharsets.UTF_8)));
        Reply json = api.post(path, token(), "{\"anything\":true}");

        assertEquals(200, form.status(), form::toString);
        assertEquals(200, json.status(), json::toString);
        assertEquals("failed", json.get("status"));
    }

    // ---- patch

    @Test
    void patchWithAnEmptyObjectLeavesTheScopeUnchanged() {
        String pod = newPod(token(), "kept-scope");
        Reply scoped = added(token(), domainName("kept-scoped"), pod);
        Reply wide = added(token(), domainName("kept-wide"), null);

        for (Reply domain : List.of(scoped, wide)) {
            String path = "/v1/domains/" + domain.string("id");
            for (String nothing : new String[]{"{}", ""}) {
                Reply untouched = api.patch(path, token(), nothing);
                assertEquals(200, untouched.status(), untouched::toString);
                assertEquals(domain.object(), untouched.object());
            }
            assertEquals(domain.object(), api.get(path, token()).object());
        }
        assertEquals(DomainScope.of(new PodId(pod)), stored(scoped.string("id")).scope());
    }

    @Test
    void patchWithANullPodMakesTheDomainAccountWide() {
        String pod = newPod(token(), "narrow");
        String id = (String) verifiedDomain(domainName("widened"), pod).get("id");

        Reply widened = api.patch("/v1/domains/" + id, token(), "{\"podId\":null}");

        assertEquals(200, widened.status(), widened::toString);
        assertDomainShape(widened.object());
        assertNull(widened.get("podId"));
        assertEquals("verified", widened.get("status"), "the scope changes, nothing else");
        assertEquals(NOW, widened.get("verifiedAt"));
        assertEquals(DomainScope.ACCOUNT_WIDE, stored(id).scope());
        Reply again = api.patch("/v1/domains/" + id, token(), "{\"podId\":null}");
        assertEquals(widened.object(), again.object(), "already account-wide: unchanged");
    }

    @Test
    void patchWithAPodScopesTheDomainToItByIdOrClientId() {
        String pod = newPod(token(), "narrowed-to");
        Reply domain = added(token(), domainName("narrowed"), null);
        String path = "/v1/domains/" + domain.string("id");

        Reply byClientId = api.patch(path, token(), json("podId", "narrowed-to"));

        assertEquals(200, byClientId.status(), byClientId::toString);
        assertDomainShape(byClientId.object());
        assertEquals(pod, byClientId.get("podId"));
        assertEquals("pending", byClientId.get("status"));
        assertEquals(List.of(domain.string("id")), ids(api.get("/v1/domains?podId=narrowed-to", token())));
        Reply byId = api.patch(path, token(), json("podId", account.defaultPodId().value()));
        assertEquals(account.defaultPodId().value(), byId.get("podId"));
        assertEquals(DomainScope.of(account.defaultPodId()), stored(domain.string("id")).scope());
    }

    @Test
    void narrowingADomainWithInboxesInAnotherPodIsInUse() {
        String podA = newPod(token(), "pod-a");
        String podB = newPod(token(), "pod-b");
        String name = domainName("in-use");
        String id = (String) verifiedDomain(name, null).get("id");
        inboxOn(name, podA);
        String path = "/v1/domains/" + id;

        assertError(api.patch(path, token(), json("podId", podB)), 409, "domain_in_use", name);
        assertError(api.patch(path, token(), json("podId", account.defaultPodId().value())), 409, "domain_in_use");
        assertNull(api.get(path, token()).get("podId"), "still account-wide");

        Reply toA = api.patch(path, token(), json("podId", "pod-a"));
        assertEquals(200, toA.status(), toA::toString);
        assertEquals(podA, toA.get("podId"));
        assertError(api.patch(path, token(), json("podId", "pod-b")), 409, "domain_in_use");
        assertEquals(podA, api.get(path, token()).get("podId"));
        Reply wide = api.patch(path, token(), "{\"podId\":null}");
        assertEquals(200, wide.status(), wide::toString);
        assertNull(wide.get("podId"));
    }

    @Test
    void patchRefusesBadBodiesAndLeavesTheDomainAsItWas() {
        TestAccount other = TestAccounts.open(openAccount);
        String theirPod = newPod(other.token(), "not-mine");
        Reply domain = added(token(), domainName("guarded"), null);
        String path = "/v1/domains/" + domain.string("id");

        for (String podId : new String[]{"no-such-pod", PodId.generate().value(), "pod_garbage", "", theirPod, "not-mine"}) {
            assertError(api.patch(path, token(), json("podId", podId)), 400, "invalid_pod", "podId");
        }
        Map<String, String> badRequests = new LinkedHashMap<>();
        badRequests.put("{\"podId\":5}", "podId");
        badRequests.put("{\"podId\":[]}", "podId");
        badRequests.put("{\"podId\":true}", "podId");
        badRequests.put(json("domain", "renamed.example"), "domain");
        badRequests.put(json("status", "verified"), "status");
        badRequests.put("{\"podId\":null,\"verifiedAt\":null}", "verifiedAt");
        badRequests.put("{\"podId\":null,\"podId\":null}", "podId");
        badRequests.forEach((body, field) -> assertError(api.patch(path, token(), body), 400, "bad_request", field));
        for (String malformed : new String[]{"{\"podId\":", "[]", "null"}) {
            assertError(api.patch(path, token(), malformed), 400, "bad_request");
        }

        assertEquals(domain.object(), api.get(path, token()).object());
    }

    // ---- delete

    @Test
    void deleteAnswers204WithoutABodyAndTheDomainIsGone() {
        String id = added(token(), domainName("doomed"), null).string("id");
        String kept = added(token(), domainName("kept"), null).string("id");

        Reply deleted = api.delete("/v1/domains/" + id, token());

        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals("", deleted.body());
        assertError(api.get("/v1/domains/" + id, token()), 404, "not_found");
        assertError(api.delete("/v1/domains/" + id, token()), 404, "not_found");
        assertError(verify(token(), id), 404, "not_found");
        assertEquals(List.of(kept), ids(api.get("/v1/domains", token())));
    }

    @Test
    void aDomainWithInboxesCannotBeDeletedUntilTheyAreGone() {
        String name = domainName("occupied");
        String id = (String) verifiedDomain(name, null).get("id");
        String inbox = inboxOn(name, null);

        assertError(api.delete("/v1/domains/" + id, token()), 409, "domain_has_inboxes", name);
        assertEquals(200, api.get("/v1/domains/" + id, token()).status());

        assertEquals(204, api.delete("/v1/inboxes/" + inbox, token()).status());
        assertEquals(204, api.delete("/v1/domains/" + id, token()).status());
        assertError(api.get("/v1/domains/" + id, token()), 404, "not_found");
    }

    @Test
    void aPodScopedDomainWithoutInboxesCanBeDeleted() {
        String pod = newPod(token(), "scoped-delete");
        String id = added(token(), domainName("scoped-delete"), pod).string("id");

        assertEquals(204, api.delete("/v1/domains/" + id, token()).status());

        assertEquals(204, api.delete("/v1/pods/" + pod, token()).status(), "the pod no longer owns a domain");
    }

    @Test
    void everyDomainCallNeedsAKey() {
        String id = added(token(), domainName("locked"), null).string("id");
        String path = "/v1/domains/" + id;
        assertError(api.get("/v1/domains", null), 401, "unauthorized");
        assertError(add(null, json("domain", domainName("anonymous"))), 401, "unauthorized");
        assertError(api.get(path, null), 401, "unauthorized");
        assertError(api.patch(path, null, "{}"), 401, "unauthorized");
        assertError(verify(null, id), 401, "unauthorized");
        assertError(api.delete(path, "om_" + "z".repeat(43)), 401, "unauthorized");
        assertEquals(1, storedDomains(), "nothing was added or deleted");
    }
}
