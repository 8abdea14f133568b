package dev.openmail.adapters.rest.error;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.apikey.ApiKeyLimitReachedException;
import dev.openmail.domain.apikey.LastAccountKeyException;
import dev.openmail.domain.common.BusyException;
import dev.openmail.domain.common.DatabaseUnavailableException;
import dev.openmail.domain.extraction.ExtractionBusyException;
import dev.openmail.domain.extraction.ExtractionFailedException;
import dev.openmail.domain.common.DomainException;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.search.InvalidSearchQueryException;
import dev.openmail.domain.search.UnknownSearchOperatorException;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.inbox.AddressTakenException;
import dev.openmail.domain.inbox.InboxLimitReachedException;
import dev.openmail.domain.inbox.InvalidMailboxNameException;
import dev.openmail.domain.pod.InvalidPodException;
import dev.openmail.domain.inbox.InvalidWebhookUrlException;
import dev.openmail.domain.maildomain.PendingDomainLimitReachedException;
import dev.openmail.domain.webhook.NoWebhookUrlException;
import dev.openmail.domain.webhook.WebhookFailedException;
import dev.openmail.domain.maildomain.DnsCheckUnavailableException;
import dev.openmail.domain.maildomain.DomainHasInboxesException;
import dev.openmail.domain.maildomain.DomainInUseException;
import dev.openmail.domain.maildomain.DomainTakenException;
import dev.openmail.domain.maildomain.InvalidDomainException;
import dev.openmail.domain.mail.IdempotencyKeyReusedException;
import dev.openmail.domain.mail.MessageTooComplexException;
import dev.openmail.domain.mail.MissingIdempotencyKeyException;
import dev.openmail.domain.pod.ClientIdTakenException;
import dev.openmail.domain.pod.DefaultPodException;
import dev.openmail.domain.pod.PodHasDomainsException;
import dev.openmail.domain.pod.PodNotEmptyException;
import io.micronaut.http.HttpResponse;
import dev.openmail.domain.senderrule.InvalidSenderRuleException;
import dev.openmail.domain.senderrule.SenderRuleExistsException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import dev.openmail.domain.usage.StorageQuotaExceededException;
import dev.openmail.domain.suppression.RecipientSuppressedException;
import dev.openmail.domain.mail.SendLimitExceededException;
import dev.openmail.domain.mail.ColdOutreachLimitExceededException;
import dev.openmail.domain.common.RetryLater;
import io.micronaut.http.HttpHeaders;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place where failures become HTTP: each domain failure has exactly one status and code, and each status the
 * framework produces on its own (unknown route, wrong method, ...) has one code and one default message.
 */
public final class ErrorCatalogue {

    public record Entry(HttpStatus status, String code) {
    }

    private static final Map<Class<? extends DomainException>, Entry> DOMAIN = Map.ofEntries(
            Map.entry(InvalidInputException.class, new Entry(HttpStatus.BAD_REQUEST, "bad_request")),
            Map.entry(UnauthorizedException.class, new Entry(HttpStatus.UNAUTHORIZED, "unauthorized")),
            Map.entry(ForbiddenException.class, new Entry(HttpStatus.FORBIDDEN, "forbidden")),
            Map.entry(NotFoundException.class, new Entry(HttpStatus.NOT_FOUND, "not_found")),
            Map.entry(ApiKeyLimitReachedException.class, new Entry(HttpStatus.UNPROCESSABLE_ENTITY, "api_key_limit_reached")),
            Map.entry(LastAccountKeyException.class, new Entry(HttpStatus.CONFLICT, "last_account_key")),
            Map.entry(ClientIdTakenException.class, new Entry(HttpStatus.CONFLICT, "client_id_taken")),
            Map.entry(PodNotEmptyException.class, new Entry(HttpStatus.CONFLICT, "pod_not_empty")),
            Map.entry(PodHasDomainsException.class, new Entry(HttpStatus.CONFLICT, "pod_has_domains")),
            Map.entry(DefaultPodException.class, new Entry(HttpStatus.CONFLICT, "default_pod")),
            Map.entry(InvalidPodException.class, new Entry(HttpStatus.BAD_REQUEST, "invalid_pod")),
            Map.entry(InvalidMailboxNameException.class, new Entry(HttpStatus.BAD_REQUEST, "invalid_mailbox_name")),
            Map.entry(InvalidDomainException.class, new Entry(HttpStatus.BAD_REQUEST, "invalid_domain")),
            Map.entry(AddressTakenException.class, new Entry(HttpStatus.CONFLICT, "address_taken")),
            Map.entry(InboxLimitReachedException.class, new Entry(HttpStatus.UNPROCESSABLE_ENTITY, "inbox_limit_reached")),
            Map.entry(InvalidWebhookUrlException.class, new Entry(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_webhook_url")),
            Map.entry(DomainTakenException.class, new Entry(HttpStatus.CONFLICT, "domain_taken")),
            Map.entry(DomainInUseException.class, new Entry(HttpStatus.CONFLICT, "domain_in_use")),
            Map.entry(DomainHasInboxesException.class, new Entry(HttpStatus.CONFLICT, "domain_has_inboxes")),
            Map.entry(PendingDomainLimitReachedException.class,
                    new Entry(HttpStatus.UNPROCESSABLE_ENTITY, "pending_domain_limit_reached")),
            Map.entry(DnsCheckUnavailableException.class, new Entry(HttpStatus.BAD_GATEWAY, "dns_unavailable")),
            Map.entry(MissingIdempotencyKeyException.class, new Entry(HttpStatus.BAD_REQUEST, "missing_idempotency_key")),
            Map.entry(IdempotencyKeyReusedException.class, new Entry(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused")),
            Map.entry(NoWebhookUrlException.class, new Entry(HttpStatus.BAD_REQUEST, "no_webhook_url")),
            Map.entry(WebhookFailedException.class, new Entry(HttpStatus.BAD_GATEWAY, "webhook_failed")),
            Map.entry(InvalidSenderRuleException.class, new Entry(HttpStatus.BAD_REQUEST, "invalid_sender_rule")),
            Map.entry(SenderRuleExistsException.class, new Entry(HttpStatus.CONFLICT, "sender_rule_exists")),
            Map.entry(BusyException.class, new Entry(HttpStatus.SERVICE_UNAVAILABLE, "busy")),
            Map.entry(DatabaseUnavailableException.class,
                    new Entry(HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable")),
            Map.entry(StorageQuotaExceededException.class,
                    new Entry(HttpStatus.UNPROCESSABLE_ENTITY, "storage_quota_exceeded")),
            Map.entry(MessageTooComplexException.class,
                    new Entry(HttpStatus.UNPROCESSABLE_ENTITY, "message_too_complex")),
            Map.entry(ExtractionFailedException.class, new Entry(HttpStatus.UNPROCESSABLE_ENTITY, "extraction_failed")),
            Map.entry(ExtractionBusyException.class, new Entry(HttpStatus.SERVICE_UNAVAILABLE, "extraction_busy")),
            Map.entry(SendLimitExceededException.class,
                    new Entry(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_exceeded")),
            Map.entry(ColdOutreachLimitExceededException.class,
                    new Entry(HttpStatus.TOO_MANY_REQUESTS, "cold_outreach_limit")),
            Map.entry(RecipientSuppressedException.class,
                    new Entry(HttpStatus.UNPROCESSABLE_ENTITY, "recipient_suppressed")),
            Map.entry(InvalidSearchQueryException.class, new Entry(HttpStatus.BAD_REQUEST, "invalid_search_query")),
            Map.entry(UnknownSearchOperatorException.class,
                    new Entry(HttpStatus.BAD_REQUEST, "unknown_search_operator")));

    private ErrorCatalogue() {
    }

    /** The statuses the framework answers on its own; their codes are {@link #codeForStatus}'s. */
    private static final List<HttpStatus> FRAMEWORK = List.of(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED,
            HttpStatus.NOT_FOUND, HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.NOT_ACCEPTABLE,
            HttpStatus.REQUEST_ENTITY_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE, HttpStatus.TOO_MANY_REQUESTS,
            HttpStatus.INTERNAL_SERVER_ERROR, HttpStatus.SERVICE_UNAVAILABLE);

    /** Every status and code the API answers with, by status then code, each once. */
    public static List<Entry> entries() {
        Set<Entry> all = new TreeSet<>(Comparator.comparingInt((Entry entry) -> entry.status().getCode())
                .thenComparing(Entry::code));
        all.addAll(DOMAIN.values());
        FRAMEWORK.forEach(status -> all.add(new Entry(status, codeForStatus(status))));
        return List.copyOf(all);
    }

    /** The entry of a domain failure type; empty only for a type nobody mapped, which a test forbids. */
    public static Optional<Entry> entryOf(Class<? extends DomainException> type) {
        return Optional.ofNullable(DOMAIN.get(type));
    }

    /** The failure as the API's error body, for answers that are not HTTP responses (an MCP tool's error result). */
    public static ApiError errorOf(DomainException failure) {
        Entry entry = entryOf(failure.getClass()).orElseThrow(
                () -> new IllegalStateException("no HTTP mapping for " + failure.getClass().getName(), failure));
        return new ApiError(entry.code(), withApiHint(failure));
    }

    public static MutableHttpResponse<ApiError> respond(DomainException failure) {
        Entry entry = entryOf(failure.getClass()).orElseThrow(
                () -> new IllegalStateException("no HTTP mapping for " + failure.getClass().getName(), failure));
        String type = failure instanceof RecipientSuppressedException suppressed ? suppressed.type().wire() : null;
        MutableHttpResponse<ApiError> response = HttpResponse.<ApiError>status(entry.status())
                .body(new ApiError(entry.code(), type, withApiHint(failure)));
        if (failure instanceof RetryLater later) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, later.retryAfter().toSeconds())));
        }
        return response;
    }

    /**
     * The failure's message, followed by the call of this API that remedies it where there is one. The domain's
     * messages name no route, as the console shows them too; the routes are this adapter's to name.
     */
    static String withApiHint(DomainException failure) {
        String message = failure.getMessage();
        if (failure instanceof InvalidDomainException invalid) {
            return switch (invalid.remedy()) {
                case ADD_AND_VERIFY -> message + " Add it with POST /v1/domains, then verify it with"
                        + " POST /v1/domains/{id}/verify.";
                case VERIFY -> message + " Verify it with POST /v1/domains/" + invalid.domainIdOrNull() + "/verify.";
                case NONE -> message;
            };
        }
        if (failure instanceof PodNotEmptyException notEmpty) {
            return message + " GET /v1/inboxes?podId=" + notEmpty.podId() + " lists them.";
        }
        if (failure instanceof InvalidPodException) {
            return message + " GET /v1/pods lists them.";
        }
        if (failure instanceof StorageQuotaExceededException) {
            return message + " GET /v1/usage shows what each inbox holds.";
        }
        if (failure instanceof RecipientSuppressedException suppressed) {
            return message + " GET /v1/suppressions lists the account's; DELETE /v1/suppressions/"
                    + suppressed.address() + " removes one.";
        }
        if (failure instanceof NoWebhookUrlException) {
            return message + " An inbox's is set with PATCH /v1/inboxes/{id}, the account's with PUT /v1/webhook.";
        }
        return message;
    }

    public static MutableHttpResponse<ApiError> respond(HttpStatus status, String code, String message) {
        return HttpResponse.<ApiError>status(status).body(new ApiError(code, message));
    }

    /** The code for a status the framework chose, e.g. 405 for a method the route does not take. */
    public static String codeForStatus(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad_request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case NOT_ACCEPTABLE -> "not_acceptable";
            case REQUEST_ENTITY_TOO_LARGE -> "payload_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case SERVICE_UNAVAILABLE -> "service_unavailable";
            case TOO_MANY_REQUESTS -> "rate_limit_exceeded";
            default -> status.getCode() >= 500 ? "internal_error" : "bad_request";
        };
    }

    /** What to tell the client when the framework refused a request with {@code status}. */
    public static String messageForStatus(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "No such endpoint. The API lives under /v1; see /swagger-ui/ for every route.";
            case METHOD_NOT_ALLOWED -> "This endpoint does not take that HTTP method; see /swagger-ui/ for what it takes.";
            case NOT_ACCEPTABLE -> "This endpoint only answers application/json; send Accept: application/json.";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is too large; send a smaller body.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the request body as JSON with Content-Type: application/json.";
            case UNAUTHORIZED -> "Send Authorization: Bearer <your API key>.";
            case BAD_REQUEST -> "The request could not be read; check its parameters and body against the API reference.";
            default -> status.getCode() >= 500
                    ? "The server failed to handle this request; try again, and report it if it persists."
                    : "The request was refused (" + status.getCode() + ").";
        };
    }
}
