package dev.openmail.adapters.rest.admin;

import dev.openmail.adapters.rest.error.ApiError;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;

/**
 * {@code GET /admin/v1/metrics}: this process's metrics for Prometheus. Part of the operator API, so it takes the admin
 * token and does not exist without one (AdminFilter); tenants' API keys never reach it.
 */
@Controller("/admin/v1/metrics")
@Requires(beans = OperatorMetrics.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
final class MetricsController {

    /** Prometheus' text exposition format. */
    static final String MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final OperatorMetrics metrics;

    MetricsController(OperatorMetrics metrics) {
        this.metrics = metrics;
    }

    @Get(produces = MEDIA_TYPE)
    @Operation(operationId = "scrapeMetrics", summary = "This process's metrics",
            description = "Prometheus' text format: HTTP requests by route and status, SMTP sessions, messages and"
                    + " refusals, queue depths and ages, delivery results, event lag, the connection pool and the JVM."
                    + " Each server process answers for itself; scrape each one.")
    @ApiResponse(responseCode = "200", description = "The metrics",
            content = @Content(mediaType = MEDIA_TYPE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "401", description = "Missing or wrong admin token (API keys are not accepted here)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<byte[]> scrape() {
        return HttpResponse.ok(metrics.scrape().getBytes(StandardCharsets.UTF_8)).contentType(MEDIA_TYPE);
    }
}
