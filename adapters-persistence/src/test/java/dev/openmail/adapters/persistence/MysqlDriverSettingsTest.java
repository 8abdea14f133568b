package dev.openmail.adapters.persistence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Connector/J settings a URL gets: server-side statements on one host only. */
class MysqlDriverSettingsTest {

    @Test
    void oneHostGetsServerSideStatementsThatNeverFallBackToText() {
        for (String url : new String[] {"jdbc:mysql://db:3306/openmail", "jdbc:mysql://db/openmail?useSSL=false&a=b,c",
                "jdbc:mysql://db"}) {
            assertFalse(MysqlDriverSettings.isMultiHost(url), url);
            assertEquals("true", MysqlDriverSettings.propertiesFor(url).get("useServerPrepStmts"), url);
            assertEquals("false", MysqlDriverSettings.propertiesFor(url).get("emulateUnsupportedPstmts"), url);
        }
    }

    @Test
    void severalHostsGetStatementsPreparedByTheDriver() {
        for (String url : new String[] {"jdbc:mysql:loadbalance://db1:3306,db2:3306/openmail?x=1",
                "JDBC:MYSQL:LOADBALANCE://db1/openmail", "jdbc:mysql:replication://db1,db2/openmail",
                "jdbc:mysql://db1:3306,db2:3306/openmail", "jdbc:mysql://db1,db2"}) {
            assertTrue(MysqlDriverSettings.isMultiHost(url), url);
            assertFalse(MysqlDriverSettings.propertiesFor(url).containsKey("useServerPrepStmts"), url);
            assertEquals("true", MysqlDriverSettings.propertiesFor(url).get("cachePrepStmts"), url);
        }
    }
}
