package dev.openmail.domain.port.out;

/**
 * Reads HTML that may come from anyone: a client's body, or a received message of up to the SMTP size limit. Both
 * answers take time linear in the length of the text, whatever its shape (unclosed tags, runs of '<', deep nesting).
 */
public interface ReadHtml {

    /**
     * True when {@code body} holds an element a mail body is written with (p, div, br, a, b, table, ...), and so is
     * meant as HTML rather than as text that happens to hold a '<'.
     */
    boolean isHtml(String body);

    /**
     * A plain-text rendering of {@code html}: the text of its elements with entities decoded, a line break where a
     * paragraph, block or list item ends and for each br, scripts and styles left out, and no trailing spaces on a line,
     * no more than one empty line in a row, nothing blank at either end.
     */
    String plainText(String html);
}
