package dev.openmail.bootstrap;

import dev.openmail.adapters.rest.admin.OperatorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;

/** The meters of this process in Prometheus' text format, for the operator API's metrics endpoint. */
@Singleton
final class PrometheusOperatorMetrics implements OperatorMetrics {

    private final PrometheusMeterRegistry registry;

    PrometheusOperatorMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String scrape() {
        return registry.scrape();
    }
}
