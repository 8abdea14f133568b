package dev.openmail.bootstrap.support;

import dev.openmail.adapters.persistence.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The three-node MariaDB Galera cluster of {@code bench/galera/cluster.sh}, for tests of the server on a multi-primary
 * database. CI ({@code .ci/run}) starts the cluster and names its nodes in {@value #ENV_NODES}; elsewhere the first test
 * that needs it starts it with the script (and the JVM stops it at exit), or skips, naming the Debian packages, when
 * MariaDB, Galera or rsync is missing ({@link RequiredTool}: a failure under {@code OPENMAIL_REQUIRE_TOOLS}).
 *
 * <p>Each JVM gets a database of its own on the cluster. Its URLs ask every read to wait until the node has applied
 * what the cluster committed before it ({@code wsrep_sync_wait=1}), as README "High availability" tells operators to.
 */
public final class GaleraCluster {

    /** Comma-separated host:port of the three nodes, set by whoever started the cluster. */
    public static final String ENV_NODES = "OPENMAIL_TEST_GALERA_NODES";
    public static final String ENV_USERNAME = "OPENMAIL_TEST_GALERA_USERNAME";
    public static final String ENV_PASSWORD = "OPENMAIL_TEST_GALERA_PASSWORD";
    private static final String NODES_LINE = "GALERA_NODES=";
    private static final long SCRIPT_TIMEOUT_SECONDS = 240;

    private static GaleraCluster shared;

    private final Path script;
    private final List<String> nodes;
    private final String username;
    private final String password;
    private final String database;

    private GaleraCluster(Path script, List<String> nodes, String username, String password) {
        this.script = script;
        this.nodes = nodes;
        this.username = username;
        this.password = password;
        this.database = "openmail_galera_" + Long.toString(System.currentTimeMillis(), 36) + "_" + ProcessHandle.current().pid();
        try (Connection connection = DriverManager.getConnection(adminUrl(1), username, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database on " + nodes.get(0), e);
        }
        // The servers of the tests close in their own hooks; a database left behind by a JVM that was killed is
        // dropped with the cluster (.ci/run destroys its cluster).
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropDatabase, "galera-database-drop"));
    }

    /** The cluster, started if need be; skips the calling test when the tools are missing. */
    public static synchronized GaleraCluster shared() {
        if (shared == null) {
            RequiredTool.require(RequiredTool.MARIADBD, RequiredTool.GALERA, RequiredTool.RSYNC);
            Path script = script();
            String named = System.getenv(ENV_NODES);
            String username = orDefault(System.getenv(ENV_USERNAME), "openmail");
            String password = orDefault(System.getenv(ENV_PASSWORD), "openmail");
            List<String> nodes;
            if (named != null && !named.isBlank()) {
                nodes = Arrays.asList(named.trim().split(","));
            } else if (exitCode(script, "status") == 0) {
                // Somebody else's cluster: used, and left running.
                nodes = parseNodes(run(script, "nodes"));
            } else {
                if (!"root".equals(System.getProperty("user.name"))) {
                    RequiredTool.skipOrFail("starting the Galera cluster (bench/galera/cluster.sh) needs root; start it"
                            + " as root and set " + ENV_NODES + ", as .ci/run does");
                }
                // registered first, so that nodes a failed start left running are stopped too
                Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(script, "stop"), "galera-cluster-stop"));
                nodes = parseNodes(run(script, "start"));
            }
            if (nodes.size() != 3) {
                throw new IllegalStateException("expected three Galera nodes, got " + nodes);
            }
            shared = new GaleraCluster(script, nodes, username, password);
        }
        return shared;
    }

    private void dropDatabase() {
        for (int node = 1; node <= nodes.size(); node++) {
            try (Connection connection = DriverManager.getConnection(adminUrl(node), username, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
                return;
            } catch (SQLException nodeDown) {
                // try the next node
            }
        }
    }

    /** This JVM's database on node {@code node} (1 to 3). */
    public TestDatabase node(int node) {
        return TestDatabase.galeraNode(url(node), username, password);
    }

    /**
     * This JVM's database through Connector/J's load balancing over all three nodes, as README "High availability"
     * shows it.
     */
    public TestDatabase loadBalanced() {
        return TestDatabase.galeraNode("jdbc:mysql:loadbalance://" + String.join(",", nodes) + "/" + database
                + "?" + OPTIONS + "&loadBalanceBlocklistTimeout=5000&loadBalanceAutoCommitStatementThreshold=5"
                + "&connectTimeout=2000", username, password);
    }

    /** Ends node {@code node} at once (SIGKILL), as a machine's death would. */
    public void kill(int node) {
        run(script, "kill", Integer.toString(node));
    }

    /** Starts node {@code node} again and waits until it has rejoined and caught up. */
    public void restart(int node) {
        run(script, "restart", Integer.toString(node));
    }

    /**
     * Brings every node back: the nodes that are down are started and, when the ones running have lost their quorum,
     * the most advanced of them is first made a primary component on its own, as an operator does (Galera does not do
     * it by itself: a node cannot tell whether the others went on without it).
     */
    public void recover() {
        run(script, "start");
    }

    /** True when all three nodes run and are synced. */
    public boolean healthy() {
        return exitCode(script, "status") == 0;
    }

    private static final String OPTIONS = "useSSL=false&allowPublicKeyRetrieval=true&sessionVariables=wsrep_sync_wait=1";

    private String url(int node) {
        return "jdbc:mysql://" + nodes.get(node - 1) + "/" + database + "?" + OPTIONS;
    }

    private String adminUrl(int node) {
        return "jdbc:mysql://" + nodes.get(node - 1) + "/?useSSL=false&allowPublicKeyRetrieval=true";
    }

    static List<String> parseNodes(String output) {
        return output.lines().filter(line -> line.startsWith(NODES_LINE)).reduce((first, last) -> last)
                .map(line -> Arrays.asList(line.substring(NODES_LINE.length()).trim().split(",")))
                .orElseThrow(() -> new IllegalStateException("cluster.sh printed no " + NODES_LINE + " line:\n" + output));
    }

    private static Path script() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("bench/galera/cluster.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("bench/galera/cluster.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static String run(Path script, String... arguments) {
        Result result = execute(script, arguments);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("cluster.sh " + String.join(" ", arguments) + " failed (exit "
                    + result.exitCode() + "):\n" + result.output());
        }
        return result.output();
    }

    private static int exitCode(Path script, String... arguments) {
        return execute(script, arguments).exitCode();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result execute(Path script, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        try {
            Path log = Files.createTempFile("galera-cluster", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("cluster.sh " + String.join(" ", arguments) + " took more than "
                            + SCRIPT_TIMEOUT_SECONDS + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
