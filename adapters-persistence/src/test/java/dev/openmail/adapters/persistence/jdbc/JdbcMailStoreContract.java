package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.application.contract.MailStoreContract;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The mail persistence contract against the JDBC adapter, with Flyway's schema, on one database. Rows are counted
 * over a connection of their own, past the adapter, so that the cascades of the schema itself are what is checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcMailStoreContract extends MailStoreContract {

    private final TestDatabase database;
    private ApplicationContext context;
    private Ports ports;

    JdbcMailStoreContract(TestDatabase database) {
        this.database = database;
    }

    @BeforeAll
    void startContext() {
        context = database.startMigratedContext();
        ports = new Ports(context.getBean(Transactions.class), context.getBean(SaveAccount.class),
                context.getBean(SavePod.class), context.getBean(SaveInbox.class), context.getBean(LoadMail.class),
                context.getBean(SaveMail.class));
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

    @Override
    protected StoredRows storedRows(AccountId accountId, InboxId inboxId, List<MessageId> messageIds) {
        long threads = database.queryForLong("SELECT COUNT(*) FROM threads WHERE account_id = ? AND inbox_id = ?",
                accountId.value(), inboxId.value());
        long messages = database.queryForLong("SELECT COUNT(*) FROM messages WHERE account_id = ? AND inbox_id = ?",
                accountId.value(), inboxId.value());
        long attachments = 0;
        if (!messageIds.isEmpty()) {
            List<Object> parameters = new ArrayList<>();
            parameters.add(accountId.value());
            messageIds.forEach(id -> parameters.add(id.value()));
            attachments = database.queryForLong("SELECT COUNT(*) FROM attachments WHERE account_id = ? AND message_id IN ("
                    + String.join(", ", Collections.nCopies(messageIds.size(), "?")) + ")", parameters.toArray());
        }
        return new StoredRows(threads, messages, attachments);
    }
}
