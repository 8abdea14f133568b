package dev.openmail.adapters.extract;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.extraction.ExtractionMethod;
import dev.openmail.domain.port.out.ExtractText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One file of each format, each with known text, read through a worker process. */
class TikaProcessExtractorTest {

    static final String WORDS = "Invoice 2847 total 1250 dollars";
    static TikaProcessExtractor extractor;

    @BeforeAll
    static void startExtractor() {
        extractor = new TikaProcessExtractor(ExtractionSettings.DEFAULTS.withTimeout(Duration.ofSeconds(30)),
                List.of());
    }

    @AfterAll
    static void stopExtractor() {
        extractor.close();
    }

    static AttachmentText read(String filename, String contentType, byte[] content) {
        return extractor.extract(new ExtractText.Request(filename, contentType, content));
    }

    static void assertText(AttachmentText text, ExtractionMethod method, String expected) {
        assertEquals(method, text.methodOrNull(), () -> "method of " + text);
        assertTrue(text.textOrNull().contains(expected), () -> "'" + expected + "' in '" + text.textOrNull() + "'");
        assertFalse(text.truncated());
    }

    static void assertFailure(AttachmentText text, ExtractionFailure failure) {
        assertEquals(failure, text.failureOrNull(), () -> "failure of " + text);
        assertNull(text.textOrNull());
    }

    @Test
    void aPdfWithATextLayerIsReadAsPdf() throws IOException {
        assertText(read("invoice.pdf", "application/pdf", Corpus.pdf(WORDS, "Page two says thanks")),
                ExtractionMethod.PDF, WORDS);
    }

    @Test
    void wordProcessorSpreadsheetAndPresentationFilesAreReadAsOffice() throws IOException {
        assertText(read("a.docx", null, Corpus.docx(WORDS)), ExtractionMethod.OFFICE, WORDS);
        assertText(read("a.xlsx", null, Corpus.xlsx(WORDS)), ExtractionMethod.OFFICE, WORDS);
        assertText(read("a.pptx", null, Corpus.pptx(WORDS)), ExtractionMethod.OFFICE, WORDS);
        assertText(read("a.xls", "application/vnd.ms-excel", Corpus.xls(WORDS)), ExtractionMethod.OFFICE, WORDS);
        assertText(read("a.ppt", "application/vnd.ms-powerpoint", Corpus.ppt(WORDS)), ExtractionMethod.OFFICE, WORDS);
        assertText(read("a.doc", "application/msword", Corpus.doc()), ExtractionMethod.OFFICE, WORDS);
        assertText(read("a.doc", "application/octet-stream", Corpus.doc()), ExtractionMethod.OFFICE, WORDS);
        assertText(read("a.odt", null, Corpus.odt(WORDS)), ExtractionMethod.OFFICE, WORDS);
        assertText(read("a.ods", null, Corpus.ods(WORDS)), ExtractionMethod.OFFICE, WORDS);
        assertText(read("a.odp", null, Corpus.odp(WORDS)), ExtractionMethod.OFFICE, WORDS);
        assertText(read("a.rtf", "application/rtf", Corpus.rtf(WORDS)), ExtractionMethod.OFFICE, WORDS);
    }

    @Test
    void csvAndTsvAreReadAsCsv() {
        AttachmentText csv = read("totals.csv", "text/csv",
                "invoice,total\n2847,1250.00\n".getBytes(StandardCharsets.UTF_8));
        assertText(csv, ExtractionMethod.CSV, "2847");
        assertTrue(csv.textOrNull().contains("1250.00"), csv.textOrNull());
        assertText(read("totals.tsv", "text/tab-separated-values",
                "invoice\ttotal\n2847\t1250.00\n".getBytes(StandardCharsets.UTF_8)), ExtractionMethod.CSV, "1250.00");
    }

    @Test
    void plainTextHtmlAndStructuredTextAreReadAsText() {
        assertText(read("note.txt", "text/plain", bytes(WORDS)), ExtractionMethod.TEXT, WORDS);
        AttachmentText html = read("page.html", "text/html",
                bytes("<html><head><title>T</title><script>var hidden = 1;</script></head><body><p>" + WORDS
                        + "</p></body></html>"));
        assertText(html, ExtractionMethod.TEXT, WORDS);
        assertFalse(html.textOrNull().contains("<p>") || html.textOrNull().contains("hidden"), html.textOrNull());
        assertText(read("data.json", "application/json", bytes("{\"note\": \"" + WORDS + "\"}")),
                ExtractionMethod.TEXT, WORDS);
        assertText(read("data.xml", "application/xml", bytes("<?xml version=\"1.0\"?><note>" + WORDS + "</note>")),
                ExtractionMethod.TEXT, WORDS);
        assertText(read("config.yaml", "application/x-yaml", bytes("note: " + WORDS + "\n")),
                ExtractionMethod.TEXT, WORDS);
        assertText(read("README.md", "text/markdown", bytes("# Title\n\n" + WORDS + "\n")),
                ExtractionMethod.TEXT, WORDS);
        assertText(read("server.log", "text/plain", bytes("2026-12-07 INFO " + WORDS + "\n")),
                ExtractionMethod.TEXT, WORDS);
    }

    @Test
    void aForwardedMessageIsReadAsText() {
        AttachmentText text = read("forwarded.eml", "message/rfc822", bytes("From: a@example.com\r\n"
                + "To: b@example.com\r\nSubject: Payment\r\nContent-Type: text/plain\r\n\r\n" + WORDS + "\r\n"));
        assertText(text, ExtractionMethod.TEXT, WORDS);
    }

    @Test
    void plainTextIsReadInItsDeclaredCharset() {
        byte[] latin1 = "Café déjà vu, reçu numéro 2847".getBytes(StandardCharsets.ISO_8859_1);
        assertText(read("note.txt", "text/plain; charset=ISO-8859-1", latin1), ExtractionMethod.TEXT,
                "Café déjà vu, reçu numéro 2847");
    }

    @Test
    void aZipGivesTheNamesOfItsMembersNotTheirContents() throws IOException {
        AttachmentText zip = read("bundle.zip", "application/zip",
                Corpus.zip("invoice-2847.txt", "secret contents", "docs/report.pdf", "more"));
        assertText(zip, ExtractionMethod.TEXT, "invoice-2847.txt");
        assertTrue(zip.textOrNull().contains("docs/report.pdf"), zip.textOrNull());
        assertFalse(zip.textOrNull().contains("secret contents"), zip.textOrNull());
    }

    @Test
    void audioVideoAndUnknownBinaryAreUnsupported() {
        byte[] wav = new byte[64];
        System.arraycopy(bytes("RIFF"), 0, wav, 0, 4);
        System.arraycopy(bytes("WAVEfmt "), 0, wav, 8, 8);
        assertFailure(read("sound.wav", "audio/wav", wav), ExtractionFailure.UNSUPPORTED);
        byte[] mp4 = new byte[64];
        System.arraycopy(new byte[] {0, 0, 0, 0x20}, 0, mp4, 0, 4);
        System.arraycopy(bytes("ftypisom"), 0, mp4, 4, 8);
        assertFailure(read("clip.mp4", "video/mp4", mp4), ExtractionFailure.UNSUPPORTED);
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        assertFailure(read("blob.bin", "application/octet-stream", noise), ExtractionFailure.UNSUPPORTED);
    }

    @Test
    void aFileOverTheSizeLimitIsSkippedUnread() {
        TikaProcessExtractor small = new TikaProcessExtractor(ExtractionSettings.DEFAULTS.withMaxFileBytes(100),
                List.of());
        try {
            assertFailure(small.extract(new ExtractText.Request("big.txt", "text/plain", new byte[101])),
                    ExtractionFailure.SKIPPED_TOO_LARGE);
        } finally {
            small.close();
        }
    }

    @Test
    void textIsCutAtTheCharacterCapAndSaysSo() {
        TikaProcessExtractor capped = new TikaProcessExtractor(ExtractionSettings.DEFAULTS.withMaxChars(100),
                List.of());
        try {
            AttachmentText text = capped.extract(new ExtractText.Request("long.txt", "text/plain",
                    bytes("word ".repeat(10_000))));
            assertEquals(ExtractionMethod.TEXT, text.methodOrNull());
            assertTrue(text.truncated());
            assertTrue(text.textOrNull().length() <= 100, () -> "length " + text.textOrNull().length());
            assertTrue(text.textOrNull().startsWith("word word"), text.textOrNull());
        } finally {
            capped.close();
        }
    }

    @Test
    void withOcrOffImagesAndScannedPdfsHaveNoOcr() throws IOException {
        TikaProcessExtractor noOcr = new TikaProcessExtractor(ExtractionSettings.DEFAULTS.withOcr(false), List.of());
        try {
            assertFailure(noOcr.extract(new ExtractText.Request("scan.png", "image/png", Corpus.png("HELLO"))),
                    ExtractionFailure.OCR_UNAVAILABLE);
            assertFailure(noOcr.extract(new ExtractText.Request("scan.pdf", "application/pdf",
                    Corpus.scannedPdf("HELLO"))), ExtractionFailure.OCR_UNAVAILABLE);
        } finally {
            noOcr.close();
        }
    }

    @Test
    void anImageIsReadThroughOcr() throws IOException {
        Tesseract.require();
        AttachmentText text = read("scan.png", "image/png", Corpus.png("INVOICE 2847 PAID"));
        assertEquals(ExtractionMethod.OCR, text.methodOrNull(), text::toString);
        assertTrue(text.textOrNull().contains("INVOICE") && text.textOrNull().contains("2847"), text.textOrNull());
    }

    @Test
    void aPdfWithoutATextLayerIsReadThroughOcr() throws IOException {
        Tesseract.require();
        AttachmentText text = read("scan.pdf", "application/pdf", Corpus.scannedPdf("INVOICE 2847 PAID"));
        assertEquals(ExtractionMethod.OCR, text.methodOrNull(), text::toString);
        assertTrue(text.textOrNull().contains("INVOICE") && text.textOrNull().contains("2847"), text.textOrNull());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
