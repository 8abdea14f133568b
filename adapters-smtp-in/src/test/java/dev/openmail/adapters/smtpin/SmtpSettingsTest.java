package dev.openmail.adapters.smtpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

    private static final Path TLS = Path.of("src/test/resources/tls");

    private static SmtpSettings fromConfiguration(String hostname, String mxHost, String cert, String key) {
        return SmtpSettings.fromConfiguration("0.0.0.0", 2525, hostname, mxHost, 26214400, 100, 200, 60, cert, key);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        SmtpSettings defaults = SmtpSettings.defaults();

        assertEquals(2525, defaults.port());
        assertEquals("0.0.0.0", defaults.bindAddress());
        assertEquals("localhost", defaults.hostname());
        assertEquals(26_214_400, defaults.maxMessageBytes());
        assertEquals(100, defaults.maxRecipients());
        assertEquals(200, defaults.maxConnections());
        assertEquals(Duration.ofSeconds(60), defaults.connectionTimeout());
        assertFalse(defaults.tlsEnabled());
    }

    @Test
    void hostnameFallsBackToTheMxHostAndThenToLocalhost() {
        assertEquals("smtp.example.org", fromConfiguration("smtp.example.org", "mx.example.org", "", "").hostname());
        assertEquals("mx.example.org", fromConfiguration("", "mx.example.org", "", "").hostname());
        assertEquals("localhost", fromConfiguration(" ", "", "", "").hostname());
    }

    @Test
    void starttlsIsOnOnlyWithBothFiles() {
        assertTrue(fromConfiguration("", "", "cert.pem", "key.pem").tlsEnabled());
        assertFalse(fromConfiguration("", "", "", "").tlsEnabled());
        assertThrows(IllegalArgumentException.class, () -> fromConfiguration("", "", "cert.pem", ""));
        assertThrows(IllegalArgumentException.class, () -> fromConfiguration("", "", "", "key.pem"));
    }

    @Test
    void refusesNonsensicalLimits() {
        SmtpSettings defaults = SmtpSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> defaults.withPort(65536));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMaxMessageBytes(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMaxRecipients(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMaxConnections(-1));
        assertThrows(IllegalArgumentException.class, () -> defaults.withConnectionTimeout(Duration.ZERO));
    }

    @Test
    void loadsEachSupportedPemKeyFormat() {
        assertNotNull(PemTls.sslContext(TLS.resolve("rsa-cert.pem"), TLS.resolve("rsa-key-pkcs8.pem")));
        assertNotNull(PemTls.sslContext(TLS.resolve("rsa-cert.pem"), TLS.resolve("rsa-key-pkcs1.pem")));
        assertNotNull(PemTls.sslContext(TLS.resolve("ec-cert.pem"), TLS.resolve("ec-key-sec1.pem")));
        assertNotNull(PemTls.sslContext(TLS.resolve("ec-cert.pem"), TLS.resolve("ec-key-pkcs8.pem")));
    }

    @Test
    void refusesKeysItCannotUseWithAClearMessage() {
        IllegalStateException encrypted = assertThrows(IllegalStateException.class,
                () -> PemTls.sslContext(TLS.resolve("rsa-cert.pem"), TLS.resolve("rsa-key-encrypted.pem")));
        assertTrue(encrypted.getMessage().contains("encrypted"), encrypted.getMessage());

        IllegalStateException mismatch = assertThrows(IllegalStateException.class,
                () -> PemTls.sslContext(TLS.resolve("rsa-cert.pem"), TLS.resolve("other-rsa-key-pkcs8.pem")));
        assertTrue(mismatch.getMessage().contains("does not belong"), mismatch.getMessage());

        assertThrows(IllegalStateException.class,
                () -> PemTls.sslContext(TLS.resolve("rsa-cert.pem"), TLS.resolve("ec-key-pkcs8.pem")));
        assertThrows(IllegalStateException.class,
                () -> PemTls.sslContext(TLS.resolve("rsa-cert.pem"), TLS.resolve("rsa-cert.pem")));
        assertThrows(IllegalStateException.class,
                () -> PemTls.sslContext(TLS.resolve("missing.pem"), TLS.resolve("rsa-key-pkcs8.pem")));
    }
}
