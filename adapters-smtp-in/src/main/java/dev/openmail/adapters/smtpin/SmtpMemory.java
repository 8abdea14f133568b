package dev.openmail.adapters.smtpin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How much memory and disk the messages in flight may take, counted in this process.
 *
 * @param spoolThresholdBytes the part of one message kept in memory while DATA is read; the rest goes to a spool file
 * @param memoryBudgetBytes the memory all sessions together may hold for messages being read; a session that cannot
 *     get memory for its next block spools to disk instead
 * @param processingBudgetBytes the total size of the messages being authenticated, parsed and stored at once (each is
 *     on the heap, a few times over, while that runs); a message that finds no room waits, then gets
 *     {@code 451 4.3.1}. A message larger than the whole budget is processed alone
 * @param processingWait how long a message waits for room in the processing budget; zero: not at all
 * @param spoolDirectory where spool files are created (owner-only), one per message over the threshold, deleted when
 *     its transaction ends
 * @param spoolMaxBytes the disk all spool files together may take; a message that finds no room gets {@code 452 4.3.1}
 */
public record SmtpMemory(
        int spoolThresholdBytes,
        long memoryBudgetBytes,
        long processingBudgetBytes,
        Duration processingWait,
        Path spoolDirectory,
        long spoolMaxBytes) {

    public static final int DEFAULT_SPOOL_THRESHOLD_BYTES = 1024 * 1024;
    public static final long DEFAULT_MEMORY_BUDGET_CAP = 64L * 1024 * 1024;
    public static final Duration DEFAULT_PROCESSING_WAIT = Duration.ofSeconds(30);
    public static final long DEFAULT_SPOOL_MAX_BYTES = 1024L * 1024 * 1024;

    public SmtpMemory {
        if (spoolThresholdBytes < 0) {
            throw new IllegalArgumentException("SMTP spool threshold must not be negative, was " + spoolThresholdBytes);
        }
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("SMTP memory budget must not be negative, was " + memoryBudgetBytes);
        }
        if (processingBudgetBytes <= 0) {
            throw new IllegalArgumentException("SMTP processing budget must be positive, was "
                    + processingBudgetBytes);
        }
        Objects.requireNonNull(processingWait, "processingWait");
        if (processingWait.isNegative()) {
            throw new IllegalArgumentException("SMTP processing wait must not be negative, was " + processingWait);
        }
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        if (spoolMaxBytes < 0) {
            throw new IllegalArgumentException("SMTP spool maximum must not be negative, was " + spoolMaxBytes);
        }
    }

    /**
     * Threshold 1 MiB, memory budget an eighth of the maximum heap up to 64 MiB, processing budget an eighth of the
     * maximum heap, 30 s of waiting, spool files in the JVM's temporary directory up to 1 GiB.
     */
    public static SmtpMemory defaults() {
        return new SmtpMemory(DEFAULT_SPOOL_THRESHOLD_BYTES, defaultMemoryBudget(), defaultProcessingBudget(),
                DEFAULT_PROCESSING_WAIT, defaultSpoolDirectory(), DEFAULT_SPOOL_MAX_BYTES);
    }

    /** Settings from configuration values, where a negative budget and a blank directory mean "the default". */
    static SmtpMemory fromConfiguration(int spoolThresholdBytes, long memoryBudgetBytes, long processingBudgetBytes,
            int processingWaitSeconds, String spoolDirectory, long spoolMaxBytes) {
        return new SmtpMemory(spoolThresholdBytes,
                memoryBudgetBytes < 0 ? defaultMemoryBudget() : memoryBudgetBytes,
                processingBudgetBytes < 0 ? defaultProcessingBudget() : processingBudgetBytes,
                Duration.ofSeconds(processingWaitSeconds),
                spoolDirectory == null || spoolDirectory.isBlank() ? defaultSpoolDirectory()
                        : Path.of(spoolDirectory.strip()),
                spoolMaxBytes);
    }

    public SmtpMemory withSpoolThresholdBytes(int bytes) {
        return new SmtpMemory(bytes, memoryBudgetBytes, processingBudgetBytes, processingWait, spoolDirectory,
                spoolMaxBytes);
    }

    public SmtpMemory withMemoryBudgetBytes(long bytes) {
        return new SmtpMemory(spoolThresholdBytes, bytes, processingBudgetBytes, processingWait, spoolDirectory,
                spoolMaxBytes);
    }

    public SmtpMemory withProcessingBudgetBytes(long bytes) {
        return new SmtpMemory(spoolThresholdBytes, memoryBudgetBytes, bytes, processingWait, spoolDirectory,
                spoolMaxBytes);
    }

    public SmtpMemory withProcessingWait(Duration wait) {
        return new SmtpMemory(spoolThresholdBytes, memoryBudgetBytes, processingBudgetBytes, wait, spoolDirectory,
                spoolMaxBytes);
    }

    public SmtpMemory withSpoolDirectory(Path directory) {
        return new SmtpMemory(spoolThresholdBytes, memoryBudgetBytes, processingBudgetBytes, processingWait, directory,
                spoolMaxBytes);
    }

    public SmtpMemory withSpoolMaxBytes(long bytes) {
        return new SmtpMemory(spoolThresholdBytes, memoryBudgetBytes, processingBudgetBytes, processingWait,
                spoolDirectory, bytes);
    }

    private static long defaultMemoryBudget() {
        return Math.min(DEFAULT_MEMORY_BUDGET_CAP, Runtime.getRuntime().maxMemory() / 8);
    }

    private static long defaultProcessingBudget() {
        return Math.max(1, Runtime.getRuntime().maxMemory() / 8);
    }

    private static Path defaultSpoolDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
