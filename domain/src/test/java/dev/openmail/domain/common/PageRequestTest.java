package dev.openmail.domain.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageRequestTest {

    @ParameterizedTest
    @CsvSource({"1,1", "50,50", "100,100", "0,1", "-5,1", "101,100", "2147483647,100", "-2147483648,1"})
    void clampsTheLimitInto1To100(int requested, int expected) {
        assertEquals(expected, new PageRequest(requested, 0).limit());
    }

    @Test
    void keepsAnyNonNegativeOffset() {
        assertEquals(0, new PageRequest(10, 0).offset());
        assertEquals(Long.MAX_VALUE, new PageRequest(10, Long.MAX_VALUE).offset());
    }

    @Test
    void refusesANegativeOffsetNamingTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new PageRequest(10, -1));
        assertEquals("offset", e.field());
        assertThrows(InvalidInputException.class, () -> new PageRequest(10, Long.MIN_VALUE));
    }

    @Test
    void theFirstPageHoldsFiftyItems() {
        assertEquals(new PageRequest(50, 0), PageRequest.firstPage());
    }

    @Test
    void aPageHoldsAnUnmodifiableCopyOfItsItems() {
        List<String> items = new ArrayList<>(List.of("a", "b"));
        Page<String> page = new Page<>(items, 7);
        items.add("c");
        assertEquals(List.of("a", "b"), page.items());
        assertThrows(UnsupportedOperationException.class, () -> page.items().add("d"));
    }

    @Test
    void mappingAPageKeepsItsTotal() {
        Page<Integer> lengths = new Page<>(List.of("a", "bbb"), 9).map(String::length);
        assertEquals(List.of(1, 3), lengths.items());
        assertEquals(9, lengths.total());
    }
}
