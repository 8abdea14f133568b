package dev.openmail.adapters.console;

import dev.openmail.application.fakes.InMemoryInstallation;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MxHost;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.RuntimeBeanDefinition;
import io.micronaut.context.annotation.ContextConfigurer;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The real use cases on one in-memory store, in place of bootstrap's wiring on the database: the console is exercised
 * over HTTP with everything below it real except persistence. Each test context gets its own installation.
 */
@ContextConfigurer
public final class ConsoleTestUseCases implements ApplicationContextConfigurer {

    static final DomainName DEFAULT_DOMAIN = new DomainName("openmail.test");
    static final MxHost MX_HOST = new MxHost(new DomainName("mx.openmail.test"));

    @Override
    @SuppressWarnings("unchecked")
    public void configure(ApplicationContext context) {
        new InMemoryInstallation(new InstallationDomain(DEFAULT_DOMAIN), MX_HOST, new InboxLimit(100),
                Clock.systemUTC()).beans().forEach((type, bean) -> context.registerBeanDefinition(
                RuntimeBeanDefinition.builder((Class<Object>) type, (Supplier<Object>) bean)
                        .singleton(true).build()));
    }
}
