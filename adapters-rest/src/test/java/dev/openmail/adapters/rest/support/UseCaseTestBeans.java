package dev.openmail.adapters.rest.support;

import dev.openmail.application.fakes.InMemoryInstallation;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.port.in.SendMail;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.RuntimeBeanDefinition;
import io.micronaut.context.annotation.ContextConfigurer;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The real use cases on one in-memory store, in place of bootstrap's wiring on the database: the controllers are
 * exercised over HTTP with everything below them real except persistence. Each test context gets its own
 * installation, with {@link UseCaseTestFactory}'s settings; sending is the factory's RecordingSendMail instead.
 */
@ContextConfigurer
public final class UseCaseTestBeans implements ApplicationContextConfigurer {

    @Override
    @SuppressWarnings("unchecked")
    public void configure(ApplicationContext context) {
        new InMemoryInstallation(new InstallationDomain(UseCaseTestFactory.DEFAULT_DOMAIN), UseCaseTestFactory.MX_HOST,
                UseCaseTestFactory.DEFAULT_INBOX_LIMIT, Clock.fixed(UseCaseTestFactory.NOW, ZoneOffset.UTC))
                .beans().forEach((type, bean) -> {
                    if (type != SendMail.class) {
                        context.registerBeanDefinition(RuntimeBeanDefinition.builder((Class<Object>) type,
                                (Supplier<Object>) bean).singleton(true).build());
                    }
                });
    }
}
