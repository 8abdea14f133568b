package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.CapturedLog;
import dev.openmail.bootstrap.support.GaleraCluster;
import dev.openmail.bootstrap.support.RunningServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server on a Galera node whose URL does not make reads wait for the cluster says so when it starts. */
class GaleraReadCheckSystemTest {

    private static final String WARNING = "its reads do not wait for the cluster (wsrep_sync_wait=0)";

    @Test
    void aServerWhoseReadsDoNotWaitForTheClusterWarnsOnceAtStartAndOneWhoseReadsWaitDoesNot() {
        GaleraCluster cluster = GaleraCluster.shared();
        TestDatabase waiting = cluster.node(2);
        TestDatabase notWaiting = TestDatabase.galeraNode(waiting.url().replace("&sessionVariables=wsrep_sync_wait=1", ""),
                waiting.username(), waiting.password());
        assertTrue(!notWaiting.url().contains("wsrep_sync_wait"), notWaiting.url());

        int before = occurrences(CapturedLog.text());
        try (RunningServer server = RunningServer.start(waiting, Map.of())) {
            assertEquals(before, occurrences(CapturedLog.text()), "no warning when reads wait");
        }
        try (RunningServer server = RunningServer.start(notWaiting, Map.of())) {
            assertEquals(before + 1, occurrences(CapturedLog.text()), "one warning when they do not");
        }
    }

    private static int occurrences(String log) {
        int count = 0;
        for (int at = log.indexOf(WARNING); at >= 0; at = log.indexOf(WARNING, at + 1)) {
            count++;
        }
        return count;
    }
}
