package dev.openmail.adapters.rest.ws;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one connection's work one task at a time, in the order given, on a shared pool: its messages, the events
 * pushed to it and its checks never overlap, so a subscribe's replay and the live events after it cannot interleave.
 */
final class SerialQueue {

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();

    SerialQueue(Executor pool) {
        this.pool = pool;
    }

    /** Queues the task; false (and not queued) when {@code limit} tasks are already waiting. */
    boolean offer(Runnable task, int limit) {
        if (size.incrementAndGet() > limit) {
            size.decrementAndGet();
            return false;
        }
        tasks.add(task);
        schedule();
        return true;
    }

    private void schedule() {
        if (running.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        try {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                size.decrementAndGet();
                task.run();
            }
        } finally {
            running.set(false);
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
