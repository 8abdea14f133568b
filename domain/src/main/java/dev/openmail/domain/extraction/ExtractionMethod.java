package dev.openmail.domain.extraction;

/**
 * How the text of an attachment was read, as the attachments page names it in {@code extractionMethod}: {@code pdf}
 * (a PDF's text layer), {@code ocr} (an image, or a PDF without a text layer, through OCR), {@code office} (word
 * processor, spreadsheet and presentation files, old and new, and RTF), {@code csv} (CSV and TSV) and {@code text}
 * (plain text in any declared charset, HTML as its text, and an archive as the names of its members).
 */
public enum ExtractionMethod {
    PDF("pdf"),
    OCR("ocr"),
    OFFICE("office"),
    CSV("csv"),
    TEXT("text");

    private final String wireName;

    ExtractionMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
