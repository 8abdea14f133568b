package dev.openmail.bootstrap.support;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client of {@code /v1/ws} over the JDK's own WebSocket (java.net.http), not the server's code: it keeps every text
 * message received in order, and the close code and reason the server sent. Waits are bounded; nothing sleeps.
 */
public final class WsClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    /** How the server closed the connection. */
    public record Closed(int code, String reason) {
    }

    private WsClient(URI uri, String bearerOrNull) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        if (bearerOrNull != null) {
            RunningServer.rememberSent(bearerOrNull);
            builder.header("Authorization", "Bearer " + bearerOrNull);
        }
        try {
            socket = builder.buildAsync(uri, new Listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not connect to " + uri, e);
        }
    }

    /** Connects with {@code Authorization: Bearer token} (none when null). */
    public static WsClient bearer(int port, String token) {
        return new WsClient(URI.create("ws://localhost:" + port + "/v1/ws"), token);
    }

    /** Connects with {@code ?token=}. */
    public static WsClient query(int port, String token) {
        RunningServer.rememberSent(token);
        return new WsClient(URI.create("ws://localhost:" + port + "/v1/ws?token=" + token), null);
    }

    public WsClient send(String text) {
        try {
            socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send " + text, e);
        }
        return this;
    }

    /** The next message, parsed; fails after a few seconds without one. */
    public Map<String, Object> next() {
        String text = nextText();
        try {
            return JSON.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    public String nextText() {
        try {
            String text = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("no message within " + WAIT + (closed.isDone() ? "; closed " + closed.join() : ""));
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message if one comes within {@code wait}, else null. */
    public String nextTextWithin(Duration wait) {
        try {
            return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a message and answers the server's reply. */
    public Map<String, Object> ask(String text) {
        return send(text).next();
    }

    /** The messages received and not yet taken. */
    public List<String> pending() {
        List<String> drained = new ArrayList<>();
        messages.drainTo(drained);
        return drained;
    }

    /** How the server closed the connection; fails when it does not within a few seconds. */
    public Closed closed() {
        return closedWithin(WAIT);
    }

    public Closed closedWithin(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + wait);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
