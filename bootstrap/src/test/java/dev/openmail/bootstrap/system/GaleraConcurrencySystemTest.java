package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.GaleraServers;
import dev.openmail.bootstrap.support.RunningServer;

/**
 * The races of {@link ConcurrencySystemTest} with their requests spread over two servers on two nodes of a Galera
 * cluster, where a row lock taken on one node does not hold writers on another back and conflicts show only when
 * the cluster certifies a commit. Every invariant must hold as on one database.
 */
class GaleraConcurrencySystemTest extends ConcurrencySystemTest {

    @Override
    protected RunningServer reader() {
        return GaleraServers.onNode(1);
    }

    /** Alternates between the nodes so that both the first and the second half of a race span both. */
    @Override
    protected RunningServer writer(int index) {
        return GaleraServers.onNode((index + index / 2) % 2 + 1);
    }
}
