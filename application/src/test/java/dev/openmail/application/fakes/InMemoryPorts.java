package dev.openmail.application.fakes;

import dev.openmail.application.UseCases;
import dev.openmail.domain.port.out.DnsLookup;

/**
 * The outgoing ports over one in-memory store, for tests that run the real use cases (as {@link UseCases} builds
 * them) without a database. Composing, signing, parsing and relaying get this package's simple fakes.
 */
public final class InMemoryPorts {

    private InMemoryPorts() {
    }

    public static UseCases.Ports over(InMemoryStore store, InMemoryTransactions transactions, DnsLookup dns) {
        return over(store, transactions, dns, new InMemorySubscribers(), new RecordingRevocations());
    }

    /** As {@link #over(InMemoryStore, InMemoryTransactions, DnsLookup)}, with the WebSocket's fakes given. */
    public static UseCases.Ports over(InMemoryStore store, InMemoryTransactions transactions, DnsLookup dns,
                                      InMemorySubscribers subscribers, RecordingRevocations revocations) {
        return new UseCases.Ports(transactions, store, store, store, store, store, store, store, store, store, store,
                store, store.domains(), store.domains(), dns, store.mail(), store.mail(), new SimpleMailParser(),
                new RecordingComposer(), new SimpleHtmlReader(), new MarkingSigner(), store.idempotentSends(), store.outbox(),
                new ScriptedRelay(), store.events(), store.events(), subscribers, revocations, store.webhooks(),
                store.webhooks(), new SwitchedSubscribers(), new SimpleEventRenderer(), new ScriptedWebhooks(),
                store.senderRules(),
                request -> new dev.openmail.domain.port.out.AuthenticateMail.Outcome(
                        dev.openmail.domain.mail.Authentication.none(),
                        request.authservId() + "; spf=none; dkim=none; dmarc=none"),
                dev.openmail.domain.port.out.ScanMail.NONE, store.usage(),
                store.extraction(), store.extraction(), new DirectExtractionPool(), store.suppressions(),
                new PlainUnsubscribeLinks(), store.mail(), store.sendCounters(), store.coldOutreach(),
                store.coldOutreach(), store.coldOutreach(), store.outboundRecipients(),
                raw -> java.util.Optional.empty());
    }
}
