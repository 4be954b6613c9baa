package dev.maildigest.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleRegistrationTest {
    @TempDir
    Path log;

    @Test
    void aFolderNeverFormattedHasNoRegistrationToFence() {
        assertFalse(StaleRegistration.leftBy(log));
    }

    @Test
    void aFormattedLogWithoutKafkasCleanShutdownFileWasStoppedUncleanly() throws Exception {
        Files.writeString(log.resolve("meta.properties"), "node.id=1\n");
        assertTrue(StaleRegistration.leftBy(log));

        Files.writeString(log.resolve(StaleRegistration.CLEAN_SHUTDOWN_FILE), "{\"version\":0,\"brokerEpoch\":12}");
        assertFalse(StaleRegistration.leftBy(log), "a clean shutdown fenced the broker itself");
    }
}
