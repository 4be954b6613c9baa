package dev.maildigest.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/** Kafka's logs go to the file while it is open, and back to the console once it is stopped. */
class LogFilesTest {
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        LogFiles.stop();
    }

    @Test
    void kafkasLinesGoToTheFileThenBackToTheConsole() throws Exception {
        LogFiles.stop(); // a file another test of this JVM left open
        Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka.streams.KafkaStreams");
        Level consoleLevel = ((Logger) LoggerFactory.getLogger("org.apache.kafka")).getLevel();

        Path file = LogFiles.writeTo(dir.resolve("logs"));
        assertEquals(dir.resolve("logs/server.log").toAbsolutePath().normalize(), file);
        kafka.info("State transition from CREATED to RUNNING");
        assertTrue(Files.readString(file).contains("INFO  State transition from CREATED to RUNNING (org.apache.kafka.streams.KafkaStreams)"),
                Files.readString(file));
        assertFalse(kafka.isAdditive() && ((Logger) LoggerFactory.getLogger("org.apache.kafka")).isAdditive(),
                "Kafka's lines stay off the console");

        LogFiles.stop();
        kafka.info("after the file");
        assertFalse(Files.readString(file).contains("after the file"), "the file is closed");
        assertEquals(consoleLevel, ((Logger) LoggerFactory.getLogger("org.apache.kafka")).getLevel(), "the console's level back");
        assertTrue(((Logger) LoggerFactory.getLogger("org.apache.kafka")).isAdditive());
    }
}
