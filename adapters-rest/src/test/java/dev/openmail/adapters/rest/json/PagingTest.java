package dev.openmail.adapters.rest.json;

import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagingTest {

    @Test
    void withoutParametersTheFirstFiftyAreAsked() {
        assertEquals(new PageRequest(50, 0), Paging.parse(null, null));
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '\'', value = {
            "1, 1",
            "37, 37",
            "100, 100",
            "0, 1",
            "-5, 1",
            "101, 100",
            "1000, 100",
            "+7, 7",
            "' 7 ', 7",
            "007, 7",
            "2147483648, 100",
            "99999999999999999999, 100",
            "-99999999999999999999, 1"})
    void theLimitIsClampedInto1To100(String limit, int expected) {
        assertEquals(expected, Paging.parse(limit, null).limit());
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '\'', value = {
            "0, 0",
            "-0, 0",
            "5, 5",
            "+5, 5",
            "' 12', 12",
            "9223372036854775807, 9223372036854775807",
            "99999999999999999999, 9223372036854775807"})
    void theOffsetIsTakenAsGiven(String offset, long expected) {
        assertEquals(expected, Paging.parse(null, offset).offset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "1.5", "1e3", "0x10", "5 pods", "--1", "+", "\u0663", "1_000"})
    void aLimitThatIsNoIntegerIsRefusedNamingIt(String limit) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Paging.parse(limit, null));

        assertEquals("limit", refused.field());
        assertTrue(refused.getMessage().contains("limit"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.5", "1e3", "\u0663", "-1", "-99999999999999999999"})
    void anOffsetThatIsNegativeOrNoIntegerIsRefusedNamingIt(String offset) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Paging.parse("10", offset));

        assertEquals("offset", refused.field());
        assertTrue(refused.getMessage().contains("offset"), refused.getMessage());
    }
}
