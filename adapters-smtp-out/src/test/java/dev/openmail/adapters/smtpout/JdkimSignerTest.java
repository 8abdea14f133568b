package dev.openmail.adapters.smtpout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.mail.DkimSigning;
import dev.openmail.domain.maildomain.DkimKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdkimSignerTest {

    private static final String DOMAIN = "sender.example";

    // shaped like what the composer produces: multipart, encoded parts, a reply in a thread
    private static final String COMPOSED = "From: Alice <alice@sender.example>\r\n"
            + "To: Bob <bob@rcpt.example>\r\n"
            + "Cc: Carol <carol@rcpt.example>\r\n"
            + "Reply-To: team@sender.example\r\n"
            + "Subject: Re: Quarterly numbers\r\n"
            + "Date: Tue, 14 Jan 2025 09:30:00 +0000\r\n"
            + "Message-ID: <reply.1@sender.example>\r\n"
            + "In-Reply-To: <original.1@rcpt.example>\r\n"
            + "References: <original.1@rcpt.example>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "X-Mailer: OpenMail\r\n"
            + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n"
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "Gr=C3=BC=C3=9Fe,   the numbers are in.  \r\n"
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "PHA+R3LDvMOfZTwvcD4=\r\n"
            + "--b1--\r\n";

    private static DkimKey key;
    private static DkimSigning signing;

    @BeforeAll
    static void generateKey() {
        key = DkimKey.generate();
        signing = new DkimSigning(DOMAIN, key.selector(), key.privateKeyBase64());
    }

    private static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }

    @Test
    void signedMessageVerifiesWithThePublishedKey() {
        Instant signedAt = Instant.parse("2025-01-14T09:30:05Z");
        byte[] signed = new JdkimSigner(Clock.fixed(signedAt, ZoneOffset.UTC)).sign(bytes(COMPOSED), signing);

        List<SignatureRecord> verified = DkimVerification.verify(signed, DOMAIN, key);

        assertEquals(1, verified.size());
        SignatureRecord signature = verified.get(0);
        assertEquals(DOMAIN, signature.getDToken().toString());
        assertEquals(key.selector(), signature.getSelector().toString());
        assertEquals("relaxed", signature.getHeaderCanonicalisationMethod());
        assertEquals("relaxed", signature.getBodyCanonicalisationMethod());
        assertEquals("rsa", signature.getHashKeyType().toString());
        assertEquals("sha256", signature.getHashMethod().toString());
        assertEquals(signedAt.getEpochSecond(), signature.getSignatureTimestamp());
        assertEquals(List.of("from", "to", "cc", "subject", "date", "message-id", "reply-to", "in-reply-to",
                "references", "mime-version", "content-type"),
                signature.getHeaders().stream().map(CharSequence::toString).toList());
    }

    @Test
    void theSignatureIsAddedInFrontOfTheUnchangedOriginal() {
        byte[] original = bytes(COMPOSED);
        byte[] signed = new JdkimSigner().sign(original, signing);

        // jDKIM keeps its tags in a hash map, so v=1 need not come first; RFC 6376 sets no order for them
        assertTrue(text(signed).startsWith("DKIM-Signature: "), text(signed));
        byte[] tail = Arrays.copyOfRange(signed, signed.length - original.length, signed.length);
        assertArrayEquals(original, tail);
        String field = text(Arrays.copyOf(signed, signed.length - original.length));
        assertTrue(field.endsWith("\r\n"));
        for (String line : field.split("\r\n")) {
            assertTrue(line.length() <= 998, "line of " + line.length() + " octets");
            assertFalse(line.contains("\n") || line.contains("\r"), "bare line break in " + line);
        }
    }

    @Test
    void onlyHeadersTheMessageHasAreListed() {
        String minimal = "From: alice@sender.example\r\n"
                + "To: bob@rcpt.example\r\n"
                + "Subject: hi\r\n"
                + "\r\n"
                + "hello\r\n";

        List<SignatureRecord> verified =
                DkimVerification.verify(new JdkimSigner().sign(bytes(minimal), signing), DOMAIN, key);

        assertEquals(1, verified.size());
        assertEquals(List.of("from", "to", "subject"),
                verified.get(0).getHeaders().stream().map(CharSequence::toString).toList());
    }

    @Test
    void alteredBodyFailsVerification() {
        String signed = text(new JdkimSigner().sign(bytes(COMPOSED), signing));

        String altered = signed.replace("the numbers are in", "the numbers are out");

        assertFalse(altered.equals(signed));
        assertFalse(DkimVerification.verifies(bytes(altered), DOMAIN, key));
    }

    @Test
    void alteredSubjectFailsVerification() {
        String signed = text(new JdkimSigner().sign(bytes(COMPOSED), signing));

        String altered = signed.replace("Subject: Re: Quarterly numbers", "Subject: Re: Quarterly losses");

        assertFalse(altered.equals(signed));
        assertFalse(DkimVerification.verifies(bytes(altered), DOMAIN, key));
    }

    @Test
    void whitespaceChangesAndUnsignedHeadersInTransitStillVerify() {
        String signed = text(new JdkimSigner().sign(bytes(COMPOSED), signing));

        // what relays may do: prepend trace fields, refold headers, pad whitespace; relaxed canonicalization allows it
        String inTransit = "Received: from out.sender.example by mx.rcpt.example; Tue, 14 Jan 2025 09:30:06 +0000\r\n"
                + signed.replace("Subject: Re: Quarterly numbers", "Subject:   Re: Quarterly\r\n  numbers")
                        .replace("the numbers are in.  \r\n", "the numbers are in.\r\n")
                        .replace("X-Mailer: OpenMail", "X-Mailer: Something Else");

        assertTrue(DkimVerification.verifies(bytes(inTransit), DOMAIN, key));
    }

    @Test
    void aDifferentPublishedKeyDoesNotVerify() {
        byte[] signed = new JdkimSigner().sign(bytes(COMPOSED), signing);

        assertFalse(DkimVerification.verifies(signed, DOMAIN, DkimKey.generate()));
    }

    @Test
    void messageWithoutFromCannotBeSigned() {
        byte[] noFrom = bytes("To: bob@rcpt.example\r\nSubject: hi\r\n\r\nFrom: in the body does not count\r\n");

        assertThrows(IllegalArgumentException.class, () -> new JdkimSigner().sign(noFrom, signing));
    }

    @Test
    void aKeyThatIsNotPkcs8RsaIsRejectedWithoutRepeatingIt() {
        DkimSigning broken = new DkimSigning(DOMAIN, "openmail", key.publicKeyBase64());

        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> new JdkimSigner().sign(bytes(COMPOSED), broken));

        assertFalse(rejected.getMessage().contains(key.publicKeyBase64().substring(0, 40)), rejected.getMessage());
    }

    @Test
    void domainOrSelectorThatWouldBreakTheTagListIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new JdkimSigner().sign(bytes(COMPOSED),
                new DkimSigning("sender.example; l=0", key.selector(), key.privateKeyBase64())));
        assertThrows(IllegalArgumentException.class, () -> new JdkimSigner().sign(bytes(COMPOSED),
                new DkimSigning(DOMAIN, "openmail; h=to", key.privateKeyBase64())));
    }
}
