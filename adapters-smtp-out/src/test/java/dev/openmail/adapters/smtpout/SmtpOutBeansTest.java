package dev.openmail.adapters.smtpout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.adapters.smtpout.direct.DeliverySettings;
import dev.openmail.adapters.smtpout.direct.DirectDelivery;
import dev.openmail.domain.port.out.SignMail;
import dev.openmail.domain.port.out.TransmitMail;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The adapters as Micronaut wires them, with their settings read from configuration. The {@code DnsLookup} that direct
 * delivery needs is adapters-dns' own bean, on this module's test class path.
 */
class SmtpOutBeansTest {

    @Test
    void aConfiguredRelayHostMeansTheRelayWithItsSettings() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "openmail.smtp-relay.host", "smtp.relay.example",
                "openmail.smtp-relay.port", 587,
                "openmail.smtp-relay.username", "relayuser",
                "openmail.smtp-relay.password", "s3cret",
                "openmail.smtp-relay.starttls", true,
                "openmail.smtp-relay.timeout-seconds", 12,
                "openmail.mx-host", "mx.openmail.example"))) {
            RelaySettings settings = assertInstanceOf(SmtpRelay.class, context.getBean(TransmitMail.class)).settings();

            assertEquals(new RelaySettings("smtp.relay.example", 587, "relayuser", "s3cret", true,
                    Duration.ofSeconds(12), "mx.openmail.example"), settings);
        }
    }

    @Test
    void credentialsWithoutStartTlsStopTheStartUnlessPlainAuthIsAllowed() {
        Map<String, Object> plain = Map.of("openmail.smtp-relay.host", "smtp.relay.example",
                "openmail.smtp-relay.username", "relayuser", "openmail.smtp-relay.password", "s3cret");
        try (ApplicationContext context = ApplicationContext.run(plain)) {
            Exception refused = assertThrows(Exception.class, () -> context.getBean(TransmitMail.class));
            Throwable cause = refused;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            assertTrue(cause.getMessage().contains("OPENMAIL_SMTP_RELAY_STARTTLS"), cause.getMessage());
        }
        Map<String, Object> allowed = new HashMap<>(plain);
        allowed.put("openmail.smtp-relay.allow-plain-auth", true);
        try (ApplicationContext context = ApplicationContext.run(allowed)) {
            assertTrue(assertInstanceOf(SmtpRelay.class, context.getBean(TransmitMail.class)).settings()
                    .authenticates());
        }
    }

    @Test
    void withoutARelayHostMailGoesDirectlyWithTheDefaults() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("openmail.mx-host", "mx.openmail.example"))) {
            DeliverySettings settings =
                    assertInstanceOf(DirectDelivery.class, context.getBean(TransmitMail.class)).settings();

            assertEquals(25, settings.port());
            assertEquals(443, settings.mtaStsPort());
            assertEquals(Duration.ofSeconds(30), settings.timeout());
            assertEquals(Duration.ofMinutes(10), settings.dataEndTimeout());
            assertEquals(8, settings.connectionsPerDomain());
            assertEquals(false, settings.allowPrivateTargets());
            assertNull(settings.trustPem());
            assertEquals("mx.openmail.example", settings.heloName());
        }
    }

    @Test
    void stoppingTheApplicationClosesDirectDelivery() {
        DirectDelivery delivery;
        try (ApplicationContext context = ApplicationContext.run()) {
            delivery = assertInstanceOf(DirectDelivery.class, context.getBean(TransmitMail.class));
            assertFalse(delivery.closed());
        }
        assertTrue(delivery.closed());
    }

    @Test
    void directDeliverySettingsComeFromConfiguration() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "openmail.smtp-relay.host", " ",
                "openmail.smtp-relay.helo-name", "out.openmail.example",
                "openmail.mx-host", "mx.openmail.example",
                "openmail.delivery.port", 2526,
                "openmail.delivery.mta-sts-port", 8443,
                "openmail.delivery.timeout-seconds", 5,
                "openmail.delivery.connections-per-domain", 2,
                "openmail.delivery.allow-private-targets", true))) {
            DeliverySettings settings =
                    assertInstanceOf(DirectDelivery.class, context.getBean(TransmitMail.class)).settings();

            assertEquals(2526, settings.port());
            assertEquals(8443, settings.mtaStsPort());
            assertEquals(Duration.ofSeconds(5), settings.timeout());
            assertEquals(2, settings.connectionsPerDomain());
            assertTrue(settings.allowPrivateTargets());
            assertEquals("out.openmail.example", settings.heloName());
        }
    }

    @Test
    void aTrustFileThatIsNoCertificateStopsTheStart() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "openmail.delivery.trust-pem", "/nonexistent/ca.pem"))) {
            Exception refused = assertThrows(Exception.class, () -> context.getBean(TransmitMail.class));
            Throwable cause = refused;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            assertTrue(cause.getMessage().contains("OPENMAIL_DELIVERY_TRUST_PEM"), cause.getMessage());
        }
    }

    @Test
    void theSignerIsTheSignMailBean() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertInstanceOf(JdkimSigner.class, context.getBean(SignMail.class));
        }
    }
}
