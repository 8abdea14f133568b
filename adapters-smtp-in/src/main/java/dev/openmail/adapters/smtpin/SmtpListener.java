package dev.openmail.adapters.smtpin;

import dev.openmail.domain.port.in.ReceiveMail;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.RequireAuthCommandWrapper;
import org.subethamail.smtp.internal.server.RequireTLSCommandWrapper;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The inbound SMTP listener: receives mail for the installation's inboxes and hands it to {@link ReceiveMail}.
 *
 * <p>As a Micronaut bean it starts with the application context and stops when the context closes; set
 * {@code openmail.smtp.enabled=false} to leave it out. Built by hand (as tests do), call {@link #start()} and
 * {@link #stop()}.
 *
 * <p>Replies: unknown recipient 550 5.1.1; too many recipients 452; message over the size limit 552 (SIZE is
 * announced in EHLO, a larger declared SIZE, of any length, is refused at MAIL FROM, and DATA is cut off at the
 * limit); a SIZE that is not a number 501 5.5.4; storage failure 451 4.3.0; no recipient left at delivery 550. After
 * any reply to the message the transaction is over, so the client may go on with MAIL FROM. Received headers are not
 * added, so the stored message is what the client sent, with the stuffed dots of DATA taken out (on the first line
 * too).
 *
 * <p>Per client address ({@link SmtpLimits}, counted in this process): beyond the simultaneous connections allowed the
 * next one gets 421 4.7.0 instead of the greeting and is closed; beyond the messages allowed a minute MAIL gets 451
 * 4.7.1. Addresses in the exempt list are not counted.
 *
 * <p>Messages in flight ({@link SmtpMemory}, counted in this process): a message is kept in memory up to a threshold
 * and while the memory budget shared by all sessions lasts, the rest in an owner-only spool file deleted when the
 * transaction ends (and, should the process be killed, by the next listener to start on the same directory, see
 * {@link SpoolDirectory}); no room left on the spool's disk: 452 4.3.1. It is then processed only when the processing budget
 * has room for it, else, after a bounded wait, 451 4.3.1.
 *
 * <p>Sessions, messages and refusals are counted in {@link SmtpMetrics}: into the application's {@link MeterRegistry}
 * when there is one, else nowhere.
 */
@Context
@Requires(property = "openmail.smtp.enabled", notEquals = "false")
public class SmtpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);
    private static final Set<String> EVERY_INTERFACE = Set.of("", "0.0.0.0", "::", "[::]", "*");

    private final SmtpSettings settings;
    private final SmtpLimits limits;
    private final SMTPServer server;
    private final InFlightMessages inFlight;
    private volatile boolean started;

    @Inject
    public SmtpListener(
            ReceiveMail receiveMail,
            @Value("${openmail.smtp.bind-address:0.0.0.0}") String bindAddress,
            @Value("${openmail.smtp.port:2525}") int port,
            @Value("${openmail.smtp.hostname:}") String hostname,
            @Value("${openmail.mx-host:}") String mxHost,
            @Value("${openmail.smtp.max-message-bytes:26214400}") int maxMessageBytes,
            @Value("${openmail.smtp.max-recipients:100}") int maxRecipients,
            @Value("${openmail.smtp.max-connections:200}") int maxConnections,
            @Value("${openmail.smtp.connection-timeout-seconds:60}") int connectionTimeoutSeconds,
            @Value("${openmail.smtp.tls-cert-file:}") String tlsCertFile,
            @Value("${openmail.smtp.tls-key-file:}") String tlsKeyFile,
            @Value("${openmail.smtp.max-connections-per-ip:20}") int maxConnectionsPerIp,
            @Value("${openmail.smtp.max-messages-per-minute-per-ip:600}") int maxMessagesPerMinutePerIp,
            @Value("${openmail.smtp.limit-exempt:}") String limitExempt,
            @Value("${openmail.smtp.spool-threshold-bytes:1048576}") int spoolThresholdBytes,
            @Value("${openmail.smtp.memory-budget-bytes:-1}") long memoryBudgetBytes,
            @Value("${openmail.smtp.processing-budget-bytes:-1}") long processingBudgetBytes,
            @Value("${openmail.smtp.processing-wait-seconds:30}") int processingWaitSeconds,
            @Value("${openmail.smtp.spool-dir:}") String spoolDirectory,
            @Value("${openmail.smtp.spool-max-bytes:1073741824}") long spoolMaxBytes,
            @Nullable MeterRegistry meterRegistry) {
        this(receiveMail, SmtpSettings.fromConfiguration(bindAddress, port, hostname, mxHost, maxMessageBytes,
                maxRecipients, maxConnections, connectionTimeoutSeconds, tlsCertFile, tlsKeyFile),
                new SmtpLimits(maxConnectionsPerIp, maxMessagesPerMinutePerIp, limitExempt),
                SmtpMemory.fromConfiguration(spoolThresholdBytes, memoryBudgetBytes, processingBudgetBytes,
                        processingWaitSeconds, spoolDirectory, spoolMaxBytes),
                meterRegistry == null ? SmtpMetrics.none() : new SmtpMetrics(meterRegistry));
    }

    /** A listener with the default {@link SmtpLimits}, not yet listening; {@link #start()} binds the port. */
    public SmtpListener(ReceiveMail receiveMail, SmtpSettings settings) {
        this(receiveMail, settings, SmtpLimits.defaults());
    }

    /** A listener with the default {@link SmtpMemory}, not yet listening; {@link #start()} binds the port. */
    public SmtpListener(ReceiveMail receiveMail, SmtpSettings settings, SmtpLimits limits) {
        this(receiveMail, settings, limits, SmtpMemory.defaults());
    }

    /** A listener that counts nothing, not yet listening; {@link #start()} binds the port. */
    public SmtpListener(ReceiveMail receiveMail, SmtpSettings settings, SmtpLimits limits, SmtpMemory memory) {
        this(receiveMail, settings, limits, memory, SmtpMetrics.none());
    }

    /** A listener that is not yet listening and counts into {@code metrics}; {@link #start()} binds the port. */
    public SmtpListener(ReceiveMail receiveMail, SmtpSettings settings, SmtpLimits limits, SmtpMemory memory,
            SmtpMetrics metrics) {
        Objects.requireNonNull(receiveMail, "receiveMail");
        Objects.requireNonNull(metrics, "metrics");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.inFlight = new InFlightMessages(Objects.requireNonNull(memory, "memory"));
        InFlightMessages messages = inFlight;
        ClientAddressLimits perAddress = new ClientAddressLimits(limits, metrics);
        int maxMessageBytes = settings.maxMessageBytes();
        SMTPServer.Builder builder = SMTPServer.port(settings.port())
                .bindAddress(bindAddress(settings.bindAddress()))
                .hostName(settings.hostname())
                .softwareName("OpenMail")
                .messageHandlerFactory(context -> new ReceiveMailHandler(receiveMail, context, maxMessageBytes,
                        messages, metrics))
                .maxMessageSize(maxMessageBytes)
                .maxRecipients(settings.maxRecipients())
                .maxConnections(settings.maxConnections())
                .sessionHandler(perAddress)
                .connectionTimeoutMs((int) settings.connectionTimeout().toMillis())
                .insertReceivedHeaders(false)
                .serverThreadName("openmail-smtp-" + settings.port());
        if (settings.tlsEnabled()) {
            builder.enableTLS(true)
                    .startTlsSocketFactory(PemTls.sslContext(settings.tlsCertFile(), settings.tlsKeyFile()));
        }
        this.server = builder.build();
        CommandHandler commands = server.getCommandHandler();
        // the library's DATA reads the content a byte at a time; ours reads it in blocks, behind the same wrappers
        commands.addCommand(new TransactionEndingCommand(new RequireAuthCommandWrapper(new RequireTLSCommandWrapper(
                new DotStuffedDataCommand(commands.getCommand("DATA"))))));
        commands.addCommand(new TransactionEndingCommand(commands.getCommand("BDAT")));
        commands.addCommand(new DeclaredSizeCheckingMailCommand(
                new RateLimitedMailCommand(commands.getCommand("MAIL"), perAddress, metrics), metrics));
        commands.addCommand(new CrLfHelpCommand(commands.getCommand("HELP")));
    }

    /** Binds the port and starts accepting connections. Fails when the port cannot be bound. */
    @PostConstruct
    public synchronized void start() {
        if (started) {
            return;
        }
        inFlight.removeLeftovers();
        server.start();
        started = true;
        LOG.info("SMTP listener on {} port {} as {} (max {} bytes, {} recipients, {} connections, STARTTLS {}; per"
                        + " client address {} connections and {} messages a minute, exempt: [{}])",
                settings.bindAddress(), port(), settings.hostname(), settings.maxMessageBytes(),
                settings.maxRecipients(), settings.maxConnections(), settings.tlsEnabled() ? "on" : "off",
                limits.maxConnectionsPerIp(), limits.maxMessagesPerMinutePerIp(), limits.exempt());
        SmtpMemory memory = inFlight.settings();
        LOG.info("SMTP messages in flight: {} bytes each in memory, {} bytes of memory in all, {} bytes processed at"
                        + " once (waiting up to {}), spool files in {} up to {} bytes",
                memory.spoolThresholdBytes(), memory.memoryBudgetBytes(), memory.processingBudgetBytes(),
                memory.processingWait(), memory.spoolDirectory(), memory.spoolMaxBytes());
    }

    /**
     * Stops accepting connections, closes the open ones and deletes this listener's spool directory. A stopped
     * listener cannot be started again.
     */
    @PreDestroy
    public synchronized void stop() {
        if (server.isRunning()) {
            server.stop();
        }
        inFlight.closeSpool();
    }

    @Override
    public void close() {
        stop();
    }

    /** The port listened on; with port 0 configured, the one picked at {@link #start()} (0 before). */
    public int port() {
        return settings.port() != 0 ? settings.port() : server.getPortAllocated();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    public SmtpSettings settings() {
        return settings;
    }

    public SmtpLimits limits() {
        return limits;
    }

    public SmtpMemory memory() {
        return inFlight.settings();
    }

    /** The budgets of the messages in flight, for tests to look at. */
    InFlightMessages inFlight() {
        return inFlight;
    }

    private static Optional<InetAddress> bindAddress(String address) {
        String trimmed = address == null ? "" : address.strip();
        if (EVERY_INTERFACE.contains(trimmed)) {
            // left unset, the server socket binds the wildcard address of both IPv4 and IPv6
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(trimmed));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Cannot resolve the SMTP bind address " + trimmed, e);
        }
    }
}
