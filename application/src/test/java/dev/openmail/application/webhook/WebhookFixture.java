package dev.openmail.application.webhook;

import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.application.fakes.MutableClock;
import dev.openmail.application.fakes.ScriptedWebhooks;
import dev.openmail.application.fakes.SimpleEventRenderer;
import dev.openmail.application.fakes.SwitchedSubscribers;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MessageSnapshot;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.webhook.WebhookDelivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An account with inboxes, events recorded in their log, and the webhook use cases over fakes and a moved clock. */
final class WebhookFixture {

    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final InMemoryStore store = new InMemoryStore();
    final InMemoryTransactions transactions = new InMemoryTransactions(store);
    final ScriptedWebhooks endpoints = new ScriptedWebhooks();
    final SwitchedSubscribers subscribers = new SwitchedSubscribers();
    final SimpleEventRenderer renderer = new SimpleEventRenderer();

    AccountId account() {
        Account account = Account.open(null, new InboxLimit(50), T0.minus(Duration.ofDays(1)));
        store.insert(account);
        store.insert(Pod.createDefault(account.id(), account.createdAt()));
        return account.id();
    }

    PodId pod(AccountId accountId) {
        Pod pod = Pod.create(accountId, null, null, T0.minus(Duration.ofHours(1)));
        store.insert(pod);
        return pod.id();
    }

    PodId defaultPod(AccountId accountId) {
        return store.list(accountId, dev.openmail.domain.common.PageRequest.firstPage()).items().stream()
                .filter(Pod::isDefault).findFirst().orElseThrow().id();
    }

    /** An inbox in the account's default pod, with a webhook when {@code webhookUrl} is not null. */
    Inbox inbox(AccountId accountId, String mailbox, String webhookUrl) {
        return inbox(accountId, defaultPod(accountId), mailbox, webhookUrl);
    }

    Inbox inbox(AccountId accountId, PodId podId, String mailbox, String webhookUrl) {
        Inbox inbox = Inbox.create(accountId, podId, EmailAddress.of(mailbox + "@openmail.test"), null, null,
                webhookUrl == null ? null : new WebhookUrl(webhookUrl), T0.minus(Duration.ofHours(1)));
        store.insert(inbox);
        return inbox;
    }

    /** A message.received event of the inbox, recorded (with its delivery) at the clock's time. */
    MailEvent received(Inbox inbox, String subject) {
        Instant now = clock.instant();
        MailEvent event = new MailEvent(EventId.generate(), EventType.MESSAGE_RECEIVED, inbox.accountId(),
                inbox.podId(), inbox.id(), ThreadId.generate(), MessageId.generate(), now,
                new MessageSnapshot("m1@example.com", "alice@example.com", inbox.address().value(), List.of(),
                        subject, "hello", List.of(), now));
        transactions.inTransaction(() -> store.events().record(List.of(event)));
        return event;
    }

    WebhookDelivery delivery(MailEvent event) {
        return store.webhooks().delivery(event.id()).orElseThrow();
    }

    DeliverWebhooksService deliverer(int perHostLimit) {
        return new DeliverWebhooksService(transactions, store.webhooks(), store.events(), store, store.webhooks(),
                subscribers, renderer, endpoints, clock,
                new DeliverWebhooksService.Settings(Duration.ofMinutes(1), perHostLimit, Duration.ofSeconds(2)));
    }

    DeliverWebhooksService deliverer() {
        return deliverer(2);
    }

    ManageWebhooksService manager() {
        return new ManageWebhooksService(transactions, store, store, store.webhooks(), store.webhooks(), renderer,
                endpoints, clock);
    }

    /** Claims what is due now and delivers it all, as the worker does; answers how many were claimed. */
    int runDue(DeliverWebhooksService deliverer) {
        List<WebhookDelivery> due = deliverer.claimDue(100);
        due.forEach(deliverer::deliver);
        return due.size();
    }
}
