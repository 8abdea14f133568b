package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.application.contract.WebhookStoreContract;
import dev.openmail.domain.port.out.AccountWebhooks;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.port.out.WebhookDeliveries;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;


/** The webhook store contract against the JDBC adapter, with Flyway's schema, on one database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcWebhookStoreContract extends WebhookStoreContract {

    private final TestDatabase database;
    private ApplicationContext context;
    private Ports ports;

    JdbcWebhookStoreContract(TestDatabase database) {
        this.database = database;
    }

    @BeforeAll
    void startContext() {
        context = database.startMigratedContext();
        ports = new Ports(context.getBean(Transactions.class), context.getBean(SaveAccount.class),
                context.getBean(SavePod.class), context.getBean(SaveInbox.class), context.getBean(SaveMail.class),
                context.getBean(RecordEvents.class),
                context.getBean(LoadEvents.class), context.getBean(WebhookDeliveries.class),
                context.getBean(AccountWebhooks.class));
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
