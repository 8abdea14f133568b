package dev.openmail.application.mail;

import dev.openmail.application.extraction.ExtractAttachmentsService;
import dev.openmail.application.extraction.GetAttachmentTextService;
import dev.openmail.application.fakes.Callers;
import dev.openmail.application.fakes.DirectExtractionPool;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.event.EventAttachment;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionBusyException;
import dev.openmail.domain.extraction.ExtractionFailedException;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.extraction.ExtractionJob;
import dev.openmail.domain.extraction.ExtractionMethod;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.port.in.GetAttachmentText;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.out.ExtractText;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.openmail.application.mail.MailFixture.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Received attachments are read after filing, and the message's event waits for their texts, within a deadline. */
class AttachmentExtractionTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final Inbox support = fixture.inbox(acme, "support");
    private final DirectExtractionPool pool = new DirectExtractionPool();
    private final ExtractAttachmentsService worker = new ExtractAttachmentsService(fixture.transactions,
            fixture.store.extraction(), fixture.store.extraction(), fixture.store.mail(), fixture.store.events(), pool,
            fixture.clock, new ExtractAttachmentsService.Settings(Duration.ofSeconds(60), LEASE, 3,
                    Duration.ofSeconds(5)));
    private final GetAttachmentTextService onDemand = new GetAttachmentTextService(fixture.transactions,
            fixture.store.mail(), fixture.store.extraction(), pool, Duration.ofSeconds(5));

    private ReceiveMailService receiver() {
        return new ReceiveMailService(fixture.transactions, fixture.store, fixture.store.mail(), fixture.store.mail(),
                fixture.parser, fixture.store.events(), fixture.store.senderRules(), fixture.clock,
                fixture.store.usage(), fixture.quotas, null, null, null, null, null, null,
                fixture.store.extraction());
    }

    private Message receive(String rfcMessageId, ParsedAttachment... attachments) {
        byte[] raw = RawMail.from("alice@example.com").to(address(support)).subject("Files").messageId(rfcMessageId)
                .body("see attached").bytes();
        fixture.parser.script(raw, new dev.openmail.domain.mail.ParsedMail("alice@example.com",
                List.of(address(support)), List.of(), "Files", rfcMessageId, null, List.of(), "see attached", null,
                List.of(attachments)));
        assertEquals(1, receiver().receive(new ReceiveMail.Command(raw, "bounce@example.com",
                List.of(address(support)))).taken());
        return fixture.messages(support).stream().filter(m -> rfcMessageId.equals(m.rfcMessageId())).findFirst()
                .orElseThrow();
    }

    private static ParsedAttachment file(String name, String type, String content) {
        return new ParsedAttachment(name, type, content.getBytes(StandardCharsets.UTF_8));
    }

    private List<MailEvent> events() {
        return fixture.store.events().ofAccount(acme, 100).stream().map(LoggedEvent::event).toList();
    }

    private void workAll() {
        for (ExtractionJob job : worker.claim(10)) {
            worker.work(job);
        }
    }

    @Test
    void aMessageWithAttachmentsGetsItsEventOnlyOnceTheTextsAreStored() {
        Message filed = receive("m1@example.com", file("notes.txt", "text/plain", "Invoice #2847"),
                file("rows.csv", "text/csv", "a,b\n1,2"), file("song.mp3", "audio/mpeg", "ID3"));

        assertEquals(List.of(), events(), "the event waits for the texts");

        workAll();

        Message stored = fixture.store.mail().findMessage(acme, filed.id()).orElseThrow();
        assertEquals(AttachmentText.read(ExtractionMethod.TEXT, "Invoice #2847", false),
                stored.attachments().get(0).textOrNull());
        assertEquals(AttachmentText.read(ExtractionMethod.CSV, "a,b\n1,2", false),
                stored.attachments().get(1).textOrNull());
        assertEquals(AttachmentText.failed(ExtractionFailure.UNSUPPORTED), stored.attachments().get(2).textOrNull());
        MailEvent event = events().get(0);
        assertEquals(1, events().size());
        assertEquals(EventType.MESSAGE_RECEIVED, event.type());
        assertEquals(MailFixture.T0, event.occurredAt(), "it happened when the message was filed");
        List<EventAttachment> attachments = event.message().attachments();
        assertEquals("Invoice #2847", attachments.get(0).parsedText());
        assertEquals("text", attachments.get(0).extractionMethod());
        assertEquals("csv", attachments.get(1).extractionMethod());
        assertNull(attachments.get(2).parsedText());
        assertEquals("unsupported", attachments.get(2).extractionMethod());
        assertEquals(List.of(), worker.claim(10), "the job is done");
    }

    @Test
    void aMessageWithoutAttachmentsGetsItsEventAtOnce() {
        receive("plain@example.com");

        assertEquals(1, events().size());
        assertEquals(List.of(), worker.claim(10));
    }

    @Test
    void pastTheDeadlineTheEventIsRecordedWithoutTextsAndReadingGoesOn() {
        Message filed = receive("late@example.com", file("notes.txt", "text/plain", "late text"));
        fixture.clock.advance(Duration.ofSeconds(61));

        List<ExtractionJob> claimed = worker.claim(10);

        assertEquals(1, events().size(), "the deadline passed: recorded without the texts");
        EventAttachment bare = events().get(0).message().attachments().get(0);
        assertNull(bare.parsedText());
        assertNull(bare.extractionMethod());
        assertEquals(1, claimed.size());

        worker.work(claimed.get(0));

        assertEquals(1, events().size(), "recorded exactly once");
        assertEquals("late text", fixture.store.mail().findMessage(acme, filed.id()).orElseThrow().attachments()
                .get(0).textOrNull().textOrNull(), "the message view still gets its text");
    }

    @Test
    void twoWorkersFinishingOneJobRecordOneEvent() {
        receive("twice@example.com", file("notes.txt", "text/plain", "x"));
        ExtractionJob first = worker.claim(10).get(0);
        fixture.clock.advance(LEASE.plusSeconds(1)); // the first worker is presumed dead; a second claims the job
        ExtractionJob second = worker.claim(10).get(0);
        assertEquals(2, second.attempts());

        worker.work(second);
        worker.work(first); // the first was only slow

        assertEquals(1, events().size());
    }

    @Test
    void eachFileRenewsTheClaimSoAMessageOfManySlowFilesIsNeverTakenOver() {
        receive("slow@example.com", file("a.txt", "text/plain", "a"), file("b.txt", "text/plain", "b"),
                file("c.txt", "text/plain", "c"));
        ExtractText plain = DirectExtractionPool.PLAIN;
        List<List<ExtractionJob>> claimsMeanwhile = new java.util.ArrayList<>();
        pool.extractor = request -> {
            fixture.clock.advance(LEASE.multipliedBy(3).dividedBy(4)); // all three take longer than one lease
            claimsMeanwhile.add(worker.claim(10)); // another process looks for work
            return plain.extract(request);
        };

        workAll();

        assertEquals(List.of(List.of(), List.of(), List.of()), claimsMeanwhile);
        assertEquals(List.of("a", "b", "c"), fixture.messages(support).get(0).attachments().stream()
                .map(info -> info.textOrNull().textOrNull()).toList());
        assertEquals(1, events().size());
    }

    @Test
    void aWorkerThatDiesMidMessageLeavesOnlyTheFilesItHadNotReadToTheNextClaim() {
        Message filed = receive("dies@example.com", file("a.txt", "text/plain", "a"), file("b.txt", "text/plain", "b"));
        ExtractText plain = DirectExtractionPool.PLAIN;
        pool.extractor = request -> {
            if (request.filename().equals("b.txt")) {
                throw new WorkerDied();
            }
            return plain.extract(request);
        };
        ExtractionJob job = worker.claim(10).get(0);
        assertThrows(WorkerDied.class, () -> worker.work(job));
        assertEquals("a", fixture.store.mail().findMessage(acme, filed.id()).orElseThrow().attachments().get(0)
                .textOrNull().textOrNull(), "the first file's text was kept");

        List<String> readAgain = new java.util.ArrayList<>();
        pool.extractor = request -> {
            readAgain.add(request.filename());
            return plain.extract(request);
        };
        fixture.clock.advance(LEASE.plusSeconds(1));
        workAll();

        assertEquals(List.of("b.txt"), readAgain);
        assertEquals(1, events().stream().filter(event -> event.type() == EventType.MESSAGE_RECEIVED).count());
    }

    /** Stands for the worker's thread or process dying mid-file: nothing after it runs. */
    private static final class WorkerDied extends Error {
    }

    @Test
    void aJobClaimedTooOftenEndsAsAnExtractionErrorWithItsEvent() {
        Message filed = receive("deadly@example.com", file("bomb.txt", "text/plain", "boom"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertEquals(attempt, worker.claim(10).get(0).attempts()); // each worker dies mid-file
            fixture.clock.advance(LEASE.plusSeconds(1));
        }
        pool.extractor = request -> {
            throw new AssertionError("a job past its attempts reads nothing");
        };

        workAll();

        assertEquals(AttachmentText.failed(ExtractionFailure.EXTRACTION_ERROR), fixture.store.mail()
                .findMessage(acme, filed.id()).orElseThrow().attachments().get(0).textOrNull());
        assertEquals(1, events().size());
        assertEquals(List.of(), worker.claim(10));
    }

    @Test
    void anExtractorThatThrowsEndsThatFileOnly() {
        Message filed = receive("throws@example.com", file("a.txt", "text/plain", "a"), file("b.csv", "text/csv", "b"));
        ExtractText plain = DirectExtractionPool.PLAIN;
        pool.extractor = request -> {
            if (request.filename().equals("a.txt")) {
                throw new IllegalStateException("parser bug");
            }
            return plain.extract(request);
        };

        workAll();

        List<AttachmentInfo> attachments = fixture.store.mail().findMessage(acme, filed.id()).orElseThrow()
                .attachments();
        assertEquals("extraction_error", attachments.get(0).textOrNull().extractionMethod());
        assertEquals("csv", attachments.get(1).textOrNull().extractionMethod());
        assertEquals(1, events().size());
    }

    @Test
    void noFreeSlotLeavesTheJobToItsNextClaim() {
        receive("busy@example.com", file("a.txt", "text/plain", "a"));
        pool.busy = true;
        workAll();
        assertEquals(List.of(), events());

        pool.busy = false;
        fixture.clock.advance(LEASE.plusSeconds(1));
        workAll();
        assertEquals(1, events().size());
    }

    // ---- on demand

    @Test
    void onDemandReadsAnUnreadAttachmentStoresItAndTheWorkerDoesNotReadItAgain() {
        Message filed = receive("demand@example.com", file("notes.txt", "text/plain", "on demand"));

        GetAttachmentText.Result result = onDemand.get(Callers.owner(acme), filed.id(), "notes.txt");

        assertEquals("notes.txt", result.filename());
        assertEquals("text/plain", result.contentType());
        assertEquals("on demand", result.text().textOrNull());
        assertEquals(1, pool.calls);
        onDemand.get(Callers.owner(acme), filed.id(), "notes.txt");
        workAll();
        assertEquals(1, pool.calls, "cached on the message after the first extraction");
        assertEquals("on demand", events().get(0).message().attachments().get(0).parsedText());
    }

    @Test
    void onDemandAnswersAFailureAsExtractionFailedNamingTheReason() {
        Message filed = receive("mp3@example.com", file("song.mp3", "audio/mpeg", "ID3"));

        ExtractionFailedException failed = assertThrows(ExtractionFailedException.class,
                () -> onDemand.get(Callers.owner(acme), filed.id(), "song.mp3"));

        assertEquals(ExtractionFailure.UNSUPPORTED, failed.failure());
        assertTrue(failed.getMessage().contains("unsupported"), failed.getMessage());
    }

    @Test
    void onDemandWithoutAFreeSlotIsBusyAndStoresNothing() {
        Message filed = receive("wait@example.com", file("notes.txt", "text/plain", "x"));
        pool.busy = true;

        assertThrows(ExtractionBusyException.class, () -> onDemand.get(Callers.owner(acme), filed.id(), "notes.txt"));

        assertNull(fixture.store.mail().findMessage(acme, filed.id()).orElseThrow().attachments().get(0).textOrNull());
    }

    @Test
    void onDemandFollowsTheAttachmentsAccessRule() {
        Message filed = receive("rule@example.com", file("notes.txt", "text/plain", "x"));
        AccountId other = fixture.account();

        assertThrows(NotFoundException.class, () -> onDemand.get(Callers.owner(other), filed.id(), "notes.txt"));
        assertThrows(NotFoundException.class, () -> onDemand.get(Callers.owner(acme), filed.id(), "other.txt"));
        assertFalse(pool.calls > 0);
    }
}
