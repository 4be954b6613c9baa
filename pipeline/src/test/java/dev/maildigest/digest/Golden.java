package dev.maildigest.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden (or another folder of test resources).
 * {@code mvn test -Dgolden.update=true} rewrites them from the current output, to be reviewed with
 * git diff before committing; a mismatch also leaves the actual output in target/golden-actual for
 * diffing.
 */
public final class Golden {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final Path ACTUAL = Path.of("target/golden-actual");

    private Golden() {
    }

    static String read(String name) {
        return read(DIR, name);
    }

    private static String read(Path dir, String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("golden file missing: " + dir.resolve(name)
                    + " (create it with -Dgolden.update=true)", e);
        }
    }

    static void assertMatches(String name, String actual) {
        assertMatches(DIR, name, actual);
    }

    /** The same for a golden file kept in {@code dir}; its actual output goes to target/golden-actual/DIRNAME. */
    public static void assertMatches(Path dir, String name, String actual) {
        Path actualDir = dir.equals(DIR) ? ACTUAL : ACTUAL.resolve(dir.getFileName());
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(name), actual, StandardCharsets.UTF_8);
                return;
            }
            String expected = read(dir, name);
            if (!expected.equals(actual)) {
                Files.createDirectories(actualDir);
                Files.writeString(actualDir.resolve(name), actual, StandardCharsets.UTF_8);
            }
            assertEquals(expected, actual, "differs from " + dir.resolve(name) + "; actual output in " + actualDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
