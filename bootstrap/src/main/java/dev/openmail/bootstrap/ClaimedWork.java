package dev.openmail.bootstrap;

import org.slf4j.Logger;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Leased work handed to a fixed pool of threads: each {@link #dispatch} claims as many items as there is room for
 * ({@code queuedPerWorker} per worker, counting those in hand and those waiting for a thread) and queues them, so the
 * claiming never waits for the work. When a claim filled all the room, more may be due: each item done then claims
 * again at once instead of waiting for the next poll, so a backlog drains at the workers' pace, not the poll's. An item whose work throws, or that is never done because the process stops, is
 * left to its lease: once it runs out, any process claims it again.
 *
 * @param <T> one claimed item
 */
final class ClaimedWork<T> {

    private final String what;
    private final int room;
    private final IntFunction<List<T>> claim;
    private final Consumer<T> work;
    private final Function<T, String> describe;
    private final Logger log;
    private final ExecutorService pool;
    private final AtomicInteger claimed = new AtomicInteger();
    /** Whether the last claim filled all the room it had, so that more may be due now. */
    private volatile boolean moreDue;

    /**
     * @param what  the work in words, for the log and the threads' names (such as {@code outbox})
     * @param claim claims up to the given number of items
     * @param work     does one item
     * @param describe names an item in the log
     */
    ClaimedWork(String what, int workers, int queuedPerWorker, IntFunction<List<T>> claim, Consumer<T> work,
                Function<T, String> describe, Logger log) {
        this.describe = describe;
        this.what = what;
        this.room = workers * queuedPerWorker;
        this.claim = claim;
        this.work = work;
        this.log = log;
        AtomicInteger names = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, what + "-worker-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Claims what there is room for and queues it; called by the schedule and, while a backlog lasts, by workers. */
    synchronized void dispatch() {
        int free = room - claimed.get();
        if (free <= 0) {
            return;
        }
        List<T> due;
        try {
            due = claim.apply(free);
        } catch (RuntimeException e) {
            // The next round tries again; an unexpected failure must not stop the schedule.
            moreDue = false;
            log.warn("Claiming {} work failed: {}", what, e.toString());
            return;
        }
        moreDue = due.size() == free;
        for (T item : due) {
            claimed.incrementAndGet();
            try {
                pool.execute(() -> run(item));
            } catch (RejectedExecutionException stopping) {
                // The server is stopping; the claim runs out and another process (or this one, restarted) takes it.
                claimed.decrementAndGet();
            }
        }
    }

    private void run(T item) {
        try {
            work.accept(item);
        } catch (RuntimeException e) {
            // The claim runs out and the item is tried again; nothing is lost.
            log.warn("{} work on {} failed: {}", what, describe.apply(item), e.toString());
        } finally {
            claimed.decrementAndGet();
        }
        if (moreDue && !pool.isShutdown()) {
            dispatch();
        }
    }

    void stop() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }
}
