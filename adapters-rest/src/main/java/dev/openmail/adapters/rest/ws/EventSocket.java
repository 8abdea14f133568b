package dev.openmail.adapters.rest.ws;

import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketPongMessage;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * {@code GET /v1/ws}: the event stream of pages/websockets/protocol.mdx. The upgrade is always accepted; the key (from
 * {@code Authorization: Bearer} or {@code ?token=}) is checked right after, and a missing, unknown or revoked one ends
 * the connection with close code 4001 after an {@code error} message, which every WebSocket client (browsers
 * included, which cannot read the status of a refused upgrade) can observe. Every callback runs on the connection's
 * event loop ({@link NonBlocking}), so they come in the order of the frames, and hands off to {@link Connections} at
 * once.
 */
@ServerWebSocket("/v1/ws")
public final class EventSocket {

    /** The largest client message read; a larger frame closes the connection (1009). */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private static final String SCHEME = "bearer ";

    private final Connections connections;

    EventSocket(Connections connections) {
        this.connections = connections;
    }

    @OnOpen
    @NonBlocking
    public void opened(WebSocketSession session, HttpRequest<?> request) {
        connections.open(session, token(request));
    }

    @OnMessage(maxPayloadLength = MAX_MESSAGE_BYTES)
    @NonBlocking
    public void message(String message, WebSocketSession session) {
        connections.received(session, message);
    }

    @OnMessage
    @NonBlocking
    public void pong(WebSocketPongMessage pong, WebSocketSession session) {
        connections.ponged(session);
    }

    @OnClose
    @NonBlocking
    public void closed(WebSocketSession session, CloseReason reason) {
        connections.closed(session);
    }

    @OnError
    @NonBlocking
    public void failed(WebSocketSession session, Throwable failure) {
        connections.failed(session, failure);
    }

    private static String token(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null && header.length() > SCHEME.length()
                && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            String token = header.substring(SCHEME.length()).trim();
            if (!token.isEmpty()) {
                return token;
            }
        }
        String query = request.getParameters().get("token");
        return query == null || query.isBlank() ? null : query.trim();
    }
}
