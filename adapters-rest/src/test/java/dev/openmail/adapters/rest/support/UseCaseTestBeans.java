package dev.openmail.adapters.rest.support;

import dev.openmail.application.UseCases;
import dev.openmail.domain.port.in.SendMail;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.RuntimeBeanDefinition;
import io.micronaut.context.annotation.ContextConfigurer;

/**
 * Hands every use case of the UseCases bean (UseCaseTestFactory's) to Micronaut, each as the port it implements;
 * sending is the factory's RecordingSendMail instead.
 */
@ContextConfigurer
public final class UseCaseTestBeans implements ApplicationContextConfigurer {

    @Override
    @SuppressWarnings("unchecked")
    public void configure(ApplicationContext context) {
        UseCases.PORTS.stream().filter(port -> port != SendMail.class).forEach(port -> context.registerBeanDefinition(
                RuntimeBeanDefinition.builder((Class<Object>) port, () -> context.getBean(UseCases.class).build(port))
                        .singleton(true).build()));
    }
}
