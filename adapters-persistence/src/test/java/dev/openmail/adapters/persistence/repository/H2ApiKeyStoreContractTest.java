package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.testing.TestDatabase;

/** The embedded default engine: H2 in MySQL mode. */
class H2ApiKeyStoreContractTest extends JdbcApiKeyStoreContract {

    H2ApiKeyStoreContractTest() {
        super(TestDatabase.h2());
    }
}
