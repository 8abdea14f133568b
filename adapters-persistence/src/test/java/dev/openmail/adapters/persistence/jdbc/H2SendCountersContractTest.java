package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.testing.TestDatabase;

/** The embedded default engine: H2 in MySQL mode. */
class H2SendCountersContractTest extends JdbcSendCountersContract {

    H2SendCountersContractTest() {
        super(TestDatabase.h2());
    }
}
