package dev.openmail.bootstrap;

import io.micronaut.runtime.Micronaut;

public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .banner(false)
                .mainClass(Application.class)
                .defaultEnvironments("prod")
                .start();
    }
}
