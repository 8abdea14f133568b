package dev.openmail.adapters.console;

import dev.openmail.adapters.console.ConsoleSessions.ConsoleSession;
import dev.openmail.domain.access.FailedAuthentications;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in with an account-wide API key, and out again. The sign-in form is protected against login CSRF with a
 * token kept in a short-lived cookie, since there is no session yet to hold it. Unknown keys count as failed
 * authentications of the client address ({@code SignInThrottle}); past the allowance the form answers 429 with
 * Retry-After and says when to try again, before the key is looked at.
 */
@Controller(Pages.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SignInController {

    static final String SCOPED_KEY = "Sign in with an account-wide key; pod and inbox keys are for the API.";
    static final String UNKNOWN_KEY = "That API key is unknown or has been revoked.";
    private static final String STALE_FORM = "The sign-in form has expired. Try again.";

    private final Pages pages;
    private final ConsoleSessions sessions;
    private final AuthenticateApiKey authenticate;
    private final SignInThrottle throttle;

    SignInController(Pages pages, ConsoleSessions sessions, AuthenticateApiKey authenticate, SignInThrottle throttle) {
        this.pages = pages;
        this.sessions = sessions;
        this.authenticate = authenticate;
        this.throttle = throttle;
    }

    @Get
    MutableHttpResponse<String> root() {
        return Pages.redirect(Pages.BASE + "/pods");
    }

    @Get("/sign-in")
    MutableHttpResponse<String> signInPage(HttpRequest<?> request) {
        if (pages.signedIn(request).isPresent()) {
            return Pages.redirect(Pages.BASE + "/pods");
        }
        return signInForm(request, HttpStatus.OK, null);
    }

    @Post("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> signIn(HttpRequest<?> request, @Body @Nullable byte[] body) {
        FormBody form = FormBody.parse(body);
        String expected = request.getCookies().findCookie(Pages.SIGN_IN_COOKIE).map(Cookie::getValue).orElse(null);
        if (!ConsoleSessions.sameToken(expected, form.value("csrf"))) {
            return signInForm(request, HttpStatus.FORBIDDEN, STALE_FORM);
        }
        String token = form.trimmedOrNull("apiKey");
        if (token == null) {
            return signInForm(request, HttpStatus.UNAUTHORIZED, "Enter an API key.");
        }
        Optional<Duration> wait = throttle.blocked(request);
        if (wait.isPresent()) {
            long seconds = FailedAuthentications.seconds(wait.get());
            return signInForm(request, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins from this address;"
                    + " try again in " + seconds + " s.").header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        }
        Caller caller;
        try {
            caller = authenticate.authenticate(token);
        } catch (UnauthorizedException unknown) {
            throttle.failed(request);
            return signInForm(request, HttpStatus.UNAUTHORIZED, UNKNOWN_KEY);
        }
        if (!(caller.scope() instanceof KeyScope.AccountWide)) {
            return signInForm(request, HttpStatus.FORBIDDEN, SCOPED_KEY);
        }
        ConsoleSession session = sessions.start(token);
        return Pages.redirect(Pages.BASE + "/pods")
                .cookie(Pages.cookie(request, Pages.SESSION_COOKIE, session.id(), Pages.BASE))
                .cookie(Pages.expired(request, Pages.SIGN_IN_COOKIE, Pages.SIGN_IN));
    }

    @Post("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> signOut(HttpRequest<?> request, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            sessions.end(user.session().id());
            return Pages.redirect(Pages.SIGN_IN)
                    .cookie(Pages.expired(request, Pages.SESSION_COOKIE, Pages.BASE));
        });
    }

    private MutableHttpResponse<String> signInForm(HttpRequest<?> request, HttpStatus status, String error) {
        String csrf = ConsoleSessions.randomToken();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("csrf", csrf);
        model.put("error", error);
        return pages.render(request, status, "console/sign-in", model)
                .cookie(Pages.cookie(request, Pages.SIGN_IN_COOKIE, csrf, Pages.SIGN_IN).maxAge(3600));
    }
}
