package dev.openmail.adapters.smtpout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.port.out.RelayMail;
import dev.openmail.domain.port.out.RelayMail.RelayUnavailableException;
import dev.openmail.domain.port.out.SignMail;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapters as Micronaut wires them, with their settings read from configuration. */
class SmtpOutBeansTest {

    @Test
    void relaySettingsComeFromConfiguration() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "openmail.smtp-relay.host", "smtp.relay.example",
                "openmail.smtp-relay.port", 587,
                "openmail.smtp-relay.username", "relayuser",
                "openmail.smtp-relay.password", "s3cret",
                "openmail.smtp-relay.starttls", true,
                "openmail.smtp-relay.timeout-seconds", 12,
                "openmail.mx-host", "mx.openmail.example"))) {
            RelaySettings settings = assertInstanceOf(SmtpRelay.class, context.getBean(RelayMail.class)).settings();

            assertEquals(new RelaySettings("smtp.relay.example", 587, "relayuser", "s3cret", true,
                    Duration.ofSeconds(12), "mx.openmail.example"), settings);
        }
    }

    @Test
    void credentialsWithoutStartTlsStopTheStartUnlessPlainAuthIsAllowed() {
        Map<String, Object> plain = Map.of("openmail.smtp-relay.host", "smtp.relay.example",
                "openmail.smtp-relay.username", "relayuser", "openmail.smtp-relay.password", "s3cret");
        try (ApplicationContext context = ApplicationContext.run(plain)) {
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> context.getBean(RelayMail.class));
            Throwable cause = refused;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            org.junit.jupiter.api.Assertions.assertTrue(cause.getMessage().contains("OPENMAIL_SMTP_RELAY_STARTTLS"),
                    cause.getMessage());
        }
        Map<String, Object> allowed = new java.util.HashMap<>(plain);
        allowed.put("openmail.smtp-relay.allow-plain-auth", true);
        try (ApplicationContext context = ApplicationContext.run(allowed)) {
            org.junit.jupiter.api.Assertions.assertTrue(context.getBean(SmtpRelay.class).settings().authenticates());
        }
    }

    @Test
    void heloNameWinsOverTheMxHost() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "openmail.smtp-relay.helo-name", "out.openmail.example",
                "openmail.mx-host", "mx.openmail.example"))) {
            assertEquals("out.openmail.example", context.getBean(SmtpRelay.class).settings().heloName());
        }
    }

    @Test
    void withoutConfigurationTheDefaultsApplyAndRelayingWaitsForAHost() {
        try (ApplicationContext context = ApplicationContext.run()) {
            SmtpRelay relay = context.getBean(SmtpRelay.class);

            assertEquals(new RelaySettings("", 25, null, null, false, Duration.ofSeconds(30), "localhost"),
                    relay.settings());
            RelayUnavailableException unavailable = assertThrows(RelayUnavailableException.class, () -> relay.relay(
                    "alice@sender.example", List.of("bob@rcpt.example"),
                    "From: alice@sender.example\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertTrue(unavailable.getMessage().contains("OPENMAIL_SMTP_RELAY_HOST"), unavailable.getMessage());
        }
    }

    @Test
    void theSignerIsTheSignMailBean() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertInstanceOf(JdkimSigner.class, context.getBean(SignMail.class));
        }
    }
}
