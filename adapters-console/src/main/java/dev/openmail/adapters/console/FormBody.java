package dev.openmail.adapters.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body, read by hand so that the console needs no body codec beyond
 * what the HTTP server has, and a repeated field keeps its first value rather than failing the request.
 */
final class FormBody {

    private final Map<String, String> fields;

    private FormBody(Map<String, String> fields) {
        this.fields = fields;
    }

    static FormBody parse(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        if (body != null && body.length > 0) {
            for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                fields.putIfAbsent(name, value);
            }
        }
        return new FormBody(fields);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    /** The field's value, or null when the form did not carry it. */
    String value(String name) {
        return fields.get(name);
    }

    /** The field's value with surrounding blanks removed; null when missing or blank, as an empty field means "none". */
    String trimmedOrNull(String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip();
    }
}
