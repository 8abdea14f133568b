package dev.openmail.application.fakes;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.extraction.ExtractionMethod;
import dev.openmail.domain.port.out.ExtractText;
import dev.openmail.domain.port.out.ExtractionPool;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * An extraction pool that reads at once on the caller's thread, through {@link #extractor} (by default: text/plain as
 * UTF-8 {@code text}, text/csv as {@code csv}, anything else {@code unsupported}). Tests swap the extractor, or make
 * the pool busy ({@link #busy}).
 */
public final class DirectExtractionPool implements ExtractionPool {

    public static final ExtractText PLAIN = request -> {
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase();
        String text = new String(request.content(), StandardCharsets.UTF_8);
        if (type.startsWith("text/plain")) {
            return AttachmentText.read(ExtractionMethod.TEXT, text, false);
        }
        if (type.startsWith("text/csv")) {
            return AttachmentText.read(ExtractionMethod.CSV, text, false);
        }
        return AttachmentText.failed(ExtractionFailure.UNSUPPORTED);
    };

    public volatile ExtractText extractor = PLAIN;
    public volatile boolean busy;
    public volatile int calls;

    @Override
    public Optional<AttachmentText> extract(ExtractText.Request request, Duration waitForSlot) {
        if (busy) {
            return Optional.empty();
        }
        calls++;
        return Optional.of(extractor.extract(request));
    }
}
