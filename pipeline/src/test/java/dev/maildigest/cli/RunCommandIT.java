package dev.maildigest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipeline run} on the embedded stack when its digests cannot be written: one line, an exit code, no hang. */
class RunCommandIT {
    @TempDir
    Path dir;

    @Test
    void anOutputFolderThatCannotBeWrittenEndsTheRunWithOneLine() throws Exception {
        Path mbox = dir.resolve("gears.mbox");
        Files.writeString(mbox, "From a@example.org Fri Nov 27 10:00:00 2026\n"
                + "From: Ann Gear <ann@gears.example>\nSubject: [PATCH] gears: oil the small one\n"
                + "Message-ID: <oil@gears.example>\n\nIt squeaks.\n\nSigned-off-by: Ann Gear <ann@gears.example>\n");
        Path notAFolder = Files.writeString(dir.resolve("digests"), "a file where the digests should go\n");
        StringWriter err = new StringWriter();

        // Guards against the old behaviour, waiting forever for an output that had stopped.
        int exit = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> Main.commandLine().setErr(new PrintWriter(err))
                .execute("run", "--quiet", "--kafka-port", "0", "--registry-port", "0", "--data-dir", dir.resolve("data").toString(),
                        "--out", notAFolder.toString(), mbox.toString()));

        assertEquals(1, exit);
        String message = err.toString().lines().findFirst().orElse("");
        assertEquals("error: the digest output stopped: cannot write digests to " + notAFolder + ": it is a file, not a folder", message);
        assertEquals("a file where the digests should go\n", Files.readString(notAFolder), "nothing overwritten");
    }

    @Test
    void aFileThatIsNotAnMboxIsRefusedBeforeAnythingStarts() {
        Path notMail = dir.resolve("notes.txt");
        StringWriter err = new StringWriter();
        Path data = dir.resolve("untouched");

        int exit = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Files.writeString(notMail, "shopping list: oil, two gears\n");
            return Main.commandLine().setErr(new PrintWriter(err)).execute("run", "--kafka-port", "0", "--registry-port", "0",
                    "--data-dir", data.toString(), notMail.toString());
        });

        assertEquals(1, exit);
        assertEquals(List.of("error: not an mbox file: " + notMail + " does not start with a 'From ' line"), err.toString().lines().toList());
        assertFalse(Files.exists(data), "no broker was started, no data folder made");
    }
}
