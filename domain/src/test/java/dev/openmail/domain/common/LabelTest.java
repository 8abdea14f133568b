package dev.openmail.domain.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelTest {

    private static final String EMOJI = "\uD83D\uDE80"; // U+1F680, two UTF-16 units, one code point

    @Test
    void acceptsUpTo255Characters() {
        String text = "a".repeat(255);
        assertEquals(text, Label.parse("name", text).value());
    }

    @Test
    void refuses256CharactersNamingTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Label.parse("name", "a".repeat(256)));
        assertEquals("name", e.field());
        assertTrue(e.getMessage().contains("256"), e.getMessage());
    }

    @Test
    void anEmojiCountsAsOneCharacter() {
        String text = EMOJI.repeat(255);
        assertEquals(510, text.length());
        assertEquals(text, Label.parse("name", text).value());
        assertThrows(InvalidInputException.class, () -> Label.parse("name", EMOJI.repeat(256)));
        assertThrows(InvalidInputException.class, () -> Label.parse("name", EMOJI.repeat(255) + "x"));
    }

    @Test
    void acceptsAnyUnicodeAndTheEmptyString() {
        assertEquals("Équipe 東京 " + EMOJI, Label.parse("name", "Équipe 東京 " + EMOJI).value());
        assertEquals("", Label.parse("name", "").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "a\uD83Db", "\uDE80", "x\uDE80", "\uDE80\uD83D", "ok\uD83D\uDE80\uD83D"})
    void refusesLoneSurrogates(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Label.parse("displayName", text));
        assertEquals("displayName", e.field());
        assertFalse(Text.isWellFormedUnicode(text));
    }

    @Test
    void refusesNullAsInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Label.parse("name", null));
        assertEquals("name", e.field());
    }

    @Test
    void aLabelAlwaysHasAValue() {
        assertThrows(IllegalArgumentException.class, () -> new Label(null));
    }

    @Test
    void printsAsItsValue() {
        assertEquals("Sales", new Label("Sales").toString());
        assertEquals(new Label("Sales"), Label.parse("name", "Sales"));
    }
}
