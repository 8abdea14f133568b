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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile set: each file ends within the time limit as a failure with its reason (or bounded text), and the
 * next file is still read.
 */
class HostileFilesTest {

    static final Duration LIMIT = Duration.ofSeconds(20);
    static TikaProcessExtractor extractor;

    @BeforeAll
    static void startExtractor() {
        extractor = new TikaProcessExtractor(ExtractionSettings.DEFAULTS.withTimeout(LIMIT),
                List.of("-D" + ExtractionWorkerMain.TEST_HOOKS + "=true"));
    }

    @AfterAll
    static void stopExtractor() {
        extractor.close();
    }

    /** Reads the file within the limit, then checks that a plain file is still read. */
    static AttachmentText read(String filename, String contentType, byte[] content) {
        long start = System.nanoTime();
        AttachmentText text = extractor.extract(new ExtractText.Request(filename, contentType, content));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println(filename + " -> " + text.extractionMethod() + " truncated=" + text.truncated() + " in "
                + took.toMillis() + " ms");
        assertTrue(took.compareTo(LIMIT.plusSeconds(5)) < 0, () -> filename + " took " + took);
        AttachmentText next = extractor.extract(new ExtractText.Request("next.txt", "text/plain",
                "still reading".getBytes(StandardCharsets.UTF_8)));
        assertEquals("still reading", next.textOrNull());
        return text;
    }

    static void assertFailure(AttachmentText text, ExtractionFailure failure) {
        assertEquals(failure, text.failureOrNull(), () -> "failure of " + text);
        assertNull(text.textOrNull());
    }

    @Test
    void aZipBombIsListedWithoutInflatingIt() throws IOException {
        byte[] bomb = Corpus.zipBomb(1L << 30);
        assertTrue(bomb.length < 10 * 1024 * 1024, () -> "bomb of " + bomb.length + " bytes");
        AttachmentText text = read("bomb.zip", "application/zip", bomb);
        assertEquals(ExtractionMethod.TEXT, text.methodOrNull());
        assertEquals("zeros.bin", text.textOrNull());
    }

    @Test
    void nestedZipsGiveOnlyTheOutermostNames() throws IOException {
        AttachmentText text = read("nested.zip", "application/zip", Corpus.nestedZips(50));
        assertEquals(ExtractionMethod.TEXT, text.methodOrNull());
        assertEquals("level-1.zip", text.textOrNull());
    }

    @Test
    void aZipOfAHundredThousandMembersIsListedUpToTheCap() throws IOException {
        byte[] zip = Corpus.manyMemberZip(100_000);
        assertTrue(zip.length < 10 * 1024 * 1024, () -> "zip of " + zip.length + " bytes");
        AttachmentText text = read("many.zip", "application/zip", zip);
        assertEquals(ExtractionMethod.TEXT, text.methodOrNull());
        assertTrue(text.truncated());
        assertTrue(text.textOrNull().length() <= ExtractionSettings.DEFAULTS.maxChars());
    }

    @Test
    void aPdfWhoseObjectsLoopIsAPdfError() {
        AttachmentText text = read("loop.pdf", "application/pdf", Corpus.loopingPdf());
        assertFailure(text, ExtractionFailure.PDF_ERROR);
    }

    @Test
    void billionLaughsInADocxIsAnExtractionError() throws IOException {
        AttachmentText text = read("laughs.docx", null, Corpus.docxWithDocument(Corpus.billionLaughs()));
        assertFailure(text, ExtractionFailure.EXTRACTION_ERROR);
    }

    @Test
    void truncatedFilesAreErrors() throws IOException {
        assertFailure(read("cut.pdf", "application/pdf", Corpus.half(Corpus.pdf("Invoice 2847"))),
                ExtractionFailure.PDF_ERROR);
        assertFailure(read("cut.docx", null, Corpus.half(Corpus.docx("Invoice 2847"))),
                ExtractionFailure.EXTRACTION_ERROR);
        assertFailure(read("cut.xlsx", null, Corpus.half(Corpus.xlsx("Invoice 2847"))),
                ExtractionFailure.EXTRACTION_ERROR);
        assertFailure(read("cut.xls", null, Corpus.half(Corpus.xls("Invoice 2847"))),
                ExtractionFailure.EXTRACTION_ERROR);
        assertFailure(read("cut.doc", "application/msword", Corpus.half(Corpus.doc())),
                ExtractionFailure.EXTRACTION_ERROR);
        assertFailure(read("cut.odt", null, Corpus.half(Corpus.odt("Invoice 2847"))),
                ExtractionFailure.EXTRACTION_ERROR);
        assertFailure(read("cut.zip", "application/zip", Corpus.half(Corpus.zip("a.txt", "x".repeat(1000)))),
                ExtractionFailure.EXTRACTION_ERROR);
        assertFailure(read("cut.png", "image/png", Corpus.half(Corpus.png("Invoice 2847"))),
                Tesseract.installed() ? ExtractionFailure.EXTRACTION_ERROR : ExtractionFailure.OCR_UNAVAILABLE);
    }

    @Test
    void theDetectedTypeWinsOverAWrongDeclaredOne() throws IOException {
        AttachmentText pdf = read("scan.png", "image/png", Corpus.pdf("Invoice 2847 declared as an image"));
        assertEquals(ExtractionMethod.PDF, pdf.methodOrNull());
        assertTrue(pdf.textOrNull().contains("Invoice 2847 declared as an image"), pdf.textOrNull());
        AttachmentText png = read("invoice.pdf", "application/pdf", Corpus.png("INVOICE 2847"));
        if (Tesseract.installed()) {
            assertEquals(ExtractionMethod.OCR, png.methodOrNull(), png::toString);
            assertTrue(png.textOrNull().contains("2847"), png.textOrNull());
        } else {
            assertFailure(png, ExtractionFailure.OCR_UNAVAILABLE);
        }
    }

    @Test
    void anEncryptedPdfSaysSo() throws IOException {
        assertFailure(read("locked.pdf", "application/pdf", Corpus.encryptedPdf("Invoice 2847")),
                ExtractionFailure.ENCRYPTED);
    }

    @Test
    void encryptedOfficeFilesSaySo() throws Exception {
        assertFailure(read("locked.docx", null, Corpus.encryptedDocx("Invoice 2847")), ExtractionFailure.ENCRYPTED);
        assertFailure(read("locked.xls", "application/vnd.ms-excel", Corpus.encryptedXls("Invoice 2847")),
                ExtractionFailure.ENCRYPTED);
    }

    @Test
    void aTenThousandPagePdfEndsAtTheCharacterCap() throws IOException {
        byte[] pdf = Corpus.manyPagePdf(10_000, "Page of a very long report about invoice 2847");
        assertTrue(pdf.length < 10 * 1024 * 1024, () -> "pdf of " + pdf.length + " bytes");
        AttachmentText text = read("long.pdf", "application/pdf", pdf);
        assertEquals(ExtractionMethod.PDF, text.methodOrNull());
        assertTrue(text.truncated());
        // at the cap as written; a little less once blank lines are folded
        int length = text.textOrNull().length();
        assertTrue(length > 40_000 && length <= ExtractionSettings.DEFAULTS.maxChars(), () -> "length " + length);
        assertTrue(text.textOrNull().startsWith("Page of a very long report"), text.textOrNull());
    }

    @Test
    void aWorkerThatHangsIsKilledAtTheTimeLimitAndReplaced() {
        TikaProcessExtractor quick = new TikaProcessExtractor(ExtractionSettings.DEFAULTS
                .withTimeout(Duration.ofSeconds(2)), List.of("-D" + ExtractionWorkerMain.TEST_HOOKS + "=true"));
        try {
            // the first file starts the worker, which the time limit does not count
            assertEquals("before", quick.extract(new ExtractText.Request("a.txt", "text/plain",
                    "before".getBytes(StandardCharsets.UTF_8))).textOrNull());
            long start = System.nanoTime();
            AttachmentText hung = quick.extract(new ExtractText.Request("spin.bin", ExtractionWorkerMain.HANG_TYPE,
                    new byte[10]));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertFailure(hung, ExtractionFailure.TIMEOUT);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, () -> "took " + took);
            assertEquals("after", quick.extract(new ExtractText.Request("b.txt", "text/plain",
                    "after".getBytes(StandardCharsets.UTF_8))).textOrNull());
        } finally {
            quick.close();
        }
    }

    @Test
    void aWorkerThatRunsOutOfMemoryIsTooComplexAndReplaced() {
        assertFailure(read("oom.bin", ExtractionWorkerMain.EXIT_TYPE, new byte[10]), ExtractionFailure.TOO_COMPLEX);
    }
    @Test
    void aDocxThatExpandsAThousandfoldIsTooComplex() throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><w:document xmlns:w=\""
                + "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>");
        xml.append("a".repeat(20_000_000));
        xml.append("</w:t></w:r></w:p></w:body></w:document>");
        byte[] docx = Corpus.docxWithDocument(xml.toString());
        assertTrue(docx.length < 200_000, () -> "docx of " + docx.length + " bytes");
        // POI's ZipSecureFile refuses to inflate it past its ratio
        assertFailure(read("expands.docx", null, docx), ExtractionFailure.TOO_COMPLEX);
    }

    @Test
    void htmlNestedAHundredThousandDeepIsReadInBoundedTime() {
        String html = "<html><body>" + "<div>".repeat(100_000) + "deep" + "</div>".repeat(100_000) + "</body></html>";
        AttachmentText text = read("deep.html", "text/html", html.getBytes(StandardCharsets.UTF_8));
        assertEquals(ExtractionMethod.TEXT, text.methodOrNull());
        assertEquals("deep", text.textOrNull());
    }
}
