package dev.openmail.bootstrap.support;

import java.util.Map;

/**
 * Two servers, each on a different node of the {@link GaleraCluster} (nodes 1 and 2), set up like the shared server
 * (operator API, the tests' DNS server), for tests of two processes on a multi-primary database. Started once per JVM,
 * one after the other (the first migrates the schema), and closed at exit.
 */
public final class GaleraServers {

    private static RunningServer[] servers;

    private GaleraServers() {
    }

    /** The server on node {@code node} (1 or 2). */
    public static synchronized RunningServer onNode(int node) {
        if (servers == null) {
            GaleraCluster cluster = GaleraCluster.shared();
            RunningServer first = start(cluster, 1);
            RunningServer second = start(cluster, 2);
            servers = new RunningServer[] {first, second};
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                first.close();
                second.close();
            }, "galera-servers-stop"));
        }
        return servers[node - 1];
    }

    private static RunningServer start(GaleraCluster cluster, int node) {
        return RunningServer.start(cluster.node(node), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.dns-server", RunningServer.dns().address(),
                "openmail.smtp.max-message-bytes", RunningServer.SMTP_MAX_MESSAGE_BYTES));
    }
}
