package dev.openmail.bootstrap.packaging;

import dev.openmail.bootstrap.support.RunningServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged server jar, as the README's first command runs it ({@code java -jar}, the embedded database under
 * {@code ./data}), starts and answers on the JDK running the build and on every JDK named in
 * {@code OPENMAIL_TEST_JDKS} (their homes, separated by the path separator; {@code .ci/run} names a JDK 25 when the
 * machine has one). A flat jar loses what multi-release jars keep for later JDKs: a service provider declared for a
 * class the jar does not hold made every host name lookup fail on JDK 18 and later.
 */
class PackagedServerIT {

    static Stream<Path> jdks() {
        List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        String more = System.getenv("OPENMAIL_TEST_JDKS");
        if (more != null && !more.isBlank()) {
            Arrays.stream(more.split(File.pathSeparator)).filter(home -> !home.isBlank()).map(Path::of)
                    .forEach(homes::add);
        }
        return homes.stream();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theJarStartsOnTheEmbeddedDatabaseAndAnswers(Path javaHome, @TempDir Path workDir) throws Exception {
        Path jar = Path.of("target", "openmail-server.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no packaged jar at " + jar);
        Path java = javaHome.resolve("bin").resolve("java");
        assertTrue(Files.isExecutable(java), "no java at " + java);
        int httpPort = RunningServer.freePort();
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(httpPort));
        builder.environment().put("OPENMAIL_SMTP_PORT", String.valueOf(RunningServer.freePort()));
        builder.environment().remove("OPENMAIL_SMTP_RELAY_HOST");   // direct delivery: it names this host at start
        builder.environment().remove("DATASOURCES_DEFAULT_URL");
        Process process = builder.start();
        // A jar that never starts (nor ends) is stopped, which closes its output, so the reading below ends too.
        CompletableFuture.runAsync(process::destroyForcibly, CompletableFuture.delayedExecutor(3, TimeUnit.MINUTES));
        List<String> output = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            boolean started = false;
            while (!started) {
                String line = lines.readLine();
                if (line == null) {
                    break;
                }
                output.add(line);
                started = line.contains("Startup completed");
            }
            String seen = String.join("\n", output);
            // the rest of what it writes is read and dropped, so that it never waits on a full pipe
            Thread drain = new Thread(() -> lines.lines().forEach(line -> { }));
            drain.setDaemon(true);
            drain.start();
            assertTrue(started, "the jar did not start on " + javaHome + ":\n" + seen);
            assertFalse(seen.contains("ServiceConfigurationError"), seen);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/health"))
                            .timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(Files.isDirectory(workDir.resolve("data")), "no ./data directory for the embedded database");
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
