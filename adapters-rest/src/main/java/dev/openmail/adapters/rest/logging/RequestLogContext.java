package dev.openmail.adapters.rest.logging;

import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.domain.apikey.Caller;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * Tags every log line written while a request is handled with what the request is about, through the logging
 * framework's MDC: {@code route} (the route's URI template, such as {@code /v1/inboxes/{id}/send}, never the path
 * with its ids), {@code method}, and once an API key is checked {@code account}, {@code api_key} (the key's id) and,
 * for a key confined to a pod or an inbox, {@code pod} and {@code inbox}. Never a token, a header or a body.
 *
 * <p>Runs after the API key filter ({@link CallerAttribute#FILTER_ORDER}). The values travel with the request's propagated context, so they hold
 * on whatever thread handles it, and are taken off the thread when it is done with the request.
 */
@ServerFilter("/**")
@Order(Ordered.LOWEST_PRECEDENCE)
final class RequestLogContext {

    static final String ROUTE = "route";
    static final String METHOD = "method";
    static final String ACCOUNT = "account";
    static final String API_KEY = "api_key";
    static final String POD = "pod";
    static final String INBOX = "inbox";
    /** The route of a request that matched none. */
    static final String UNMATCHED = "unmatched";

    @RequestFilter
    void tag(HttpRequest<?> request, MutablePropagatedContext context) {
        Map<String, String> fields = new HashMap<>();
        Map<String, String> outer = MDC.getCopyOfContextMap();
        if (outer != null) {
            fields.putAll(outer);
        }
        fields.put(ROUTE, routeOf(request));
        fields.put(METHOD, request.getMethodName());
        request.getAttribute(CallerAttribute.NAME, Caller.class).ifPresent(caller -> {
            fields.put(ACCOUNT, caller.accountId().value());
            fields.put(API_KEY, caller.keyId().value());
            if (caller.scope().podOrNull() != null) {
                fields.put(POD, caller.scope().podOrNull().value());
            }
            if (caller.scope().inboxOrNull() != null) {
                fields.put(INBOX, caller.scope().inboxOrNull().value());
            }
        });
        context.add(new MdcPropagationContext(fields));
    }

    /** The URI template of the route the request matched; {@value #UNMATCHED} when none. */
    static String routeOf(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request)
                .filter(UriRouteInfo.class::isInstance)
                .map(info -> ((UriRouteInfo<?, ?>) info).getUriMatchTemplate().toPathString())
                .orElse(UNMATCHED);
    }
}
