package dev.openmail.adapters.persistence.testing;

import dev.openmail.domain.common.TimeOrderedIds;

import io.micronaut.context.ApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where tests get their database from.
 *
 * <ul>
 *   <li>{@link #mysql()}: the MySQL-family database, resolved once per JVM from, in order,
 *       the {@code OPENMAIL_TEST_DATASOURCE_URL} environment variable (CI sets it, see
 *       {@code .ci/run}), a MySQL 8 Testcontainers container, or, when neither is available,
 *       an in-memory H2 database in MySQL mode (with a loud WARN line).</li>
 *   <li>{@link #h2()}: a fresh, empty in-memory H2 database in MySQL mode (the embedded
 *       default engine) on every call.</li>
 * </ul>
 *
 * Shared with the bootstrap module's tests through this module's test-jar.
 */
public final class TestDatabase {

    public static final String ENV_URL = "OPENMAIL_TEST_DATASOURCE_URL";
    public static final String ENV_USERNAME = "OPENMAIL_TEST_DATASOURCE_USERNAME";
    public static final String ENV_PASSWORD = "OPENMAIL_TEST_DATASOURCE_PASSWORD";

    public static final String KIND_MYSQL_ENV = "mysql-env";
    public static final String KIND_MYSQL_TESTCONTAINERS = "mysql-testcontainers";
    public static final String KIND_H2 = "h2";
    public static final String KIND_GALERA = "galera";

    /** Image used when the database comes from Testcontainers. */
    static final String MYSQL_IMAGE = "mysql:8.4";

    /** Upper bound for Testcontainers' Docker discovery, so a broken DOCKER_HOST cannot hang the tests. */
    private static final long DOCKER_CHECK_TIMEOUT_SECONDS = 30;

    /** The key secrets at rest are encrypted with in tests, so that no test writes a key file. */
    public static final String SECRETS_KEY = "dGVzdHMgb2Ygb3Blbm1haWwgc2VjcmV0cyBhdCByZXM=";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);

    private static TestDatabase mysql;

    private final String kind;
    private final String url;
    private final String username;
    private final String password;

    private TestDatabase(String kind, String url, String username, String password) {
        this.kind = Objects.requireNonNull(kind);
        this.url = Objects.requireNonNull(url);
        this.username = Objects.requireNonNull(username);
        this.password = Objects.requireNonNull(password);
    }

    /**
     * The MySQL-family database for tests: {@code OPENMAIL_TEST_DATASOURCE_URL} (+ {@code _USERNAME},
     * default {@code root}, and {@code _PASSWORD}, default empty) when set; else a MySQL 8
     * Testcontainers container (started once per JVM, reused) when Docker is available; else an
     * H2 database in MySQL mode that child server processes can share ({@link #h2Shared}), after logging one loud
     * WARN line saying the MySQL tests are running on H2 and why.
     *
     * <p>Every call in a JVM returns the same database; tests sharing it must not assume it is empty.
     */
    public static synchronized TestDatabase mysql() {
        if (mysql == null) {
            mysql = resolveMysql();
            LOG.info("Test database for MySQL tests: {}", mysql);
        }
        return mysql;
    }

    /**
     * A fresh in-memory H2 database in MySQL mode (the embedded default engine). Each call gives a
     * new, empty database with a unique name; it lives until the JVM exits.
     */
    public static TestDatabase h2() {
        String name = "openmail_test_" + UUID.randomUUID().toString().replace("-", "");
        return new TestDatabase(KIND_H2,
                "jdbc:h2:mem:" + name
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
                "sa", "");
    }

    /** A database on one node of a Galera cluster (MariaDB), reached with {@code url}. */
    public static TestDatabase galeraNode(String url, String username, String password) {
        return new TestDatabase(KIND_GALERA, url, username, password);
    }

    /**
     * An H2 database in MySQL mode that other processes can open too (a file in a temporary directory with H2's
     * automatic mixed mode: the first process to open it serves it to the others over a loopback socket), so that
     * tests of two server processes on one database also run where only a JDK is installed.
     */
    private static TestDatabase h2Shared() {
        try {
            java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("openmail-test-h2");
            return new TestDatabase(KIND_H2, "jdbc:h2:file:" + directory.resolve("openmail").toAbsolutePath()
                    + ";AUTO_SERVER=TRUE;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
                    "sa", "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An H2 file database in {@code directory}, set up like the server's embedded default under ./data. */
    public static TestDatabase h2File(java.nio.file.Path directory) {
        return new TestDatabase(KIND_H2, "jdbc:h2:file:" + directory.resolve("openmail").toAbsolutePath()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE", "sa", "");
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** {@code "mysql-env"}, {@code "mysql-testcontainers"}, {@code "galera"} or {@code "h2"}. */
    public String kind() {
        return kind;
    }

    /**
     * Puts an inbox row into a pod directly, for tests of rules that inboxes take part in (deleting a pod, ...).
     * Throws IllegalStateException when the database refuses the row, e.g. because the pod is gone.
     */
    public void insertInbox(String accountId, String podId, String address) {
        execute("INSERT INTO inboxes (account_id, id, pod_id, address, display_name, created_at) VALUES (?, ?, ?, ?, NULL, ?)",
                accountId, "inb_" + TimeOrderedIds.next(), podId, address, System.currentTimeMillis());
    }

    /** Puts a domain row scoped to a pod directly; see {@link #insertInbox}. */
    public void insertScopedDomain(String accountId, String podId, String domain) {
        execute("INSERT INTO domains (account_id, id, pod_id, domain, status, mx_status, spf_status, dkim_status,"
                        + " ownership_status, dkim_selector, dkim_public_key, dkim_private_key, ownership_token, created_at)"
                        + " VALUES (?, ?, ?, ?, 'pending', 'missing', 'missing', 'missing', 'missing', 'openmail', '', '',"
                        + " 'token', ?)",
                accountId, "dom_" + TimeOrderedIds.next(), podId, domain, System.currentTimeMillis());
    }

    /** The single number a query such as {@code SELECT COUNT(*) ...} answers, read past the adapters under test. */
    public long queryForLong(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url, username, password);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no row from " + sql);
                }
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single text a query answers (null for SQL NULL), read past the adapters under test. */
    public String queryForString(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url, username, password);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no row from " + sql);
                }
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement past the adapters under test. */
    public void execute(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url, username, password);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Micronaut properties: {@code datasources.default.url}, {@code .username}, {@code .password} (and nothing else). */
    public Map<String, Object> micronautProperties() {
        return Map.of(
                "datasources.default.url", url,
                "datasources.default.username", username,
                "datasources.default.password", password,
                "openmail.secrets.key", SECRETS_KEY);
    }

    /** A Micronaut context on this database, its schema migrated by Flyway first, as the persistence adapters run. */
    public ApplicationContext startMigratedContext() {
        Map<String, Object> properties = new HashMap<>(micronautProperties());
        properties.put("flyway.datasources.default.enabled", true);
        return ApplicationContext.run(properties);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + kind + ", " + url + ", user " + username + "]";
    }

    private static TestDatabase resolveMysql() {
        String envUrl = System.getenv(ENV_URL);
        if (envUrl != null && !envUrl.isBlank()) {
            String user = System.getenv(ENV_USERNAME);
            String pass = System.getenv(ENV_PASSWORD);
            return new TestDatabase(KIND_MYSQL_ENV, envUrl.trim(),
                    user == null || user.isBlank() ? "root" : user,
                    pass == null ? "" : pass);
        }

        String why;
        String dockerProblem = dockerProblem();
        if (dockerProblem == null) {
            try {
                return Containers.startMysql();
            } catch (Throwable e) {
                why = ENV_URL + " is not set and the MySQL Testcontainers container (" + MYSQL_IMAGE
                        + ") failed to start: " + describe(e);
            }
        } else {
            why = ENV_URL + " is not set and " + dockerProblem;
        }
        TestDatabase fallback = h2Shared();
        LOG.warn("!!!!! MySQL TESTS ARE RUNNING ON H2 (MySQL mode), NOT ON MySQL: {}. "
                + "Set {} / {} / {} or start Docker to test against MySQL. !!!!!",
                why, ENV_URL, ENV_USERNAME, ENV_PASSWORD);
        return fallback;
    }

    /** {@code null} when Testcontainers can use Docker, else why not. Never throws, never hangs. */
    private static String dockerProblem() {
        FutureTask<Boolean> check = new FutureTask<>(Containers::dockerAvailable);
        Thread thread = new Thread(check, "openmail-test-docker-check");
        thread.setDaemon(true);
        thread.start();
        try {
            return check.get(DOCKER_CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    ? null
                    : "Docker is not available to Testcontainers (its log above says why)";
        } catch (TimeoutException e) {
            check.cancel(true);
            return "the Docker availability check timed out after " + DOCKER_CHECK_TIMEOUT_SECONDS + " s";
        } catch (ExecutionException e) {
            return "the Docker availability check failed: " + describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the Docker availability check was interrupted";
        } catch (Throwable e) {
            return "the Docker availability check failed: " + describe(e);
        }
    }

    private static String describe(Throwable e) {
        return e == null ? "unknown error" : e.getClass().getName() + ": " + e.getMessage();
    }

    /**
     * Everything touching Testcontainers, in its own class so that {@link TestDatabase} still loads
     * (and falls back to H2) when Testcontainers is not on the test classpath.
     */
    private static final class Containers {

        static boolean dockerAvailable() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable e) {
                LOG.debug("Docker availability check threw", e);
                return false;
            }
        }

        /** Started once (only called from the memoised {@link #mysql()}); Testcontainers' Ryuk removes it at JVM exit. */
        @SuppressWarnings("resource")
        static TestDatabase startMysql() {
            org.testcontainers.containers.MySQLContainer<?> container =
                    new org.testcontainers.containers.MySQLContainer<>(
                            org.testcontainers.utility.DockerImageName.parse(MYSQL_IMAGE))
                            .withDatabaseName("openmail")
                            .withUsername("openmail")
                            .withPassword("openmail");
            container.start();
            return new TestDatabase(KIND_MYSQL_TESTCONTAINERS, container.getJdbcUrl(),
                    container.getUsername(), container.getPassword());
        }
    }
}
