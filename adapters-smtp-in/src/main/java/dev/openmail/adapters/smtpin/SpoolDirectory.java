package dev.openmail.adapters.smtpin;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's spool files, in a directory of its own inside the configured one: {@code openmail-smtp-<n>.d}, next
 * to a lock file {@code openmail-smtp-<n>.lock} that the listener holds locked while it lives. The operating system
 * releases the lock when the process ends however it ends, so a lock file that can be locked belongs to a listener
 * that is gone, killed before it could delete its files: {@link #removeLeftovers()} deletes those, and leaves alone
 * the directories of the other processes that share the configured one.
 */
final class SpoolDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolDirectory.class);
    private static final String PREFIX = "openmail-smtp-";
    private static final String LOCK = ".lock";
    private static final String FILES = ".d";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?>[] OWNER_ONLY_FILE = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
    private static final FileAttribute<?>[] OWNER_ONLY_DIRECTORY = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
            : new FileAttribute<?>[0];

    private final Path parent;
    /** A lock file younger than this may be one whose listener has created it and is about to lock it. */
    private final Duration settling;
    private Path lockFile;
    private FileChannel lockChannel;
    private Path own;

    SpoolDirectory(Path parent, Duration settling) {
        this.parent = parent;
        this.settling = settling;
    }

    /** A new, empty file that only this process's user may read, in this listener's directory (made on first use). */
    synchronized Path newFile() throws IOException {
        if (own == null) {
            open();
        }
        return Files.createTempFile(own, "message-", ".spool", OWNER_ONLY_FILE);
    }

    private void open() throws IOException {
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, OWNER_ONLY_DIRECTORY);
        }
        Path lock = Files.createTempFile(parent, PREFIX, LOCK, OWNER_ONLY_FILE);
        FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
        try {
            channel.lock();
            Path directory = filesOf(lock);
            Files.createDirectory(directory, OWNER_ONLY_DIRECTORY);
            lockFile = lock;
            lockChannel = channel;
            own = directory;
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(lock);
            throw e;
        }
    }

    /** Deletes the directories (and lock files) of listeners that are gone; returns how many. Never throws. */
    synchronized int removeLeftovers() {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        int removed = 0;
        Instant settled = Instant.now().minus(settling);
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(parent, PREFIX + "*" + LOCK)) {
            for (Path lock : locks) {
                if (lock.equals(lockFile) || Files.getLastModifiedTime(lock).toInstant().isAfter(settled)) {
                    continue;
                }
                if (removeIfAbandoned(lock)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot look for spool files left in {}", parent, e);
        }
        return removed;
    }

    private boolean removeIfAbandoned(Path lock) {
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return false;
            }
            deleteTree(filesOf(lock));
            Files.deleteIfExists(lock);
            LOG.info("Deleted the spool files of an SMTP listener that is gone: {}", filesOf(lock));
            return true;
        } catch (OverlappingFileLockException inUseInThisProcess) {
            return false;
        } catch (IOException e) {
            LOG.warn("Cannot delete the spool files left in {}", filesOf(lock), e);
            return false;
        }
    }

    /** Deletes this listener's directory and lock file; a later {@link #newFile()} makes new ones. */
    @Override
    public synchronized void close() {
        if (own == null) {
            return;
        }
        try {
            deleteTree(own);
            lockChannel.close();
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            LOG.warn("Cannot delete the spool directory {}", own, e);
        }
        own = null;
        lockFile = null;
        lockChannel = null;
    }

    private static Path filesOf(Path lock) {
        String name = lock.getFileName().toString();
        return lock.resolveSibling(name.substring(0, name.length() - LOCK.length()) + FILES);
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
