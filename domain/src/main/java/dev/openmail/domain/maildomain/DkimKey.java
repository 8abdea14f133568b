package dev.openmail.domain.maildomain;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The key pair with which mail from a domain is signed. The public half is published in DNS under the selector; the
 * private half never leaves the server.
 */
public record DkimKey(String selector, String publicKeyBase64, String privateKeyBase64) {

    public static final String SELECTOR = "openmail";
    private static final int RSA_BITS = 2048;

    public static DkimKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            return new DkimKey(SELECTOR, base64.encodeToString(pair.getPublic().getEncoded()),
                    base64.encodeToString(pair.getPrivate().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides RSA", e);
        }
    }

    /** The TXT value published at {@code <selector>._domainkey.<domain>}. */
    public String txtValue() {
        return "v=DKIM1; k=rsa; p=" + publicKeyBase64;
    }

    @Override
    public String toString() {
        return "DkimKey[" + selector + "]";
    }
}
