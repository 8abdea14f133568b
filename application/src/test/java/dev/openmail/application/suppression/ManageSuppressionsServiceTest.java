package dev.openmail.application.suppression;

import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.application.fakes.MutableClock;
import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.ManageSuppressions;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading, adding and removing suppressions, and who may do which. */
class ManageSuppressionsServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    private final InMemoryStore store = new InMemoryStore();
    private final MutableClock clock = new MutableClock(T0);
    private final ManageSuppressionsService service = new ManageSuppressionsService(new InMemoryTransactions(store),
            store.suppressions(), clock);
    private final AccountId acme = AccountId.generate();
    private final PodId pod = PodId.generate();
    private final PodId otherPod = PodId.generate();

    @Test
    void anAccountKeyAddsOnceAndASecondAddAnswersTheFirstUnchanged() {
        ManageSuppressions.Added first = service.add(owner(acme), " Bob@Example.com ", SuppressionType.UNSUB, "asked");
        clock.advance(java.time.Duration.ofMinutes(1));
        ManageSuppressions.Added again = service.add(owner(acme), "bob@example.com", SuppressionType.BOUNCE, null);

        assertTrue(first.created());
        assertEquals("bob@example.com", first.suppression().address());
        assertNull(first.suppression().podOrNull(), "added by the account: its own");
        assertFalse(again.created());
        assertEquals(first.suppression(), again.suppression());
    }

    @Test
    void aScopedKeyReadsItsPodsAndTheAccountsOwnButAddsAndRemovesNothing() {
        service.add(owner(acme), "own@example.com", SuppressionType.UNSUB, null);
        store.suppressions().insertIfAbsent(new Suppression(acme, pod, "mine@example.com", SuppressionType.BOUNCE,
                null, T0.plusSeconds(1)));
        store.suppressions().insertIfAbsent(new Suppression(acme, otherPod, "theirs@example.com",
                SuppressionType.COMPLAINT, null, T0.plusSeconds(2)));

        assertEquals(List.of("mine@example.com", "own@example.com"), service.list(podKey(acme, pod), null,
                PageRequest.firstPage()).items().stream().map(Suppression::address).toList());
        assertEquals(3, service.list(owner(acme), null, PageRequest.firstPage()).total());
        assertThrows(ForbiddenException.class,
                () -> service.add(podKey(acme, pod), "x@example.com", SuppressionType.UNSUB, null));
        assertThrows(ForbiddenException.class, () -> service.remove(podKey(acme, pod), "mine@example.com"));
    }

    @Test
    void removingAnAddressNotOnTheListIsNotFoundAndABadAddressIsRefused() {
        service.add(owner(acme), "bob@example.com", SuppressionType.UNSUB, null);

        service.remove(owner(acme), "BOB@example.com");

        assertThrows(NotFoundException.class, () -> service.remove(owner(acme), "bob@example.com"));
        assertThrows(NotFoundException.class, () -> service.remove(owner(AccountId.generate()),
                "bob@example.com"));
        for (String bad : new String[]{"", "bob", "@example.com", "bob@", "a b@example.com", "a@b@example.com",
                "x".repeat(250) + "@example.com"}) {
            assertThrows(InvalidInputException.class,
                    () -> service.add(owner(acme), bad, SuppressionType.UNSUB, null), bad);
        }
    }
}
