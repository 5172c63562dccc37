package io.conversa.core.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's claim on the embedded PostgreSQL's data directory: a lock on a file beside it,
 * which the operating system releases when the process ends, however it ends. Holding the claim
 * proves that no live Conversa uses the directory, so a PostgreSQL still running on it was left
 * by one that died ({@code kill -9}, the OOM killer): it is stopped cleanly before the new start.
 */
final class EmbeddedDataDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDataDirectory.class);
    static final Duration ORPHAN_SHUTDOWN = Duration.ofSeconds(60);

    private final FileChannel file;
    private final FileLock lock;

    private EmbeddedDataDirectory(FileChannel file, FileLock lock) {
        this.file = file;
        this.lock = lock;
    }

    static EmbeddedDataDirectory claim(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
        FileChannel file = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = file.tryLock();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        if (lock == null) {
            file.close();
            throw new IllegalStateException("Another Conversa process is running on " + dataDirectory
                    + ". Stop it first, or give this one its own CONVERSA_HOME.");
        }
        stopOrphan(dataDirectory);
        return new EmbeddedDataDirectory(file, lock);
    }

    /** The PostgreSQL server named by the directory's {@code postmaster.pid}, if it still runs. */
    static Optional<ProcessHandle> runningServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.getFirst().strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // A stale file may name a pid that now belongs to something else: only a postgres counts.
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    private static void stopOrphan(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> orphan = runningServer(dataDirectory);
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("A PostgreSQL server (pid {}) is still running on {}, left by a Conversa process that ended abruptly; "
                + "stopping it before starting anew", orphan.get().pid(), dataDirectory);
        CompletableFuture<ProcessHandle> exited = orphan.get().onExit();
        // SIGTERM: PostgreSQL's smart shutdown; the dead process's sessions are gone, so it ends at once and cleanly.
        orphan.get().destroy();
        try {
            exited.get(ORPHAN_SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The PostgreSQL server (pid " + orphan.get().pid() + ") left running on "
                    + dataDirectory + " did not stop within " + ORPHAN_SHUTDOWN.toSeconds() + " s; stop it, then start again.");
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for the PostgreSQL server left running on " + dataDirectory + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the PostgreSQL server left on " + dataDirectory, e);
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        file.close();
    }
}
