package dev.openmail.adapters.rest.ws;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The WebSocket's timing ({@code openmail.websocket.*}): how often protocol pings go out and how long a pong may take,
 * how often a connection's key is checked again, and how often the event log is read while connections are open.
 * The protocol page fixes the first three (30 s, 10 s, at least every 30 s); tests shorten them.
 */
@Singleton
final class WebSocketSettings {

    final Duration pingInterval;
    final Duration pongTimeout;
    final Duration keyCheckInterval;
    final Duration pollInterval;

    WebSocketSettings(@Value("${openmail.websocket.ping-interval:30s}") Duration pingInterval,
                      @Value("${openmail.websocket.pong-timeout:10s}") Duration pongTimeout,
                      @Value("${openmail.websocket.key-check-interval:30s}") Duration keyCheckInterval,
                      @Value("${openmail.websocket.poll-interval:25ms}") Duration pollInterval) {
        this.pingInterval = positive("ping-interval", pingInterval);
        this.pongTimeout = positive("pong-timeout", pongTimeout);
        this.keyCheckInterval = positive("key-check-interval", keyCheckInterval);
        this.pollInterval = positive("poll-interval", pollInterval);
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigurationException("openmail.websocket." + name + " must be a positive duration such as 30s");
        }
        return value;
    }
}
