package dev.openmail.adapters.console;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, held in memory: a browser holds only a random session id, never the API key, so a stolen
 * cookie dies with the process or after a day's idleness and the key itself never reaches the browser again.
 */
@Singleton
final class ConsoleSessions {

    static final Duration IDLE_EXPIRY = Duration.ofHours(12);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    ConsoleSessions() {
        this(Clock.systemUTC());
    }

    ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    ConsoleSession start(String apiToken) {
        Instant now = clock.instant();
        // Sweeping on sign-in keeps abandoned sessions from piling up without a background thread.
        sessions.values().removeIf(session -> session.expiredAt(now));
        ConsoleSession session = new ConsoleSession(randomToken(), apiToken, randomToken(), now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, its idle clock restarted; empty when unknown or idle too long. */
    Optional<ConsoleSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ConsoleSession touched = sessions.computeIfPresent(id,
                (key, session) -> session.expiredAt(now) ? null : session.touchedAt(now));
        return Optional.ofNullable(touched);
    }

    void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** 256 random bits, URL-safe, for session ids and CSRF tokens alike. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Compares in constant time, so that response timing reveals nothing of the expected token. */
    static boolean sameToken(String expected, String candidate) {
        if (expected == null || candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    record ConsoleSession(String id, String apiToken, String csrf, Instant lastSeen) {

        boolean expiredAt(Instant now) {
            return !lastSeen.plus(IDLE_EXPIRY).isAfter(now);
        }

        ConsoleSession touchedAt(Instant now) {
            return new ConsoleSession(id, apiToken, csrf, now);
        }

        /** Without the token, the session id or the CSRF token: a session printed anywhere gives nothing away. */
        @Override
        public String toString() {
            return "ConsoleSession[lastSeen=" + lastSeen + "]";
        }
    }
}
