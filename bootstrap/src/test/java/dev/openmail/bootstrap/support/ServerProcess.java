package dev.openmail.bootstrap.support;

import dev.openmail.adapters.persistence.testing.TestDatabase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server in a child process, as operators run it (its main class, settings from the environment), for tests that
 * kill it or run several at once.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final List<String> output;

    private ServerProcess(Process process, List<String> output) {
        this.process = process;
        this.output = output;
    }

    /**
     * The environment of a second server beside a test's own: on {@code database}, on these ports, with the tests'
     * domain. A map the caller may add to.
     */
    public static Map<String, String> besideTestServer(TestDatabase database, int httpPort, int smtpPort) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("DATASOURCES_DEFAULT_URL", database.url());
        env.put("DATASOURCES_DEFAULT_USERNAME", database.username());
        env.put("DATASOURCES_DEFAULT_PASSWORD", database.password());
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(httpPort));
        env.put("OPENMAIL_SMTP_PORT", String.valueOf(smtpPort));
        env.put("OPENMAIL_DEFAULT_DOMAIN", RunningServer.DEFAULT_DOMAIN);
        return env;
    }

    /** Starts the server in {@code workDir} with {@code env} added to this JVM's environment; returns once it is up. */
    public static ServerProcess start(Path workDir, Map<String, String> env) throws IOException {
        return start(workDir, env, List.of());
    }

    /** As {@link #start(Path, Map)}, the JVM started with {@code jvmOptions} too. */
    public static ServerProcess start(Path workDir, Map<String, String> env, List<String> jvmOptions)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.openmail.bootstrap.Application"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        // the key the in-process servers of the tests use, since the children often share their database
        builder.environment().putIfAbsent("OPENMAIL_SECRETS_KEY", TestDatabase.SECRETS_KEY);
        builder.environment().putIfAbsent("OPENMAIL_SEND_BURST_PER_MINUTE", "0");
        builder.environment().putIfAbsent("OPENMAIL_SEND_DAILY_PER_INBOX", "0");
        builder.environment().putIfAbsent("OPENMAIL_COLD_PER_INBOX_NEW", "0");
        builder.environment().putIfAbsent("OPENMAIL_COLD_PER_ACCOUNT_NEW", "0");
        builder.environment().putIfAbsent("OPENMAIL_COLD_PER_ACCOUNT", "0");
        // outside mail waits in the outbox, as on the in-process test servers
        if (!builder.environment().containsKey("OPENMAIL_SMTP_RELAY_HOST")) {
            builder.environment().put("OPENMAIL_SMTP_RELAY_HOST", "127.0.0.1");
            builder.environment().put("OPENMAIL_SMTP_RELAY_PORT", String.valueOf(RunningServer.freePort()));
        }
        Process process = builder.start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            seen.add(line);
            if (line.contains("Startup completed")) {
                CompletableFuture.runAsync(() -> output.lines().forEach(seen::add));
                return new ServerProcess(process, seen);
            }
        }
        throw new AssertionError("the server did not start:\n" + String.join("\n", seen));
    }

    /** What the process has written to its standard output and error so far, line by line. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** SIGKILL: the process ends at once, in the middle of whatever it was doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed server did not end");
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
