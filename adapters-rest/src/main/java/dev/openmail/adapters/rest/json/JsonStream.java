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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * An open JSON body read token by token from its bytes, for a body too large to hold as a tree: a send, whose
 * attachments come in base64 in it. Fields nobody reads are skipped without being built, base64 values are decoded
 * straight from the body's bytes, and everything but those values is held to {@link JsonBodies#MAX_JSON_BYTES}, as
 * any other JSON body is.
 */
public final class JsonStream {

    /**
     * A string read is held to as many characters as the JSON limit has bytes: a body's text fields (a send's bodyHtml
     * may be 500,000 characters) are bounded here, in characters, rather than in bytes, which a client that escapes
     * every character beyond ASCII (six bytes each) multiplies by six. Base64 values are never read as strings.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(JsonBodies.MAX_JSON_BYTES)
                    .maxNameLength(JsonBodies.MAX_JSON_BYTES)
                    .build())
            .build();
    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    /** What reads one field's value, the stream standing at the value's first token. */
    @FunctionalInterface
    public interface FieldReader {
        void read(JsonStream stream, JsonToken value) throws IOException;
    }

    private final byte[] body;
    private final JsonParser parser;
    /**
     * Bytes that do not count toward the JSON limit: base64 values, bounded by what they decode to, and the strings of
     * the body's own kept fields, each bounded in characters by the parser and sent at most once.
     */
    private long uncountedBytes;

    private JsonStream(byte[] body, JsonParser parser) {
        this.body = body;
        this.parser = parser;
    }

    /**
     * Reads a body that must be one JSON object (an empty body counts as {@code {}}): fields in {@code kept} come back
     * as a {@link JsonObject}, a field in {@code readers} is handed to its reader, and any other field is skipped.
     * {@code maxBytes} bounds the whole body, base64 values included.
     */
    public static JsonObject readObject(byte[] body, int maxBytes, Set<String> kept, Map<String, FieldReader> readers) {
        if (body != null && body.length > maxBytes) {
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "This JSON body may be at most " + maxBytes / (1024 * 1024) + " MB.");
        }
        byte[] json = body == null || isBlank(body) ? EMPTY_OBJECT : body;
        requireUtf8(json);
        if (startsWithNul(json)) {
            // Jackson would take the body for UTF-16 or UTF-32; in UTF-8 JSON a NUL byte is malformed anywhere.
            throw JsonBodies.malformed();
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonStream stream = new JsonStream(json, parser);
            JsonToken first = stream.next();
            if (first == null) {
                throw JsonBodies.malformed();
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInputException("body", "The request body must be a JSON object.");
            }
            JsonObject object = stream.object("", kept, readers);
            if (stream.next() != null) {
                throw JsonBodies.malformed();
            }
            return object;
        } catch (StreamConstraintsException tooDeepOrTooLong) {
            throw JsonBodies.tooDeepOrTooLong();
        } catch (IOException | NumberFormatException e) {
            throw JsonBodies.malformed();
        }
    }

    /**
     * The rest of an object whose {@code START_OBJECT} has just been read, as {@link #readObject} reads a body;
     * {@code path} names its fields in errors, such as {@code attachments[0].}.
     */
    public JsonObject object(String path, Set<String> kept, Map<String, FieldReader> readers) throws IOException {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (JsonToken token = next(); token != JsonToken.END_OBJECT; token = next()) {
            String name = parser.currentName();
            if (!seen.add(name)) {
                throw new InvalidInputException(path + name, "Field '" + path + name + "' appears more than once;"
                        + " send it once.");
            }
            JsonToken value = next();
            if (kept.contains(name) && value == JsonToken.VALUE_STRING && path.isEmpty()) {
                // A text field of the body: bounded in characters as it is read, and sent at most once.
                uncountedBytes += stringBytes();
                fields.put(name, JsonBodies.read(parser, value, this::next));
            } else if (kept.contains(name)) {
                fields.put(name, JsonBodies.read(parser, fitting(value), () -> fitting(next())));
            } else if (readers.containsKey(name)) {
                readers.get(name).read(this, value);
            } else {
                skip(value);
            }
        }
        return JsonObject.open(JsonNode.createObjectNode(fields), path);
    }

    /** The next token, once the bytes read so far are known to be within the JSON limit. */
    public JsonToken next() throws IOException {
        JsonToken token = parser.nextToken();
        requireWithinLimit(parser.currentLocation().getByteOffset());
        return token;
    }

    /** Skips the value that starts at {@code token} without building it. */
    public void skip(JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return;
        }
        for (int depth = 1; depth > 0; ) {
            JsonToken next = next();
            if (next == null) {
                throw JsonBodies.malformed();
            }
            if (next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY) {
                depth++;
            } else if (next == JsonToken.END_OBJECT || next == JsonToken.END_ARRAY) {
                depth--;
            }
        }
    }

    /**
     * The bytes of the base64 string the stream stands at, decoded straight from the body. Whitespace (also written as
     * JSON escapes, as line breaks of mail tools are) is ignored and padding is optional, as for
     * {@link java.util.Base64#getDecoder()}. {@code decodedLength} sees the length before anything is decoded and may
     * refuse it by throwing.
     */
    public byte[] base64(String field, LongConsumer decodedLength) {
        int start = Math.toIntExact(parser.currentTokenLocation().getByteOffset()) + 1;
        Base64Reader reader = new Base64Reader(body, start);
        long length = reader.decodedLength();
        if (length < 0) {
            throw new InvalidInputException(field, "Field '" + field + "' must be the file's bytes in base64"
                    + " (A-Z a-z 0-9 + /, padded with =).");
        }
        uncountedBytes += reader.end() - start;
        decodedLength.accept(length);
        return reader.decode((int) length);
    }

    /** A string token is checked to fit the JSON limit before it is read into a String. */
    private JsonToken fitting(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            requireWithinLimit(parser.currentLocation().getByteOffset() + stringBytes());
        }
        return token;
    }

    /** The bytes of the string the parser stands at, between its quotes. */
    private int stringBytes() {
        int start = Math.toIntExact(parser.currentTokenLocation().getByteOffset()) + 1;
        return new Base64Reader(body, start).end() - start;
    }

    private void requireWithinLimit(long offset) {
        if (offset - uncountedBytes > JsonBodies.MAX_JSON_BYTES) {
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Apart from its text fields and base64"
                    + " data, a JSON body may be at most 1 MB.");
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithNul(byte[] body) {
        for (int i = 0; i < Math.min(4, body.length); i++) {
            if (body[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Checks the body is UTF-8 in chunks, so that no String of it is made. */
    private static void requireUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(8192);
        for (CoderResult result = decoder.decode(in, out, true); ; result = decoder.decode(in, out, true)) {
            if (result.isError()) {
                throw JsonBodies.notUtf8();
            }
            out.clear();
            if (result.isUnderflow()) {
                return;
            }
        }
    }
}
