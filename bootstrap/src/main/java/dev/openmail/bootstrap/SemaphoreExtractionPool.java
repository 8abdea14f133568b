package dev.openmail.bootstrap;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.port.out.ExtractText;
import dev.openmail.domain.port.out.ExtractionPool;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * This process's extraction slots ({@code openmail.extraction.concurrency}): the worker and on-demand reads take a slot
 * for each file, in the order they asked (a fair semaphore), so that at most that many files are read at once.
 */
public final class SemaphoreExtractionPool implements ExtractionPool {

    private final ExtractText extractText;
    private final Semaphore slots;

    public SemaphoreExtractionPool(ExtractText extractText, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("OPENMAIL_EXTRACTION_CONCURRENCY must be at least 1, not "
                    + concurrency);
        }
        this.extractText = extractText;
        this.slots = new Semaphore(concurrency, true);
    }

    @Override
    public Optional<AttachmentText> extract(ExtractText.Request request, Duration waitForSlot) {
        try {
            if (!slots.tryAcquire(Math.max(0, waitForSlot.toMillis()), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            return Optional.of(extractText.extract(request));
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.of(AttachmentText.failed(ExtractionFailure.EXTRACTION_ERROR));
        } finally {
            slots.release();
        }
    }
}
