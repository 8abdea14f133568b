package dev.openmail.adapters.console;

import dev.openmail.application.UseCases;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.RuntimeBeanDefinition;
import io.micronaut.context.annotation.ContextConfigurer;

/** Hands every use case of the UseCases bean (ConsoleTestFactory's) to Micronaut, each as the port it implements. */
@ContextConfigurer
public final class ConsoleTestUseCases implements ApplicationContextConfigurer {

    @Override
    @SuppressWarnings("unchecked")
    public void configure(ApplicationContext context) {
        UseCases.PORTS.forEach(port -> context.registerBeanDefinition(RuntimeBeanDefinition.builder(
                (Class<Object>) port, () -> context.getBean(UseCases.class).build(port)).singleton(true).build()));
    }
}
