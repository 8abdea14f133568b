package dev.openmail.adapters.rest.auth;

import dev.openmail.adapters.rest.error.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** AdminFilter on its own: what it decides for a request, before any route. */
class AdminFilterTest {

    private static final String TOKEN = "s3cret-admin";

    private static HttpRequest<?> request(String authorization) {
        var request = HttpRequest.GET("/admin/v1/accounts");
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void withoutAConfiguredTokenEveryRequestIsNotFound(String configured) {
        AdminFilter filter = new AdminFilter(configured, new AuthFailureThrottle(0));

        for (String authorization : new String[]{null, "Bearer " + TOKEN, "Bearer    ", "Bearer "}) {
            MutableHttpResponse<ApiError> refused = filter.authorize(request(authorization));
            assertEquals(HttpStatus.NOT_FOUND, refused.getStatus());
            assertEquals("not_found", refused.body().error());
        }
    }

    @Test
    void theConfiguredTokenPasses() {
        AdminFilter filter = new AdminFilter(TOKEN, new AuthFailureThrottle(0));

        assertNull(filter.authorize(request("Bearer " + TOKEN)));
        assertNull(filter.authorize(request("bearer " + TOKEN)));
    }

    @Test
    void anythingElseIsUnauthorized() {
        AdminFilter filter = new AdminFilter(TOKEN, new AuthFailureThrottle(0));

        for (String authorization : new String[]{null, "Bearer", "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1),
                "Basic " + TOKEN, TOKEN, "Bearer om_" + "a".repeat(40)}) {
            MutableHttpResponse<ApiError> refused = filter.authorize(request(authorization));
            assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus(), authorization);
            assertEquals("unauthorized", refused.body().error());
        }
    }
}
