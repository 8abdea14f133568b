package dev.openmail.application.fakes;

import dev.openmail.domain.mail.DkimSigning;
import dev.openmail.domain.port.out.SignMail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for DKIM: puts a marker header naming the signing domain and selector in front of the message and keeps
 * every DkimSigning it was given, so that tests see whether, and as whom, a message was signed.
 */
public final class MarkingSigner implements SignMail {

    private final List<DkimSigning> signings = new ArrayList<>();

    /** The header line a message signed as {@code domain} with {@code selector} starts with. */
    public static String marker(String domain, String selector) {
        return "DKIM-Signature: v=1; a=rsa-sha256; d=" + domain + "; s=" + selector + "; b=test\r\n";
    }

    public synchronized List<DkimSigning> signings() {
        return List.copyOf(signings);
    }

    @Override
    public synchronized byte[] sign(byte[] raw, DkimSigning signing) {
        signings.add(signing);
        byte[] marker = marker(signing.domain(), signing.selector()).getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[marker.length + raw.length];
        System.arraycopy(marker, 0, signed, 0, marker.length);
        System.arraycopy(raw, 0, signed, marker.length, raw.length);
        return signed;
    }
}
