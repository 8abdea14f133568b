package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventAttachment;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MessageSnapshot;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.Transactions;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event log as the server writes it: mail received over SMTP is recorded, one event per inbox, and events past
 * their retention are removed by the server on its own. Read through the port, as webhooks and the WebSocket will.
 */
class EventLogSystemTest {

    private final RunningServer server = RunningServer.shared();

    @Test
    void mailReceivedOverSmtpIsRecordedOnceForEachInboxThatGotIt() throws Exception {
        Account acme = server.openAccount();
        Account globex = server.openAccount();
        Reply support = server.post("/v1/inboxes", acme.token(), "{}");
        Reply billing = server.post("/v1/inboxes", globex.token(), "{}");
        assertEquals(201, support.status(), support.body());
        assertEquals(201, billing.status(), billing.body());
        MimeMessage mail = new MimeMessage(session());
        mail.setFrom(new InternetAddress("alice@example.org"));
        mail.setRecipients(RecipientType.TO, support.string("address") + ", " + billing.string("address"));
        mail.setSubject("Order 42", "UTF-8");
        mail.setText("Where is it?", "UTF-8");
        mail.saveChanges();

        Transport.send(mail, new Address[]{new InternetAddress(support.string("address")),
                new InternetAddress(billing.string("address"))});

        for (Map.Entry<Account, Reply> received : Map.of(acme, support, globex, billing).entrySet()) {
            Reply messages = server.get("/v1/inboxes/" + received.getValue().string("id") + "/messages",
                    received.getKey().token());
            assertEquals(1, messages.total(), messages.body());
            Map<String, Object> message = messages.data().get(0);
            List<LoggedEvent> events = events().ofAccount(new AccountId(received.getKey().id()), 10);
            assertEquals(1, events.size(), events::toString);
            MailEvent event = events.get(0).event();
            assertEquals(EventType.MESSAGE_RECEIVED, event.type());
            assertEquals(received.getValue().string("id"), event.inboxId().value());
            assertEquals(message.get("id"), event.messageId().value());
            assertEquals(message.get("threadId"), event.threadId().value());
            assertEquals("alice@example.org", event.message().from());
            assertEquals("Order 42", event.message().subject());
            assertEquals("Where is it?", event.message().bodyText().strip());
        }
    }

    @Test
    void eventsPastTheirRetentionAreRemovedByTheServer() throws Exception {
        try (RunningServer purging = RunningServer.start(TestDatabase.mysql(),
                Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN, "openmail.events.retention", "1h",
                        "openmail.events.purge-interval", "100ms"))) {
            Account account = purging.openAccount();
            Reply inbox = purging.post("/v1/inboxes", account.token(), "{}");
            assertEquals(201, inbox.status(), inbox.body());
            MailEvent expired = event(account, inbox, Instant.now().minus(Duration.ofHours(2)));
            MailEvent kept = event(account, inbox, Instant.now().minus(Duration.ofMinutes(50)));
            // in one transaction, as every use case records events: the purger, running every 100 ms, must not see the
            // expired event between its row and its attachment's
            purging.context().getBean(Transactions.class).inTransaction(() -> {
                purging.context().getBean(RecordEvents.class).record(List.of(expired, kept));
                return null;
            });
            LoadEvents events = purging.context().getBean(LoadEvents.class);

            Supplier<List<MailEvent>> left = () -> events.ofAccount(new AccountId(account.id()), 10).stream()
                    .map(LoggedEvent::event).toList();
            Eventually.holds(() -> left.get().size() == 1, Duration.ofSeconds(20));
            assertEquals(List.of(kept), left.get());
            assertTrue(purging.queryForLong("SELECT COUNT(*) FROM event_attachments WHERE event_id = ?",
                    expired.id().value()) == 0, "an event's attachments go with it");
        }
    }

    private static MailEvent event(Account account, Reply inbox, Instant occurredAt) {
        MessageId messageId = MessageId.generate();
        return new MailEvent(EventId.generate(), EventType.MESSAGE_RECEIVED, new AccountId(account.id()),
                new PodId(account.defaultPodId()), new InboxId(inbox.string("id")), ThreadId.generate(), messageId,
                occurredAt, new MessageSnapshot(null, "alice@example.org", inbox.string("address"), List.of(), "Hi",
                "Hello", List.of(new EventAttachment("a.txt", "text/plain", 1, null, null)), occurredAt));
    }

    private LoadEvents events() {
        return server.context().getBean(LoadEvents.class);
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        return Session.getInstance(properties);
    }
}
