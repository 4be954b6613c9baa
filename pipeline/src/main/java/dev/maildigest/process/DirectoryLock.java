package dev.maildigest.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.maildigest.config.UserError;

/**
 * One process per folder, as Kafka guards its log folders with {@code .lock}: an exclusive
 * {@link FileChannel#tryLock()} on {@code maildigest.lock}, which also holds the holder's pid so
 * that the second process can say who has the folder. The operating system releases the lock when
 * the holder dies, kill -9 included, so a stale file never blocks a restart.
 */
public final class DirectoryLock implements AutoCloseable {
    static final String FILE = "maildigest.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder (creating it when missing) or fails with one line naming the folder and the
     * process that holds it, before anything in the folder is read or written.
     *
     * @param what what the folder is to the user, e.g. "--data-dir"
     */
    public static DirectoryLock acquire(Path dir, String what) {
        Path file = dir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new UserError(what + " " + dir.toAbsolutePath().normalize() + " is in use by another process"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + ": stop it first, or give another " + what);
            }
            // The pid is written only once the lock is ours, so the holder's pid is never overwritten.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DirectoryLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UserError("cannot lock " + what + " " + dir.toAbsolutePath().normalize() + ": " + e.getMessage(), e);
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing with a better message
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Releases the folder; the file stays (deleting it would race with a process about to lock it). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }
}
