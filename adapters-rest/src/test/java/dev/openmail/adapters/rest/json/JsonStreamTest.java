package dev.openmail.adapters.rest.json;

import dev.openmail.domain.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A body read as it streams by is refused for what a body read whole is refused for. */
class JsonStreamTest {

    @Test
    void keptFieldsAreReadAndOthersSkipped() {
        JsonObject read = read("{\"a\":\"x\",\"skip\":{\"deep\":[1,{\"b\":null}]},\"c\":[\"y\"]}".getBytes(StandardCharsets.UTF_8));

        assertEquals("x", read.string("a").applyTo(null));
        assertEquals(List.of("y"), read.stringList("c").applyTo(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"a\"", "{\"a\":1} x", "{\"a\":", "{\"a\":1,\"a\":2}", "{\"skip\":1,\"skip\":2}",
            "{\"a\":[1,}"})
    void whatIsNotOneJsonObjectIsRefused(String body) {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> read(body.getBytes(StandardCharsets.UTF_8)));

        assertTrue(Set.of("body", "a", "skip").contains(refused.field()), refused.field());
    }

    @Test
    void aBodyInUtf16OrNotInUtf8IsRefused() {
        assertThrows(InvalidInputException.class, () -> read("{\"a\":\"x\"}".getBytes(Charset.forName("UTF-16LE"))));
        assertThrows(InvalidInputException.class, () -> read("{\"a\":\"x\"}".getBytes(Charset.forName("UTF-32BE"))));
        InvalidInputException notUtf8 = assertThrows(InvalidInputException.class,
                () -> read(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'}));
        assertTrue(notUtf8.getMessage().contains("UTF-8"), notUtf8.getMessage());
    }

    @Test
    void anEmptyBodyIsAnEmptyObject() {
        assertNull(read(new byte[0]).string("a").applyTo(null));
        assertNull(read(" \r\n".getBytes(StandardCharsets.US_ASCII)).string("a").applyTo(null));
    }

    private static JsonObject read(byte[] body) {
        return JsonStream.readObject(body, Integer.MAX_VALUE, Set.of("a", "c"), Map.of());
    }
}
