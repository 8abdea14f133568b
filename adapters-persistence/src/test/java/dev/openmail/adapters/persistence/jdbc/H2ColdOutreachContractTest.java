package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.testing.TestDatabase;

/** The embedded default engine: H2 in MySQL mode. */
class H2ColdOutreachContractTest extends JdbcColdOutreachContract {

    H2ColdOutreachContractTest() {
        super(TestDatabase.h2());
    }
}
