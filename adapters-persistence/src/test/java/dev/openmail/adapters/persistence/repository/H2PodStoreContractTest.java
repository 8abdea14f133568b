package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.testing.TestDatabase;

/** The embedded default engine: H2 in MySQL mode. */
class H2PodStoreContractTest extends JdbcPodStoreContract {

    H2PodStoreContractTest() {
        super(TestDatabase.h2());
    }
}
