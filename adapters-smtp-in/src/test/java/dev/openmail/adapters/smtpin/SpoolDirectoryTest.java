package dev.openmail.adapters.smtpin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each listener's spool directory, and the removal of those left by listeners that were killed. */
class SpoolDirectoryTest {

    private static final Duration NO_SETTLING = Duration.ZERO;

    @TempDir
    Path parent;

    private List<String> names() throws IOException {
        try (Stream<Path> paths = Files.list(parent)) {
            return paths.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** What a listener killed with a spool file open leaves: its lock file, unlocked, and its directory. */
    private Path leftover(String stem) throws IOException {
        Path lock = Files.createFile(parent.resolve(stem + ".lock"));
        Path directory = Files.createDirectory(parent.resolve(stem + ".d"));
        Files.write(directory.resolve("message-1.spool"), "part of a message".getBytes(UTF_8));
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return lock;
    }

    @Test
    void aListenerKeepsItsFilesInAnOwnerOnlyDirectoryAndDeletesItWhenClosed() throws IOException {
        SpoolDirectory spool = new SpoolDirectory(parent.resolve("spool"), NO_SETTLING);

        Path file = spool.newFile();

        Path own = file.getParent();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(own)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(own.getFileName().toString().startsWith("openmail-smtp-"), own.toString());
        spool.close();
        try (Stream<Path> left = Files.list(parent.resolve("spool"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void removesWhatAListenerThatIsGoneLeftAndNothingOfALiveOne() throws IOException {
        leftover("openmail-smtp-1");
        SpoolDirectory live = new SpoolDirectory(parent, NO_SETTLING);
        Path liveFile = live.newFile();
        SpoolDirectory starting = new SpoolDirectory(parent, NO_SETTLING);

        assertEquals(1, starting.removeLeftovers());

        assertFalse(Files.exists(parent.resolve("openmail-smtp-1.d")));
        assertFalse(Files.exists(parent.resolve("openmail-smtp-1.lock")));
        assertTrue(Files.exists(liveFile), "the live listener's file stays");
        live.close();
    }

    @Test
    void leavesTheFilesOfAListenerInAnotherProcessThatHoldsItsLock() throws Exception {
        Path lock = leftover("openmail-smtp-2");
        Path holder = parent.resolve("Hold.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class Hold {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                            channel.lock();
                            System.out.println("locked");
                            System.in.read();
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, holder.toString(), lock.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), UTF_8));
            assertEquals("locked", out.readLine());

            assertEquals(0, new SpoolDirectory(parent, NO_SETTLING).removeLeftovers());
            assertTrue(Files.exists(parent.resolve("openmail-smtp-2.d").resolve("message-1.spool")));

            other.getOutputStream().close();
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, new SpoolDirectory(parent, NO_SETTLING).removeLeftovers(), "gone with its process");
        } finally {
            other.destroy();
        }
        assertEquals(List.of("Hold.java"), names());
    }

    @Test
    void leavesALockFileYoungerThanTheSettlingTime() throws IOException {
        Path lock = leftover("openmail-smtp-3");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now()));

        assertEquals(0, new SpoolDirectory(parent, Duration.ofMinutes(1)).removeLeftovers());
        assertEquals(List.of("openmail-smtp-3.d", "openmail-smtp-3.lock"), names());
    }

    @Test
    void aStartingListenerRemovesTheLeftoversInItsSpoolDirectory() throws IOException {
        leftover("openmail-smtp-4");
        SmtpListener listener = new SmtpListener(new FakeReceiveMail(), SmtpSettings.defaults()
                .withBindAddress("127.0.0.1").withPort(0), SmtpLimits.none(),
                SmtpMemory.defaults().withSpoolDirectory(parent));
        try {
            listener.start();
            assertEquals(List.of(), names());
        } finally {
            listener.stop();
        }
    }
}
