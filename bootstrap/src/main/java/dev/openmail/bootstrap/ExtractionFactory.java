package dev.openmail.bootstrap;

import dev.openmail.domain.port.out.ExtractText;
import dev.openmail.domain.port.out.ExtractionPool;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The extraction pool in front of the {@link ExtractText} port, and its size. */
@Factory
final class ExtractionFactory {

    @Singleton
    ExtractionPool extractionPool(ExtractText extractText,
                                  @Value("${openmail.extraction.concurrency:auto}") String concurrency,
                                  @Value("${openmail.extraction.workers:1}") String workers) {
        return new SemaphoreExtractionPool(extractText, slots(concurrency, workers));
    }

    /**
     * Files this process reads at once: {@code concurrency}, or with {@code auto} as many as there are extractor
     * worker processes, so that a slot taken is a worker reading and never a wait in the extractor's own queue (where
     * {@code GET .../text} would wait for a file's whole time limit instead of answering 503 when all are busy).
     */
    static int slots(String concurrency, String workers) {
        boolean auto = concurrency == null || concurrency.isBlank() || concurrency.strip().equals("auto");
        String value = auto ? workers : concurrency;
        String name = auto ? "OPENMAIL_EXTRACTION_WORKERS" : "OPENMAIL_EXTRACTION_CONCURRENCY";
        int slots;
        try {
            slots = Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number (or auto for the concurrency), not '"
                    + value + "'");
        }
        if (slots < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + slots);
        }
        return slots;
    }
}
