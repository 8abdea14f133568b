package dev.openmail.domain.account;

import dev.openmail.domain.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InboxLimitTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 25, 1_000_000})
    void acceptsZeroToOneMillion(int value) {
        assertEquals(value, new InboxLimit(value).value());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1_000_001, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void refusesValuesOutsideTheRangeNamingTheField(int value) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new InboxLimit(value));
        assertEquals("inboxLimit", e.field());
    }

    @Test
    void isAValue() {
        assertEquals(new InboxLimit(3), new InboxLimit(3));
    }
}
