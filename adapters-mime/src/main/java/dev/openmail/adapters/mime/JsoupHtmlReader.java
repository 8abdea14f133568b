package dev.openmail.adapters.mime;

import dev.openmail.domain.port.out.ReadHtml;
import jakarta.inject.Singleton;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reads HTML with jsoup's parser, which follows the HTML5 tokenizer and tree builder: one pass over the input, with
 * bounded lookahead and a bounded stack of open elements, so a hostile body costs time in proportion to its length.
 * Regular expressions over HTML backtrack: "&lt;p " repeated 33,000 times took 37 s.
 */
@Singleton
public final class JsoupHtmlReader implements ReadHtml {

    /** The elements that make a body HTML. */
    private static final Set<String> MAIL_ELEMENTS = Set.of("html", "body", "p", "div", "br", "a", "span", "table", "b",
            "i", "u", "strong", "em", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "img", "blockquote", "pre");

    /**
     * How deep elements nest before the parser stops nesting them (their content is kept). Each start tag costs up to
     * this many steps, so it is the constant of the linear time: jsoup's default of 512 read a megabyte of unclosed
     * {@code <div>}s in 4-5 s, 128 in about 1 s. Mail nests tables a few dozen levels deep at most.
     */
    static final int MAX_DEPTH = 128;

    /** The elements whose end is the end of a line in the text. */
    private static final Set<String> LINE_ENDING = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr",
            "blockquote", "pre");

    @Override
    public boolean isHtml(String body) {
        // Tracking positions tells elements written in the body from those the parser implies (html, head, body).
        Document document = Parser.htmlParser().setMaxDepth(MAX_DEPTH).setTrackPosition(true).parseInput(body, "");
        for (Element element : document.getAllElements()) {
            if (MAIL_ELEMENTS.contains(element.normalName()) && element.sourceRange().isTracked()
                    && !element.sourceRange().isImplicit()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String plainText(String html) {
        Document document = Parser.htmlParser().setMaxDepth(MAX_DEPTH).parseInput(html, "");
        StringBuilder text = new StringBuilder(html.length() / 2);
        // Script and style content is parsed as data, not text, so it never reaches the text.
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    text.append(textNode.getWholeText());
                } else if (node instanceof Element element && element.normalName().equals("br")) {
                    text.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && LINE_ENDING.contains(element.normalName())) {
                    text.append('\n');
                }
            }
        }, document);
        return tidied(text);
    }

    /**
     * No-break spaces as spaces, no spaces or tabs before a line break, at most two line breaks in a row, and nothing
     * blank at either end: one pass, where the regular expression {@code [ \t]+\n} would retry every start of a long run
     * of spaces.
     */
    static String tidied(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int pendingBlanks = 0;
        int newlines = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u00a0') {
                c = ' ';
            }
            if (c == ' ' || c == '\t') {
                pendingBlanks++;
                continue;
            }
            if (c == '\n') {
                pendingBlanks = 0;
                if (++newlines <= 2) {
                    out.append('\n');
                }
                continue;
            }
            newlines = 0;
            if (pendingBlanks > 0) {
                appendBlanks(out, text, i - pendingBlanks, i);
                pendingBlanks = 0;
            }
            out.append(c);
        }
        return out.toString().strip();
    }

    private static void appendBlanks(StringBuilder out, CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            out.append(c == '\u00a0' ? ' ' : c);
        }
    }
}
