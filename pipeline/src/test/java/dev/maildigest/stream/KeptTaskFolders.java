package dev.maildigest.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TopologyTestDriver deletes its task folders when closed, where a stopped process keeps them: for
 * a restart test, the task folders of application {@code test} are links into a kept folder, and
 * only the links are deleted.
 */
final class KeptTaskFolders {
    private KeptTaskFolders() {
    }

    /** Call before each driver is opened on {@code stateDir}. */
    static void link(Path stateDir, Path kept) {
        try {
            Path app = Files.createDirectories(stateDir.resolve("test"));
            for (String task : List.of("0_0", "1_0", "2_0")) {
                Path folder = Files.createDirectories(kept.resolve(task));
                if (!Files.exists(app.resolve(task))) {
                    Files.createSymbolicLink(app.resolve(task), folder);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
