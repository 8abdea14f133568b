package dev.openmail.adapters.smtpin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The budgets that all the sessions of one listener share (see {@link SmtpMemory}): memory for messages being read,
 * room for messages being processed, and disk for spool files. Counted in this process, like every listener limit.
 */
final class InFlightMessages {

    /** The processing budget is counted in KiB, so that a semaphore's int permits cover terabytes. */
    private static final long PERMIT_BYTES = 1024;
    private static final Duration SPOOL_SETTLING = Duration.ofMinutes(1);
    private final SmtpMemory settings;
    private final AtomicLong memory = new AtomicLong();
    private final AtomicLong disk = new AtomicLong();
    private final AtomicLong spoolFilesCreated = new AtomicLong();
    private final SpoolDirectory spool;
    private final int processingPermits;
    /** Fair, so that a large message waiting is not overtaken for ever by small ones. */
    private final Semaphore processing;

    InFlightMessages(SmtpMemory settings) {
        this.settings = settings;
        this.spool = new SpoolDirectory(settings.spoolDirectory(), SPOOL_SETTLING);
        this.processingPermits = (int) Math.min(Integer.MAX_VALUE,
                Math.max(1, settings.processingBudgetBytes() / PERMIT_BYTES));
        this.processing = new Semaphore(processingPermits, true);
    }

    SmtpMemory settings() {
        return settings;
    }

    /** Takes {@code bytes} of the memory budget if that much is free. */
    boolean reserveMemory(long bytes) {
        return reserve(memory, bytes, settings.memoryBudgetBytes());
    }

    void releaseMemory(long bytes) {
        memory.addAndGet(-bytes);
    }

    /** Takes {@code bytes} of the spool's disk if that much is free. */
    boolean reserveDisk(long bytes) {
        return reserve(disk, bytes, settings.spoolMaxBytes());
    }

    void releaseDisk(long bytes) {
        disk.addAndGet(-bytes);
    }

    long memoryInUse() {
        return memory.get();
    }

    long diskInUse() {
        return disk.get();
    }

    long spoolFilesCreated() {
        return spoolFilesCreated.get();
    }

    /** A new, empty spool file that only this process's user may read (see {@link SpoolDirectory}). */
    Path newSpoolFile() throws IOException {
        Path file = spool.newFile();
        spoolFilesCreated.incrementAndGet();
        return file;
    }

    /** Deletes the spool files that listeners killed before they could delete them left behind. */
    int removeLeftovers() {
        return spool.removeLeftovers();
    }

    /** Deletes this listener's spool directory, once no message is in flight any more. */
    void closeSpool() {
        spool.close();
    }

    /**
     * Room for processing a message of {@code bytes} (the whole budget for one larger than it), waiting up to the
     * configured time; null when there was none by then.
     */
    Processing awaitProcessing(long bytes) throws InterruptedException {
        int permits = (int) Math.min(processingPermits, Math.max(1, (bytes + PERMIT_BYTES - 1) / PERMIT_BYTES));
        long waitNanos = settings.processingWait().toNanos();
        boolean granted = waitNanos == 0 ? processing.tryAcquire(permits)
                : processing.tryAcquire(permits, waitNanos, TimeUnit.NANOSECONDS);
        return granted ? new Processing(permits) : null;
    }

    /** Room held in the processing budget, given back on {@link #close()}. */
    final class Processing implements AutoCloseable {
        private final int permits;
        private boolean released;

        private Processing(int permits) {
            this.permits = permits;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                processing.release(permits);
            }
        }
    }

    private static boolean reserve(AtomicLong used, long bytes, long limit) {
        while (true) {
            long now = used.get();
            if (now + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }
}
