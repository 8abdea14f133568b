package dev.openmail.adapters.console;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A browser stand-in over java.net.http: keeps cookies, does not follow redirects so tests can see them. */
final class Browser {

    private final URI base;
    private final HttpClient client;

    Browser(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    record Reply(int status, String location, List<String> setCookies, String body) {

        Document page() {
            return Jsoup.parse(body);
        }

        String error() {
            Element error = page().selectFirst(".error");
            assertNotNull(error, "no .error in\n" + body);
            return error.text();
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    Reply post(String path, Map<String, String> fields) {
        return post(path, fields, Map.of());
    }

    Reply post(String path, Map<String, String> fields, Map<String, String> headers) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Fills the page's form {@code selector} as a browser would: its hidden fields, then {@code fields}. */
    Reply submit(Document page, String selector, Map<String, String> fields) {
        return submit(page, selector, fields, Map.of());
    }

    Reply submit(Document page, String selector, Map<String, String> fields, Map<String, String> headers) {
        Element form = page.selectFirst(selector);
        assertNotNull(form, "no form " + selector + " in\n" + page.html());
        Map<String, String> values = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(input -> values.put(input.attr("name"), input.attr("value")));
        values.putAll(fields);
        return post(form.attr("action"), values, headers);
    }

    /** Signs in through the form and follows the redirect to the pods page. */
    Document signIn(String apiKey) {
        Reply signedIn = submit(get("/console/sign-in").page(), "form#sign-in", Map.of("apiKey", apiKey));
        assertEquals(303, signedIn.status(), signedIn.body());
        assertEquals("/console/pods", signedIn.location());
        Reply pods = get("/console/pods");
        assertEquals(200, pods.status(), pods.body());
        return pods.page();
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.headers().allValues("Set-Cookie"), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
