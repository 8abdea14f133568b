package dev.openmail.adapters.extract;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionMethod;
import dev.openmail.domain.port.out.ExtractText;

import java.time.Duration;
import java.util.List;

/**
 * Pages per second for text PDFs and images per second for OCR, through the real extractor (one worker process unless
 * OPENMAIL_EXTRACTION_WORKERS says more; then as many callers). Not a test: {@code bench/extract/run.sh} runs it.
 * Arguments: PDF pages per file (full pages of 50 lines), PDF files, OCR images.
 */
public final class ExtractionBenchmark {

    private ExtractionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int pdfs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int images = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int workers = Integer.parseInt(System.getenv().getOrDefault("OPENMAIL_EXTRACTION_WORKERS", "1"));
        ExtractionSettings settings = new ExtractionSettings(workers, "256m", Duration.ofSeconds(60),
                10L * 1024 * 1024, 10_000_000, true);
        try (TikaProcessExtractor extractor = new TikaProcessExtractor(settings, List.of())) {
            byte[] pdf = Corpus.densePdf(pages, 50);
            // start every worker (concurrent callers) and warm them up
            run(extractor, workers, 5 * workers, "warm.pdf", "application/pdf", pdf, ExtractionMethod.PDF);
            double seconds = run(extractor, workers, pdfs, "report.pdf", "application/pdf", pdf, ExtractionMethod.PDF);
            System.out.printf("text PDF: %d files of %d pages of 50 lines, about 4,500 characters a page (%d KB) in %.2f s: %.0f pages/s, %.1f files/s%n",
                    pdfs, pages, pdf.length / 1024, seconds, pdfs * pages / seconds, pdfs / seconds);

            if (!extractor.ocrAvailable()) {
                System.out.println("OCR: tesseract not installed (Debian package tesseract-ocr): no figure");
                return;
            }
            byte[] png = Corpus.png("INVOICE 2847 PAID");
            check(extractor.extract(new ExtractText.Request("warm.png", "image/png", png)), ExtractionMethod.OCR);
            seconds = run(extractor, workers, images, "scan.png", "image/png", png, ExtractionMethod.OCR);
            System.out.printf("OCR: %d PNG images of 1600x400 with one line of text in %.2f s: %.2f images/s%n",
                    images, seconds, images / seconds);
        }
    }

    private static double run(TikaProcessExtractor extractor, int callers, int files, String name, String type,
                              byte[] content, ExtractionMethod method) throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(files);
        Thread[] threads = new Thread[callers];
        long start = System.nanoTime();
        for (int t = 0; t < callers; t++) {
            threads[t] = new Thread(() -> {
                while (left.getAndDecrement() > 0) {
                    check(extractor.extract(new ExtractText.Request(name, type, content)), method);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void check(AttachmentText text, ExtractionMethod method) {
        if (text.methodOrNull() != method || text.truncated()) {
            throw new IllegalStateException("expected " + method + " but got " + text);
        }
    }
}
