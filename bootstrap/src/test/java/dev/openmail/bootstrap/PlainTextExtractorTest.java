package dev.openmail.bootstrap;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.extraction.ExtractionMethod;
import dev.openmail.domain.port.out.ExtractText;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlainTextExtractorTest {

    private final PlainTextExtractor extractor = new PlainTextExtractor(5, 100);

    private AttachmentText read(String type, byte[] content) {
        return extractor.extract(new ExtractText.Request("f", type, content));
    }

    @Test
    void readsPlainTextAndCsvInTheirCharsetUpToTheCap() {
        assertEquals(AttachmentText.read(ExtractionMethod.TEXT, "h\u00e9", false),
                read("text/plain", "h\u00e9".getBytes(StandardCharsets.UTF_8)));
        assertEquals(AttachmentText.read(ExtractionMethod.TEXT, "h\u00e9", false),
                read("text/plain; charset=\"ISO-8859-1\"", "h\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(AttachmentText.read(ExtractionMethod.TEXT, "h\u00e9", false),
                read("text/plain", "h\u00e9".getBytes(StandardCharsets.ISO_8859_1)), "not UTF-8: Windows-1252");
        assertEquals(AttachmentText.read(ExtractionMethod.CSV, "a,b\n1", true),
                read("TEXT/CSV", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(AttachmentText.read(ExtractionMethod.CSV, "abcde", false),
                read("text/tab-separated-values", "abcde".getBytes(StandardCharsets.UTF_8)));
        assertEquals(AttachmentText.read(ExtractionMethod.TEXT, "abcd", true),
                read("text/plain", "abcd\uD83D\uDE00".getBytes(StandardCharsets.UTF_8)), "no half surrogate pair");
    }

    @Test
    void anythingElseIsUnsupportedAndABigFileSkipped() {
        assertEquals(AttachmentText.failed(ExtractionFailure.UNSUPPORTED), read("application/pdf", new byte[3]));
        assertEquals(AttachmentText.failed(ExtractionFailure.UNSUPPORTED), read(null, new byte[3]));
        assertEquals(AttachmentText.failed(ExtractionFailure.SKIPPED_TOO_LARGE), read("text/plain", new byte[101]));
    }
}
