package dev.openmail.application.webhook;

import java.util.HashMap;
import java.util.Map;

/**
 * How many of this process's workers are posting to each host, so that a slow or hostile endpoint holds at most its
 * share of them and the others keep delivering to everyone else.
 */
final class HostSlots {

    private final int perHost;
    private final Map<String, Integer> busy = new HashMap<>();

    HostSlots(int perHost) {
        this.perHost = perHost;
    }

    synchronized boolean tryAcquire(String host) {
        int taken = busy.getOrDefault(host, 0);
        if (taken >= perHost) {
            return false;
        }
        busy.put(host, taken + 1);
        return true;
    }

    synchronized void release(String host) {
        int taken = busy.getOrDefault(host, 0);
        if (taken <= 1) {
            busy.remove(host);
        } else {
            busy.put(host, taken - 1);
        }
    }
}
