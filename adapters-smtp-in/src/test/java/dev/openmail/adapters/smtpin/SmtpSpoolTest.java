package dev.openmail.adapters.smtpin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.adapters.smtpin.RawSmtpClient.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages in flight: what goes over the spool threshold or beyond the memory budget is spooled to an owner-only
 * file and arrives byte for byte; the file is gone however the transaction ends; the spool's disk and the processing
 * budget are bounded, with 452 4.3.1 and 451 4.3.1, never a 5xx for a message that would fit.
 */
class SmtpSpoolTest {

    private static final String ALICE = "alice@example.org";
    private static final String SENDER = "sender@remote.example";
    private static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path spoolDirectory;

    private final FakeReceiveMail mail = new FakeReceiveMail(ALICE);
    private final List<SmtpListener> listeners = new ArrayList<>();

    @AfterEach
    void stopListeners() {
        listeners.forEach(SmtpListener::stop);
    }

    private SmtpMemory memory() {
        return SmtpMemory.defaults().withSpoolDirectory(spoolDirectory).withSpoolThresholdBytes(64 * 1024);
    }

    private SmtpListener start(SmtpMemory memory) {
        SmtpSettings settings = SmtpSettings.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withHostname("mx.test.example").withMaxMessageBytes(MAX_MESSAGE_BYTES)
                .withConnectionTimeout(Duration.ofSeconds(30));
        SmtpListener listener = new SmtpListener(mail, settings, SmtpLimits.none(), memory);
        listeners.add(listener);
        listener.start();
        return listener;
    }

    /** A message of about {@code size} bytes whose lines vary, some starting with a dot, all ending in CRLF. */
    private static byte[] message(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 200);
        out.writeBytes(("From: <" + SENDER + ">\r\nTo: <" + ALICE + ">\r\nSubject: large\r\n\r\n").getBytes(UTF_8));
        int line = 0;
        while (out.size() < size) {
            String text = (line % 7 == 0 ? "." : "") + "line " + line + " " + "abcdefghij".repeat(line % 90);
            out.writeBytes((text + "\r\n").getBytes(UTF_8));
            line++;
        }
        return out.toByteArray();
    }

    /** The spool files of messages, in the listeners' own directories. */
    private List<Path> spoolFiles() {
        try (Stream<Path> files = Files.walk(spoolDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".spool")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertNothingLeft(SmtpListener listener) {
        assertTrue(Eventually.holds(() -> spoolFiles().isEmpty(), DEADLINE), "spool files left: " + spoolFiles());
        assertTrue(Eventually.holds(() -> listener.inFlight().diskInUse() == 0
                && listener.inFlight().memoryInUse() == 0, DEADLINE), "budgets given back");
    }

    @Test
    void aMessageOverTheThresholdIsSpooledToAnOwnerOnlyFileArrivesByteForByteAndTheFileIsGoneAfter()
            throws IOException {
        SmtpListener listener = start(memory());
        List<String> seenDuringReceive = new CopyOnWriteArrayList<>();
        mail.onReceive(command -> spoolFiles().forEach(file -> {
            try {
                seenDuringReceive.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        byte[] large = message(5 * 1024 * 1024);

        try (RawSmtpClient client = RawSmtpClient.connected(listener.port())) {
            Reply reply = client.send(SENDER, List.of(ALICE), large);

            assertEquals(250, reply.code(), reply.text());
            // the file is deleted before the reply is sent
            assertEquals(List.of(), spoolFiles());
        }
        assertArrayEquals(large, mail.stored.get(0).raw());
        assertEquals(List.of("rw-------"), seenDuringReceive);
        assertEquals(1, listener.inFlight().spoolFilesCreated());
        assertNothingLeft(listener);
    }

    @Test
    void aMessageUnderTheThresholdStaysInMemory() throws IOException {
        SmtpListener listener = start(memory());
        byte[] small = message(60 * 1024);
        try (RawSmtpClient client = RawSmtpClient.connected(listener.port())) {
            assertEquals(250, client.send(SENDER, List.of(ALICE), small).code());
        }
        assertArrayEquals(small, mail.stored.get(0).raw());
        assertEquals(0, listener.inFlight().spoolFilesCreated());
        assertNothingLeft(listener);
    }

    @Test
    void aSessionThatFindsTheMemoryBudgetSpentSpoolsEvenUnderTheThreshold() throws IOException {
        SmtpListener listener = start(memory().withSpoolThresholdBytes(1024 * 1024).withMemoryBudgetBytes(0));
        byte[] small = message(200 * 1024);
        try (RawSmtpClient client = RawSmtpClient.connected(listener.port())) {
            assertEquals(250, client.send(SENDER, List.of(ALICE), small).code());
        }
        assertArrayEquals(small, mail.stored.get(0).raw());
        assertEquals(1, listener.inFlight().spoolFilesCreated());
        assertNothingLeft(listener);
    }

    @Test
    void theSpoolFileIsGoneAfterAClientDisconnectsInTheMiddleOfData() throws IOException {
        SmtpListener listener = start(memory());
        try (RawSmtpClient client = RawSmtpClient.connected(listener.port())) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
            assertEquals(354, client.command("DATA").code());
            client.write(message(1024 * 1024));
            assertTrue(Eventually.holds(() -> !spoolFiles().isEmpty(), DEADLINE), "spooling began");
        }
        assertNothingLeft(listener);
        assertTrue(mail.attempts.isEmpty());
    }

    @Test
    void theSpoolFileIsGoneWhenTheListenerStopsInTheMiddleOfData() throws IOException {
        SmtpListener listener = start(memory());
        try (RawSmtpClient client = RawSmtpClient.connected(listener.port())) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
            assertEquals(354, client.command("DATA").code());
            client.write(message(1024 * 1024));
            assertTrue(Eventually.holds(() -> !spoolFiles().isEmpty(), DEADLINE), "spooling began");

            listener.stop();

            assertNothingLeft(listener);
        }
        assertTrue(mail.attempts.isEmpty());
    }

    @Test
    void theSpoolFileIsGoneWhenAClientSendingFarBeyondTheLimitIsDropped() throws Exception {
        SmtpListener listener = start(memory().withSpoolThresholdBytes(0));
        try (RawSmtpClient client = RawSmtpClient.connected(listener.port())) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
            assertEquals(354, client.command("DATA").code());
            java.util.concurrent.CompletableFuture<Void> endless = java.util.concurrent.CompletableFuture.runAsync(
                    () -> {
                        byte[] line = ("z".repeat(998) + "\r\n").getBytes(UTF_8);
                        try {
                            while (true) {
                                client.write(line);
                            }
                        } catch (IOException closedByServer) {
                            // expected once the listener hangs up
                        }
                    });

            List<String> rest = client.readUntilClosed();

            assertFalse(rest.stream().anyMatch(line -> line.startsWith("250")), rest.toString());
            client.close();
            endless.get(30, TimeUnit.SECONDS);
        }
        assertEquals(1, listener.inFlight().spoolFilesCreated());
        assertNothingLeft(listener);
        assertTrue(mail.attempts.isEmpty());
    }

    @Test
    void theSpoolFileIsGoneAfterEveryRefusal() throws IOException {
        SmtpListener listener = start(memory().withSpoolThresholdBytes(0));
        byte[] large = message(512 * 1024);
        try (RawSmtpClient client = RawSmtpClient.connected(listener.port())) {
            Reply tooLarge = client.send(SENDER, List.of(ALICE), message(MAX_MESSAGE_BYTES + 1024));
            assertEquals(552, tooLarge.code(), tooLarge.text());
            assertEquals(List.of(), spoolFiles());

            mail.failReceiveWith(new IllegalStateException("database down"));
            Reply failed = client.send(SENDER, List.of(ALICE), large);
            assertEquals(451, failed.code(), failed.text());
            assertEquals(List.of(), spoolFiles());

            mail.failReceiveWith(null);
            mail.findNobodyOnReceive(true);
            Reply nobody = client.send(SENDER, List.of(ALICE), large);
            assertEquals(550, nobody.code(), nobody.text());
            assertEquals(List.of(), spoolFiles());
        }
        // the message over the size limit too was spooled until it went past the limit
        assertEquals(3, listener.inFlight().spoolFilesCreated());
        assertNothingLeft(listener);
    }

    @Test
    void aMessageThatFindsNoRoomOnTheSpoolDiskGets452AndTheSessionGoesOn() throws IOException {
        SmtpListener listener = start(memory().withSpoolThresholdBytes(0).withSpoolMaxBytes(1024 * 1024));
        try (RawSmtpClient client = RawSmtpClient.connected(listener.port())) {
            Reply full = client.send(SENDER, List.of(ALICE), message(2 * 1024 * 1024));

            assertEquals(452, full.code(), full.text());
            assertTrue(full.message().startsWith("4.3.1 "), full.text());
            assertEquals(List.of(), spoolFiles());

            byte[] fits = message(512 * 1024);
            assertEquals(250, client.send(SENDER, List.of(ALICE), fits).code());
            assertArrayEquals(fits, mail.stored.get(0).raw());
        }
        assertEquals(1, mail.attempts.size());
        assertNothingLeft(listener);
    }

    @Test
    void withNoRoomToProcessAndNoWaitingTheOtherSessionsGet451WhileOneIsProcessed() throws Exception {
        // the budget is smaller than one message, so each message takes all of it
        SmtpListener listener = start(memory().withMemoryBudgetBytes(128 * 1024).withProcessingBudgetBytes(1024)
                .withProcessingWait(Duration.ZERO));
        CountDownLatch inProcessing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        mail.onReceive(command -> {
            inProcessing.countDown();
            await(release);
        });
        int sessions = 6;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            Future<Reply> first = pool.submit(() -> sendOne(listener, message(1024 * 1024)));
            assertTrue(inProcessing.await(10, TimeUnit.SECONDS));
            List<Future<Reply>> others = new ArrayList<>();
            for (int i = 1; i < sessions; i++) {
                others.add(pool.submit(() -> sendOne(listener, message(1024 * 1024))));
            }
            for (Future<Reply> other : others) {
                Reply reply = other.get(30, TimeUnit.SECONDS);
                assertEquals(451, reply.code(), reply.text());
                assertTrue(reply.message().startsWith("4.3.1 "), reply.text());
            }
            release.countDown();
            assertEquals(250, first.get(30, TimeUnit.SECONDS).code());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertEquals(1, mail.stored.size());
        assertNothingLeft(listener);
    }

    @Test
    void concurrentLargeMessagesWaitForRoomAndAllArriveOneAtATime() throws Exception {
        SmtpListener listener = start(memory().withMemoryBudgetBytes(128 * 1024).withProcessingBudgetBytes(1024)
                .withProcessingWait(Duration.ofSeconds(60)));
        AtomicInteger processing = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        mail.onReceive(command -> {
            mostAtOnce.accumulateAndGet(processing.incrementAndGet(), Math::max);
            processing.decrementAndGet();
        });
        int sessions = 8;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<byte[]> messages = new ArrayList<>();
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                byte[] message = message(1024 * 1024 + i);
                messages.add(message);
                replies.add(pool.submit(() -> sendOne(listener, message)));
            }
            for (Future<Reply> reply : replies) {
                Reply answer = reply.get(60, TimeUnit.SECONDS);
                assertEquals(250, answer.code(), answer.text());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, mostAtOnce.get());
        assertEquals(sessions, mail.stored.size());
        for (byte[] message : messages) {
            assertTrue(mail.stored.stream().anyMatch(stored -> java.util.Arrays.equals(message, stored.raw())));
        }
        assertFalse(listener.inFlight().spoolFilesCreated() == 0, "the memory budget sent some to disk");
        assertNothingLeft(listener);
    }

    private static Reply sendOne(SmtpListener listener, byte[] message) throws IOException {
        try (RawSmtpClient client = RawSmtpClient.connected(listener.port())) {
            return client.send(SENDER, List.of(ALICE), message);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
