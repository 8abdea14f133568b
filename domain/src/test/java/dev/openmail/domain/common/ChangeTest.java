package dev.openmail.domain.common;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeTest {

    @Test
    void keepLeavesTheCurrentValue() {
        Change<String> keep = Change.keep();
        assertFalse(keep.isPresent());
        assertEquals("current", keep.applyTo("current"));
        assertNull(keep.applyTo(null));
    }

    @Test
    void toReplacesTheCurrentValue() {
        Change<String> change = Change.to("new");
        assertTrue(change.isPresent());
        assertEquals("new", change.applyTo("current"));
        assertEquals("new", change.applyTo(null));
    }

    @Test
    void toNullClearsTheValue() {
        Change<String> clear = Change.to(null);
        assertTrue(clear.isPresent());
        assertNull(clear.applyTo("current"));
    }

    @Test
    void mapConvertsAPresentValueOnly() {
        AtomicInteger calls = new AtomicInteger();
        Change<Integer> kept = Change.<String>keep().map(s -> calls.incrementAndGet());
        Change<Integer> cleared = Change.<String>to(null).map(s -> calls.incrementAndGet());
        Change<Integer> set = Change.to("abc").map(String::length);

        assertEquals(Change.keep(), kept);
        assertEquals(Change.to(null), cleared);
        assertEquals(Change.to(3), set);
        assertEquals(0, calls.get(), "the mapper never sees an absent or null value");
    }

    @Test
    void equalityTellsKeepFromClearAndComparesValues() {
        assertEquals(Change.to("a"), Change.to("a"));
        assertEquals(Change.to("a").hashCode(), Change.to("a").hashCode());
        assertNotEquals(Change.to("a"), Change.to("b"));
        assertNotEquals(Change.keep(), Change.to(null));
        assertEquals(Change.to(null), Change.to(null));
        assertEquals("Change.keep()", Change.keep().toString());
        assertEquals("Change.to(x)", Change.to("x").toString());
    }
}
