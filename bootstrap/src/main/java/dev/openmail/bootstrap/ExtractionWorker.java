package dev.openmail.bootstrap;

import dev.openmail.domain.extraction.ExtractionJob;
import dev.openmail.domain.port.in.ExtractAttachments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works the extraction queue ({@link ExtractAttachments}): every poll it records the events past their deadline and
 * claims as many jobs as it has idle threads (the process's extraction slots, {@link ExtractionFactory#slots}), each worked on a thread of its
 * own. The files themselves are read through the shared extraction pool. A job this process claimed and did not
 * finish (it stopped, or died) is taken up by the next claim once its lease runs out, here or in another process.
 */
@Singleton
@Requires(property = "openmail.extraction.enabled", notEquals = "false")
final class ExtractionWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractionWorker.class);

    private final ExtractAttachments extractAttachments;
    private final int threads;
    private final ExecutorService pool;
    private final AtomicInteger working = new AtomicInteger();

    ExtractionWorker(ExtractAttachments extractAttachments,
                     @Value("${openmail.extraction.concurrency:auto}") String concurrency,
                     @Value("${openmail.extraction.workers:1}") String workers) {
        int threads = ExtractionFactory.slots(concurrency, workers);
        this.extractAttachments = extractAttachments;
        this.threads = threads;
        AtomicInteger names = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "extraction-worker-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(fixedDelay = "${openmail.extraction.poll-interval:200ms}",
            initialDelay = "${openmail.extraction.poll-interval:200ms}")
    void claimJobs() {
        int room = threads - working.get();
        List<ExtractionJob> jobs;
        try {
            // claims nothing without room, but still records the events past their deadline
            jobs = extractAttachments.claim(Math.max(0, room));
        } catch (RuntimeException e) {
            LOG.warn("Claiming extraction jobs failed: {}", e.toString());
            return;
        }
        for (ExtractionJob job : jobs) {
            working.incrementAndGet();
            try {
                pool.execute(() -> work(job));
            } catch (RejectedExecutionException stopping) {
                working.decrementAndGet();
            }
        }
    }

    private void work(ExtractionJob job) {
        try {
            extractAttachments.work(job);
        } catch (RuntimeException e) {
            // the claim runs out and the job is tried again, up to its attempts
            LOG.warn("Extracting the attachments of message {} failed: {}", job.messageId().value(), e.toString());
        } finally {
            working.decrementAndGet();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }
}
