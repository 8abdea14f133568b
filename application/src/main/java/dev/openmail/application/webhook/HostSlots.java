package dev.openmail.application.webhook;

import dev.openmail.domain.webhook.WebhookDelivery;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How many of this process's workers are posting to each host, so that a slow or hostile endpoint holds at most its
 * share of them and the others keep delivering to everyone else. A delivery whose host has no free slot is parked
 * (still claimed) and handed to the next worker that finishes with that host, which keeps the slot: a busy host's
 * deliveries wait for its own workers, not for the queue's next round.
 */
final class HostSlots {

    /** Deliveries parked per host; beyond them a delivery goes back to the queue for a while. */
    static final int MAX_PARKED = 200;

    enum Outcome { ACQUIRED, PARKED, FULL }

    /**
     * A delivery for a worker to make, with its host's slot ({@code heldHost}) when it was parked (else null), and
     * since when it has waited: parked, or claimed (null when not known).
     */
    record Handover(WebhookDelivery delivery, String heldHost, Instant waitingSince) {
    }

    private record Parked(WebhookDelivery delivery, Instant at) {
    }

    private final int perHost;
    private final Map<String, Integer> busy = new HashMap<>();
    private final Map<String, Deque<Parked>> parked = new HashMap<>();

    HostSlots(int perHost) {
        this.perHost = perHost;
    }

    synchronized Outcome acquireOrPark(String host, WebhookDelivery delivery, Instant now) {
        int taken = busy.getOrDefault(host, 0);
        if (taken < perHost) {
            busy.put(host, taken + 1);
            return Outcome.ACQUIRED;
        }
        Deque<Parked> waiting = parked.computeIfAbsent(host, any -> new ArrayDeque<>());
        if (waiting.size() >= MAX_PARKED) {
            return Outcome.FULL;
        }
        waiting.add(new Parked(delivery, now));
        return Outcome.PARKED;
    }

    /**
     * Done with {@code host} (null: no slot held): the oldest delivery parked for it, which keeps the slot, or null
     * when none waits and the slot is free again.
     */
    synchronized Handover releaseOrHandOver(String host) {
        if (host == null) {
            return null;
        }
        Deque<Parked> waiting = parked.get(host);
        if (waiting != null && !waiting.isEmpty()) {
            Parked next = waiting.poll();
            if (waiting.isEmpty()) {
                parked.remove(host);
            }
            return new Handover(next.delivery(), host, next.at());
        }
        release(host);
        return null;
    }

    /** Frees a slot of {@code host} without handing it over. */
    synchronized void release(String host) {
        int taken = busy.getOrDefault(host, 0);
        if (taken <= 1) {
            busy.remove(host);
        } else {
            busy.put(host, taken - 1);
        }
    }
}
