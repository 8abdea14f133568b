package dev.openmail.adapters.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.mail.ReplyDraft;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsoupHtmlReaderTest {

    private final JsoupHtmlReader reader = new JsoupHtmlReader();

    @ParameterizedTest
    @ValueSource(strings = {"<p>Hello</p>", "Hi<br>there", "Hi<BR/>there", "<a href=\"https://example.com\">x</a>",
            "<html><body>Hi</body></html>", "<div class='x'>a</div>", "see <b>this</b>", "<H1>Title</H1>",
            "<img src=x>", "<table><tr><td>1</td></tr></table>", "text then <p >para"})
    void aBodyWithAMailElementIsHtml(String body) {
        assertTrue(reader.isHtml(body), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello", "a < b and c > d", "1 <p", "x <p y", "<unknown>tag</unknown>", "<<>>", "",
            "price <5 & >3", "<!-- <p> -->", "<script>1</script>"})
    void otherTextIsNot(String body) {
        assertFalse(reader.isHtml(body), body);
    }

    @Test
    void blocksAndLineBreaksEndLines() {
        assertEquals("Hello there", reader.plainText("<p>Hello <b>there</b></p>"));
        assertEquals("One\nTwo\nThree", reader.plainText("<p>One</p><div>Two</div><h2>Three</h2>"));
        assertEquals("Line\nNext\nLast", reader.plainText("Line<br>Next<BR />Last"));
        assertEquals("a\nb", reader.plainText("<ul><li>a</li><li>b</li></ul>"));
        assertEquals("1\n2", reader.plainText("<table><tr><td>1</td></tr><tr><td>2</td></tr></table>"));
    }

    @Test
    void scriptsAndStylesAreLeftOutAndEntitiesDecoded() {
        assertEquals("Hi", reader.plainText("<style>p { color: red }</style><p>Hi</p><script>alert(1)</script>"));
        assertEquals("<b> & \"q\" 's'  x \u00e9", reader.plainText("&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39; &nbsp;x &eacute;"));
    }

    @Test
    void noTrailingBlanksAndAtMostOneEmptyLine() {
        assertEquals("a\n\nb", reader.plainText("<p>a \t</p>\n\n\n\n<p>b</p>"));
        assertEquals("a\n\nb", reader.plainText("a&nbsp;<br><br><br><br>b"));
        assertEquals("keep  inner\tblanks", reader.plainText("keep  inner\tblanks"));
    }

    @Test
    void aBodyThatLooksLikeHtmlGivesTextAndHtml() {
        ReplyDraft.Bodies bodies = ReplyDraft.bodies("<p>Hello <b>there</b></p>", null, reader);
        assertEquals("Hello there", bodies.text());
        assertEquals("<p>Hello <b>there</b></p>", bodies.html());

        ReplyDraft.Bodies text = ReplyDraft.bodies("if a<b then", null, reader);
        assertEquals("if a<b then", text.text());
        assertNull(text.html());
    }

    /**
     * A megabyte of "&lt;p " took the regular expressions that read HTML before about an hour (60 KB took 13.5 s, and
     * the time grew with the square of the length); the parser reads it in about a second.
     */
    @Test
    void aMegabyteOfUnclosedTagsIsReadInLinearTime() {
        String body = "<p ".repeat(350_000);
        ReplyDraft.Bodies bodies = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> ReplyDraft.bodies(body, null, reader));
        assertEquals(body, bodies.text());
        assertNull(bodies.html());
    }

    @Test
    void textNestedDeeperThanTheParserNestsIsKept() {
        int depth = JsoupHtmlReader.MAX_DEPTH * 3;
        String html = "<div>".repeat(depth) + "deep" + "</div>".repeat(depth) + "<p>after</p>";
        // each closing div ends a line; runs of line breaks come down to one empty line
        assertEquals("deep\n\nafter", reader.plainText(html));
    }

    @Test
    void aMegabyteOfNestedBlocksIsReadInLinearTime() {
        String html = "<div>".repeat(200_000) + "end";
        String text = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> reader.plainText(html));
        assertEquals("end", text);
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> reader.isHtml(html)));
    }
}
