package dev.openmail.domain.mail;

import java.util.Objects;

/** What a DKIM signature needs: the signing domain (d=), the selector (s=) and the PKCS#8 RSA private key, base64. */
public record DkimSigning(String domain, String selector, String privateKeyBase64) {

    public DkimSigning {
        Objects.requireNonNull(domain);
        Objects.requireNonNull(selector);
        Objects.requireNonNull(privateKeyBase64);
    }

    @Override
    public String toString() {
        return "DkimSigning[" + selector + "._domainkey." + domain + "]";
    }
}
