package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.application.contract.ApiKeyStoreContract;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;


/** The API key persistence contract against the JDBC adapter, with Flyway's schema, on one database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcApiKeyStoreContract extends ApiKeyStoreContract {

    private final TestDatabase database;
    private ApplicationContext context;
    private Ports ports;

    JdbcApiKeyStoreContract(TestDatabase database) {
        this.database = database;
    }

    @BeforeAll
    void startContext() {
        context = database.startMigratedContext();
        ports = new Ports(context.getBean(Transactions.class), context.getBean(SaveAccount.class),
                context.getBean(SavePod.class), context.getBean(SaveInbox.class), context.getBean(RemovePod.class),
                context.getBean(LoadApiKeys.class), context.getBean(SaveApiKey.class));
    }

    @AfterAll
    void stopContext() {
        if (context != null) {
            context.close();
        }
    }

    @Override
    protected Ports ports() {
        return ports;
    }
}
