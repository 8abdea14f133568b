package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.application.contract.ColdOutreachContract;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.AccountSendLimits;
import dev.openmail.domain.port.out.ColdSendCounters;
import dev.openmail.domain.port.out.Correspondents;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.Transactions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The cold outreach contract (correspondents, cold counts, overrides) against the JDBC adapter, with Flyway's schema, on one database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcColdOutreachContract extends ColdOutreachContract {

    private final TestDatabase database;
    private ApplicationContext context;
    private Ports ports;

    JdbcColdOutreachContract(TestDatabase database) {
        this.database = database;
    }

    @BeforeAll
    void startContext() {
        context = database.startMigratedContext();
        ports = new Ports(context.getBean(Transactions.class), context.getBean(SaveAccount.class),
                context.getBean(SavePod.class), context.getBean(SaveInbox.class), context.getBean(SaveMail.class),
                context.getBean(Correspondents.class), context.getBean(ColdSendCounters.class),
                context.getBean(AccountSendLimits.class));
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
