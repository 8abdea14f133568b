package dev.openmail.adapters.console;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailHtmlTest {

    @Test
    void whatRunsCodeOrFetchesContentIsRemoved() {
        String safe = MailHtml.sanitise("<html><head><title>t</title><script>alert(1)</script></head><body>"
                + "<p onclick=\"steal()\" style=\"background:url(https://t.example/x)\">Hello <b>there</b></p>"
                + "<img src=\"https://t.example/pixel.gif\"><a href=\"https://example.com\">link</a></body></html>");

        assertFalse(safe.contains("script"), safe);
        assertFalse(safe.contains("alert"), safe);
        assertFalse(safe.contains("onclick"), safe);
        assertFalse(safe.contains("style"), safe);
        assertFalse(safe.contains("<img"), safe);
        assertTrue(safe.contains("<p>Hello <b>there</b></p>"), safe);
        assertTrue(safe.contains("rel=\"noopener noreferrer nofollow\""), safe);
        assertNull(MailHtml.sanitise("  "));
    }

    /** A megabyte of unclosed elements is read in bounded depth, so in time proportional to its length. */
    @Test
    void deeplyNestedHostileHtmlIsReadInBoundedDepthAndKeepsItsText() {
        String hostile = "<div>x".repeat(1024 * 1024 / 6);

        String safe = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> MailHtml.sanitise(hostile));

        int depth = 0;
        int deepest = 0;
        for (int i = safe.indexOf('<'); i >= 0; i = safe.indexOf('<', i + 1)) {
            depth += safe.startsWith("</", i) ? -1 : 1;
            deepest = Math.max(deepest, depth);
        }
        assertTrue(deepest <= 130, "nested " + deepest + " deep");
        assertEquals(hostile.length() / 6, safe.chars().filter(c -> c == 'x').count());
    }
}
