package dev.openmail.adapters.rest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.openmail.domain.common.InvalidInputException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads request bodies. Bodies are parsed here rather than bound to classes by the framework so that every problem
 * (bytes that are not UTF-8, malformed JSON, text after the object, a repeated field, a wrong type, an unknown field)
 * is answered with a 400 that names the field. JSON is UTF-8 by definition, so a charset in the Content-Type is not
 * consulted. Numbers are kept exactly as written, never rounded through a double.
 */
@Singleton
public final class JsonBodies {

    /** A string can be no longer than the body it is in, which is bounded before parsing. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    /** The largest JSON body an endpoint reads, but for a send, whose attachments may come in it. */
    public static final int MAX_JSON_BYTES = 1024 * 1024;

    private static final ClassValue<Set<String>> FIELDS = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> request) {
            return Arrays.stream(request.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toUnmodifiableSet());
        }
    };

    /**
     * The fields a request body may hold: the components of the record that documents it, so that a field's name is
     * written once in the record and once where the controller reads it.
     */
    public static Set<String> fieldsOf(Class<? extends Record> request) {
        return FIELDS.get(request);
    }

    /** The body as a JSON object, holding only fields of {@code request}; an empty body counts as {@code {}}. */
    public JsonObject object(byte[] body, Class<? extends Record> request) {
        Set<String> allowedFields = fieldsOf(request);
        if (body != null && body.length > MAX_JSON_BYTES) {
            // The server takes larger bodies for file uploads; a JSON body of this API never needs that much.
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "A JSON body may be at most 1 MB; send attachments as multipart/form-data.");
        }
        return JsonObject.closed(parse(body), allowedFields);
    }

    /**
     * The body as a JSON object of an open body of the OpenAPI description: fields this server does not know are
     * ignored, as a client of that description may send them. {@code maxBytes} bounds the body.
     */
    public JsonObject openObject(byte[] body, int maxBytes) {
        if (body != null && body.length > maxBytes) {
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "This JSON body may be at most " + maxBytes / (1024 * 1024) + " MB.");
        }
        return JsonObject.open(parse(body));
    }

    private static JsonNode parse(byte[] body) {
        String text = body == null ? "" : utf8(body);
        if (text.isBlank()) {
            return JsonNode.createObjectNode(Map.of());
        }
        JsonNode node;
        try (JsonParser parser = FACTORY.createParser(text)) {
            node = read(parser, parser.nextToken(), parser::nextToken);
            if (parser.nextToken() != null) {
                throw malformed();
            }
        } catch (StreamConstraintsException tooDeepOrTooLong) {
            throw tooDeepOrTooLong();
        } catch (IOException | NumberFormatException e) {
            // NumberFormatException: a number whose exponent does not fit any numeric type, such as 1e2147483648.
            throw malformed();
        }
        if (!node.isObject()) {
            throw new InvalidInputException("body", "The request body must be a JSON object.");
        }
        return node;
    }

    /** The source of the tokens after the first: the parser itself, or a reader that checks a limit at each token. */
    @FunctionalInterface
    interface Tokens {
        JsonToken next() throws IOException;
    }

    /** The value that starts at {@code token}, built as a tree. */
    static JsonNode read(JsonParser parser, JsonToken token, Tokens tokens) throws IOException {
        if (token == null) {
            throw malformed();
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                for (JsonToken next = tokens.next(); next != JsonToken.END_OBJECT; next = tokens.next()) {
                    String name = parser.currentName();
                    JsonNode value = read(parser, tokens.next(), tokens);
                    if (fields.put(name, value) != null) {
                        throw new InvalidInputException(name, "Field '" + name + "' appears more than once; send it once.");
                    }
                }
                return JsonNode.createObjectNode(fields);
            }
            case START_ARRAY -> {
                List<JsonNode> items = new ArrayList<>();
                for (JsonToken next = tokens.next(); next != JsonToken.END_ARRAY; next = tokens.next()) {
                    items.add(read(parser, next, tokens));
                }
                return JsonNode.createArrayNode(items);
            }
            case VALUE_STRING -> {
                return JsonNode.createStringNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return JsonNode.createNumberNode(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return JsonNode.createNumberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return JsonNode.createBooleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return JsonNode.nullNode();
            }
            default -> throw malformed();
        }
    }

    static InvalidInputException notUtf8() {
        return new InvalidInputException("body", "The request body is not valid UTF-8; send JSON encoded as UTF-8.");
    }

    static InvalidInputException tooDeepOrTooLong() {
        return new InvalidInputException("body", "The request body is not valid JSON for this API: it nests too"
                + " deeply or holds a number or string too long; send a flat JSON object.");
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw notUtf8();
        }
    }

    static InvalidInputException malformed() {
        return new InvalidInputException("body", "The request body is not valid JSON; send one JSON object.");
    }
}
