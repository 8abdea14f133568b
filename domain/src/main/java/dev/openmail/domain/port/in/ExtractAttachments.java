package dev.openmail.domain.port.in;

import dev.openmail.domain.extraction.ExtractionJob;

import java.util.List;

/**
 * Reads the text of received messages' attachments and then records their {@code message.received} events. A use case
 * without a caller: the extraction worker runs it.
 */
public interface ExtractAttachments {

    /**
     * Records the event, without texts, of every job past the event deadline whose event is not recorded yet, then
     * claims up to {@code max} jobs.
     */
    List<ExtractionJob> claim(int max);

    /**
     * Reads the attachments of the claimed job's message (outside any transaction), then in one transaction stores the
     * texts, records the event unless it was recorded, and removes the job. A job claimed too often ends with
     * {@code extraction_error} for what was not read.
     */
    void work(ExtractionJob job);
}
