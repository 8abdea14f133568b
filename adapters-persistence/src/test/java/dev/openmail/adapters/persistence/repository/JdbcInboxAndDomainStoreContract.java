package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.application.contract.InboxAndDomainStoreContract;
import dev.openmail.domain.port.out.CountInboxes;
import dev.openmail.domain.port.out.InspectPodContents;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveDomain;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;


/** The inbox and domain persistence contract against the JDBC adapter, with Flyway's schema, on one database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcInboxAndDomainStoreContract extends InboxAndDomainStoreContract {

    private final TestDatabase database;
    private ApplicationContext context;
    private Ports ports;

    JdbcInboxAndDomainStoreContract(TestDatabase database) {
        this.database = database;
    }

    @BeforeAll
    void startContext() {
        context = database.startMigratedContext();
        ports = new Ports(context.getBean(Transactions.class), context.getBean(SaveAccount.class),
                context.getBean(SavePod.class), context.getBean(LoadPods.class), context.getBean(LoadInboxes.class),
                context.getBean(SaveInbox.class), context.getBean(CountInboxes.class), context.getBean(LoadDomains.class),
                context.getBean(SaveDomain.class), context.getBean(RemovePod.class),
                context.getBean(InspectPodContents.class));
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
