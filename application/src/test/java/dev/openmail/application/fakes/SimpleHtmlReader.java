package dev.openmail.application.fakes;

import dev.openmail.domain.port.out.ReadHtml;

import java.util.Locale;

/**
 * An HTML reader good enough for use-case tests, which use well-formed HTML only: a body is HTML when it holds a
 * '&lt;' followed by a letter and, later, a '&gt;'; its text is what lies outside the tags, with a line break for each
 * br and each closing p or div. The real reader (a parser) is tested in adapters-mime.
 */
public final class SimpleHtmlReader implements ReadHtml {

    @Override
    public boolean isHtml(String body) {
        int lastClose = body.lastIndexOf('>');
        for (int i = body.indexOf('<'); i >= 0 && i + 1 < body.length(); i = body.indexOf('<', i + 1)) {
            if (Character.isLetter(body.charAt(i + 1)) && lastClose > i) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String plainText(String html) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < html.length()) {
            int open = html.indexOf('<', i);
            int close = open < 0 ? -1 : html.indexOf('>', open);
            if (close < 0) {
                text.append(html, i, html.length());
                break;
            }
            text.append(html, i, open);
            String tag = html.substring(open + 1, close).strip().toLowerCase(Locale.ROOT);
            if (tag.startsWith("br") || tag.equals("/p") || tag.equals("/div")) {
                text.append('\n');
            }
            i = close + 1;
        }
        return text.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
    }
}
