package dev.openmail.adapters.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Reads the parameter that names a file ({@code filename} of Content-Disposition, {@code name} of Content-Type), in
 * any of the forms of RFC 2231: extended ({@code filename*=UTF-8''a%20b}), continued ({@code filename*0*=},
 * {@code filename*1=}, ...), or plain. The extended form wins over the continued one, and both over the plain one,
 * as in Mime4j and Thunderbird.
 *
 * <p>Mime4j 0.8.14 ({@code MimeParameterMapping}) gets two things wrong, which is why this is not left to it: it
 * decodes extended values with {@code URLDecoder}, turning '+' into a space where RFC 2231 knows only %XX, and it
 * reads any value holding two apostrophes as {@code charset'language'value}, plain ones too, so that
 * {@code filename="O'Brien's notes.txt"} became "s notes.txt". Only a name with a '*' is in RFC 2231 form here. A
 * plain value has its encoded words decoded, as mail readers do (and Mime4j did).
 */
final class FileNameParameter {

    /** {@code *N} or {@code *N*} after the parameter's name; a section number has at most three digits. */
    private static final Pattern SECTION = Pattern.compile("\\*([0-9]{1,3})(\\*?)");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{2}");

    private FileNameParameter() {
    }

    /** The decoded value of parameter {@code name} (lower case) of {@code field}; null without field or parameter. */
    static String value(Field field, String name) {
        if (field == null) {
            return null;
        }
        String plain = null;
        String extended = null;
        Map<Integer, Section> sections = new TreeMap<>();
        for (NameValuePair parameter : RawFieldParser.DEFAULT.parseRawBody(raw(field)).getParams()) {
            String key = parameter.getName().strip().toLowerCase(Locale.ROOT);
            String value = parameter.getValue();
            if (value == null || !key.startsWith(name)) {
                continue;
            }
            String suffix = key.substring(name.length());
            Matcher section = SECTION.matcher(suffix);
            if (suffix.isEmpty()) {
                plain = plain == null ? value : plain;
            } else if (suffix.equals("*")) {
                extended = extended == null ? value : extended;
            } else if (section.matches()) {
                sections.putIfAbsent(Integer.parseInt(section.group(1)),
                        new Section(value, !section.group(2).isEmpty()));
            }
        }
        if (extended != null) {
            String decoded = decode(Map.of(0, new Section(extended, true)));
            if (!decoded.isBlank()) {
                return decoded;
            }
        }
        if (sections.containsKey(0)) {
            String decoded = decode(sections);
            if (!decoded.isBlank()) {
                return decoded;
            }
        }
        return plain == null ? null : MimeUtil.unscrambleHeaderValue(plain);
    }

    private static RawField raw(Field field) {
        return field instanceof RawField raw ? raw : new RawField(field.getName(), field.getBody());
    }

    /**
     * Sections 0, 1, ... up to the first one missing, joined. Encoded sections ({@code *N*}) are %XX-decoded in the
     * charset named in front of section 0 (UTF-8 when that is missing or unknown); the others are taken as they are.
     */
    private static String decode(Map<Integer, Section> sections) {
        Charset charset = StandardCharsets.UTF_8;
        StringBuilder value = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (int number = 0; sections.containsKey(number); number++) {
            Section section = sections.get(number);
            String text = section.value();
            if (!section.encoded()) {
                flush(pending, charset, value);
                value.append(text);
                continue;
            }
            if (number == 0) {
                int charsetEnd = text.indexOf('\'');
                int languageEnd = charsetEnd < 0 ? -1 : text.indexOf('\'', charsetEnd + 1);
                if (languageEnd >= 0) {
                    Charset named = CharsetUtil.lookup(text.substring(0, charsetEnd).strip());
                    charset = named != null ? named : StandardCharsets.UTF_8;
                    text = text.substring(languageEnd + 1);
                }
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '%' && i + 2 < text.length() && HEX.matcher(text.substring(i + 1, i + 3)).matches()) {
                    pending.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                } else if (c < 0x80) {
                    pending.write(c);
                } else {
                    // not allowed in an extended value, but a sender wrote it: keep the character
                    flush(pending, charset, value);
                    value.append(c);
                }
            }
        }
        flush(pending, charset, value);
        return value.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, Charset charset, StringBuilder into) {
        if (bytes.size() > 0) {
            into.append(new String(bytes.toByteArray(), charset));
            bytes.reset();
        }
    }

    private record Section(String value, boolean encoded) {
    }
}
