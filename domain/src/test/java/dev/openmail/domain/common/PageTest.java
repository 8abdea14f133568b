package dev.openmail.domain.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageTest {

    @Test
    void theFirstPageOfOneItemHoldsIt() {
        Page<String> page = Page.ofAtMostOne("only", new PageRequest(1, 0));

        assertEquals(List.of("only"), page.items());
        assertEquals(1, page.total());
        assertEquals(List.of("only"), Page.ofAtMostOne("only", PageRequest.firstPage()).items());
    }

    @Test
    void aLaterPageOfOneItemIsEmptyButCountsIt() {
        for (long offset : new long[]{1, 2, Long.MAX_VALUE}) {
            Page<String> page = Page.ofAtMostOne("only", new PageRequest(50, offset));

            assertEquals(List.of(), page.items(), "offset " + offset);
            assertEquals(1, page.total(), "offset " + offset);
        }
    }

    @Test
    void noItemIsAnEmptyListOnEveryPage() {
        for (long offset : new long[]{0, 1, 7}) {
            Page<String> page = Page.ofAtMostOne(null, new PageRequest(50, offset));

            assertEquals(List.of(), page.items(), "offset " + offset);
            assertEquals(0, page.total(), "offset " + offset);
        }
    }
}
