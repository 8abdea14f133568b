package dev.openmail.adapters.rest.error;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.DomainException;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InvalidDomainException;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.ClientIdTakenException;
import dev.openmail.domain.pod.DefaultPodException;
import dev.openmail.domain.pod.InvalidPodException;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodHasDomainsException;
import dev.openmail.domain.pod.PodNotEmptyException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorCatalogueTest {

    private static final Pod POD = Pod.create(AccountId.generate(), new ClientId("tenant"), null, Instant.EPOCH);

    static Stream<Arguments> domainFailures() {
        return Stream.of(
                Arguments.of(new InvalidInputException("clientId", "clientId is wrong."), HttpStatus.BAD_REQUEST, "bad_request"),
                Arguments.of(new UnauthorizedException("No key."), HttpStatus.UNAUTHORIZED, "unauthorized"),
                Arguments.of(new NotFoundException("No pod."), HttpStatus.NOT_FOUND, "not_found"),
                Arguments.of(new ClientIdTakenException(new ClientId("tenant")), HttpStatus.CONFLICT, "client_id_taken"),
                Arguments.of(new PodNotEmptyException(POD), HttpStatus.CONFLICT, "pod_not_empty"),
                Arguments.of(new PodHasDomainsException(POD), HttpStatus.CONFLICT, "pod_has_domains"),
                Arguments.of(new DefaultPodException(), HttpStatus.CONFLICT, "default_pod"),
                Arguments.of(new dev.openmail.domain.common.DatabaseUnavailableException(), HttpStatus.SERVICE_UNAVAILABLE,
                        "database_unavailable"),
                Arguments.of(new dev.openmail.domain.common.BusyException(), HttpStatus.SERVICE_UNAVAILABLE, "busy"),
                Arguments.of(new dev.openmail.domain.mail.ColdOutreachLimitExceededException("20 cold sends per day",
                        3, java.time.Duration.ofMinutes(90)), HttpStatus.TOO_MANY_REQUESTS, "cold_outreach_limit"));
    }

    @Test
    void aColdOutreachRefusalSaysWhenToRetry() {
        MutableHttpResponse<ApiError> response = ErrorCatalogue.respond(
                new dev.openmail.domain.mail.ColdOutreachLimitExceededException("20 cold sends per day", 1,
                        java.time.Duration.ofMillis(5400_500)));

        assertEquals(HttpStatus.TOO_MANY_REQUESTS, response.getStatus());
        assertEquals("5400", response.getHeaders().get("Retry-After"));
    }

    @Test
    void aDatabaseThatDidNotAnswerAndABusyServerSayWhenToRetry() {
        for (DomainException failure : java.util.List.of(new dev.openmail.domain.common.DatabaseUnavailableException(),
                new dev.openmail.domain.common.BusyException())) {
            MutableHttpResponse<ApiError> response = ErrorCatalogue.respond(failure);

            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, response.getStatus());
            assertEquals("1", response.getHeaders().get("Retry-After"), failure.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("domainFailures")
    void eachDomainFailureHasOneStatusAndCodeAndKeepsItsMessage(DomainException failure, HttpStatus status, String code) {
        assertEquals(Optional.of(new ErrorCatalogue.Entry(status, code)), ErrorCatalogue.entryOf(failure.getClass()));

        MutableHttpResponse<ApiError> response = ErrorCatalogue.respond(failure);

        assertEquals(status, response.getStatus());
        assertEquals(code, response.body().error());
        assertTrue(response.body().message().startsWith(failure.getMessage()), response.body().message());
    }

    @Test
    void failuresWhoseRemedyIsACallOfTheApiNameIt() {
        assertEquals(new PodNotEmptyException(POD).getMessage() + " GET /v1/inboxes?podId=" + POD.id()
                + " lists them.", message(new PodNotEmptyException(POD)));
        assertTrue(message(new InvalidPodException("nope")).endsWith(" GET /v1/pods lists them."));

        DomainName name = new DomainName("mail.example.com");
        DomainId id = DomainId.generate();
        assertTrue(message(InvalidDomainException.notVerified(name, id))
                .endsWith(" Verify it with POST /v1/domains/" + id + "/verify."));
        assertTrue(message(InvalidDomainException.notOfThisAccount(name)).contains("POST /v1/domains"));
        assertEquals("Not a domain.", message(new InvalidDomainException("Not a domain.")));
        assertEquals("No pod.", message(new NotFoundException("No pod.")));
    }

    private static String message(DomainException failure) {
        return ErrorCatalogue.respond(failure).body().message();
    }

    @Test
    void anUnmappedFailureIsAProgrammingErrorNotASilentDefault() {
        DomainException unmapped = new DomainException("nobody mapped me") {
        };

        assertEquals(Optional.empty(), ErrorCatalogue.entryOf(unmapped.getClass()));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ErrorCatalogue.respond(unmapped));
        assertTrue(thrown.getMessage().contains("no HTTP mapping"), thrown.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "BAD_REQUEST, bad_request",
            "UNAUTHORIZED, unauthorized",
            "FORBIDDEN, forbidden",
            "NOT_FOUND, not_found",
            "METHOD_NOT_ALLOWED, method_not_allowed",
            "NOT_ACCEPTABLE, not_acceptable",
            "REQUEST_ENTITY_TOO_LARGE, payload_too_large",
            "UNSUPPORTED_MEDIA_TYPE, unsupported_media_type",
            "SERVICE_UNAVAILABLE, service_unavailable",
            "INTERNAL_SERVER_ERROR, internal_error",
            "BAD_GATEWAY, internal_error",
            "GATEWAY_TIMEOUT, internal_error",
            "I_AM_A_TEAPOT, bad_request",
            "TOO_MANY_REQUESTS, rate_limit_exceeded"})
    void codeForStatus(HttpStatus status, String code) {
        assertEquals(code, ErrorCatalogue.codeForStatus(status));
    }

    @ParameterizedTest
    @EnumSource(HttpStatus.class)
    void everyStatusHasASnakeCaseCodeAndASentence(HttpStatus status) {
        String code = ErrorCatalogue.codeForStatus(status);
        String message = ErrorCatalogue.messageForStatus(status);

        assertTrue(code.matches("[a-z]+(_[a-z]+)*"), code);
        assertNotNull(message);
        assertFalse(message.isBlank());
        assertTrue(message.endsWith("."), message);
    }

    @Test
    void messagesForStatusTellTheClientHowToProceed() {
        assertTrue(ErrorCatalogue.messageForStatus(HttpStatus.NOT_FOUND).contains("/v1"));
        assertTrue(ErrorCatalogue.messageForStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contains("Content-Type: application/json"));
        assertTrue(ErrorCatalogue.messageForStatus(HttpStatus.NOT_ACCEPTABLE).contains("Accept: application/json"));
        assertTrue(ErrorCatalogue.messageForStatus(HttpStatus.UNAUTHORIZED).contains("Authorization: Bearer"));
        assertTrue(ErrorCatalogue.messageForStatus(HttpStatus.REQUEST_ENTITY_TOO_LARGE).contains("smaller"));
        assertTrue(ErrorCatalogue.messageForStatus(HttpStatus.INTERNAL_SERVER_ERROR).contains("try again"));
        assertTrue(ErrorCatalogue.messageForStatus(HttpStatus.CONFLICT).contains("409"));
    }

    @Test
    void respondWithACodeBuildsTheErrorBody() {
        MutableHttpResponse<ApiError> response = ErrorCatalogue.respond(HttpStatus.FORBIDDEN, "forbidden", "Not yours.");

        assertEquals(HttpStatus.FORBIDDEN, response.getStatus());
        assertEquals(new ApiError("forbidden", "Not yours."), response.body());
    }
}
