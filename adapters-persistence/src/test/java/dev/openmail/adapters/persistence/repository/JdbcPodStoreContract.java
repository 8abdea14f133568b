package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.application.contract.PodStoreContract;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.TimeOrderedIds;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.InspectPodContents;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;


/** The persistence contract against the JDBC adapter, with Flyway's schema, on one database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcPodStoreContract extends PodStoreContract {

    private final TestDatabase database;
    private ApplicationContext context;
    private Ports ports;

    JdbcPodStoreContract(TestDatabase database) {
        this.database = database;
    }

    @BeforeAll
    void startContext() {
        context = database.startMigratedContext();
        ports = new Ports(context.getBean(Transactions.class), context.getBean(LoadAccounts.class),
                context.getBean(SaveAccount.class), context.getBean(LoadApiKeys.class), context.getBean(SaveApiKey.class),
                context.getBean(LoadPods.class), context.getBean(SavePod.class), context.getBean(InspectPodContents.class),
                context.getBean(RemovePod.class));
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
    protected void insertInbox(AccountId accountId, PodId podId) {
        database.insertInbox(accountId.value(), podId.value(), TimeOrderedIds.next() + "@contract.test");
    }

    @Override
    protected void insertScopedDomain(AccountId accountId, PodId podId) {
        database.insertScopedDomain(accountId.value(), podId.value(), TimeOrderedIds.next() + ".contract.test");
    }
}
