package dev.maildigest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.maildigest.cli.Main;
import dev.maildigest.digest.Golden;

/**
 * The parser's regression corpus: every mail under src/test/resources/mails (one message per
 * {@code .eml}, or an {@code .mbox}) next to the {@code pipeline parse --jsonl} output expected of
 * it, in a {@code .jsonl} golden file of the same name. Each file is one rule or form of the
 * parsing rules (its name says which), written for the project; {@code -Dgolden.update=true}
 * rewrites the goldens, to be reviewed with git diff.
 */
class ParseCorpusTest {
    private static final Path MAILS = Path.of("src/test/resources/mails");

    @TempDir
    Path cache;

    static Stream<String> mails() throws IOException {
        try (Stream<Path> files = Files.list(MAILS)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".eml") || name.endsWith(".mbox"))
                    .sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mails")
    void parseJsonlMatchesItsGolden(String mail) {
        StringWriter out = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out))
                .execute("parse", "--jsonl", "--cache-dir", cache.toString(), MAILS.resolve(mail).toString());
        assertEquals(0, exit, "exit status of parse " + mail);
        Golden.assertMatches(MAILS, mail.substring(0, mail.lastIndexOf('.')) + ".jsonl", out.toString());
    }
}
