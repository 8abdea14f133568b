package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.application.contract.SearchMessagesContract;
import dev.openmail.domain.port.out.AttachmentTexts;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.SearchMessages;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The search contract against the JDBC adapter, with Flyway's schema and full-text index, on one database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcSearchMessagesContract extends SearchMessagesContract {

    private final TestDatabase database;
    private ApplicationContext context;
    private Ports ports;

    JdbcSearchMessagesContract(TestDatabase database) {
        this.database = database;
    }

    @BeforeAll
    void startContext() {
        context = database.startMigratedContext();
        ports = new Ports(context.getBean(SaveAccount.class), context.getBean(SavePod.class),
                context.getBean(SaveInbox.class), context.getBean(SaveMail.class),
                context.getBean(AttachmentTexts.class), context.getBean(SearchMessages.class));
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
