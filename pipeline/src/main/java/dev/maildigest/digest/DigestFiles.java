package dev.maildigest.digest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.Digest;
import dev.maildigest.config.UserError;

/** Writes digests as files named as {@link DigestFormat#fileName} says, one per format. */
public final class DigestFiles {
    private static final Logger LOG = LoggerFactory.getLogger(DigestFiles.class);

    private DigestFiles() {
    }

    /**
     * Renders {@code digest} in each format into {@code dir} (created when missing). A digest of
     * the same range written again replaces its file; a reader never sees a half-written one.
     *
     * @return the files written, in the order of {@code formats}
     */
    public static List<Path> write(Path dir, Digest digest, DigestFormat... formats) {
        List<Path> written = new ArrayList<>(formats.length);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("cannot write digests to " + dir + ": it is a file, not a folder");
        }
        try {
            Files.createDirectories(dir);
            for (DigestFormat format : formats) {
                Path file = dir.resolve(format.fileName(digest));
                Path partial = dir.resolve("." + file.getFileName() + ".partial");
                Files.writeString(partial, format.render(digest), StandardCharsets.UTF_8);
                try {
                    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
                }
                written.add(file);
                LOG.info("digest written list={} first={} last={} messages={} file={}", digest.getList(),
                        digest.getFirstShort(), digest.getLastShort(), digest.getMessages(), file);
            }
        } catch (IOException e) {
            throw new UserError("cannot write digests to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }
}
