package dev.openmail.application.extraction;

import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.extraction.ExtractionJob;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.StoredAttachment;
import dev.openmail.domain.port.in.ExtractAttachments;
import dev.openmail.domain.port.out.AttachmentTexts;
import dev.openmail.domain.port.out.ExtractText;
import dev.openmail.domain.port.out.ExtractionJobs;
import dev.openmail.domain.port.out.ExtractionPool;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Works the extraction queue: a received message with attachments is filed with a job ({@code ReceiveMailService})
 * and its {@code message.received} event waits here until its attachments' texts are stored, so that the event
 * carries them. Files are read one at a time outside any transaction, on the process's bounded pool; each file's text
 * is stored as it is read, renewing the job's claim, and the event and the job's removal are then one transaction. The event is recorded at most once: whoever records it first
 * flips the job's mark in the same transaction ({@link ExtractionJobs#markEventRecorded}).
 *
 * <p>Past the event deadline ({@link Settings#eventWait}) a job's event is recorded without texts, by whichever worker
 * claims next, and reading goes on for the message views. A job claimed more than {@link Settings#maxAttempts} times
 * (its worker died each time, say on a file that kills the extractor) ends: what was not read is
 * {@code extraction_error}.
 */
public final class ExtractAttachmentsService implements ExtractAttachments {

    static final int OVERDUE_BATCH = 50;

    /**
     * @param eventWait   how long a message's event waits for its texts
     * @param lease       how long a claimed job is left to its worker; renewed as each file is read, so it must
     *                    outlast reading one file (waiting for a slot included)
     * @param maxAttempts claims after which a job ends without reading what is left
     * @param onDemandWait how long {@code GET .../text} waits for a free slot before it answers 503
     */
    public record Settings(Duration eventWait, Duration lease, int maxAttempts, Duration onDemandWait) {

        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(60), Duration.ofMinutes(5), 3,
                Duration.ofSeconds(5));

        public Settings {
            Objects.requireNonNull(eventWait);
            Objects.requireNonNull(lease);
            Objects.requireNonNull(onDemandWait);
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("at least one attempt: " + maxAttempts);
            }
        }
    }

    private final Transactions transactions;
    private final ExtractionJobs jobs;
    private final AttachmentTexts texts;
    private final LoadMail loadMail;
    private final RecordEvents recordEvents;
    private final ExtractionPool pool;
    private final Clock clock;
    private final Settings settings;

    public ExtractAttachmentsService(Transactions transactions, ExtractionJobs jobs, AttachmentTexts texts,
                                     LoadMail loadMail, RecordEvents recordEvents, ExtractionPool pool, Clock clock,
                                     Settings settings) {
        this.transactions = transactions;
        this.jobs = jobs;
        this.texts = texts;
        this.loadMail = loadMail;
        this.recordEvents = recordEvents;
        this.pool = pool;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public List<ExtractionJob> claim(int max) {
        Instant now = clock.instant();
        List<ExtractionJob> overdue = transactions.inTransaction(
                () -> jobs.overdue(now.minus(settings.eventWait()), OVERDUE_BATCH));
        for (ExtractionJob job : overdue) {
            // each in its own transaction: the mark and the event go together, and one failure does not undo others
            transactions.inTransaction(() -> {
                if (jobs.markEventRecorded(job.accountId(), job.messageId())) {
                    loadMail.findMessage(job.accountId(), job.messageId()).ifPresent(message ->
                            recordEvents.record(List.of(receivedEvent(withoutTexts(message), job))));
                }
                return null;
            });
        }
        return transactions.inTransaction(() -> jobs.claim(now, settings.lease(), max));
    }

    @Override
    public void work(ExtractionJob job) {
        Optional<Message> found = transactions.inTransaction(
                () -> loadMail.findMessage(job.accountId(), job.messageId()));
        if (found.isEmpty()) {
            // gone with its inbox, and the job with it
            transactions.inTransaction(() -> jobs.remove(job.accountId(), job.messageId()));
            return;
        }
        List<AttachmentInfo> attachments = found.get().attachments();
        boolean givingUp = job.attempts() > settings.maxAttempts();
        for (int position = 0; position < attachments.size(); position++) {
            if (attachments.get(position).textOrNull() != null) {
                continue; // read by an earlier claim, or on demand meanwhile
            }
            AttachmentText text;
            if (givingUp) {
                text = AttachmentText.failed(ExtractionFailure.EXTRACTION_ERROR);
            } else {
                int at = position;
                Optional<StoredAttachment> attachment = transactions.inTransaction(
                        () -> texts.attachmentAt(job.accountId(), job.messageId(), at));
                if (attachment.isEmpty()) {
                    continue;
                }
                Optional<AttachmentText> read = extract(attachment.get(), settings.lease().dividedBy(2));
                if (read.isEmpty()) {
                    // no slot within half the lease: leave the job to its next claim rather than outlive the lease
                    return;
                }
                text = read.get();
            }
            // each file's text is kept as soon as it is read, and the claim renewed with it: a message of many slow
            // files never outlives its lease, and a worker that dies leaves only the file it was reading to redo
            int at = position;
            boolean held = transactions.inTransaction(() -> {
                if (!jobs.renew(job.accountId(), job.messageId(), job.attempts(),
                        clock.instant().plus(settings.lease()))) {
                    return false;
                }
                texts.storeText(job.accountId(), job.messageId(), at, text);
                return true;
            });
            if (!held) {
                return; // a later claim took the job over (this worker stalled past its lease), or it is gone
            }
        }
        transactions.inTransaction(() -> {
            if (!job.eventRecorded() && jobs.markEventRecorded(job.accountId(), job.messageId())) {
                loadMail.findMessage(job.accountId(), job.messageId()).ifPresent(message ->
                        recordEvents.record(List.of(receivedEvent(message, job))));
            }
            jobs.remove(job.accountId(), job.messageId());
            return null;
        });
    }

    private Optional<AttachmentText> extract(StoredAttachment attachment, Duration waitForSlot) {
        try {
            return pool.extract(new ExtractText.Request(attachment.info().filename(), attachment.info().contentType(),
                    attachment.content()), waitForSlot);
        } catch (RuntimeException e) {
            // the port never throws for what a file holds; anything else still ends this file, not the job
            return Optional.of(AttachmentText.failed(ExtractionFailure.EXTRACTION_ERROR));
        }
    }

    /** The message's event as filed: it occurred when the message was filed, whenever it is recorded. */
    private static MailEvent receivedEvent(Message message, ExtractionJob job) {
        return MailEvent.about(EventType.MESSAGE_RECEIVED, message, job.createdAt());
    }

    private static Message withoutTexts(Message message) {
        List<AttachmentInfo> bare = new ArrayList<>();
        message.attachments().forEach(info -> bare.add(info.withoutText()));
        return message.withAttachments(bare);
    }
}
