package dev.openmail.application.contract;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.extraction.ExtractionJob;
import dev.openmail.domain.extraction.ExtractionMethod;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.StoredAttachment;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.out.AttachmentTexts;
import dev.openmail.domain.port.out.ExtractionJobs;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.openmail.application.contract.SendingFixture.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every store of the extraction queue and the attachments' texts must do, on the in-memory fake and the
 * databases. As in {@link OutboxContract}, jobs left by other tests and runs are first claimed for centuries, so the
 * only jobs a test can claim are its own.
 */
public abstract class ExtractionJobsContract {

    private static final String ROCKET = "\uD83D\uDE80";
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Instant CLAIMED_BEFORE = Instant.parse("3000-01-01T00:00:00Z");
    private static final Duration CENTURIES = Duration.ofDays(365L * 500);

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox,
                        SaveMail saveMail, LoadMail loadMail, ExtractionJobs jobs, AttachmentTexts texts) {
    }

    private Ports p;
    private SendingFixture rows;
    private Inbox inbox;

    @BeforeEach
    void claimEveryJobAlreadyQueued() {
        p = ports();
        rows = new SendingFixture(p.saveAccount(), p.savePod(), p.saveInbox(), p.saveMail());
        for (int round = 0; !p.jobs().claim(CLAIMED_BEFORE, CENTURIES, 500).isEmpty(); round++) {
            if (round == 1000) {
                fail("jobs keep coming back after being claimed for centuries");
            }
        }
        inbox = rows.insertInbox(rows.openAccount());
    }

    @Test
    void theTextsOfAPageShareItsBudgetAndACutTextIsMarkedTruncated() {
        Message message = withAttachments("a", "b", "c");
        p.texts().storeText(message.accountId(), message.id(), 0,
                AttachmentText.read(ExtractionMethod.TEXT, "short", false));
        p.texts().storeText(message.accountId(), message.id(), 1,
                AttachmentText.read(ExtractionMethod.TEXT, "x".repeat(3_000), false));
        p.texts().storeText(message.accountId(), message.id(), 2, AttachmentText.failed(ExtractionFailure.UNSUPPORTED));

        List<AttachmentInfo> whole = p.loadMail().threadMessages(message.accountId(), message.threadId(),
                new PageRequest(10, 0), BodyBudget.UNLIMITED).items().get(0).message().attachments();
        List<AttachmentInfo> cut = p.loadMail().threadMessages(message.accountId(), message.threadId(),
                new PageRequest(10, 0), new BodyBudget(1_005)).items().get(0).message().attachments();

        assertEquals("x".repeat(3_000), whole.get(1).textOrNull().textOrNull());
        assertFalse(whole.get(1).textOrNull().truncated());
        assertEquals(AttachmentText.read(ExtractionMethod.TEXT, "short", false), cut.get(0).textOrNull(),
                "a short text comes whole");
        assertEquals(AttachmentText.read(ExtractionMethod.TEXT, "x".repeat(1_000), true), cut.get(1).textOrNull(),
                "the long one is cut to what is left of the budget and says so");
        assertEquals(AttachmentText.failed(ExtractionFailure.UNSUPPORTED), cut.get(2).textOrNull());
    }

    private Message withAttachments(String... contents) {
        MailThread thread = new MailThread(ThreadId.generate(), inbox.accountId(), inbox.podId(), inbox.id(), "Files",
                true, T0, T0, 1);
        p.saveMail().insertThread(thread);
        List<ParsedAttachment> parts = new ArrayList<>();
        for (int i = 0; i < contents.length; i++) {
            parts.add(new ParsedAttachment("file" + i + ".txt", "text/plain",
                    contents[i].getBytes(StandardCharsets.UTF_8)));
        }
        Message message = new Message(MessageId.generate(), inbox.accountId(), inbox.podId(), inbox.id(), thread.id(),
                Direction.INBOUND, MessageStatus.RECEIVED, "alice@example.com", inbox.address().value(), null, null,
                List.of(), "Files", "see attached", null, parts.stream().map(ParsedAttachment::info).toList(), null,
                null, List.of(), T0);
        p.saveMail().insertMessage(message, "raw".getBytes(StandardCharsets.US_ASCII), parts);
        return message;
    }

    private ExtractionJob enqueued(Instant at) {
        Message message = withAttachments("x");
        p.jobs().enqueue(message.accountId(), message.id(), at);
        return new ExtractionJob(message.accountId(), message.id(), at, 0, false);
    }

    private static ExtractionJob claimedOnce(ExtractionJob job, int attempts) {
        return new ExtractionJob(job.accountId(), job.messageId(), job.createdAt(), attempts, job.eventRecorded());
    }

    @Test
    void jobsAreClaimedOldestFirstOnceUntilTheirLeaseRunsOut() {
        ExtractionJob later = enqueued(T0.plusMillis(1));
        ExtractionJob first = enqueued(T0);

        assertEquals(List.of(claimedOnce(first, 1), claimedOnce(later, 1)), p.jobs().claim(T0, LEASE, 10));
        assertEquals(List.of(), p.jobs().claim(T0.plus(LEASE), LEASE, 10), "still held at the lease's last ms");

        // the worker died: the claim runs out and the next claim resumes the job, counting the attempt
        assertEquals(List.of(claimedOnce(first, 2), claimedOnce(later, 2)),
                p.jobs().claim(T0.plus(LEASE).plusMillis(1), LEASE, 10));
    }

    @Test
    void aClaimIsRenewedByItsOwnWorkerUntilALaterClaimTakesTheJobOver() {
        ExtractionJob job = enqueued(T0);
        ExtractionJob first = p.jobs().claim(T0, LEASE, 10).stream()
                .filter(claimed -> claimed.messageId().equals(job.messageId())).findFirst().orElseThrow();

        // renewed near the end of its lease, the claim holds past the first lease's end
        assertTrue(p.jobs().renew(job.accountId(), job.messageId(), first.attempts(), T0.plus(LEASE).plus(LEASE)));
        assertEquals(List.of(), p.jobs().claim(T0.plus(LEASE).plusMillis(1), LEASE, 10));

        // the worker stalled past even that: the next claim takes the job, and the stalled worker's renewal fails
        Instant late = T0.plus(LEASE).plus(LEASE).plusMillis(1);
        assertEquals(List.of(claimedOnce(job, 2)), p.jobs().claim(late, LEASE, 10));
        assertFalse(p.jobs().renew(job.accountId(), job.messageId(), first.attempts(), late.plus(LEASE)));
        assertTrue(p.jobs().renew(job.accountId(), job.messageId(), 2, late.plus(LEASE)));

        assertTrue(p.jobs().remove(job.accountId(), job.messageId()));
        assertFalse(p.jobs().renew(job.accountId(), job.messageId(), 2, late.plus(LEASE)), "a removed job is gone");
    }

    @Test
    void twoClaimersNeverGetTheSameJob() throws Exception {
        Set<MessageId> mine = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            mine.add(enqueued(T0.plusMillis(i)).messageId());
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<ExtractionJob>>> claims = new ArrayList<>();
            for (int worker = 0; worker < 2; worker++) {
                claims.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<ExtractionJob> got = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        got.addAll(p.transactions().inTransaction(() -> p.jobs().claim(T0.plusSeconds(1), LEASE, 3)));
                    }
                    return got;
                }));
            }
            List<MessageId> claimed = new ArrayList<>();
            for (Future<List<ExtractionJob>> claim : claims) {
                claim.get(60, TimeUnit.SECONDS).forEach(job -> claimed.add(job.messageId()));
            }
            assertEquals(claimed.size(), new HashSet<>(claimed).size(), "a job claimed twice: " + claimed);
            assertEquals(mine, new HashSet<>(claimed));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theEventMarkFlipsOnceAndOverdueListsOnlyUnmarkedOldJobs() {
        ExtractionJob old = enqueued(T0);
        ExtractionJob marked = enqueued(T0);
        ExtractionJob recent = enqueued(T0.plusSeconds(60));

        assertTrue(p.jobs().markEventRecorded(marked.accountId(), marked.messageId()));
        assertFalse(p.jobs().markEventRecorded(marked.accountId(), marked.messageId()));

        List<MessageId> overdue = p.jobs().overdue(T0.plusSeconds(1), 500).stream()
                .filter(job -> job.accountId().equals(inbox.accountId())).map(ExtractionJob::messageId).toList();
        assertEquals(List.of(old.messageId()), overdue);
        assertTrue(p.jobs().claim(T0.plusSeconds(61), LEASE, 10).stream()
                .anyMatch(job -> job.messageId().equals(marked.messageId()) && job.eventRecorded()));

        assertTrue(p.jobs().remove(old.accountId(), old.messageId()));
        assertFalse(p.jobs().remove(old.accountId(), old.messageId()));
        assertFalse(p.jobs().markEventRecorded(old.accountId(), old.messageId()), "a removed job has no mark");
        assertTrue(p.jobs().remove(recent.accountId(), recent.messageId()));
    }

    @Test
    void textsAreStoredPerAttachmentAndReadWithTheMessage() {
        Message message = withAttachments("first " + ROCKET, "second", "third");
        AttachmentText text = AttachmentText.read(ExtractionMethod.CSV, "a,b\n" + ROCKET, true);
        AttachmentText failed = AttachmentText.failed(ExtractionFailure.SKIPPED_TOO_LARGE);

        p.texts().storeText(message.accountId(), message.id(), 0, text);
        p.texts().storeText(message.accountId(), message.id(), 2, failed);
        p.texts().storeText(message.accountId(), message.id(), 7, failed); // no such attachment: nothing

        List<AttachmentInfo> stored = p.loadMail().findMessage(message.accountId(), message.id()).orElseThrow()
                .attachments();
        assertEquals(text, stored.get(0).textOrNull());
        assertNull(stored.get(1).textOrNull());
        assertEquals(failed, stored.get(2).textOrNull());
        StoredAttachment first = p.texts().attachmentAt(message.accountId(), message.id(), 0).orElseThrow();
        assertEquals("file0.txt", first.info().filename());
        assertArrayEquals(("first " + ROCKET).getBytes(StandardCharsets.UTF_8), first.content());
        assertTrue(p.texts().attachmentAt(message.accountId(), message.id(), 3).isEmpty());
    }
}
