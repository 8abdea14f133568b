package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.testing.TestDatabase;

/** The production engines: MySQL 8 or MariaDB 10.11, as TestDatabase resolves them. */
class MySqlInboxAndDomainStoreContractTest extends JdbcInboxAndDomainStoreContract {

    MySqlInboxAndDomainStoreContractTest() {
        super(TestDatabase.mysql());
    }
}
