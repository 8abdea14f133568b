package dev.openmail.application;

import dev.openmail.application.fakes.FakeDnsLookup;
import dev.openmail.application.fakes.InMemoryPorts;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.application.mail.DeliverOutboxService;
import dev.openmail.application.webhook.DeliverWebhooksService;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.maildomain.PendingDomains;
import dev.openmail.domain.port.in.CreatePod;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UseCasesTest {

    private static final String INCOMING_PORTS = "dev.openmail.domain.port.in";

    private final InMemoryStore store = new InMemoryStore();
    private final UseCases useCases = new UseCases(
            InMemoryPorts.over(store, new InMemoryTransactions(store), new FakeDnsLookup()),
            new UseCases.Settings(new InstallationDomain(new DomainName("openmail.test")),
                    new MxHost(new DomainName("mx.openmail.test")), new InboxLimit(3),
                    new DeliverOutboxService.Retry(Duration.ofSeconds(30), Duration.ofHours(1), 12),
                        DeliverWebhooksService.Settings.DEFAULT, PendingDomains.DEFAULT),
            Clock.systemUTC());

    @Test
    void buildsEveryUseCaseOfTheDomainOnce() throws Exception {
        List<Method> builders = Arrays.stream(UseCases.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && method.getParameterCount() == 0)
                .toList();
        for (Method builder : builders) {
            Object built = builder.invoke(useCases);
            assertTrue(builder.getReturnType().isInstance(built), builder.getName());
            assertEquals(INCOMING_PORTS, builder.getReturnType().getPackageName(), builder.getName());
        }
        Set<String> built = builders.stream().map(method -> method.getReturnType().getSimpleName())
                .collect(Collectors.toSet());
        assertEquals(builders.size(), built.size(), "one builder per use case");
        assertEquals(Set.of("AddDomain", "AuthenticateApiKey", "CreateInbox", "CreatePod", "DeleteDomain",
                "DeleteInbox", "DeletePod", "DeliverOutbox", "DeliverWebhooks", "EnsureBootstrapAccount", "ExpirePendingDomains", "FollowEventLog",
                "GetAttachment", "GetDomain", "GetInbox", "GetPod", "GetRawMessage", "GetThreadMessages", "IssueApiKey",
                "ListAccounts", "ListApiKeys", "ListDomains", "ListInboxes", "ListMessages", "ListPods", "ListThreads",
                "ManageSenderRules", "ManageSendLimits", "ManageWebhooks", "OpenAccount", "ReceiveMail", "RescopeDomain", "RevokeApiKey", "SearchMail", "SendMail",
                "StreamEvents", "UpdateAccount", "UpdateInbox",
                "UpdatePod", "UpdateThread", "VerifyDomain",
                "GetUsage", "ExtractAttachments", "GetAttachmentText", "ManageSuppressions", "Unsubscribe",
                "WatchNewMail"), built);
    }

    @Test
    void buildsEachPortItListsAsItsOwnMethodDoes() {
        Set<String> ports = UseCases.PORTS.stream().map(Class::getSimpleName).collect(Collectors.toSet());
        assertEquals(47, ports.size());
        assertTrue(ports.contains("SendMail") && ports.contains("DeliverOutbox"), ports::toString);
        for (Class<?> port : UseCases.PORTS) {
            Object built = useCases.build(port);
            assertTrue(port.isInstance(built), port.getName());
        }
        assertEquals(useCases.createPod().getClass(), useCases.build(CreatePod.class).getClass());
        assertThrows(IllegalArgumentException.class, () -> useCases.build(Runnable.class));
    }

    @Test
    void eachCallBuildsAFreshInstanceForItsCallerToKeep() {
        CreatePod first = useCases.createPod();
        assertNotSame(first, useCases.createPod());
    }

    @Test
    void refusesAMissingPort() {
        assertThrows(NullPointerException.class, () -> new UseCases(null, null, Clock.systemUTC()));
    }
}
