package dev.openmail.bootstrap;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.extraction.ExtractionMethod;
import dev.openmail.domain.port.out.ExtractText;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * For tests: a small extractor that needs no worker process (the blocking test extractor reads through it). It reads
 * text/plain ({@code text}) and
 * text/csv or text/tab-separated-values ({@code csv}) in their declared charset (when none or an unknown one is
 * declared: UTF-8 when the bytes are UTF-8, else Windows-1252; malformed bytes become U+FFFD), at most {@code maxChars} characters (the rest cut, and said), and answers
 * {@code unsupported} for any other type and {@code skipped_too_large} past {@code maxBytes}. It decodes at most
 * {@code maxChars} characters, so its time and memory are bounded by the limits, whatever the file.
 */
public final class PlainTextExtractor implements ExtractText {

    private final int maxChars;
    private final long maxBytes;

    public PlainTextExtractor(int maxChars, long maxBytes) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, not " + maxChars);
        }
        this.maxChars = maxChars;
        this.maxBytes = maxBytes;
    }

    @Override
    public AttachmentText extract(Request request) {
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT).strip();
        String mime = type.split(";", 2)[0].strip();
        ExtractionMethod method = switch (mime) {
            case "text/plain" -> ExtractionMethod.TEXT;
            case "text/csv", "text/tab-separated-values" -> ExtractionMethod.CSV;
            default -> null;
        };
        if (method == null) {
            return AttachmentText.failed(ExtractionFailure.UNSUPPORTED);
        }
        if (request.content().length > maxBytes) {
            return AttachmentText.failed(ExtractionFailure.SKIPPED_TOO_LARGE);
        }
        Charset declared = charset(type);
        if (declared != null) {
            return decoded(method, request.content(), declared, CodingErrorAction.REPLACE);
        }
        // none declared (the MIME parser keeps the bare type): UTF-8 when the bytes are UTF-8, else Windows-1252,
        // which maps every byte
        AttachmentText utf8 = decoded(method, request.content(), StandardCharsets.UTF_8, CodingErrorAction.REPORT);
        return utf8 != null ? utf8
                : decoded(method, request.content(), Charset.forName("windows-1252"), CodingErrorAction.REPLACE);
    }

    /** The text, at most maxChars of it; null when {@code onError} is REPORT and the bytes are malformed. */
    private AttachmentText decoded(ExtractionMethod method, byte[] content, Charset charset, CodingErrorAction onError) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError);
        // one more than the cap, to tell a text of exactly maxChars from a longer one
        CharBuffer out = CharBuffer.allocate(maxChars + 1);
        ByteBuffer in = ByteBuffer.wrap(content);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return null;
        }
        if (!result.isOverflow() && decoder.flush(out).isError()) {
            return null;
        }
        out.flip();
        boolean truncated = out.remaining() > maxChars || in.hasRemaining();
        int end = Math.min(out.remaining(), maxChars);
        if (truncated && end > 0 && Character.isHighSurrogate(out.get(end - 1))) {
            end--;
        }
        return AttachmentText.read(method, out.subSequence(0, end).toString(), truncated);
    }

    private static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equals("charset")) {
                String name = pair[1].strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException unknown) {
                    return null;
                }
            }
        }
        return null;
    }
}
