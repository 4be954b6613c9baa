package dev.maildigest.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden. {@code mvn test -Dgolden.update=true} rewrites
 * them from the current output, to be reviewed with git diff before committing; a mismatch also
 * leaves the actual output in target/golden-actual for diffing.
 */
final class Golden {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final Path ACTUAL = Path.of("target/golden-actual");

    private Golden() {
    }

    static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("golden file missing: " + DIR.resolve(name)
                    + " (create it with -Dgolden.update=true)", e);
        }
    }

    static void assertMatches(String name, String actual) {
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(DIR.resolve(name), actual, StandardCharsets.UTF_8);
                return;
            }
            String expected = read(name);
            if (!expected.equals(actual)) {
                Files.createDirectories(ACTUAL);
                Files.writeString(ACTUAL.resolve(name), actual, StandardCharsets.UTF_8);
            }
            assertEquals(expected, actual, "differs from golden/" + name + "; actual output in " + ACTUAL.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
