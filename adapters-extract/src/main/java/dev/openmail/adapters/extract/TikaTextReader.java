package dev.openmail.adapters.extract;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.extraction.ExtractionMethod;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one file's text with Apache Tika, inside a worker process ({@link ExtractionWorkerMain}): the type is what
 * Tika's detector finds in the bytes (the declared type and the filename are only hints), the method follows from that
 * type, and the text is cut at {@code maxChars} as it is written, which also stops the parser. Archives give the names
 * of their members from the central directory, without reading any member. Never throws for what a file contains.
 */
final class TikaTextReader {

    private static final Set<String> OFFICE_TYPES = Set.of(
            "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
            "application/vnd.ms-word", "application/rtf", "text/rtf", "application/x-tika-msoffice",
            "application/x-tika-ooxml", "application/vnd.visio", "application/vnd.ms-outlook");
    private static final Set<String> TEXT_APPLICATION_TYPES = Set.of(
            "application/json", "application/xml", "application/xhtml+xml", "application/x-yaml",
            "application/yaml", "application/javascript", "application/x-sh", "application/rss+xml",
            "application/atom+xml", "image/svg+xml");
    private static final Set<String> ZIP_TYPES = Set.of("application/zip", "application/x-zip-compressed",
            "application/java-archive");

    private final int maxChars;
    private final int ocrTimeoutSeconds;
    private final boolean ocr;
    private final TikaConfig config;
    private final Detector detector;
    private final MediaTypeRegistry registry;
    private final AutoDetectParser parser;
    private final TesseractOCRParser tesseract;

    TikaTextReader(int maxChars, boolean ocr, int ocrTimeoutSeconds) {
        this.maxChars = maxChars;
        this.ocrTimeoutSeconds = ocrTimeoutSeconds;
        this.config = TikaConfig.getDefaultConfig();
        this.detector = config.getDetector();
        this.registry = config.getMediaTypeRegistry();
        this.parser = new AutoDetectParser(config);
        this.tesseract = new TesseractOCRParser();
        boolean installed;
        try {
            tesseract.initialize(java.util.Map.of());
            installed = tesseract.hasTesseract();
        } catch (TikaException | RuntimeException e) {
            installed = false;
        }
        this.ocr = ocr && installed;
    }

    boolean ocrAvailable() {
        return ocr;
    }

    AttachmentText read(String filename, String declaredType, byte[] content) {
        MediaType type;
        try {
            type = detect(filename, declaredType, content);
        } catch (IOException | RuntimeException e) {
            return AttachmentText.failed(ExtractionFailure.EXTRACTION_ERROR);
        }
        String base = type.getBaseType().toString();
        if (base.equals("application/pdf")) {
            return pdf(type, filename, content);
        }
        if (base.equals("application/x-tika-ooxml-protected") || base.equals("application/x-tika-msoffice-protected")
                || base.equals("application/encrypted")) {
            return AttachmentText.failed(ExtractionFailure.ENCRYPTED);
        }
        if (base.startsWith("image/") && !TEXT_APPLICATION_TYPES.contains(base)) {
            return ocr ? image(type, filename, content) : AttachmentText.failed(ExtractionFailure.OCR_UNAVAILABLE);
        }
        if (isOffice(type)) {
            return parse(type, filename, declaredType, content, ExtractionMethod.OFFICE, ExtractionFailure.EXTRACTION_ERROR);
        }
        if (base.equals("text/csv") || base.equals("text/tab-separated-values")) {
            return parse(type, filename, declaredType, content, ExtractionMethod.CSV, ExtractionFailure.EXTRACTION_ERROR);
        }
        if (isText(type) || base.equals("message/rfc822")) {
            return parse(type, filename, declaredType, content, ExtractionMethod.TEXT, ExtractionFailure.EXTRACTION_ERROR);
        }
        if (ZIP_TYPES.contains(base)) {
            return zipNames(content);
        }
        return AttachmentText.failed(ExtractionFailure.UNSUPPORTED);
    }

    private MediaType detect(String filename, String declaredType, byte[] content) throws IOException {
        Metadata metadata = new Metadata();
        if (filename != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        }
        if (declaredType != null && MediaType.parse(declaredType) != null) {
            metadata.set(Metadata.CONTENT_TYPE, declaredType);
        }
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            return detector.detect(stream, metadata);
        }
    }

    private boolean isOffice(MediaType type) {
        String base = type.getBaseType().toString();
        return OFFICE_TYPES.contains(base)
                || base.startsWith("application/vnd.openxmlformats-officedocument.")
                || base.startsWith("application/vnd.oasis.opendocument.")
                || base.startsWith("application/vnd.ms-excel.")
                || base.startsWith("application/vnd.ms-word.")
                || base.startsWith("application/vnd.ms-powerpoint.")
                || registry.isSpecializationOf(type.getBaseType(), MediaType.parse("application/x-tika-ooxml"))
                || registry.isSpecializationOf(type.getBaseType(), MediaType.parse("application/x-tika-msoffice"));
    }

    private boolean isText(MediaType type) {
        String base = type.getBaseType().toString();
        return base.startsWith("text/") || TEXT_APPLICATION_TYPES.contains(base)
                || base.endsWith("+xml") || base.endsWith("+json")
                || registry.isSpecializationOf(type.getBaseType(), MediaType.TEXT_PLAIN)
                || registry.isSpecializationOf(type.getBaseType(), MediaType.APPLICATION_XML);
    }

    /** A PDF's text layer; a PDF without one through OCR when Tesseract is there. */
    private AttachmentText pdf(MediaType type, String filename, byte[] content) {
        PDFParserConfig textOnly = new PDFParserConfig();
        textOnly.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        textOnly.setExtractInlineImages(false);
        ParseContext context = new ParseContext();
        context.set(PDFParserConfig.class, textOnly);
        AttachmentText text = parse(type, filename, null, content, ExtractionMethod.PDF, ExtractionFailure.PDF_ERROR,
                context);
        if (text.methodOrNull() == null || !text.textOrNull().isBlank()) {
            return text;
        }
        if (!ocr) {
            return AttachmentText.failed(ExtractionFailure.OCR_UNAVAILABLE);
        }
        PDFParserConfig ocrOnly = new PDFParserConfig();
        ocrOnly.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.OCR_ONLY);
        ocrOnly.setExtractInlineImages(false);
        ParseContext ocrContext = new ParseContext();
        ocrContext.set(PDFParserConfig.class, ocrOnly);
        ocrContext.set(TesseractOCRConfig.class, ocrConfig());
        // the PDF parser finds Tesseract through the context's parser; a composite of Tesseract alone also keeps
        // the PDF's attachments unread
        ocrContext.set(Parser.class, new CompositeParser(registry, tesseract));
        return parse(type, filename, null, content, ExtractionMethod.OCR, ExtractionFailure.PDF_ERROR, ocrContext);
    }

    private AttachmentText image(MediaType type, String filename, byte[] content) {
        ParseContext context = new ParseContext();
        context.set(TesseractOCRConfig.class, ocrConfig());
        Metadata metadata = metadata(type, filename, null);
        return run(tesseract, metadata, content, ExtractionMethod.OCR, ExtractionFailure.EXTRACTION_ERROR, context);
    }

    private TesseractOCRConfig ocrConfig() {
        TesseractOCRConfig config = new TesseractOCRConfig();
        config.setLanguage("eng");
        config.setSkipOcr(false);
        // Tika stops tesseract itself at the time limit too, should the server's kill of this process miss it
        config.setTimeoutSeconds(ocrTimeoutSeconds);
        return config;
    }

    private AttachmentText parse(MediaType type, String filename, String declaredType, byte[] content,
                                 ExtractionMethod method, ExtractionFailure otherwise) {
        return parse(type, filename, declaredType, content, method, otherwise, new ParseContext());
    }

    private AttachmentText parse(MediaType type, String filename, String declaredType, byte[] content,
                                 ExtractionMethod method, ExtractionFailure otherwise, ParseContext context) {
        return run(parser, metadata(type, filename, declaredType), content, method, otherwise, context);
    }

    private static Metadata metadata(MediaType type, String filename, String declaredType) {
        Metadata metadata = new Metadata();
        if (filename != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        }
        // the detected type, with the declared charset when the declared type is the same text type
        MediaType declared = declaredType == null ? null : MediaType.parse(declaredType);
        if (declared != null && declared.getParameters().containsKey("charset")
                && type.getType().equals("text")) {
            metadata.set(Metadata.CONTENT_TYPE, new MediaType(type.getBaseType(),
                    java.util.Map.of("charset", declared.getParameters().get("charset"))).toString());
        } else {
            metadata.set(Metadata.CONTENT_TYPE, type.toString());
        }
        return metadata;
    }

    private AttachmentText run(Parser with, Metadata metadata, byte[] content, ExtractionMethod method,
                               ExtractionFailure otherwise, ParseContext context) {
        StringWriter writer = new StringWriter();
        WriteOutContentHandler limited = new WriteOutContentHandler(writer, maxChars);
        BodyContentHandler handler = new BodyContentHandler(limited);
        boolean truncated = false;
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            with.parse(stream, handler, metadata, context);
        } catch (EncryptedDocumentException e) {
            return AttachmentText.failed(ExtractionFailure.ENCRYPTED);
        } catch (ZeroByteFileException e) {
            return method == ExtractionMethod.TEXT || method == ExtractionMethod.CSV
                    ? AttachmentText.read(method, "", false) : AttachmentText.failed(otherwise);
        } catch (Exception e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                truncated = true;
            } else if (causedBy(e, EncryptedDocumentException.class)
                    || causedBy(e, org.apache.poi.EncryptedDocumentException.class)
                    || causedBy(e, org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException.class)) {
                return AttachmentText.failed(ExtractionFailure.ENCRYPTED);
            } else if (saysZipBomb(e)) {
                return AttachmentText.failed(ExtractionFailure.TOO_COMPLEX);
            } else {
                return AttachmentText.failed(otherwise);
            }
        } catch (StackOverflowError e) {
            return AttachmentText.failed(ExtractionFailure.TOO_COMPLEX);
        }
        String text = tidy(writer.toString());
        return AttachmentText.read(method, text, truncated);
    }

    /** Tika's SecureContentHandler and POI's ZipSecureFile both refuse a file that expands too far as a "zip bomb". */
    private static boolean saysZipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("zip bomb")) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The names of a zip's members, from its central directory: no member is read or inflated. */
    private AttachmentText zipNames(byte[] content) {
        StringBuilder names = new StringBuilder();
        boolean truncated = false;
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content))
                .setUseUnicodeExtraFields(true).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String line = entry.getName() + "\n";
                if (names.length() + line.length() > maxChars) {
                    names.append(line, 0, maxChars - names.length());
                    truncated = true;
                    break;
                }
                names.append(line);
            }
        } catch (IOException | RuntimeException e) {
            return AttachmentText.failed(ExtractionFailure.EXTRACTION_ERROR);
        }
        return AttachmentText.read(ExtractionMethod.TEXT, names.toString().strip(), truncated);
    }

    /**
     * Trailing spaces and runs of blank lines, which parsers leave in plenty, go; the words stay as they are. One pass,
     * linear in the text.
     */
    static String tidy(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int newlines = 0;
        int pendingSpaces = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                pendingSpaces = 0;
                newlines++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B') {
                pendingSpaces++;
            } else {
                if (out.length() > 0) {
                    if (newlines > 0) {
                        out.append(newlines >= 2 ? "\n\n" : "\n");
                    } else if (pendingSpaces > 0) {
                        out.append(text, i - pendingSpaces, i);
                    }
                }
                newlines = 0;
                pendingSpaces = 0;
                out.append(c);
            }
        }
        return out.toString();
    }
}
