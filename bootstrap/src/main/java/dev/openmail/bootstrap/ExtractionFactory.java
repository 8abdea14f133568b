package dev.openmail.bootstrap;

import dev.openmail.domain.port.out.ExtractText;
import dev.openmail.domain.port.out.ExtractionPool;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The extraction pool, and the plain-text extractor as the fallback when no other {@link ExtractText} is installed. */
@Factory
final class ExtractionFactory {

    @Singleton
    @Requires(missingBeans = ExtractText.class)
    ExtractText plainTextExtractor(@Value("${openmail.extraction.max-chars:50000}") int maxChars,
                                   @Value("${openmail.extraction.max-file-bytes:10485760}") long maxBytes) {
        return new PlainTextExtractor(maxChars, maxBytes);
    }

    @Singleton
    ExtractionPool extractionPool(ExtractText extractText,
                                  @Value("${openmail.extraction.concurrency:2}") int concurrency) {
        return new SemaphoreExtractionPool(extractText, concurrency);
    }
}
