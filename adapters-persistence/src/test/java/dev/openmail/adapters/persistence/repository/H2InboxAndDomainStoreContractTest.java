package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.testing.TestDatabase;

/** The embedded default engine: H2 in MySQL mode. */
class H2InboxAndDomainStoreContractTest extends JdbcInboxAndDomainStoreContract {

    H2InboxAndDomainStoreContractTest() {
        super(TestDatabase.h2());
    }
}
