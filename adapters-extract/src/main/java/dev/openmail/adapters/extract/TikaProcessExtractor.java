package dev.openmail.adapters.extract;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionFailure;
import dev.openmail.domain.port.out.ExtractText;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads attachments' text with Apache Tika in child JVM processes, never in the server's heap. A small pool of
 * long-lived workers ({@link ExtractionWorkerMain}), started on first use with their own heap bound
 * ({@code -Xmx}, {@code -XX:+ExitOnOutOfMemoryError}), each reading one file at a time over its stdin and stdout
 * ({@link WorkerProtocol}). A worker that passes the time limit is killed and replaced ({@code timeout}); one that dies
 * (out of memory, crash) is replaced ({@code too_complex}, or {@code extraction_error} for another death). Files over
 * the size limit are not sent at all ({@code skipped_too_large}). Nothing of Tika is loaded in the server: this class
 * touches only processes and bytes, and its constructor starts nothing.
 */
@Singleton
public final class TikaProcessExtractor implements ExtractText, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TikaProcessExtractor.class);
    /** The exit status of a JVM stopped by -XX:+ExitOnOutOfMemoryError. */
    private static final int OUT_OF_MEMORY_EXIT = 3;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    /** What the workers keep of the server's environment: enough for Tesseract and temporary files. */
    private static final Set<String> WORKER_ENVIRONMENT =
            Set.of("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TESSDATA_PREFIX", "OMP_THREAD_LIMIT");

    private final ExtractionSettings settings;
    private final List<String> extraJvmArguments;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final Set<Worker> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ScheduledExecutorService deadlines;

    @Inject
    public TikaProcessExtractor(@Value("${openmail.extraction.workers:1}") String workers,
                                @Value("${openmail.extraction.worker-heap:256m}") String workerHeap,
                                @Value("${openmail.extraction.timeout:30s}") String timeout,
                                @Value("${openmail.extraction.max-file-bytes:10485760}") String maxFileBytes,
                                @Value("${openmail.extraction.max-chars:50000}") String maxChars,
                                @Value("${openmail.extraction.ocr:auto}") String ocr) {
        this(settings(workers, workerHeap, timeout, maxFileBytes, maxChars, ocr), List.of());
    }

    /** @param extraJvmArguments more options for the workers' JVM (tests) */
    public TikaProcessExtractor(ExtractionSettings settings, List<String> extraJvmArguments) {
        this.settings = settings;
        this.extraJvmArguments = List.copyOf(extraJvmArguments);
        this.permits = new Semaphore(settings.workers(), true);
    }

    static ExtractionSettings settings(String workers, String workerHeap, String timeout, String maxFileBytes,
                                       String maxChars, String ocr) {
        try {
            String mode = ocr == null ? "auto" : ocr.strip().toLowerCase(Locale.ROOT);
            if (!mode.equals("auto") && !mode.equals("off")) {
                throw new IllegalArgumentException("OPENMAIL_EXTRACTION_OCR must be auto or off, not '" + ocr + "'");
            }
            return new ExtractionSettings(integer("OPENMAIL_EXTRACTION_WORKERS", workers), workerHeap.strip(),
                    duration(timeout), (long) integer("OPENMAIL_EXTRACTION_MAX_FILE_BYTES", maxFileBytes),
                    integer("OPENMAIL_EXTRACTION_MAX_CHARS", maxChars), mode.equals("auto"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip().replace("_", ""));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static Duration duration(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("OPENMAIL_EXTRACTION_TIMEOUT must be a duration such as 30s or 500ms, not '"
                + value + "'");
    }

    public ExtractionSettings settings() {
        return settings;
    }

    @Override
    public AttachmentText extract(Request request) {
        if (request.content().length > settings.maxFileBytes()) {
            return AttachmentText.failed(ExtractionFailure.SKIPPED_TOO_LARGE);
        }
        permits.acquireUninterruptibly();
        try {
            if (closed.get()) {
                return AttachmentText.failed(ExtractionFailure.EXTRACTION_ERROR);
            }
            Worker worker = idle.pollFirst();
            while (worker != null && !worker.process.isAlive()) {
                worker.discard();
                worker = idle.pollFirst();
            }
            if (worker == null) {
                try {
                    worker = start();
                } catch (IOException e) {
                    LOG.warn("Could not start a text extraction worker: {}", e.getMessage());
                    return AttachmentText.failed(ExtractionFailure.EXTRACTION_ERROR);
                }
            }
            Exchange exchange = worker.exchange(request);
            if (exchange.healthy() && !closed.get()) {
                idle.addFirst(worker);
            } else {
                worker.discard();
            }
            return exchange.answer();
        } finally {
            permits.release();
        }
    }

    /** Whether the workers run Tesseract for images and scanned PDFs; starts a worker if none ran yet. */
    public boolean ocrAvailable() throws IOException {
        permits.acquireUninterruptibly();
        try {
            Worker worker = idle.pollFirst();
            if (worker == null) {
                worker = start();
            }
            idle.addFirst(worker);
            return worker.ocr;
        } finally {
            permits.release();
        }
    }

    private Worker start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.workerHeap());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.awt.headless=true");
        command.addAll(extraJvmArguments);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ExtractionWorkerMain.class.getName());
        command.add(Integer.toString(settings.maxChars()));
        command.add(Long.toString(settings.maxFileBytes()));
        command.add(settings.ocr() ? "ocr" : "no-ocr");
        command.add(Long.toString(Math.max(1, settings.timeout().toSeconds())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        // a parser that a file subverts finds none of the server's secrets (database password, keys) in its environment
        builder.environment().keySet().retainAll(WORKER_ENVIRONMENT);
        Process process = builder.start();
        Worker worker = new Worker(process);
        running.add(worker);
        ScheduledFuture<?> deadline = deadlines().schedule(process::destroyForcibly, STARTUP_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            int ready = worker.in.read();
            int ocr = worker.in.read();
            if (ready != WorkerProtocol.READY || ocr < 0) {
                throw new IOException("the worker ended before it was ready (exit status "
                        + (process.isAlive() ? "none" : process.exitValue()) + ")");
            }
            worker.ocr = ocr == 1;
            return worker;
        } catch (IOException e) {
            worker.discard();
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private ScheduledExecutorService deadlines() {
        ScheduledExecutorService executor = deadlines;
        if (executor == null) {
            synchronized (this) {
                executor = deadlines;
                if (executor == null) {
                    ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, runnable -> {
                        Thread thread = new Thread(runnable, "extraction-deadlines");
                        thread.setDaemon(true);
                        return thread;
                    });
                    created.setRemoveOnCancelPolicy(true);
                    deadlines = executor = created;
                }
            }
        }
        return executor;
    }

    @PreDestroy
    @Override
    public void close() {
        closed.set(true);
        for (Worker worker : running) {
            worker.discard();
        }
        idle.clear();
        ScheduledExecutorService executor = deadlines;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private record Exchange(AttachmentText answer, boolean healthy) {
    }

    private final class Worker {
        final Process process;
        final DataInputStream in;
        final DataOutputStream out;
        volatile boolean ocr;

        Worker(Process process) {
            this.process = process;
            this.in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
            this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        }

        Exchange exchange(Request request) {
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> deadline = deadlines().schedule(() -> {
                timedOut.set(true);
                kill();
            }, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            try {
                WorkerProtocol.writeRequest(out, request.filename(), request.contentType(), request.content());
                AttachmentText answer = WorkerProtocol.readAnswer(in, settings.maxChars());
                return new Exchange(answer, deadline.cancel(false));
            } catch (IOException e) {
                deadline.cancel(false);
                if (timedOut.get()) {
                    LOG.info("Text extraction of a {} file stopped after {}", request.contentType(),
                            settings.timeout());
                    return new Exchange(AttachmentText.failed(ExtractionFailure.TIMEOUT), false);
                }
                Integer status = exitStatus();
                LOG.info("A text extraction worker ended reading a {} file (exit status {})", request.contentType(),
                        status);
                return new Exchange(AttachmentText.failed(status != null && status == OUT_OF_MEMORY_EXIT
                        ? ExtractionFailure.TOO_COMPLEX : ExtractionFailure.EXTRACTION_ERROR), false);
            }
        }

        private Integer exitStatus() {
            try {
                if (process.waitFor(5, TimeUnit.SECONDS)) {
                    return process.exitValue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        /** The worker and what it started (tesseract), which would otherwise outlive it. */
        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        void discard() {
            running.remove(this);
            kill();
            try {
                in.close();
            } catch (IOException e) {
                // the process is gone
            }
            try {
                out.close();
            } catch (IOException e) {
                // the process is gone
            }
        }
    }
}
