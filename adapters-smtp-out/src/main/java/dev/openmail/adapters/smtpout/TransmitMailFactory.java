package dev.openmail.adapters.smtpout;

import dev.openmail.adapters.smtpout.direct.DeliverySettings;
import dev.openmail.adapters.smtpout.direct.DirectDelivery;
import dev.openmail.domain.port.out.DnsLookup;
import dev.openmail.domain.port.out.TransmitMail;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Chooses how outgoing mail leaves: through the relay at {@code openmail.smtp-relay.host} when one is set
 * ({@link SmtpRelay}), otherwise straight to each recipient domain's mail exchangers ({@link DirectDelivery}).
 */
@Factory
public class TransmitMailFactory {

    private DirectDelivery direct;

    @Singleton
    TransmitMail transmitMail(
            DnsLookup dns,
            @Value("${openmail.smtp-relay.host:}") String relayHost,
            @Value("${openmail.smtp-relay.port:25}") int relayPort,
            @Value("${openmail.smtp-relay.username:}") String username,
            @Value("${openmail.smtp-relay.password:}") String password,
            @Value("${openmail.smtp-relay.starttls:false}") boolean startTls,
            @Value("${openmail.smtp-relay.allow-plain-auth:false}") boolean allowPlainAuth,
            @Value("${openmail.smtp-relay.timeout-seconds:30}") int relayTimeoutSeconds,
            @Value("${openmail.smtp-relay.helo-name:}") String heloName,
            @Value("${openmail.mx-host:}") String mxHost,
            @Value("${openmail.delivery.port:25}") int port,
            @Value("${openmail.delivery.mta-sts-port:443}") int mtaStsPort,
            @Value("${openmail.delivery.timeout-seconds:30}") int timeoutSeconds,
            @Value("${openmail.delivery.connections-per-domain:8}") int connectionsPerDomain,
            @Value("${openmail.delivery.allow-private-targets:false}") boolean allowPrivateTargets,
            @Value("${openmail.delivery.trust-pem:}") String trustPem) {
        if (relayHost != null && !relayHost.isBlank()) {
            return new SmtpRelay(RelaySettings.fromConfiguration(relayHost, relayPort, username, password, startTls,
                    relayTimeoutSeconds, heloName, mxHost), allowPlainAuth);
        }
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException(
                    "openmail.delivery.timeout-seconds must be positive, was " + timeoutSeconds);
        }
        DeliverySettings settings = DeliverySettings.defaults(heloName(heloName, mxHost))
                .withPorts(port, mtaStsPort)
                .withTimeout(Duration.ofSeconds(timeoutSeconds))
                .withConnectionsPerDomain(connectionsPerDomain)
                .withPrivateTargets(allowPrivateTargets)
                .withTrustPem(trustPem == null || trustPem.isBlank() ? null : Path.of(trustPem.strip()));
        synchronized (this) {
            direct = new DirectDelivery(dns, settings);
            return direct;
        }
    }

    /** {@code openmail.smtp-relay.helo-name}, else {@code openmail.mx-host}, else this machine's host name. */
    static String heloName(String heloName, String mxHost) {
        if (heloName != null && !heloName.isBlank()) {
            return heloName.strip();
        }
        if (mxHost != null && !mxHost.isBlank()) {
            return mxHost.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return RelaySettings.DEFAULT_HELO_NAME;
        }
    }

    /** Closes direct delivery's kept connections when the application stops. */
    @PreDestroy
    synchronized void close() {
        if (direct != null) {
            direct.close();
        }
    }
}
