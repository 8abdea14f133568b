package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.testing.TestDatabase;

/** The production engines: MySQL 8 or MariaDB 10.11, as TestDatabase resolves them. */
class MySqlColdOutreachContractTest extends JdbcColdOutreachContract {

    MySqlColdOutreachContractTest() {
        super(TestDatabase.mysql());
    }
}
