package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.testing.TestDatabase;

/** The production engines: MySQL 8 or MariaDB 10.11, as TestDatabase resolves them. */
class MySqlPodStoreContractTest extends JdbcPodStoreContract {

    MySqlPodStoreContractTest() {
        super(TestDatabase.mysql());
    }
}
