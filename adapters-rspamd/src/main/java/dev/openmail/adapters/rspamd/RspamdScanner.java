package dev.openmail.adapters.rspamd;

import dev.openmail.domain.mail.SpamVerdict;
import dev.openmail.domain.port.out.ScanMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks rspamd's normal worker about each message: {@code POST <url>/checkv2} with the message as the body and the
 * envelope in rspamd's request headers ({@code IP}, {@code Helo}, {@code From}, one {@code Rcpt} per recipient,
 * {@code Queue-Id}), as rspamd's protocol describes. The whole exchange (connect, send, answer) ends after the
 * timeout, at most {@link #MAX_ANSWER_BYTES} of the answer are read, and anything but a readable answer (slow, down,
 * an HTTP error, nonsense) gives {@link SpamVerdict#unscanned} with the reason: a message is never held up or refused
 * for the scanner.
 */
public final class RspamdScanner implements ScanMail {

    /** rspamd's answer for one message is a few kilobytes; more than this is not an answer we want to hold. */
    public static final int MAX_ANSWER_BYTES = 256 * 1024;
    private static final int MAX_HEADER_CHARS = 255;
    private static final int MAX_RECIPIENTS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(RspamdScanner.class);

    private final URI checkUri;
    private final Duration timeout;
    private final HttpClient client;

    /** {@code baseUrl} such as {@code http://127.0.0.1:11333}: rspamd's normal worker. */
    public RspamdScanner(URI baseUrl, Duration timeout) {
        Objects.requireNonNull(baseUrl);
        this.timeout = Objects.requireNonNull(timeout);
        String base = baseUrl.toString();
        this.checkUri = URI.create((base.endsWith("/") ? base : base + "/") + "checkv2");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();
    }

    @Override
    public SpamVerdict scan(Request request) {
        HttpRequest.Builder post = HttpRequest.newBuilder(checkUri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.raw()));
        header(post, "IP", request.clientIp());
        header(post, "Helo", request.helo());
        header(post, "From", request.envelopeSender());
        request.recipients().stream().limit(MAX_RECIPIENTS).forEach(rcpt -> header(post, "Rcpt", rcpt));
        header(post, "Queue-Id", request.queueId());
        CompletableFuture<HttpResponse<byte[]>> answer =
                client.sendAsync(post.build(), info -> new CappedBody(MAX_ANSWER_BYTES));
        try {
            HttpResponse<byte[]> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                return unscanned("rspamd answered HTTP " + response.statusCode());
            }
            return RspamdAnswer.read(response.body());
        } catch (TimeoutException e) {
            answer.cancel(true);
            return unscanned("rspamd did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return unscanned("interrupted while waiting for rspamd");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof CappedBody.TooLargeException) {
                return unscanned("rspamd's answer was larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return unscanned("rspamd did not answer within " + timeout.toMillis() + " ms");
            }
            return unscanned("rspamd could not be reached (" + cause.getClass().getSimpleName() + ")");
        } catch (RspamdAnswer.UnreadableException e) {
            return unscanned("rspamd's answer could not be read: " + e.getMessage());
        }
    }

    private static SpamVerdict unscanned(String reason) {
        LOG.warn("Message accepted unscanned: {}", reason);
        return SpamVerdict.unscanned(reason);
    }

    /** Sets a request header from text the SMTP client chose: printable ASCII only, and not too long; else left out. */
    private static void header(HttpRequest.Builder post, String name, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_HEADER_CHARS) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return;
            }
        }
        post.header(name, value);
    }
}
