package dev.openmail.domain.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchQueryTest {

    @Test
    void wordsPhrasesAndOperatorsAreReadInOnePass() {
        SearchQuery query = SearchQuery.parse("  Budget \"Q3 Forecast!\" from:Alice@Example.COM has:attachment"
                + " IS:UNREAD re_port ");

        assertEquals(List.of("budget"), query.words());
        assertEquals(List.of("q3 forecast", "re port"), query.phrases());
        assertEquals(List.of("alice@example.com"), query.senders());
        assertTrue(query.hasAttachment());
        assertTrue(query.unread());
        assertEquals(List.of(" budget ", " q3 forecast ", " re port "), query.needles());
        assertEquals(List.of("budget", "forecast", "port"), query.indexedWords(), "q3 and re are too short");
    }

    @Test
    void operatorsAloneNeedNoWord() {
        SearchQuery query = SearchQuery.parse("from:example.com");

        assertEquals(List.of(), query.needles());
        assertEquals(List.of(), query.indexedWords());
        assertFalse(query.hasAttachment());
    }

    @Test
    void aColonAfterSomethingOtherThanLettersIsText() {
        assertEquals(List.of("10 30"), SearchQuery.parse("10:30 meeting").phrases());
        assertEquals(List.of("https example com"), SearchQuery.parse("\"https://example.com\"").phrases());
    }

    @Test
    void anUnknownOperatorOrValueIsRefusedWithTheOperatorsThatExist() {
        UnknownSearchOperatorException unknownKey = assertThrows(UnknownSearchOperatorException.class,
                () -> SearchQuery.parse("budget to:bob"));
        UnknownSearchOperatorException unknownValue = assertThrows(UnknownSearchOperatorException.class,
                () -> SearchQuery.parse("is:starred"));

        assertEquals("to:", unknownKey.operator());
        assertTrue(unknownKey.getMessage().contains("from:<text>, has:attachment and is:unread"),
                unknownKey.getMessage());
        assertEquals("is:starred", unknownValue.operator());
    }

    @Test
    void emptyOverLongAndUnclosedQueriesAreRefused() {
        assertThrows(InvalidSearchQueryException.class, () -> SearchQuery.parse(null));
        assertThrows(InvalidSearchQueryException.class, () -> SearchQuery.parse(" \t "));
        assertThrows(InvalidSearchQueryException.class, () -> SearchQuery.parse("--- !!"));
        assertThrows(InvalidSearchQueryException.class, () -> SearchQuery.parse("\"\""));
        assertThrows(InvalidSearchQueryException.class, () -> SearchQuery.parse("x".repeat(501)));
        SearchQuery.parse("\"" + "abc ".repeat(124) + "ab\"");
        assertThrows(InvalidSearchQueryException.class, () -> SearchQuery.parse("word ".repeat(21)));
        SearchQuery.parse("word ".repeat(20));
        assertThrows(InvalidSearchQueryException.class, () -> SearchQuery.parse("\"never closed"));
        assertThrows(InvalidSearchQueryException.class, () -> SearchQuery.parse("from:"));
    }

    @Test
    void textOfOnlyShortOrCommonWordsIsRefusedEvenWithOperators() {
        assertThrows(InvalidSearchQueryException.class, () -> SearchQuery.parse("to be or"));
        assertThrows(InvalidSearchQueryException.class, () -> SearchQuery.parse("\"the\" is:unread"));
        assertEquals(List.of("not"), SearchQuery.parse("to be or not").indexedWords());
    }

    @Test
    void aMatchNeedsEveryTermAsWholeWords() {
        String document = SearchText.document("Quarterly report", "alice@example.com", "The FORECAST, revised.",
                null, List.of("q3.pdf"));
        SearchQuery query = SearchQuery.parse("\"forecast revised\" quarterly from:ALICE has:attachment");

        assertTrue(query.matches(document, "alice@example.com", true, false));
        assertFalse(query.matches(document, "alice@example.com", false, false));
        assertFalse(query.matches(document, "bob@example.com", true, false));
        assertFalse(SearchQuery.parse("forecas").matches(document, "", false, false));
        assertFalse(SearchQuery.parse("\"report alice\"").matches(document, "", false, false),
                "a phrase stays within one part");
    }

    @Test
    void aLongQueryOfQuotesIsReadInLinearTime() {
        String quotes = "\"".repeat(SearchQuery.MAX_CHARS - 1);
        assertThrows(InvalidSearchQueryException.class, () -> SearchQuery.parse(quotes));
    }
}
