package dev.openmail.application.mail;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.search.SearchQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static dev.openmail.application.mail.MailFixture.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SearchMailServiceTest {

    private static final SearchQuery INVOICE = SearchQuery.parse("invoice");

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final PodId otherPod = fixture.pod(acme);
    private final Inbox support = fixture.inbox(acme, "support");
    private final Inbox sales = fixture.inbox(acme, "sales");
    private final Inbox partners = fixture.inbox(acme, otherPod, "partners");
    private final AccountId stranger = fixture.account();
    private final Inbox strangers = fixture.inbox(stranger, "strangers");

    /** One invoice per inbox, a minute apart, in the order support, sales, partners, strangers. */
    @BeforeEach
    void anInvoiceInEveryInbox() {
        for (Inbox inbox : List.of(support, sales, partners, strangers)) {
            fixture.receive(RawMail.from("billing@example.com").subject("Invoice for " + inbox.address().value())
                    .body("Please pay."), address(inbox));
            fixture.clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void anAccountKeySearchesTheWholeAccountNewestFirst() {
        assertEquals(List.of(partners, sales, support), inboxesOf(everywhere(owner(acme), INVOICE)));
        assertEquals(List.of(strangers), inboxesOf(everywhere(owner(stranger), INVOICE)));
    }

    @Test
    void aPodKeySearchesItsPodsInboxesOnly() {
        assertEquals(List.of(sales, support), inboxesOf(everywhere(podKey(acme, support.podId()), INVOICE)));
        assertEquals(List.of(partners), inboxesOf(everywhere(podKey(acme, otherPod), INVOICE)));
    }

    @Test
    void anInboxKeySearchesItsInboxOnly() {
        assertEquals(List.of(sales), inboxesOf(everywhere(inboxKey(sales), INVOICE)));
    }

    @Test
    void anInboxIsSearchedForKeysThatReachIt() {
        PageRequest page = PageRequest.firstPage();

        assertEquals(List.of(sales), inboxesOf(fixture.searchMail().inInbox(owner(acme), sales.id(), INVOICE, page,
                BodyBudget.UNLIMITED)));
        assertEquals(List.of(sales), inboxesOf(fixture.searchMail().inInbox(inboxKey(sales), sales.id(), INVOICE,
                page, BodyBudget.UNLIMITED)));
        assertThrows(ForbiddenException.class, () -> fixture.searchMail().inInbox(inboxKey(support), sales.id(),
                INVOICE, page, BodyBudget.UNLIMITED));
        assertThrows(ForbiddenException.class, () -> fixture.searchMail().inInbox(podKey(acme, otherPod),
                sales.id(), INVOICE, page, BodyBudget.UNLIMITED));
        assertThrows(NotFoundException.class, () -> fixture.searchMail().inInbox(owner(stranger), sales.id(),
                INVOICE, page, BodyBudget.UNLIMITED), "another account's inbox is not found");
    }

    @Test
    void isUnreadFollowsMarkingTheThreadRead() {
        BoundedMessage salesInvoice = fixture.searchMail().inInbox(owner(acme), sales.id(), INVOICE,
                PageRequest.firstPage(), BodyBudget.UNLIMITED).items().get(0);
        fixture.markRead(sales, salesInvoice.message().threadId());

        assertEquals(List.of(partners, support),
                inboxesOf(everywhere(owner(acme), SearchQuery.parse("invoice is:unread"))));
    }

    private Page<BoundedMessage> everywhere(Caller caller, SearchQuery query) {
        return fixture.searchMail().everywhere(caller, query, PageRequest.firstPage(), BodyBudget.UNLIMITED);
    }

    private List<Inbox> inboxesOf(Page<BoundedMessage> page) {
        List<Inbox> all = List.of(support, sales, partners, strangers);
        return page.items().stream()
                .map(item -> all.stream().filter(inbox -> inbox.id().equals(item.message().inboxId())).findFirst()
                        .orElseThrow())
                .toList();
    }
}
