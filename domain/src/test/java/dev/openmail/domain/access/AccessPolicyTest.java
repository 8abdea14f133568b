package dev.openmail.domain.access;

import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessPolicyTest {

    private static final PodId POD = PodId.generate();
    private static final PodId OTHER_POD = PodId.generate();
    private static final InboxId INBOX = InboxId.generate();
    private static final InboxId SIBLING_INBOX = InboxId.generate();
    private static final InboxId FOREIGN_INBOX = InboxId.generate();

    private static final KeyScope POD_KEY = KeyScope.pod(POD);
    private static final KeyScope INBOX_KEY = KeyScope.inbox(POD, INBOX);

    /** Who asks, and where the resource sits relative to the key's boundary. */
    enum Situation {
        ACCOUNT_WIDE, POD_KEY_INSIDE, POD_KEY_OUTSIDE, INBOX_KEY_INSIDE, INBOX_KEY_OUTSIDE
    }

    private static final boolean Y = true;
    private static final boolean N = false;

    /**
     * The contract's table, written out rather than derived from {@link Action#reach()}, so that a change of an
     * action's reach shows up here as a failing cell.
     */
    private static final Map<Action, boolean[]> ALLOWED = new EnumMap<>(Map.ofEntries(
            //                                                  account  podIn  podOut  inboxIn  inboxOut
            Map.entry(Action.READ_PODS, new boolean[]{Y, Y, N, N, N}),
            Map.entry(Action.MANAGE_PODS, new boolean[]{Y, N, N, N, N}),
            Map.entry(Action.CREATE_INBOX, new boolean[]{Y, Y, N, N, N}),
            Map.entry(Action.READ_INBOXES, new boolean[]{Y, Y, N, Y, N}),
            Map.entry(Action.RENAME_INBOX, new boolean[]{Y, Y, N, N, N}),
            Map.entry(Action.CONFIGURE_WEBHOOKS, new boolean[]{Y, N, N, N, N}),
            Map.entry(Action.TEST_WEBHOOKS, new boolean[]{Y, Y, N, N, N}),
            Map.entry(Action.DELETE_INBOX, new boolean[]{Y, N, N, N, N}),
            Map.entry(Action.MANAGE_DOMAINS, new boolean[]{Y, N, N, N, N}),
            Map.entry(Action.MANAGE_KEYS, new boolean[]{Y, N, N, N, N}),
            Map.entry(Action.READ_MAIL, new boolean[]{Y, Y, N, Y, N}),
            Map.entry(Action.MARK_THREADS, new boolean[]{Y, Y, N, Y, N}),
            Map.entry(Action.SEND_MAIL, new boolean[]{Y, Y, N, Y, N}),
            Map.entry(Action.MANAGE_SENDER_RULES, new boolean[]{Y, Y, N, N, N}),
            Map.entry(Action.READ_SUPPRESSIONS, new boolean[]{Y, Y, N, Y, N}),
            Map.entry(Action.MANAGE_SUPPRESSIONS, new boolean[]{Y, N, N, N, N})));

    static Stream<Arguments> everyActionInEverySituation() {
        List<Arguments> cells = new ArrayList<>();
        for (Action action : Action.values()) {
            boolean[] row = ALLOWED.get(action);
            for (Situation situation : Situation.values()) {
                cells.add(Arguments.of(action, situation, row[situation.ordinal()]));
            }
        }
        return cells.stream();
    }

    @Test
    void theTableCoversEveryAction() {
        assertEquals(Action.values().length, ALLOWED.size());
    }

    @ParameterizedTest(name = "{0} by {1}: allowed={2}")
    @MethodSource("everyActionInEverySituation")
    void eachKindOfKeyMayDoWhatTheContractSays(Action action, Situation situation, boolean allowed) {
        KeyScope scope = scopeIn(situation);
        Place place = placeIn(situation, action);

        if (allowed) {
            assertDoesNotThrow(() -> AccessPolicy.check(scope, action, place));
        } else {
            ForbiddenException e = assertThrows(ForbiddenException.class, () -> AccessPolicy.check(scope, action, place));
            assertTrue(e.getMessage().contains(scope.boundary()), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void anAccountWideKeyMayActAtAccountLevelToo(Action action) {
        assertDoesNotThrow(() -> AccessPolicy.check(KeyScope.ACCOUNT_WIDE, action, Place.ACCOUNT));
        assertDoesNotThrow(() -> AccessPolicy.checkKind(KeyScope.ACCOUNT_WIDE, action));
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void scopedKeysNeverActAtAccountLevel(Action action) {
        assertThrows(ForbiddenException.class, () -> AccessPolicy.check(POD_KEY, action, Place.ACCOUNT));
        assertThrows(ForbiddenException.class, () -> AccessPolicy.check(INBOX_KEY, action, Place.ACCOUNT));
    }

    @Test
    void anInboxKeyMayNotReadAnInboxOfAnotherPod() {
        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> AccessPolicy.check(INBOX_KEY, Action.READ_INBOXES, Place.inbox(OTHER_POD, FOREIGN_INBOX)));

        assertTrue(e.getMessage().contains("inbox " + INBOX.value()), e.getMessage());
    }

    @Test
    void aPodKeyMayReadEveryInboxOfItsPodButNoneElsewhere() {
        assertDoesNotThrow(() -> AccessPolicy.check(POD_KEY, Action.READ_INBOXES, Place.inbox(POD, INBOX)));
        assertDoesNotThrow(() -> AccessPolicy.check(POD_KEY, Action.READ_INBOXES, Place.inbox(POD, SIBLING_INBOX)));
        assertThrows(ForbiddenException.class,
                () -> AccessPolicy.check(POD_KEY, Action.READ_INBOXES, Place.inbox(OTHER_POD, FOREIGN_INBOX)));
    }

    // ---- messages

    @Test
    void aPodKeyOutsideItsPodIsToldItsBoundaryButNotTheOtherPodsId() {
        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> AccessPolicy.check(POD_KEY, Action.READ_PODS, Place.pod(OTHER_POD)));

        assertTrue(e.getMessage().contains("confined to pod " + POD.value()), e.getMessage());
        assertTrue(e.getMessage().contains("the pod asked for is outside it"), e.getMessage());
        assertFalse(e.getMessage().contains(OTHER_POD.value()), "a pod key must not learn other pods' ids: " + e.getMessage());
    }

    @Test
    void aPodKeyReachingForAnInboxElsewhereIsToldItsBoundaryOnly() {
        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> AccessPolicy.check(POD_KEY, Action.RENAME_INBOX, Place.inbox(OTHER_POD, FOREIGN_INBOX)));

        assertTrue(e.getMessage().contains("confined to pod " + POD.value()), e.getMessage());
        assertTrue(e.getMessage().contains("the inbox asked for is outside it"), e.getMessage());
        assertFalse(e.getMessage().contains(OTHER_POD.value()), e.getMessage());
    }

    @Test
    void anInboxKeyOutsideItsInboxIsToldItsBoundary() {
        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> AccessPolicy.check(INBOX_KEY, Action.READ_INBOXES, Place.inbox(POD, SIBLING_INBOX)));

        assertTrue(e.getMessage().contains("confined to inbox " + INBOX.value()), e.getMessage());
        assertTrue(e.getMessage().contains("the inbox asked for is outside it"), e.getMessage());
    }

    @Test
    void aKeyOfTheWrongKindIsToldItsBoundaryAndWhatItCannotDo() {
        ForbiddenException podKey = assertThrows(ForbiddenException.class,
                () -> AccessPolicy.checkKind(POD_KEY, Action.MANAGE_KEYS));
        ForbiddenException inboxKey = assertThrows(ForbiddenException.class,
                () -> AccessPolicy.checkKind(INBOX_KEY, Action.RENAME_INBOX));

        assertTrue(podKey.getMessage().contains("pod " + POD.value()), podKey.getMessage());
        assertTrue(podKey.getMessage().contains(Action.MANAGE_KEYS.description()), podKey.getMessage());
        assertTrue(podKey.getMessage().contains("account-wide key"), podKey.getMessage());
        assertTrue(inboxKey.getMessage().contains("inbox " + INBOX.value()), inboxKey.getMessage());
        assertTrue(inboxKey.getMessage().contains(Action.RENAME_INBOX.description()), inboxKey.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void checkKindAgreesWithTheTableInsideTheBoundary(Action action) {
        boolean[] row = ALLOWED.get(action);
        assertKind(row[Situation.POD_KEY_INSIDE.ordinal()], POD_KEY, action);
        assertKind(row[Situation.INBOX_KEY_INSIDE.ordinal()], INBOX_KEY, action);
    }

    // ---- listings

    @Test
    void anAccountWideKeyListsEveryPod() {
        assertNull(AccessPolicy.podListing(KeyScope.ACCOUNT_WIDE));
    }

    @Test
    void aPodKeyListsOnlyItsPod() {
        assertEquals(POD, AccessPolicy.podListing(POD_KEY));
    }

    @Test
    void anInboxKeyMayNotListPods() {
        ForbiddenException e = assertThrows(ForbiddenException.class, () -> AccessPolicy.podListing(INBOX_KEY));

        assertTrue(e.getMessage().contains("inbox " + INBOX.value()), e.getMessage());
    }

    @Test
    void anAccountWideKeyListsWhatItAsksFor() {
        assertEquals(new AccessPolicy.InboxListing(null, null), AccessPolicy.inboxListing(KeyScope.ACCOUNT_WIDE, null));
        assertEquals(new AccessPolicy.InboxListing(OTHER_POD, null),
                AccessPolicy.inboxListing(KeyScope.ACCOUNT_WIDE, OTHER_POD));
    }

    @Test
    void aPodKeyListsItsPodWhetherOrNotItNamesIt() {
        assertEquals(new AccessPolicy.InboxListing(POD, null), AccessPolicy.inboxListing(POD_KEY, null));
        assertEquals(new AccessPolicy.InboxListing(POD, null), AccessPolicy.inboxListing(POD_KEY, POD));
    }

    @Test
    void aPodKeyAskingForAnotherPodsInboxesIsRefusedNamingItsOwnPodOnly() {
        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> AccessPolicy.inboxListing(POD_KEY, OTHER_POD));

        assertTrue(e.getMessage().contains("confined to pod " + POD.value()), e.getMessage());
        assertFalse(e.getMessage().contains(OTHER_POD.value()), e.getMessage());
    }

    @Test
    void anInboxKeyListsOnlyItsInboxEvenWhenItNamesItsPod() {
        AccessPolicy.InboxListing expected = new AccessPolicy.InboxListing(POD, INBOX);

        assertEquals(expected, AccessPolicy.inboxListing(INBOX_KEY, null));
        assertEquals(expected, AccessPolicy.inboxListing(INBOX_KEY, POD));
    }

    @Test
    void anInboxKeyAskingForAnotherPodsInboxesIsRefusedNamingItsInbox() {
        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> AccessPolicy.inboxListing(INBOX_KEY, OTHER_POD));

        assertTrue(e.getMessage().contains("confined to inbox " + INBOX.value()), e.getMessage());
        assertFalse(e.getMessage().contains(OTHER_POD.value()), e.getMessage());
    }

    // ---- scopes

    @Test
    void aScopeIsRebuiltFromItsStoredParts() {
        for (KeyScope scope : List.of(KeyScope.ACCOUNT_WIDE, POD_KEY, INBOX_KEY)) {
            assertEquals(scope, KeyScope.of(scope.podOrNull(), scope.inboxOrNull()), scope.toString());
        }
        assertTrue(KeyScope.of(null, null) instanceof KeyScope.AccountWide);
        assertEquals(new KeyScope.PodOnly(POD), KeyScope.of(POD, null));
        assertEquals(new KeyScope.InboxOnly(POD, INBOX), KeyScope.of(POD, INBOX));
    }

    @Test
    void anInboxScopeNeedsItsPod() {
        assertThrows(NullPointerException.class, () -> KeyScope.of(null, INBOX));
        assertThrows(NullPointerException.class, () -> Place.inbox(null, INBOX));
    }

    @Test
    void boundariesReadAsRefusalsNameThem() {
        assertEquals("the whole account", KeyScope.ACCOUNT_WIDE.boundary());
        assertEquals("pod " + POD.value(), POD_KEY.boundary());
        assertEquals("inbox " + INBOX.value(), INBOX_KEY.boundary());
        assertEquals(POD, INBOX_KEY.podOrNull());
        assertNull(POD_KEY.inboxOrNull());
    }

    private static void assertKind(boolean allowed, KeyScope scope, Action action) {
        if (allowed) {
            assertDoesNotThrow(() -> AccessPolicy.checkKind(scope, action));
        } else {
            assertThrows(ForbiddenException.class, () -> AccessPolicy.checkKind(scope, action));
        }
    }

    private static KeyScope scopeIn(Situation situation) {
        return switch (situation) {
            case ACCOUNT_WIDE -> KeyScope.ACCOUNT_WIDE;
            case POD_KEY_INSIDE, POD_KEY_OUTSIDE -> POD_KEY;
            case INBOX_KEY_INSIDE, INBOX_KEY_OUTSIDE -> INBOX_KEY;
        };
    }

    /**
     * Where the action's resource sits. Inside is the key's own pod, and for an inbox key its own inbox; outside is
     * another pod for a pod key, and a sibling inbox of the same pod for an inbox key, the nearest it could stray.
     */
    private static Place placeIn(Situation situation, Action action) {
        return switch (situation) {
            case ACCOUNT_WIDE, POD_KEY_INSIDE -> placeOf(action, POD, INBOX);
            case POD_KEY_OUTSIDE -> placeOf(action, OTHER_POD, FOREIGN_INBOX);
            case INBOX_KEY_INSIDE -> Place.inbox(POD, INBOX);
            case INBOX_KEY_OUTSIDE -> Place.inbox(POD, SIBLING_INBOX);
        };
    }

    /** Pods, new inboxes, scoped domains and pod keys sit in a pod; an existing inbox's settings sit in the inbox. */
    private static Place placeOf(Action action, PodId pod, InboxId inbox) {
        return switch (action) {
            case READ_INBOXES, RENAME_INBOX, CONFIGURE_WEBHOOKS, TEST_WEBHOOKS, DELETE_INBOX, READ_MAIL, MARK_THREADS, SEND_MAIL,
                    READ_SUPPRESSIONS -> Place.inbox(pod, inbox);
            case READ_PODS, MANAGE_PODS, CREATE_INBOX, MANAGE_DOMAINS, MANAGE_KEYS, MANAGE_SENDER_RULES,
                    MANAGE_SUPPRESSIONS -> Place.pod(pod);
        };
    }
}
