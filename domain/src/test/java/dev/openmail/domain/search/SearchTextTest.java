package dev.openmail.domain.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchTextTest {

    @Test
    void lettersAndDigitsAreLowerCasedAndEverythingElseBreaksWords() {
        assertEquals("re q3 report é ñandú ω", SearchText.normalized("  RE: Q3--report!! É\tÑandú, Ω "));
        assertEquals("", SearchText.normalized(" ... "));
        assertEquals("", SearchText.normalized(null));
        assertEquals("\uD835\uDC00x", SearchText.normalized("\uD835\uDC00X"), "a letter beyond the BMP is a letter");
    }

    @Test
    void aDocumentIsItsPartsEachBetweenSpacesOnALineOfItsOwn() {
        assertEquals(" hello \n bob example com \n see you \n a pdf \n",
                SearchText.document("Hello", "Bob@Example.com", null, "<p>See <b>you</b></p>", List.of("a.pdf", "!")));
        assertEquals(" text \n", SearchText.document(null, null, "text", "<p>html</p>", List.of()));
    }

    @Test
    void theSenderIsLowerCasedAsWritten() {
        assertEquals("alice smith <alice@example.com>", SearchText.sender("Alice Smith <ALICE@example.com>"));
    }
}
