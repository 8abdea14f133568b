package dev.openmail.application.maildomain;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ListDomainsServiceTest {

    private static final Instant T = DomainFixture.NOW.minusSeconds(600);

    private final DomainFixture fixture = new DomainFixture();
    private final ListDomainsService listDomains =
            new ListDomainsService(fixture.transactions, fixture.store, fixture.domains);

    @Test
    void listsEveryDomainOfTheAccountOldestFirst() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");
        MailDomain newest = fixture.domain(account, "newest.example", null, T.plusSeconds(2));
        MailDomain oldest = fixture.domain(account, "oldest.example", meridian.id(), T);
        MailDomain middle = fixture.domain(account, "middle.example", null, T.plusSeconds(1));
        fixture.domain(fixture.account(), "foreign.example", null, T);

        Page<MailDomain> page = listDomains.list(owner(account), null, PageRequest.firstPage());

        assertEquals(List.of(oldest.id(), middle.id(), newest.id()), ids(page));
        assertEquals(3, page.total());
        assertEquals(List.of(middle.id()), ids(listDomains.list(owner(account), null, new PageRequest(1, 1))));
        assertEquals(3, listDomains.list(owner(account), null, new PageRequest(1, 1)).total());
    }

    @Test
    void aPodShowsOnlyTheDomainsScopedToIt() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");
        Pod cedar = fixture.pod(account, "cedar");
        MailDomain meridianDomain = fixture.domain(account, "meridian.io", meridian.id(), T);
        fixture.domain(account, "cedarworks.com", cedar.id(), T);
        fixture.domain(account, "relaystack.com", null, T);

        Page<MailDomain> byClientId = listDomains.list(owner(account), DomainFixture.byClientId("meridian"),
                PageRequest.firstPage());
        Page<MailDomain> byId = listDomains.list(owner(account), new PodRef.ById(meridian.id()), PageRequest.firstPage());
        Page<MailDomain> defaultPod = listDomains.list(owner(account), new PodRef.ById(fixture.defaultPod(account).id()),
                PageRequest.firstPage());

        assertEquals(List.of(meridianDomain.id()), ids(byClientId));
        assertEquals(1, byClientId.total());
        assertEquals(ids(byClientId), ids(byId));
        assertEquals(List.of(), defaultPod.items());
        assertEquals(0, defaultPod.total());
    }

    @Test
    void anUnknownPodOrAnotherAccountsPodHasAnEmptyList() {
        AccountId account = fixture.account();
        AccountId other = fixture.account();
        Pod theirs = fixture.pod(other, "theirs");
        fixture.domain(other, "theirs.example", theirs.id(), T);
        fixture.domain(account, "mine.example", null, T);

        for (PodRef ref : List.of(DomainFixture.byClientId("nobody"), new PodRef.ById(PodId.generate()),
                new PodRef.ById(theirs.id()), DomainFixture.byClientId("theirs"))) {
            Page<MailDomain> page = listDomains.list(owner(account), ref, PageRequest.firstPage());
            assertEquals(List.of(), page.items(), ref.text());
            assertEquals(0, page.total(), ref.text());
        }
    }

    private static List<DomainId> ids(Page<MailDomain> page) {
        return page.items().stream().map(MailDomain::id).toList();
    }
}
