package dev.openmail.adapters.rest.mail;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.HttpApi.Reply;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.in.OpenAccount;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /v1/search and GET /v1/inboxes/{id}/messages?q= over HTTP, on the real use cases and the in-memory store. */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
class SearchControllerTest {

    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.891Z");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    OpenAccount openAccount;
    @Inject
    InMemoryStore store;

    private HttpApi api;
    private TestAccount account;
    private Inbox inbox;
    private Inbox other;

    @BeforeEach
    void openAccount() {
        api = new HttpApi(server.getURL(), mapper);
        account = TestAccounts.open(openAccount);
        inbox = store.addInbox(account.id(), account.defaultPodId());
        other = store.addInbox(account.id(), account.defaultPodId());
    }

    @Test
    void searchAnswersTheMatchingMessagesNewestFirstAsTheMessageListDoes() {
        Message older = store(inbox, "Quarterly report", "alice@example.com", 1);
        Message newer = store(other, "Quarterly report, revised", "bob@example.com", 2);
        store(inbox, "Lunch", "alice@example.com", 3);

        Reply reply = api.get("/v1/search?q=" + encoded("quarterly report"), account.token());

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(2, reply.total());
        assertEquals(List.of(newer.id().value(), older.id().value()), ids(reply));
        Map<String, Object> first = reply.data().get(0);
        assertEquals("Quarterly report, revised", first.get("subject"));
        Reply listed = api.get("/v1/inboxes/" + other.id().value() + "/messages", account.token());
        assertEquals(listed.data().get(0).keySet(), first.keySet(), "a hit is the message list's view");
    }

    @Test
    void searchPagesWithLimitAndOffset() {
        Message first = store(inbox, "Invoice", "billing@example.com", 1);
        Message second = store(inbox, "Invoice", "billing@example.com", 2);
        Message third = store(inbox, "Invoice", "billing@example.com", 3);

        Reply page = api.get("/v1/search?q=invoice&limit=2&offset=1", account.token());

        assertEquals(List.of(second.id().value(), first.id().value()), ids(page));
        assertEquals(3, page.total());
        assertError(api.get("/v1/search?q=invoice&offset=-1", account.token()), 400, "bad_request", "offset");
        assertEquals(List.of(third.id().value()), ids(api.get("/v1/search?q=invoice&limit=1", account.token())));
    }

    @Test
    void theInboxListTakesQAndSearchesThatInboxOnly() {
        Message here = store(inbox, "Budget approved", "cfo@example.com", 1);
        store(other, "Budget approved", "cfo@example.com", 2);

        Reply reply = api.get("/v1/inboxes/" + inbox.id().value() + "/messages?q=" + encoded("budget from:cfo"),
                account.token());

        assertEquals(List.of(here.id().value()), ids(reply));
        assertEquals(1, reply.total());
        assertError(api.get("/v1/inboxes/" + inbox.id().value() + "/messages?q=budget&direction=inbound",
                account.token()), 400, "bad_request", "direction");
        assertError(api.get("/v1/inboxes/inb_missing/messages?q=budget", account.token()), 404, "not_found");
    }

    @Test
    void anUnknownOperatorIsRefusedNamingItAndTheOperatorsThatExist() {
        Reply reply = api.get("/v1/search?q=" + encoded("budget to:cfo"), account.token());

        assertError(reply, 400, "unknown_search_operator", "to:");
        assertError(reply, 400, "unknown_search_operator", "from:");
        assertError(reply, 400, "unknown_search_operator", "has:attachment");
        assertError(reply, 400, "unknown_search_operator", "is:unread");
        assertError(api.get("/v1/search?q=" + encoded("has:link"), account.token()), 400, "unknown_search_operator",
                "has:link");
    }

    @Test
    void anEmptyOverLongOrUnreadableQueryIsRefused() {
        assertError(api.get("/v1/search", account.token()), 400, "invalid_search_query", "empty");
        assertError(api.get("/v1/search?q=" + encoded("   "), account.token()), 400, "invalid_search_query");
        assertError(api.get("/v1/search?q=" + "a".repeat(501), account.token()), 400, "invalid_search_query", "500");
        assertError(api.get("/v1/search?q=" + encoded("w ".repeat(21)), account.token()), 400,
                "invalid_search_query", "20 terms");
        assertError(api.get("/v1/search?q=" + encoded("\"open quote"), account.token()), 400,
                "invalid_search_query", "quote");
        assertError(api.get("/v1/search?q=" + encoded("to be or"), account.token()), 400, "invalid_search_query",
                "common word");
    }

    @Test
    void withoutAKeyTheSearchIsUnauthorized() {
        assertError(api.get("/v1/search?q=budget", null), 401, "unauthorized");
    }

    private static String encoded(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static List<String> ids(Reply reply) {
        return reply.data().stream().map(message -> (String) message.get("id")).toList();
    }

    private Message store(Inbox in, String subject, String from, int second) {
        MailThread thread = new MailThread(ThreadId.generate(), in.accountId(), in.podId(), in.id(), subject, false,
                T0, T0, 1);
        store.mail().insertThread(thread);
        Message message = new Message(MessageId.generate(), in.accountId(), in.podId(), in.id(), thread.id(),
                Direction.INBOUND, MessageStatus.RECEIVED, from, in.address().value(), null, null, List.of(), subject,
                "body", null, List.of(), null, null, List.of(), T0.plusSeconds(second));
        store.mail().insertMessage(message, "raw".getBytes(StandardCharsets.US_ASCII), List.of());
        return message;
    }
}
