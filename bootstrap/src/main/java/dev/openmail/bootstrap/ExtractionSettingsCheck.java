package dev.openmail.bootstrap;

import dev.openmail.adapters.extract.TikaProcessExtractor;
import io.micronaut.context.annotation.Context;

/**
 * Creates the text extractor when the server starts, so that a malformed {@code OPENMAIL_EXTRACTION_*} setting stops
 * the start with its message. That costs nothing: the extractor's constructor only checks its settings, and its worker
 * processes (with Tika) start on the first attachment.
 */
@Context
final class ExtractionSettingsCheck {

    ExtractionSettingsCheck(TikaProcessExtractor extractor) {
        // checked by being built
    }
}
