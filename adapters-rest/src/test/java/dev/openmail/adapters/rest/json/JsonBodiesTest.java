package dev.openmail.adapters.rest.json;

import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JsonBodies and the JsonObject it hands out, without a server. */
class JsonBodiesTest {

    /** A request body with the fields these tests send. */
    private record Sample(String name, Long limit) {
    }

    private static final JsonBodies BODIES = new JsonBodies();

    private static JsonObject read(String body) {
        return BODIES.object(body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Sample.class);
    }

    private static InvalidInputException refused(String body) {
        return assertThrows(InvalidInputException.class, () -> read(body));
    }

    // ---- the body

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n", "{}", " { } "})
    void anEmptyBodyOrObjectLeavesEveryFieldAsItIs(String body) {
        JsonObject json = read(body);

        assertEquals(Change.keep(), json.string("name"));
        assertEquals(Change.keep(), json.integer("limit", 0, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "}", "{\"name\":}", "{\"name\" \"x\"}", "{'name':'x'}", "{name:\"x\"}",
            "{\"name\":\"x\",}", "{\"name\":\"x\" // c\n}", "nul", "{\"limit\":NaN}", "{\"limit\":01}", "\u0000"})
    void malformedJsonIsRefusedAsTheBody(String body) {
        InvalidInputException refused = refused(body);

        assertEquals("body", refused.field());
        assertTrue(refused.getMessage().contains("not valid JSON"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"name\":\"x\"}]", "42", "\"name\"", "true", "null"})
    void jsonThatIsNoObjectIsRefusedAsTheBody(String body) {
        InvalidInputException refused = refused(body);

        assertEquals("body", refused.field());
        assertTrue(refused.getMessage().contains("must be a JSON object"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"x\"}}", "{\"name\":\"x\"} trailing", "{\"name\":\"x\"}{\"limit\":1}",
            "{\"name\":\"x\"}[]"})
    void contentAfterTheObjectMakesTheBodyMalformed(String body) {
        assertEquals("body", refused(body).field());
    }

    @Test
    void anUnknownFieldIsRefusedByNameListingTheAcceptedOnes() {
        InvalidInputException refused = refused("{\"name\":\"x\",\"isDefault\":true}");

        assertEquals("isDefault", refused.field());
        assertEquals("Unknown field 'isDefault'; this endpoint accepts only limit, name.", refused.getMessage());
    }

    @Test
    void anUnknownFieldIsRefusedEvenWhenNull() {
        assertEquals("extra", refused("{\"extra\":null}").field());
    }

    // ---- string fields

    @Test
    void aStringFieldIsAbsentNullOrAString() {
        assertEquals(Change.keep(), read("{}").string("name"));
        assertEquals(Change.to(null), read("{\"name\":null}").string("name"));
        assertEquals(Change.to("Ünïcødé 🚀"), read("{\"name\":\"Ünïcødé \\ud83d\\ude80\"}").string("name"));
        assertEquals(Change.to(""), read("{\"name\":\"\"}").string("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.5", "true", "false", "{}", "[]", "[\"x\"]", "{\"x\":\"y\"}"})
    void aStringFieldRefusesOtherTypesNamingTheField(String value) {
        JsonObject json = read("{\"name\":" + value + "}");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> json.string("name"));
        assertEquals("name", refused.field());
        assertEquals("Field 'name' must be a string or null.", refused.getMessage());
    }

    // ---- integer fields

    @Test
    void anIntegerFieldIsAbsentOrNull() {
        assertEquals(Change.keep(), read("{}").integer("limit", 0, 10));
        assertEquals(Change.to(null), read("{\"limit\":null}").integer("limit", 0, 10));
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "-0, 0",
            "10, 10",
            "7, 7",
            "7.0, 7",
            "7.000, 7",
            "7e0, 7",
            "0.7e1, 7",
            "1e1, 10",
            "1E1, 10",
            "100e-1, 10",
            "0.0, 0",
            "0e5, 0"})
    void anIntegerFieldTakesAnyJsonNumberWhoseValueIsAnIntegerInRange(String json, int expected) {
        assertEquals(Change.to(expected), read("{\"limit\":" + json + "}").integer("limit", 0, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "11", "7.5", "0.1", "1e2", "-1e1", "99999999999999999999", "-99999999999999999999",
            "9.99999", "\"7\"", "true", "[7]", "{\"v\":7}"})
    void anIntegerFieldRefusesAnythingElseNamingTheFieldAndTheRange(String json) {
        JsonObject object = read("{\"limit\":" + json + "}");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> object.integer("limit", 0, 10));
        assertEquals("limit", refused.field());
        assertEquals("Field 'limit' must be an integer from 0 to 10.", refused.getMessage());
    }

    @Test
    void theRangeIsInclusiveAtBothEnds() {
        assertEquals(Change.to(-3), read("{\"limit\":-3}").integer("limit", -3, 3));
        assertEquals(Change.to(3), read("{\"limit\":3}").integer("limit", -3, 3));
        assertEquals(Change.to(Integer.MAX_VALUE), read("{\"limit\":2147483647}").integer("limit", 0, Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1e1000000000"})
    void aNumberBeyondTheRangeOfADoubleIsRefusedLikeAnyOtherOutOfRangeNumber(String json) {
        JsonObject object = read("{\"limit\":" + json + "}");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> object.integer("limit", 0, 10));
        assertEquals("limit", refused.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.000000000000000000001", "1e-400", "0.5"})
    void aNumberWithAFractionIsNoIntegerHoweverSmallTheFraction(String json) {
        JsonObject object = read("{\"limit\":" + json + "}");

        assertEquals("limit", assertThrows(InvalidInputException.class, () -> object.integer("limit", 0, 10)).field());
    }

    @Test
    void aFieldSentTwiceIsRefusedByName() {
        InvalidInputException refused = refused("{\"name\":\"a\",\"name\":\"b\"}");

        assertEquals("name", refused.field());
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAsTheBody() {
        byte[] latin1 = "{\"name\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> BODIES.object(latin1, Sample.class));
        assertEquals("body", refused.field());
        assertTrue(refused.getMessage().contains("UTF-8"), refused.getMessage());
    }

    @Test
    void theAllowedFieldsAreTheComponentsOfTheRequestRecord() {
        assertEquals(Set.of("name", "limit"), JsonBodies.fieldsOf(Sample.class));

        InvalidInputException unknown = refused("{\"nmae\":\"x\"}");
        assertTrue(unknown.getMessage().contains("limit, name"), unknown.getMessage());
    }
}
