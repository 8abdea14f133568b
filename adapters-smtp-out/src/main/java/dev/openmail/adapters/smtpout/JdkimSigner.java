package dev.openmail.adapters.smtpout;

import dev.openmail.domain.mail.DkimSigning;
import dev.openmail.domain.port.out.SignMail;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * Signs outgoing mail with DKIM (RFC 6376) through Apache jDKIM: rsa-sha256, relaxed/relaxed, over those of
 * {@link #SIGNED_HEADERS} the message has. The result is the DKIM-Signature header followed by the original bytes,
 * unchanged.
 */
@Singleton
public final class JdkimSigner implements SignMail {

    /** Header fields signed when present, in the order they appear in {@code h=}. */
    public static final List<String> SIGNED_HEADERS = List.of("from", "to", "cc", "subject", "date", "message-id",
            "reply-to", "in-reply-to", "references", "mime-version", "content-type");

    // what may stand in d= and s= without ending the tag list early; IDNs arrive as A-labels
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?"
            + "(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*");

    private final Clock clock;

    @Inject
    public JdkimSigner() {
        this(Clock.systemUTC());
    }

    /** {@code clock} gives the signature's timestamp ({@code t=}). */
    public JdkimSigner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public byte[] sign(byte[] raw, DkimSigning signing) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(signing, "signing");
        if (!DOMAIN.matcher(signing.domain()).matches()) {
            throw new IllegalArgumentException("not a domain name a DKIM signature can carry: " + signing.domain());
        }
        if (!SELECTOR.matcher(signing.selector()).matches()) {
            throw new IllegalArgumentException("not a DKIM selector: " + signing.selector());
        }
        Set<String> present = headerNames(raw);
        if (!present.contains("from")) {
            throw new IllegalArgumentException("a message without a From header cannot be DKIM-signed");
        }
        String signedHeaders = SIGNED_HEADERS.stream().filter(present::contains).collect(Collectors.joining(":"));
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + signing.domain() + "; s=" + signing.selector()
                + "; t=" + clock.instant().getEpochSecond() + "; h=" + signedHeaders + "; bh=; b=;";

        String field;
        try {
            field = new DKIMSigner(template, privateKey(signing)).sign(new ByteArrayInputStream(raw));
        } catch (FailException e) {
            throw new IllegalArgumentException("cannot DKIM-sign the message for " + signing + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        String lineBreak = lineBreakOf(raw);
        // one tag per line keeps every line far below the 998-octet limit; relaxed canonicalization undoes the
        // folding, so the signature made over the unfolded field still verifies
        String folded = field.replace("; ", ";" + lineBreak + "\t") + lineBreak;
        byte[] header = folded.getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[header.length + raw.length];
        System.arraycopy(header, 0, signed, 0, header.length);
        System.arraycopy(raw, 0, signed, header.length, raw.length);
        return signed;
    }

    private static PrivateKey privateKey(DkimSigning signing) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(signing.privateKeyBase64());
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | InvalidKeySpecException e) {
            // the key itself stays out of the message
            throw new IllegalArgumentException("the DKIM key of " + signing + " is not a base64 PKCS#8 RSA private key",
                    e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides RSA", e);
        }
    }

    /** Lower-cased names of the fields in the header section, which ends at the first empty line. */
    static Set<String> headerNames(byte[] raw) {
        Set<String> names = new HashSet<>();
        int lineStart = 0;
        while (lineStart < raw.length) {
            int lineEnd = indexOf(raw, (byte) '\n', lineStart);
            int next = lineEnd < 0 ? raw.length : lineEnd + 1;
            int contentEnd = lineEnd < 0 ? raw.length : lineEnd;
            if (contentEnd > lineStart && raw[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            if (contentEnd == lineStart) {
                break;
            }
            byte first = raw[lineStart];
            if (first != ' ' && first != '\t') {
                int colon = indexOf(raw, (byte) ':', lineStart);
                if (colon > lineStart && colon < contentEnd) {
                    names.add(new String(raw, lineStart, colon - lineStart, StandardCharsets.ISO_8859_1)
                            .strip().toLowerCase(Locale.ROOT));
                }
            }
            lineStart = next;
        }
        return names;
    }

    /** CRLF unless the message itself ends its first line with a bare LF, so the added field matches the rest. */
    private static String lineBreakOf(byte[] raw) {
        int lineEnd = indexOf(raw, (byte) '\n', 0);
        return lineEnd > 0 && raw[lineEnd - 1] != '\r' ? "\n" : "\r\n";
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
