package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.testing.TestDatabase;

/** The embedded default engine: H2 in MySQL mode. */
class H2SearchMessagesContractTest extends JdbcSearchMessagesContract {

    H2SearchMessagesContractTest() {
        super(TestDatabase.h2());
    }
}
