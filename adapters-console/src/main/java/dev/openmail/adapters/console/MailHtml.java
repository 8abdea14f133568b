package dev.openmail.adapters.console;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes a message's HTML body safe to show inside a console page. Mail HTML is written by whoever sent the mail, so
 * everything that runs code or fetches remote content is removed: scripts, handlers, styles (which can load URLs) and
 * images (which tell the sender the mail was opened).
 */
final class MailHtml {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeTags("img")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .addEnforcedAttribute("a", "target", "_blank");

    /**
     * How deep elements nest before the parser stops nesting them (their content is kept). Every start tag may cost
     * this many steps, so a hostile body of unclosed elements is read in time proportional to its length times this.
     */
    private static final int MAX_DEPTH = 128;

    private MailHtml() {
    }

    static String sanitise(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        Document dirty = Parser.htmlParser().setMaxDepth(MAX_DEPTH).parseInput(html, "");
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        // The safelist already refuses these; stripping them again keeps that true if the safelist is ever widened.
        for (Element element : clean.body().getAllElements()) {
            List<String> unsafe = new ArrayList<>();
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on") || name.equals("style")) {
                    unsafe.add(attribute.getKey());
                }
            }
            unsafe.forEach(element::removeAttr);
        }
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }
}
