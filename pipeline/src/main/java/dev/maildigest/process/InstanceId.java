package dev.maildigest.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.maildigest.config.UserError;

/**
 * A stable name for this instance of a stage, kept in its folder: the consumers' static group
 * membership ({@code group.instance.id}). A restart after a crash then takes its old place in the
 * group at once, instead of waiting for the dead member's session to time out (45 s by default).
 * Two processes never share a folder (see {@link DirectoryLock}), so they never share a name.
 */
public final class InstanceId {
    static final String FILE = "maildigest-instance-id";

    private InstanceId() {
    }

    /** The folder's instance name, made on first use. */
    public static String of(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            Files.createDirectories(dir);
            String id = "maildigest-" + UUID.randomUUID().toString().substring(0, 8);
            Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
            return id;
        } catch (IOException e) {
            throw new UserError("cannot keep the instance id in " + file + ": " + e.getMessage(), e);
        }
    }
}
