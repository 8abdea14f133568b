package dev.openmail.adapters.smtpout.direct;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link DirectDelivery} reaches recipients' mail exchangers.
 *
 * @param port                 the SMTP port of every mail exchanger ({@code openmail.delivery.port}, 25)
 * @param mtaStsPort           the HTTPS port MTA-STS policies are fetched from ({@code openmail.delivery.mta-sts-port},
 *                             443)
 * @param timeout              connecting and each command's reply ({@code openmail.delivery.timeout-seconds}, 30 s)
 * @param dataEndTimeout       the reply after the end of the data: RFC 5321 4.5.3.2.6 asks a client to wait 10 minutes,
 *                             since the server may check the message before answering; never shorter than
 *                             {@code timeout}
 * @param connectionsPerDomain connections open at once to one recipient domain across the process
 *                             ({@code openmail.delivery.connections-per-domain}, 8); also the idle connections kept per
 *                             mail exchanger
 * @param allowPrivateTargets  whether mail exchangers and policy hosts at loopback, private and other non-public
 *                             addresses are connected to ({@code openmail.delivery.allow-private-targets}, false)
 * @param trustPem             PEM CA certificates trusted besides the JVM's for verified TLS
 *                             ({@code openmail.delivery.trust-pem}), or null
 * @param heloName             the name given in EHLO
 * @param hostDownFor          how long a mail exchanger that could not be connected to is left alone (60 s)
 * @param idleFor              how long a connection is kept open for reuse after a call (10 s)
 * @param policyFetchTimeout   connecting to and fetching an MTA-STS policy, all of it (10 s)
 * @param parallelDomains      threads delivering to different domains at once, across all calls
 */
public record DeliverySettings(
        int port,
        int mtaStsPort,
        Duration timeout,
        Duration dataEndTimeout,
        int connectionsPerDomain,
        boolean allowPrivateTargets,
        Path trustPem,
        String heloName,
        Duration hostDownFor,
        Duration idleFor,
        Duration policyFetchTimeout,
        int parallelDomains) {

    public static final Duration DEFAULT_DATA_END_TIMEOUT = Duration.ofMinutes(10);

    public DeliverySettings {
        checkPort(port, "openmail.delivery.port");
        checkPort(mtaStsPort, "openmail.delivery.mta-sts-port");
        positive(timeout, "openmail.delivery.timeout-seconds");
        positive(dataEndTimeout, "dataEndTimeout");
        positive(hostDownFor, "hostDownFor");
        positive(idleFor, "idleFor");
        positive(policyFetchTimeout, "policyFetchTimeout");
        if (dataEndTimeout.compareTo(timeout) < 0) {
            dataEndTimeout = timeout;
        }
        if (connectionsPerDomain < 1) {
            throw new IllegalArgumentException(
                    "openmail.delivery.connections-per-domain must be at least 1, was " + connectionsPerDomain);
        }
        if (parallelDomains < 1) {
            throw new IllegalArgumentException("parallelDomains must be at least 1, was " + parallelDomains);
        }
        Objects.requireNonNull(heloName, "heloName");
    }

    /** Every default, with this EHLO name. */
    public static DeliverySettings defaults(String heloName) {
        return new DeliverySettings(25, 443, Duration.ofSeconds(30), DEFAULT_DATA_END_TIMEOUT, 4, false, null,
                heloName, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(10), 32);
    }

    public DeliverySettings withPorts(int newPort, int newMtaStsPort) {
        return new DeliverySettings(newPort, newMtaStsPort, timeout, dataEndTimeout, connectionsPerDomain,
                allowPrivateTargets, trustPem, heloName, hostDownFor, idleFor, policyFetchTimeout, parallelDomains);
    }

    public DeliverySettings withTimeout(Duration newTimeout) {
        return new DeliverySettings(port, mtaStsPort, newTimeout, DEFAULT_DATA_END_TIMEOUT, connectionsPerDomain,
                allowPrivateTargets, trustPem, heloName, hostDownFor, idleFor,
                newTimeout.compareTo(policyFetchTimeout) < 0 ? newTimeout : policyFetchTimeout, parallelDomains);
    }

    public DeliverySettings withConnectionsPerDomain(int cap) {
        return new DeliverySettings(port, mtaStsPort, timeout, dataEndTimeout, cap, allowPrivateTargets, trustPem,
                heloName, hostDownFor, idleFor, policyFetchTimeout, parallelDomains);
    }

    public DeliverySettings withPrivateTargets(boolean allowed) {
        return new DeliverySettings(port, mtaStsPort, timeout, dataEndTimeout, connectionsPerDomain, allowed,
                trustPem, heloName, hostDownFor, idleFor, policyFetchTimeout, parallelDomains);
    }

    public DeliverySettings withTrustPem(Path pem) {
        return new DeliverySettings(port, mtaStsPort, timeout, dataEndTimeout, connectionsPerDomain,
                allowPrivateTargets, pem, heloName, hostDownFor, idleFor, policyFetchTimeout, parallelDomains);
    }

    private static void checkPort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 1..65535, was " + port);
        }
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
