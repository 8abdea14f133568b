package dev.openmail.adapters.console;

import dev.openmail.adapters.console.ConsoleSessions.ConsoleSession;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.DomainException;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every console page shares: finding the signed-in account from the session cookie, checking CSRF tokens,
 * rendering templates, and turning failures into pages. Failures are caught here rather than by exception handlers
 * because the REST adapter's global handlers would otherwise answer the console's browser with JSON.
 */
@Singleton
final class Pages {

    static final String SESSION_COOKIE = "openmail_console";
    static final String SIGN_IN_COOKIE = "openmail_console_sign_in";
    static final String BASE = "/console";
    static final String SIGN_IN = BASE + "/sign-in";

    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleSessions sessions;
    private final AuthenticateApiKey authenticate;
    private final ThymeleafViewsRenderer<Map<String, Object>> renderer;

    Pages(ConsoleSessions sessions, AuthenticateApiKey authenticate,
          ThymeleafViewsRenderer<Map<String, Object>> renderer) {
        this.sessions = sessions;
        this.authenticate = authenticate;
        this.renderer = renderer;
    }

    /** A signed-in browser: its session and the account-wide caller its key stands for right now. */
    record SignedIn(ConsoleSession session, Caller caller) {

        Map<String, Object> model() {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("account", caller.accountId().value());
            model.put("csrf", session.csrf());
            return model;
        }
    }

    /** A page for a signed-in browser; anyone else is sent to sign in. */
    MutableHttpResponse<String> page(HttpRequest<?> request, Function<SignedIn, MutableHttpResponse<String>> body) {
        Optional<SignedIn> user = signedIn(request);
        if (user.isEmpty()) {
            return redirect(SIGN_IN);
        }
        return guarded(request, user.get(), () -> body.apply(user.get()));
    }

    /** A change from a signed-in browser, made only when the form carries the session's CSRF token. */
    MutableHttpResponse<String> action(HttpRequest<?> request, byte[] body,
                                       BiFunction<SignedIn, FormBody, MutableHttpResponse<String>> change) {
        Optional<SignedIn> user = signedIn(request);
        if (user.isEmpty()) {
            return redirect(SIGN_IN);
        }
        FormBody form = FormBody.parse(body);
        if (!ConsoleSessions.sameToken(user.get().session().csrf(), form.value("csrf"))) {
            return error(request, user.get(), HttpStatus.FORBIDDEN,
                    "This form has expired or did not come from the console. Reload the page and try again.");
        }
        return guarded(request, user.get(), () -> change.apply(user.get(), form));
    }

    Optional<SignedIn> signedIn(HttpRequest<?> request) {
        String id = request.getCookies().findCookie(SESSION_COOKIE).map(Cookie::getValue).orElse(null);
        Optional<ConsoleSession> session = sessions.find(id);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        try {
            Caller caller = authenticate.authenticate(session.get().apiToken());
            if (!(caller.scope() instanceof KeyScope.AccountWide)) {
                sessions.end(id);
                return Optional.empty();
            }
            return Optional.of(new SignedIn(session.get(), caller));
        } catch (UnauthorizedException revokedOrUnknown) {
            sessions.end(id);
            return Optional.empty();
        }
    }

    /**
     * Makes a change, or, when the domain refuses it, shows the page the form was on again with the refusal. Not found
     * is no refusal of what the form asked: it goes on to the not-found page, as it would from anywhere else.
     */
    static MutableHttpResponse<String> changeOrRefusal(Supplier<MutableHttpResponse<String>> change,
                                                       Function<String, MutableHttpResponse<String>> pageWithRefusal) {
        try {
            return change.get();
        } catch (NotFoundException notFound) {
            throw notFound;
        } catch (DomainException refused) {
            return pageWithRefusal.apply(refused.getMessage());
        }
    }

    private MutableHttpResponse<String> guarded(HttpRequest<?> request, SignedIn user,
                                                Supplier<MutableHttpResponse<String>> work) {
        try {
            return work.get();
        } catch (NotFoundException notFound) {
            return error(request, user, HttpStatus.NOT_FOUND, notFound.getMessage());
        } catch (DomainException refused) {
            return error(request, user, HttpStatus.BAD_REQUEST, refused.getMessage());
        } catch (RuntimeException unexpected) {
            LOG.error("Console request {} {} failed", request.getMethodName(), request.getPath(), unexpected);
            return error(request, user, HttpStatus.INTERNAL_SERVER_ERROR,
                    "Something went wrong on our side. Try again; if it keeps happening, check the server log.");
        }
    }

    MutableHttpResponse<String> error(HttpRequest<?> request, SignedIn userOrNull, HttpStatus status, String message) {
        Map<String, Object> model = userOrNull == null ? new LinkedHashMap<>() : userOrNull.model();
        model.put("status", status.getCode());
        model.put("title", switch (status) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Forbidden";
            case INTERNAL_SERVER_ERROR -> "Something went wrong";
            default -> "Request refused";
        });
        model.put("error", message);
        return render(request, status, "console/error", model);
    }

    MutableHttpResponse<String> render(HttpRequest<?> request, HttpStatus status, String view,
                                       Map<String, Object> model) {
        StringWriter html = new StringWriter();
        try {
            renderer.render(view, model, request).writeTo(html);
        } catch (IOException cannotHappenOnAStringWriter) {
            throw new UncheckedIOException(cannotHappenOnAStringWriter);
        }
        return secured(HttpResponse.<String>status(status).body(html.toString())
                .contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8"));
    }

    MutableHttpResponse<String> ok(HttpRequest<?> request, String view, Map<String, Object> model) {
        return render(request, HttpStatus.OK, view, model);
    }

    /** See Other, so that the browser follows with a GET and a reload does not repeat the change. */
    static MutableHttpResponse<String> redirect(String path) {
        return secured(HttpResponse.<String>seeOther(URI.create(path)));
    }

    /**
     * No scripts, frames or remote content at all: the pages need none, and mail content shown in them must not gain
     * any. Pages hold account data, so nothing is cached.
     */
    private static MutableHttpResponse<String> secured(MutableHttpResponse<String> response) {
        return response
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                // Not no-referrer: with it the browser sends "Origin: null" on form posts, and the server refuses
                // cross-origin posts to a localhost address with 403.
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }

    static boolean isHttps(HttpRequest<?> request) {
        return request.isSecure() || request.getHeaders().findFirst("X-Forwarded-Proto")
                .map(proto -> proto.equalsIgnoreCase("https")).orElse(false);
    }

    static Cookie cookie(HttpRequest<?> request, String name, String value, String path) {
        return Cookie.of(name, value).httpOnly(true).sameSite(SameSite.Lax).path(path).secure(isHttps(request));
    }

    static Cookie expired(HttpRequest<?> request, String name, String path) {
        return cookie(request, name, "", path).maxAge(0);
    }

    /** 1-based page number from the query; anything unreadable is the first page. */
    static int pageNumber(String text) {
        if (text == null) {
            return 1;
        }
        try {
            return Math.max(1, Math.min(1_000_000, Integer.parseInt(text.strip())));
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }
}
