package dev.openmail.domain.port.out;

import dev.openmail.domain.extraction.AttachmentText;

import java.time.Duration;
import java.util.Optional;

/**
 * The process's bounded set of extraction slots in front of {@link ExtractText}: the extraction worker and on-demand
 * reads share it, so that no more files are read at once than the installation allows.
 */
public interface ExtractionPool {

    /**
     * Reads the file once a slot is free; empty when none became free within {@code waitForSlot} (then nothing was
     * read). Never to be called inside a transaction.
     */
    Optional<AttachmentText> extract(ExtractText.Request request, Duration waitForSlot);
}
