package dev.openmail.adapters.rest.admin;

/**
 * This process's metrics as the operator's scraper reads them: Prometheus' text exposition format (version 0.0.4).
 * The server's wiring provides it; without it the metrics endpoint does not exist.
 */
public interface OperatorMetrics {

    /** Every meter's current value in the text format. */
    String scrape();
}
