package dev.openmail.adapters.smtpout.direct;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The two kinds of TLS that direct delivery speaks: verifying (the JVM's default CAs plus the PEM certificates of
 * {@code openmail.delivery.trust-pem}), for MTA-STS policies and for mail exchangers a policy enforces; and
 * opportunistic, which encrypts without checking who answers (RFC 7435), for every other mail exchanger.
 */
final class TlsContexts {

    private final SSLContext verifying;
    private final SSLContext opportunistic;

    private TlsContexts(SSLContext verifying, SSLContext opportunistic) {
        this.verifying = verifying;
        this.opportunistic = opportunistic;
    }

    /** @param extraCaPem a PEM file of CA certificates trusted besides the JVM's, or null */
    static TlsContexts create(Path extraCaPem) {
        try {
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int n = 0;
            for (TrustManager manager : defaults.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate certificate : x509.getAcceptedIssuers()) {
                        anchors.setCertificateEntry("jvm-" + n++, certificate);
                    }
                }
            }
            if (extraCaPem != null) {
                try (InputStream in = Files.newInputStream(extraCaPem)) {
                    for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        anchors.setCertificateEntry("extra-" + n++, certificate);
                    }
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(anchors);
            SSLContext verifying = SSLContext.getInstance("TLS");
            verifying.init(null, trust.getTrustManagers(), null);
            SSLContext opportunistic = SSLContext.getInstance("TLS");
            opportunistic.init(null, new TrustManager[] {new TrustingAnyone()}, null);
            return new TlsContexts(verifying, opportunistic);
        } catch (IOException e) {
            throw new IllegalArgumentException("openmail.delivery.trust-pem (OPENMAIL_DELIVERY_TRUST_PEM): cannot read "
                    + extraCaPem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("openmail.delivery.trust-pem (OPENMAIL_DELIVERY_TRUST_PEM): " + extraCaPem
                    + " holds no usable PEM certificate: " + e.getMessage(), e);
        }
    }

    SSLContext verifying() {
        return verifying;
    }

    SSLContext opportunistic() {
        return opportunistic;
    }

    /** Accepts any certificate: encryption against passive listening only, as opportunistic TLS for SMTP is. */
    private static final class TrustingAnyone extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // never a server here
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // opportunistic: any certificate
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // never a server here
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // opportunistic: any certificate
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // never a server here
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // opportunistic: any certificate
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
