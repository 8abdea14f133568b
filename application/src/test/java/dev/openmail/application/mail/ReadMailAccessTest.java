package dev.openmail.application.mail;

import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.StoredAttachment;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.GetThreadMessages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way of reading an inbox's mail, by every kind of caller: keys that reach the inbox read it, scoped keys
 * confined elsewhere in the account are refused, and another account does not learn that the mail exists.
 */
class ReadMailAccessTest {

    private static final byte[] REPORT = "%PDF-1.7 quarterly".getBytes(StandardCharsets.US_ASCII);

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final AccountId globex = fixture.account();
    private final PodId otherPod = fixture.pod(acme);
    private final Inbox inbox = fixture.inbox(acme, "support");
    private final Inbox sibling = fixture.inbox(acme, "sales");
    private final Message message = fixture.receiveWithAttachments(inbox, "m1@example.com",
            new ParsedAttachment("report.pdf", "application/pdf", REPORT));

    enum Read { LIST_MESSAGES, LIST_THREADS, THREAD_MESSAGES, MARK_THREAD, ATTACHMENT, RAW }

    enum Who { OWNER, POD_KEY_OF_ITS_POD, ITS_INBOX_KEY, POD_KEY_OF_ANOTHER_POD, SIBLING_INBOX_KEY, ANOTHER_ACCOUNT }

    static Stream<Arguments> reaching() {
        return combine(Who.OWNER, Who.POD_KEY_OF_ITS_POD, Who.ITS_INBOX_KEY);
    }

    static Stream<Arguments> confinedElsewhere() {
        return combine(Who.POD_KEY_OF_ANOTHER_POD, Who.SIBLING_INBOX_KEY);
    }

    static Stream<Arguments> ofAnotherAccount() {
        return combine(Who.ANOTHER_ACCOUNT);
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("reaching")
    void aCallerReachingTheInboxReadsItsMail(Read read, Who who) {
        Object result = perform(read, caller(who));

        switch (read) {
            case LIST_MESSAGES -> assertEquals(List.of(message.id()),
                    ((Page<?>) result).items().stream().map(item -> ((Message) item).id()).toList());
            case LIST_THREADS -> assertEquals(List.of(message.threadId()),
                    ((Page<?>) result).items().stream().map(item -> ((MailThread) item).id()).toList());
            case THREAD_MESSAGES -> {
                GetThreadMessages.ThreadWithMessages thread = (GetThreadMessages.ThreadWithMessages) result;
                assertEquals(message.threadId(), thread.thread().id());
                assertEquals(List.of(message.id()), thread.messages().items().stream().map(bounded -> bounded.message().id()).toList());
            }
            case MARK_THREAD -> {
                assertTrue(((MailThread) result).isRead());
                assertTrue(fixture.thread(inbox, message.threadId()).isRead());
            }
            case ATTACHMENT -> assertArrayEquals(REPORT, ((StoredAttachment) result).content());
            case RAW -> assertTrue(new String((byte[]) result, StandardCharsets.UTF_8).contains("m1@example.com"));
        }
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("confinedElsewhere")
    void aKeyConfinedElsewhereInTheAccountIsRefused(Read read, Who who) {
        Caller caller = caller(who);

        ForbiddenException refused = assertThrows(ForbiddenException.class, () -> perform(read, caller));

        // The refusal names the key's own boundary, never the inbox asked for.
        assertFalse(refused.getMessage().contains(inbox.id().value()), refused.getMessage());
        assertFalse(fixture.thread(inbox, message.threadId()).isRead(), "a refused mark changes nothing");
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("ofAnotherAccount")
    void anotherAccountIsToldThereIsNothingThere(Read read, Who who) {
        Caller caller = caller(who);

        assertThrows(NotFoundException.class, () -> perform(read, caller));

        assertFalse(fixture.thread(inbox, message.threadId()).isRead());
    }

    private Object perform(Read read, Caller caller) {
        return switch (read) {
            case LIST_MESSAGES -> fixture.listMessages().list(caller, inbox.id(), null, PageRequest.firstPage(),
                    BodyBudget.UNLIMITED).map(BoundedMessage::message);
            case LIST_THREADS -> fixture.listThreads().list(caller, inbox.id(), null, PageRequest.firstPage());
            case THREAD_MESSAGES -> fixture.threadMessages().get(caller, message.threadId(), PageRequest.firstPage(),
                    BodyBudget.UNLIMITED);
            case MARK_THREAD -> fixture.updateThread().markRead(caller, message.threadId(), true);
            case ATTACHMENT -> fixture.attachments().get(caller, message.id(), "report.pdf");
            case RAW -> fixture.rawMessages().get(caller, message.id());
        };
    }

    private Caller caller(Who who) {
        return switch (who) {
            case OWNER -> owner(acme);
            case POD_KEY_OF_ITS_POD -> podKey(acme, inbox.podId());
            case ITS_INBOX_KEY -> inboxKey(inbox);
            case POD_KEY_OF_ANOTHER_POD -> podKey(acme, otherPod);
            case SIBLING_INBOX_KEY -> inboxKey(sibling);
            case ANOTHER_ACCOUNT -> owner(globex);
        };
    }

    private static Stream<Arguments> combine(Who... callers) {
        return Arrays.stream(Read.values())
                .flatMap(read -> Arrays.stream(callers).map(who -> Arguments.of(read, who)));
    }
}
