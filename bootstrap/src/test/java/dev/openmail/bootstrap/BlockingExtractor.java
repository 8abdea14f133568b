package dev.openmail.bootstrap;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.port.out.ExtractText;
import dev.openmail.adapters.extract.TikaProcessExtractor;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For tests: an extractor that reads as {@link PlainTextExtractor} does, but only once {@link #release} is counted
 * down (at most two minutes). With {@code openmail.test.blocking-extractor-marker} set, it first writes that file, so
 * that a test driving a server process sees that a file is being read. It stands in for the Tika extractor.
 */
@Singleton
@Requires(property = "openmail.test.blocking-extractor", value = "true")
@Replaces(TikaProcessExtractor.class)
public final class BlockingExtractor implements ExtractText {

    public static volatile CountDownLatch release = new CountDownLatch(1);
    public static final AtomicInteger STARTED = new AtomicInteger();

    private final PlainTextExtractor plain = new PlainTextExtractor(50_000, 10L << 20);
    private final String marker;

    BlockingExtractor(@Value("${openmail.test.blocking-extractor-marker:}") String marker) {
        this.marker = marker;
    }

    @Override
    public AttachmentText extract(Request request) {
        STARTED.incrementAndGet();
        if (!marker.isBlank()) {
            try {
                Files.writeString(Path.of(marker), "reading");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            release.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return plain.extract(request);
    }
}
