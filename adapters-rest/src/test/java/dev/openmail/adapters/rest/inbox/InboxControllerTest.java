package dev.openmail.adapters.rest.inbox;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.HttpApi.Reply;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.adapters.rest.support.UseCaseTestFactory;
import dev.openmail.application.fakes.FakeDnsLookup;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.in.ListInboxes;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
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

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * /v1/inboxes over HTTP, with the real use cases on the in-memory store and custom domains verified through the fake
 * DNS. The store is shared by every test of this class: each test opens its own account and uses names of its own.
 */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
class InboxControllerTest {

    private static final Set<String> INBOX_FIELDS = Set.of("id", "podId", "address", "displayName", "webhookUrl", "createdAt");
    private static final Set<String> INBOX_FIELDS_WITH_SECRET = Set.of("id", "podId", "address", "displayName", "webhookUrl",
            "webhookSecret", "createdAt");
    private static final String DEFAULT_DOMAIN = UseCaseTestFactory.DEFAULT_DOMAIN.value();
    private static final String NOW = "2025-03-04T05:06:07.891Z";
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
    CreateInbox createInbox;
    @Inject
    GetInbox getInbox;
    @Inject
    ListInboxes listInboxes;

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

    /** A mailbox name no other test uses, 3..30 characters. */
    private static String mailbox(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    /** A domain name no other test uses. */
    private static String domainName(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + ".inbox-tests.example";
    }

    private String json(Map<String, Object> fields) {
        try {
            return mapper.writeValueAsString(fields);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A JSON object of the given name/value pairs; values may be null. */
    private String json(Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], pairs[i + 1]);
        }
        return json(fields);
    }

    private Reply create(String token, String body) {
        return api.post("/v1/inboxes", token, body);
    }

    private Map<String, Object> created(String token, String body) {
        Reply reply = create(token, body);
        assertEquals(201, reply.status(), () -> body + " -> " + reply);
        return reply.object();
    }

    private String newPod(String token, String clientId) {
        Reply pod = api.post("/v1/pods", token, clientId == null ? "{}" : json("clientId", clientId));
        assertEquals(201, pod.status(), pod::toString);
        return pod.string("id");
    }

    private long storedInboxes(TestAccount owner) {
        return listInboxes.list(owner(owner.id()), null, PageRequest.firstPage()).total();
    }

    /** Adds a domain over HTTP, publishes exactly the records it lists and verifies it; answers the verified domain. */
    private Map<String, Object> verifiedDomain(String token, String name, String podIdOrNull) {
        Reply added = api.post("/v1/domains", token, json("domain", name, "podId", podIdOrNull));
        assertEquals(201, added.status(), added::toString);
        publish(added);
        Reply verified = verify(token, added.string("id"));
        assertEquals(200, verified.status(), verified::toString);
        assertEquals("verified", verified.get("status"), verified::toString);
        return verified.object();
    }

    @SuppressWarnings("unchecked")
    private void publish(Reply domain) {
        for (Map<String, Object> record : (List<Map<String, Object>>) domain.get("records")) {
            if (record.get("type").equals("MX")) {
                dns.publishMx((String) record.get("name"), ((Number) record.get("priority")).intValue(),
                        (String) record.get("value"));
            } else {
                dns.publishTxt((String) record.get("name"), (String) record.get("value"));
            }
        }
    }

    private Reply verify(String token, String domainId) {
        return api.send(api.request("/v1/domains/" + domainId + "/verify", token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static List<Object> ids(Reply list) {
        return list.data().stream().map(inbox -> inbox.get("id")).toList();
    }

    private static void assertInbox(Map<String, Object> inbox, Set<String> fields) {
        assertEquals(fields, inbox.keySet(), inbox::toString);
        assertTrue(InboxId.isWellFormed((String) inbox.get("id")), inbox.toString());
        assertTrue(PodId.isWellFormed((String) inbox.get("podId")), inbox.toString());
        assertEquals(NOW, inbox.get("createdAt"), "ISO-8601 in UTC, with milliseconds");
    }

    // ---- create

    @Test
    void createWithoutFieldsPutsARandomNameOnTheDefaultDomainInTheDefaultPod() {
        for (String body : new String[]{"", "{}", "{\"podId\":null,\"mailboxName\":null,\"displayName\":null,"
                + "\"domain\":null,\"webhookUrl\":null}"}) {
            Reply reply = create(token(), body);

            assertEquals(201, reply.status(), () -> body + " -> " + reply);
            assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
            Map<String, Object> inbox = reply.object();
            assertInbox(inbox, INBOX_FIELDS);
            assertTrue(((String) inbox.get("address")).matches("[a-z0-9]{8}@" + DEFAULT_DOMAIN.replace(".", "\\.")),
                    inbox.toString());
            assertEquals(account.defaultPodId().value(), inbox.get("podId"));
            assertNull(inbox.get("displayName"));
            assertNull(inbox.get("webhookUrl"));
        }
        assertEquals(3, storedInboxes(account));
    }

    @Test
    void createWithEveryFieldAnswersThemAllAndTheWebhookSecretOnce() {
        String pod = newPod(token(), "sales-pod");
        String name = mailbox("Sales.Team");

        Reply reply = create(token(), json("podId", "sales-pod", "mailboxName", name, "displayName", "Sales 🚀 Team",
                "domain", DEFAULT_DOMAIN, "webhookUrl", "https://hooks.example.com/in?x=1"));

        assertEquals(201, reply.status(), reply::toString);
        Map<String, Object> inbox = reply.object();
        assertInbox(inbox, INBOX_FIELDS_WITH_SECRET);
        assertEquals(pod, inbox.get("podId"), "the pod's id, though the body named its clientId");
        assertEquals(name.toLowerCase() + "@" + DEFAULT_DOMAIN, inbox.get("address"), "stored lower-case");
        assertEquals("Sales 🚀 Team", inbox.get("displayName"));
        assertEquals("https://hooks.example.com/in?x=1", inbox.get("webhookUrl"));
        String secret = (String) inbox.get("webhookSecret");
        assertTrue(secret != null && secret.startsWith("whsec_") && secret.length() > 20, inbox.toString());

        String id = (String) inbox.get("id");
        Reply read = api.get("/v1/inboxes/" + id, token());
        assertEquals(200, read.status(), read::toString);
        Map<String, Object> expected = new LinkedHashMap<>(inbox);
        expected.remove("webhookSecret");
        assertEquals(expected, read.object(), "the same inbox, without the secret");
        assertFalse(read.body().contains(secret), read::toString);
        Reply list = api.get("/v1/inboxes", token());
        assertEquals(List.of(expected), list.data());
        assertFalse(list.body().contains(secret), list::toString);

        Inbox stored = getInbox.get(owner(account.id()), new InboxId(id));
        assertEquals(secret, stored.webhookSecret().value(), "the secret answered is the one stored");
        assertEquals("Sales 🚀 Team", stored.displayName().value());
    }

    @Test
    void createPlacesTheInboxInThePodNamedByIdOrByClientId() {
        String pod = newPod(token(), "tenant-a");

        assertEquals(pod, created(token(), json("podId", pod)).get("podId"));
        assertEquals(pod, created(token(), json("podId", "tenant-a")).get("podId"));
        assertEquals(account.defaultPodId().value(),
                created(token(), json("podId", account.defaultPodId().value())).get("podId"));
    }

    @Test
    void theInstallationDomainMayBeNamedInAnyCase() {
        String name = mailbox("named");

        Map<String, Object> inbox = created(token(), json("mailboxName", name, "domain", "OpenMail.TEST."));

        assertEquals(name + "@" + DEFAULT_DOMAIN, inbox.get("address"));
    }

    @Test
    void anEmptyWebhookUrlOnCreateMeansNoWebhookAndNoSecret() {
        Map<String, Object> inbox = created(token(), json("webhookUrl", ""));

        assertInbox(inbox, INBOX_FIELDS);
        assertNull(inbox.get("webhookUrl"));
        assertNull(getInbox.get(owner(account.id()), new InboxId((String) inbox.get("id"))).webhookSecret());
    }

    @Test
    void aPodThatIsNotTheCallersIsAnInvalidPod() {
        TestAccount other = TestAccounts.open(openAccount);
        String theirs = newPod(other.token(), "their-pod");
        for (String podId : new String[]{"no-such-pod", PodId.generate().value(), "pod_garbage", "has space", "",
                "x".repeat(256), theirs, "their-pod", other.defaultPodId().value()}) {
            Reply reply = create(token(), json("podId", podId, "mailboxName", mailbox("nopod")));
            assertError(reply, 400, "invalid_pod");
            assertTrue(reply.string("message").contains("podId"), reply::toString);
        }
        assertEquals(0, storedInboxes(account));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "abcdefghijabcdefghijabcdefghij1", "-abc", "abc-", ".abc", "abc.", "ab..cd", "a_bc",
            "a bc", "a+bc@x", "", "bü.cher", "ñandú"})
    void aMailboxNameOutsideTheRulesIsInvalid(String name) {
        assertError(create(token(), json("mailboxName", name)), 400, "invalid_mailbox_name", "mailboxName");
        assertEquals(0, storedInboxes(account));
    }

    @Test
    void mailboxNamesAtTheEdgesOfTheRulesAreAccepted() {
        String thirty = ("e" + SEQUENCE.incrementAndGet() + "x".repeat(30)).substring(0, 30);
        String three = "z" + Integer.toString(SEQUENCE.incrementAndGet() % 100 + 100).substring(1);
        for (String name : new String[]{thirty, three, mailbox("a.b-c"), mailbox("9digits")}) {
            assertEquals(name + "@" + DEFAULT_DOMAIN, created(token(), json("mailboxName", name)).get("address"));
        }
    }

    @Test
    void wrongTypesAndUnknownFieldsAreBadRequestsNamingTheField() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("{\"mailboxName\":12345}", "mailboxName");
        bodies.put("{\"mailboxName\":[\"abc\"]}", "mailboxName");
        bodies.put("{\"displayName\":true}", "displayName");
        bodies.put("{\"podId\":{}}", "podId");
        bodies.put("{\"domain\":7}", "domain");
        bodies.put("{\"webhookUrl\":false}", "webhookUrl");
        bodies.put("{\"address\":\"a@b.c\"}", "address");
        bodies.put("{\"mailboxName\":\"okname\",\"webhookSecret\":\"whsec_x\"}", "webhookSecret");
        bodies.put("{\"mailboxName\":\"one\",\"mailboxName\":\"two\"}", "mailboxName");
        bodies.put("{\"displayName\":\"" + "d".repeat(201) + "\"}", "displayName");
        bodies.put("{\"displayName\":\"two\\nlines\"}", "displayName");
        bodies.forEach((body, field) -> assertError(create(token(), body), 400, "bad_request", field));

        for (String malformed : new String[]{"{", "{\"mailboxName\":}", "[]", "null", "\"text\"", "{} {}"}) {
            assertError(create(token(), malformed), 400, "bad_request");
        }
        assertEquals(0, storedInboxes(account));
    }

    @Test
    void aDisplayNameOf200CharactersIncludingEmojiIsAccepted() {
        String name = "😀".repeat(100) + "d".repeat(100);

        assertEquals(name, created(token(), json("displayName", name)).get("displayName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/in", "not a url", "hooks.example.com/in", "https://", "https:///path",
            "https://user:pw@hooks.example.com/", "https://hooks.example.com/#fragment", "javascript:alert(1)",
            "mailto:someone@example.com"})
    void anUnusableWebhookUrlIsUnprocessable(String url) {
        assertError(create(token(), json("webhookUrl", url)), 422, "invalid_webhook_url", "webhookUrl");
        assertEquals(0, storedInboxes(account));
    }

    @Test
    void aWebhookUrlLongerThan2048CharactersIsUnprocessable() {
        String url = "https://hooks.example.com/" + "p".repeat(2048);

        assertError(create(token(), json("webhookUrl", url)), 422, "invalid_webhook_url", "webhookUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a domain", "nodot", "-bad-.example", "a..b.example", "", ".", "under_score.example",
            "@example.com", "x@example.com"})
    void aMalformedDomainInTheBodyIsAnInvalidDomain(String domain) {
        assertError(create(token(), json("mailboxName", mailbox("baddom"), "domain", domain)), 400, "invalid_domain",
                "domain");
        assertEquals(0, storedInboxes(account));
    }

    @Test
    void aDomainTheAccountHasNotAddedIsAnInvalidDomainSayingSo() {
        assertError(create(token(), json("domain", domainName("never-added"))), 400, "invalid_domain",
                "not a domain of this account");
    }

    @Test
    void anotherAccountsVerifiedDomainIsAnInvalidDomainForThisOne() {
        TestAccount other = TestAccounts.open(openAccount);
        String theirs = domainName("theirs");
        verifiedDomain(other.token(), theirs, null);

        assertError(create(token(), json("mailboxName", mailbox("thief"), "domain", theirs)), 400, "invalid_domain",
                "not a domain of this account");
        assertEquals(0, storedInboxes(account));
    }

    @Test
    void aPendingDomainIsAnInvalidDomainUntilVerified() {
        String name = domainName("pending");
        Reply added = api.post("/v1/domains", token(), json("domain", name));
        assertEquals(201, added.status(), added::toString);

        assertError(create(token(), json("domain", name)), 400, "invalid_domain", "not verified");

        publish(added);
        assertEquals("verified", verify(token(), added.string("id")).get("status"));
        String mailboxName = mailbox("now");
        assertEquals(mailboxName + "@" + name, created(token(), json("mailboxName", mailboxName, "domain", name)).get("address"));
    }

    @Test
    void aDomainThatFailedItsLastCheckIsAnInvalidDomain() {
        String name = domainName("lapsed");
        String id = (String) verifiedDomain(token(), name, null).get("id");
        dns.withdraw(name);
        assertEquals("failed", verify(token(), id).get("status"));

        assertError(create(token(), json("domain", name)), 400, "invalid_domain", "not verified");
        assertEquals(0, storedInboxes(account));
    }

    @Test
    void aVerifiedAccountWideDomainServesEveryPodAndIsMatchedInAnyCase() {
        String name = domainName("shared");
        verifiedDomain(token(), name, null);
        String pod = newPod(token(), "any-pod");
        String first = mailbox("first");
        String second = mailbox("second");

        Map<String, Object> inDefault = created(token(), json("mailboxName", first, "domain", name.toUpperCase()));
        Map<String, Object> inPod = created(token(), json("mailboxName", second, "domain", name + ".", "podId", pod));

        assertInbox(inDefault, INBOX_FIELDS);
        assertEquals(first + "@" + name, inDefault.get("address"));
        assertEquals(account.defaultPodId().value(), inDefault.get("podId"));
        assertEquals(second + "@" + name, inPod.get("address"));
        assertEquals(pod, inPod.get("podId"));
        assertEquals(new DomainId((String) api.get("/v1/domains", token()).data().get(0).get("id")),
                getInbox.get(owner(account.id()), new InboxId((String) inPod.get("id"))).domainId(), "the inbox remembers its domain");
    }

    @Test
    void aUnicodeDomainInTheBodyFindsTheDomainByItsAsciiForm() {
        String unicode = "bücher-" + SEQUENCE.incrementAndGet() + ".example";
        String ascii = java.net.IDN.toASCII(unicode);
        assertEquals(ascii, verifiedDomain(token(), unicode, null).get("domain"));
        String name = mailbox("idn");

        Map<String, Object> inbox = created(token(), json("mailboxName", name, "domain", unicode.toUpperCase()));

        assertEquals(name + "@" + ascii, inbox.get("address"));
    }

    @Test
    void aPodScopedDomainServesOnlyItsPod() {
        String pod = newPod(token(), "scoped-owner");
        newPod(token(), "scoped-other");
        String name = domainName("scoped");
        verifiedDomain(token(), name, pod);

        assertError(create(token(), json("domain", name)), 400, "invalid_domain", "scoped to another pod");
        assertError(create(token(), json("domain", name, "podId", "scoped-other")), 400, "invalid_domain",
                "scoped to another pod");
        String mailboxName = mailbox("inpod");
        Map<String, Object> inbox = created(token(), json("domain", name, "podId", "scoped-owner", "mailboxName", mailboxName));
        assertEquals(mailboxName + "@" + name, inbox.get("address"));
        assertEquals(pod, inbox.get("podId"));
        assertEquals(1, storedInboxes(account));
    }

    @Test
    void anAddressInUseAnywhereIsTakenComparedCaseInsensitively() {
        String name = mailbox("taken");
        TestAccount other = TestAccounts.open(openAccount);
        created(other.token(), json("mailboxName", name));

        assertError(create(token(), json("mailboxName", name)), 409, "address_taken", name + "@" + DEFAULT_DOMAIN);
        assertError(create(token(), json("mailboxName", name.toUpperCase())), 409, "address_taken");
        assertError(create(other.token(), json("mailboxName", name, "displayName", "again")), 409, "address_taken");
        assertEquals(0, storedInboxes(account));
        assertEquals(1, storedInboxes(other));
    }

    @Test
    void theSameMailboxNameOnAnotherDomainIsADifferentAddress() {
        String domain = domainName("other-domain");
        verifiedDomain(token(), domain, null);
        String name = mailbox("twice");

        created(token(), json("mailboxName", name));
        Map<String, Object> onCustom = created(token(), json("mailboxName", name, "domain", domain));

        assertEquals(name + "@" + domain, onCustom.get("address"));
        assertError(create(token(), json("mailboxName", name, "domain", domain.toUpperCase())), 409, "address_taken");
    }

    @Test
    void creatingPastTheInboxLimitIsUnprocessableUntilOneIsDeleted() {
        ProvisionedAccount limited = openAccount.open(new OpenAccount.Command(null, new InboxLimit(2)));
        String token = limited.apiKey().token().reveal();
        String first = (String) created(token, "{}").get("id");
        created(token, "{}");

        assertError(create(token, json("mailboxName", mailbox("third"))), 422, "inbox_limit_reached", "2");
        assertEquals(2, api.get("/v1/inboxes", token).total());

        assertEquals(204, api.delete("/v1/inboxes/" + first, token).status());
        created(token, "{}");
        assertError(create(token, "{}"), 422, "inbox_limit_reached");
    }

    @Test
    void anAccountWithALimitOfZeroCannotCreateInboxes() {
        ProvisionedAccount none = openAccount.open(new OpenAccount.Command(null, new InboxLimit(0)));

        assertError(create(none.apiKey().token().reveal(), "{}"), 422, "inbox_limit_reached");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedByItsContentType() {
        Reply reply = api.send(api.request("/v1/inboxes", token()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)));

        assertError(reply, 415, "unsupported_media_type");
        assertEquals(0, storedInboxes(account));
    }

    // ---- get

    @Test
    void getAnswersTheInboxWithEveryFieldButTheSecret() {
        Map<String, Object> made = created(token(), json("mailboxName", mailbox("reader"), "displayName", "Reader",
                "webhookUrl", "http://hooks.example.com/reader"));

        Reply read = api.get("/v1/inboxes/" + made.get("id"), token());

        assertEquals(200, read.status(), read::toString);
        assertInbox(read.object(), INBOX_FIELDS);
        assertEquals(made.get("address"), read.get("address"));
        assertEquals("Reader", read.get("displayName"));
        assertEquals("http://hooks.example.com/reader", read.get("webhookUrl"));
        assertEquals(UseCaseTestFactory.NOW, Instant.parse(read.string("createdAt")));
    }

    @Test
    void pathIdsThatAreNotInboxIdsAreNotFound() {
        String body = json("displayName", "x");
        for (String id : new String[]{InboxId.generate().value(), "no-such-inbox", "inb_", "inb_garbage",
                account.defaultPodId().value(), DomainId.generate().value(), "inb_%20", "x".repeat(300)}) {
            String path = "/v1/inboxes/" + id;
            assertError(api.get(path, token()), 404, "not_found");
            assertError(api.patch(path, token(), body), 404, "not_found");
            assertError(api.delete(path, token()), 404, "not_found");
            if (!InboxId.isWellFormed(id)) {
                assertError(api.patch(path, token(), "{not json"), 404, "not_found", "No inbox");
            }
        }
    }

    @Test
    void anotherAccountsInboxIsNotFound() {
        TestAccount other = TestAccounts.open(openAccount);
        Map<String, Object> theirs = created(other.token(), json("mailboxName", mailbox("theirs"), "displayName", "Theirs"));
        String path = "/v1/inboxes/" + theirs.get("id");

        assertError(api.get(path, token()), 404, "not_found");
        assertError(api.patch(path, token(), json("displayName", "mine now")), 404, "not_found");
        assertError(api.patch(path, token(), json("webhookUrl", "https://hooks.example.com/steal")), 404, "not_found");
        assertError(api.delete(path, token()), 404, "not_found");

        Reply untouched = api.get(path, other.token());
        assertEquals(200, untouched.status());
        assertEquals("Theirs", untouched.get("displayName"));
        assertNull(untouched.get("webhookUrl"));
        assertEquals(0, api.get("/v1/inboxes", token()).total());
    }

    // ---- patch

    @Test
    void patchChangesOnlyTheFieldsPresent() {
        Map<String, Object> made = created(token(), json("mailboxName", mailbox("patched"), "displayName", "Old",
                "webhookUrl", "https://hooks.example.com/keep"));
        String path = "/v1/inboxes/" + made.get("id");

        Reply renamed = api.patch(path, token(), json("displayName", "New"));

        assertEquals(200, renamed.status(), renamed::toString);
        assertInbox(renamed.object(), INBOX_FIELDS);
        assertEquals("New", renamed.get("displayName"));
        assertEquals("https://hooks.example.com/keep", renamed.get("webhookUrl"), "absent: unchanged");
        assertEquals(made.get("id"), renamed.get("id"));
        assertEquals(made.get("address"), renamed.get("address"));
        assertEquals(made.get("podId"), renamed.get("podId"));

        for (String nothing : new String[]{"{}", ""}) {
            Reply untouched = api.patch(path, token(), nothing);
            assertEquals(200, untouched.status(), untouched::toString);
            assertEquals(renamed.object(), untouched.object());
        }
        assertEquals(renamed.object(), api.get(path, token()).object(), "stored");
    }

    @Test
    void patchWithNullClearsBothFields() {
        Map<String, Object> made = created(token(), json("displayName", "Named", "webhookUrl", "https://hooks.example.com/a"));
        String path = "/v1/inboxes/" + made.get("id");

        Reply cleared = api.patch(path, token(), "{\"displayName\":null,\"webhookUrl\":null}");

        assertEquals(200, cleared.status(), cleared::toString);
        assertInbox(cleared.object(), INBOX_FIELDS);
        assertNull(cleared.get("displayName"));
        assertNull(cleared.get("webhookUrl"));
        assertEquals(cleared.object(), api.get(path, token()).object());
    }

    @Test
    void patchWithAnEmptyWebhookUrlClearsItAsNullDoes() {
        Map<String, Object> made = created(token(), json("displayName", "Kept", "webhookUrl", "https://hooks.example.com/b"));
        String path = "/v1/inboxes/" + made.get("id");

        Reply cleared = api.patch(path, token(), json("webhookUrl", ""));

        assertEquals(200, cleared.status(), cleared::toString);
        assertInbox(cleared.object(), INBOX_FIELDS);
        assertNull(cleared.get("webhookUrl"));
        assertEquals("Kept", cleared.get("displayName"));
        assertNull(api.get(path, token()).get("webhookUrl"));
    }

    @Test
    void theFirstWebhookUrlSetByPatchComesWithItsSecretOnceOnly() {
        Map<String, Object> made = created(token(), json("mailboxName", mailbox("hooked")));
        String path = "/v1/inboxes/" + made.get("id");

        Reply first = api.patch(path, token(), json("webhookUrl", "https://hooks.example.com/first"));

        assertEquals(200, first.status(), first::toString);
        assertInbox(first.object(), INBOX_FIELDS_WITH_SECRET);
        String secret = first.string("webhookSecret");
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(secret, getInbox.get(owner(account.id()), new InboxId((String) made.get("id"))).webhookSecret().value());

        Reply again = api.patch(path, token(), json("webhookUrl", "https://hooks.example.com/second"));
        assertInbox(again.object(), INBOX_FIELDS);
        assertEquals("https://hooks.example.com/second", again.get("webhookUrl"));
        assertInbox(api.patch(path, token(), json("displayName", "Hooked")).object(), INBOX_FIELDS);
        assertInbox(api.get(path, token()).object(), INBOX_FIELDS);
        assertFalse(api.get("/v1/inboxes", token()).body().contains(secret));

        assertInbox(api.patch(path, token(), "{\"webhookUrl\":null}").object(), INBOX_FIELDS);
        Reply reset = api.patch(path, token(), json("webhookUrl", "https://hooks.example.com/third"));
        assertInbox(reset.object(), INBOX_FIELDS);
        assertEquals(secret, getInbox.get(owner(account.id()), new InboxId((String) made.get("id"))).webhookSecret().value(),
                "the secret is made once per inbox and kept");
    }

    @Test
    void patchingTheWebhookOfAnInboxCreatedWithOneIssuesNoNewSecret() {
        Map<String, Object> made = created(token(), json("webhookUrl", "https://hooks.example.com/at-birth"));

        Reply moved = api.patch("/v1/inboxes/" + made.get("id"), token(), json("webhookUrl", "https://hooks.example.com/moved"));

        assertEquals(200, moved.status(), moved::toString);
        assertInbox(moved.object(), INBOX_FIELDS);
        assertEquals(made.get("webhookSecret"),
                getInbox.get(owner(account.id()), new InboxId((String) made.get("id"))).webhookSecret().value());
    }

    @Test
    void patchRefusesBadBodiesAndLeavesTheInboxAsItWas() {
        Map<String, Object> made = created(token(), json("mailboxName", mailbox("guarded"), "displayName", "Guarded",
                "webhookUrl", "https://hooks.example.com/guarded"));
        String path = "/v1/inboxes/" + made.get("id");
        Map<String, Object> before = api.get(path, token()).object();

        Map<String, String> badRequests = new LinkedHashMap<>();
        badRequests.put(json("mailboxName", "renamed"), "mailboxName");
        badRequests.put(json("podId", account.defaultPodId().value()), "podId");
        badRequests.put(json("domain", DEFAULT_DOMAIN), "domain");
        badRequests.put(json("address", "x@openmail.test"), "address");
        badRequests.put(json("displayName", "Fine", "webhookSecret", "whsec_mine"), "webhookSecret");
        badRequests.put("{\"displayName\":42}", "displayName");
        badRequests.put("{\"webhookUrl\":[\"https://hooks.example.com\"]}", "webhookUrl");
        badRequests.put("{\"displayName\":\"" + "d".repeat(201) + "\"}", "displayName");
        badRequests.put("{\"displayName\":\"a\",\"displayName\":\"b\"}", "displayName");
        badRequests.forEach((body, field) -> assertError(api.patch(path, token(), body), 400, "bad_request", field));
        assertError(api.patch(path, token(), "{\"displayName\":"), 400, "bad_request", "JSON");
        assertError(api.patch(path, token(), "[]"), 400, "bad_request");
        assertError(api.patch(path, token(), json("displayName", "Changed", "webhookUrl", "ftp://nope.example")),
                422, "invalid_webhook_url", "webhookUrl");

        assertEquals(before, api.get(path, token()).object());
    }

    // ---- delete

    @Test
    void deleteAnswers204WithoutABodyAndTheInboxIsGone() {
        String id = (String) created(token(), json("mailboxName", mailbox("doomed"))).get("id");
        String kept = (String) created(token(), "{}").get("id");

        Reply deleted = api.delete("/v1/inboxes/" + id, token());

        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals("", deleted.body());
        assertError(api.get("/v1/inboxes/" + id, token()), 404, "not_found");
        assertError(api.delete("/v1/inboxes/" + id, token()), 404, "not_found");
        assertError(api.patch("/v1/inboxes/" + id, token(), "{}"), 404, "not_found");
        assertEquals(List.of(kept), ids(api.get("/v1/inboxes", token())));
    }

    @Test
    void aDeletedInboxFreesItsAddress() {
        String name = mailbox("reused");
        String id = (String) created(token(), json("mailboxName", name)).get("id");

        assertEquals(204, api.delete("/v1/inboxes/" + id, token()).status());

        assertEquals(name + "@" + DEFAULT_DOMAIN, created(token(), json("mailboxName", name)).get("address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "application/json", "application/xml",
            "multipart/form-data; boundary=x"})
    void deleteAcceptsAnyContentType(String contentType) {
        String id = (String) created(token(), "{}").get("id");

        Reply deleted = api.send(api.request("/v1/inboxes/" + id, token()).header("Content-Type", contentType)
                .method("DELETE", HttpRequest.BodyPublishers.noBody()));

        assertEquals(204, deleted.status(), deleted::toString);
        assertError(api.get("/v1/inboxes/" + id, token()), 404, "not_found");
    }

    // ---- list

    @Test
    void listAnswersDataAndTotalOldestFirstWithoutSecrets() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add((String) created(token(), json("webhookUrl", "https://hooks.example.com/" + i)).get("id"));
        }

        Reply list = api.get("/v1/inboxes", token());

        assertEquals(200, list.status(), list::toString);
        assertEquals(Set.of("data", "total"), list.object().keySet());
        assertEquals(3, list.total());
        assertEquals(made, ids(list));
        list.data().forEach(inbox -> assertInbox(inbox, INBOX_FIELDS));
    }

    @Test
    void listShowsOnlyTheCallersInboxes() {
        TestAccount other = TestAccounts.open(openAccount);
        created(other.token(), "{}");
        String mine = (String) created(token(), "{}").get("id");

        Reply list = api.get("/v1/inboxes", token());

        assertEquals(List.of(mine), ids(list));
        assertEquals(1, list.total());
    }

    @Test
    void listFiltersToOnePodNamedByIdOrClientId() {
        String pod = newPod(token(), "filtered");
        String inDefault = (String) created(token(), "{}").get("id");
        String inPod1 = (String) created(token(), json("podId", pod)).get("id");
        String inPod2 = (String) created(token(), json("podId", "filtered")).get("id");

        for (String ref : new String[]{pod, "filtered"}) {
            Reply list = api.get("/v1/inboxes?podId=" + ref, token());
            assertEquals(200, list.status(), list::toString);
            assertEquals(List.of(inPod1, inPod2), ids(list));
            assertEquals(2, list.total());
        }
        Reply defaults = api.get("/v1/inboxes?podId=" + account.defaultPodId().value(), token());
        assertEquals(List.of(inDefault), ids(defaults));
        assertEquals(1, defaults.total());
        Reply windowed = api.get("/v1/inboxes?podId=filtered&limit=1&offset=1", token());
        assertEquals(List.of(inPod2), ids(windowed));
        assertEquals(2, windowed.total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-pod", "pod_garbage", "pod_", "has%20space", "%F0%9F%98%80", "", "their-pod"})
    void listOfAPodThatIsNotTheCallersIsEmpty(String podId) {
        TestAccount other = TestAccounts.open(openAccount);
        String theirPod = newPod(other.token(), "their-pod");
        created(other.token(), json("podId", theirPod));
        created(token(), "{}");

        for (String ref : new String[]{podId, theirPod}) {
            Reply list = api.get("/v1/inboxes?podId=" + ref, token());
            assertEquals(200, list.status(), () -> ref + " -> " + list);
            assertEquals(Set.of("data", "total"), list.object().keySet());
            assertEquals(List.of(), list.data(), () -> ref + " -> " + list);
            assertEquals(0, list.total(), () -> ref + " -> " + list);
        }
    }

    @Test
    void listPagesWithLimitAndOffset() {
        ProvisionedAccount big = openAccount.open(new OpenAccount.Command(null, new InboxLimit(200)));
        String token = big.apiKey().token().reveal();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 103; i++) {
            made.add(createInbox.create(new CreateInbox.Command(owner(big.account().id()), null,
                    new MailboxName(mailbox("bulk")), null, null, null)).id().value());
        }

        Reply first = api.get("/v1/inboxes", token);
        assertEquals(made.subList(0, 50), ids(first), "fifty by default");
        assertEquals(103, first.total());
        assertEquals(made.subList(0, 100), ids(api.get("/v1/inboxes?limit=1000", token)), "clamped to 100");
        assertEquals(made.subList(0, 1), ids(api.get("/v1/inboxes?limit=0", token)), "clamped to 1");
        assertEquals(made.subList(0, 1), ids(api.get("/v1/inboxes?limit=-5", token)));
        assertEquals(made.subList(0, 100), ids(api.get("/v1/inboxes?limit=99999999999999999999", token)));
        assertEquals(made.subList(10, 13), ids(api.get("/v1/inboxes?limit=3&offset=10", token)));
        assertEquals(made.subList(100, 103), ids(api.get("/v1/inboxes?offset=100", token)));
        Reply past = api.get("/v1/inboxes?offset=99999999999999999999", token);
        assertEquals(200, past.status(), past::toString);
        assertEquals(List.of(), past.data());
        assertEquals(103, past.total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5", "", "1e3", "0x10"})
    void aNegativeOrNonIntegerOffsetIsABadRequestNamingIt(String offset) {
        assertError(api.get("/v1/inboxes?offset=" + offset, token()), 400, "bad_request", "offset");
        assertError(api.get("/v1/inboxes?podId=no-such-pod&offset=" + offset, token()), 400, "bad_request", "offset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "", "ten"})
    void aNonIntegerLimitIsABadRequestNamingIt(String limit) {
        assertError(api.get("/v1/inboxes?limit=" + limit, token()), 400, "bad_request", "limit");
    }

    @Test
    void everyInboxCallNeedsAKey() {
        String id = (String) created(token(), "{}").get("id");
        assertError(api.get("/v1/inboxes", null), 401, "unauthorized");
        assertError(api.post("/v1/inboxes", null, "{}"), 401, "unauthorized");
        assertError(api.get("/v1/inboxes/" + id, null), 401, "unauthorized");
        assertError(api.patch("/v1/inboxes/" + id, null, "{}"), 401, "unauthorized");
        assertError(api.delete("/v1/inboxes/" + id, "om_" + "z".repeat(43)), 401, "unauthorized");
        assertEquals(1, storedInboxes(account), "nothing was deleted");
    }
}
