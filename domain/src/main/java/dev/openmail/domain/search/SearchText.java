package dev.openmail.domain.search;

import java.util.List;

/**
 * The one spelling of text that search compares: every letter and digit lower-cased code point by code point, every
 * other character a word break, words separated by one space. A message's searchable text (its document) is a series
 * of parts (subject, sender, body, each file name, each attachment's text), each written as {@code " words \n"}, so
 * that a word is found as {@code " word "} and a phrase as {@code " first second "} by a plain substring search, the
 * same on every database, and a phrase never runs from one part into the next.
 *
 * <p>The full-text indexes of the databases only narrow down the candidates; this spelling is what decides, so
 * punctuation, case and the engines' own tokenizers cannot make MySQL and H2 disagree.
 */
public final class SearchText {

    private SearchText() {
    }

    /** The words of {@code text} in the search spelling, separated by single spaces; empty when there are none. */
    public static String normalized(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), 1 << 16));
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isLetterOrDigit(codePoint)) {
                if (pendingSpace && !out.isEmpty()) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.appendCodePoint(Character.toLowerCase(codePoint));
            } else {
                pendingSpace = true;
            }
        }
        return out.toString();
    }

    /** One part of a document: {@code " words \n"}, or nothing when the text has no words. */
    public static String part(String text) {
        String words = normalized(text);
        return words.isEmpty() ? "" : " " + words + " \n";
    }

    /**
     * A message's document when it is stored: its subject, sender, body (the text body, else the HTML body with its
     * tags left out) and its attachments' file names. Attachments' texts are added as parts when they are read.
     */
    public static String document(String subject, String sender, String bodyText, String bodyHtml,
                                  List<String> filenames) {
        StringBuilder document = new StringBuilder();
        document.append(part(subject)).append(part(sender));
        document.append(part(bodyText != null ? bodyText : withoutTags(bodyHtml)));
        for (String filename : filenames) {
            document.append(part(filename));
        }
        return document.toString();
    }

    /** The sender as from: compares it: the address as stored, lower-cased code point by code point. */
    public static String sender(String fromAddr) {
        if (fromAddr == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(fromAddr.length());
        fromAddr.codePoints().forEach(codePoint -> out.appendCodePoint(Character.toLowerCase(codePoint)));
        return out.toString();
    }

    /**
     * HTML's text for searching, in one pass: what lies between {@code <} and {@code >} is dropped and counted as a
     * word break. Entities stay as written; the words around them are still found.
     */
    static String withoutTags(String html) {
        if (html == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(html.length(), 1 << 16));
        boolean inTag = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (inTag) {
                inTag = c != '>';
            } else if (c == '<') {
                inTag = true;
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
