package dev.openmail.domain.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTest {

    @Test
    void pairedSurrogatesAreWellFormed() {
        assertTrue(Text.isWellFormedUnicode(""));
        assertTrue(Text.isWellFormedUnicode("plain"));
        assertTrue(Text.isWellFormedUnicode("\uD83D\uDE80\uD83D\uDE80"));
    }

    @Test
    void aHighSurrogateAtTheEndOrBeforeANonLowSurrogateIsNot() {
        assertFalse(Text.isWellFormedUnicode("abc\uD83D"));
        assertFalse(Text.isWellFormedUnicode("\uD83D\uD83D\uDE80"));
        assertFalse(Text.isWellFormedUnicode("\uD83Dx"));
    }

    @Test
    void aLowSurrogateWithoutItsHighHalfIsNot() {
        assertFalse(Text.isWellFormedUnicode("\uDE80"));
        assertFalse(Text.isWellFormedUnicode("\uD83D\uDE80\uDE80"));
    }
}
