package dev.maildigest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.maildigest.ingest.InboxRepo;
import picocli.CommandLine;

/** {@code pipeline parse --jsonl} over a message file, an mbox and a public-inbox epoch. */
class ParseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COVER = """
            From: Ada Author <Ada@Example.org>
            Subject: [PATCH v2 0/2] lib: faster frobnication
            Message-ID: <cover@example.org>

            Two patches.
            """;
    private static final String PATCH = """
            From: Robin Sender <robin@example.com>
            Subject: [PATCH v2 1/2] lib: cache the frob table
            Message-ID: <p1@example.org>
            In-Reply-To: <cover@example.org>
            References: <cover@example.org>

            From: Ada Author <ada@example.org>

            Cache it.
            >From here on it is faster.

            Reviewed-by: Grace Hopper <grace@example.org>
            Signed-off-by: Ada Author <ada@example.org>
            Signed-off-by: Robin Sender <robin@example.com>
            ---
             lib/frob.c | 5 +++--
             1 file changed, 3 insertions(+), 2 deletions(-)
            """;
    private static final String REPLY = """
            From: Grace Hopper <grace@example.org>
            Subject: Re: [PATCH v2 1/2] lib: cache the frob table
            Message-ID: <r1@example.org>
            In-Reply-To: <p1@example.org>
            References: <cover@example.org> <p1@example.org>

            > Cache it.

            Acked-by: Grace Hopper <grace@example.org>
            """;

    private record Run(int exit, List<JsonNode> lines, String err) {
    }

    private static Run run(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(exit, lines, err.toString());
    }

    @Test
    void oneMessageFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("patch.eml"), PATCH);
        Run run = run("parse", "--jsonl", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.lines().size());
        JsonNode mail = run.lines().get(0);
        assertEquals("PATCH", mail.get("kind").asText());
        assertEquals("ada@example.org", mail.get("author_email").asText());
        assertEquals("Ada Author", mail.get("author_name").asText());
        assertEquals("robin@example.com", mail.get("sender").asText());
        assertEquals(2, mail.get("version").asInt());
        assertEquals(1, mail.get("number").asInt());
        assertEquals(2, mail.get("total").asInt());
        assertEquals("lib: cache the frob table", mail.get("clean_subject").asText());
        assertEquals("cover@example.org", mail.get("thread_root").asText());
        assertEquals(2, mail.get("trailers").get("Signed-off-by").asInt());
        assertEquals(1, mail.get("trailers").get("Reviewed-by").asInt());
        assertEquals(1, mail.get("files").asInt());
        assertEquals(3, mail.get("insertions").asInt());
        assertEquals(2, mail.get("deletions").asInt());
        assertTrue(mail.get("failure").isNull());
    }

    @Test
    void mboxrdFile(@TempDir Path dir) throws IOException {
        String mbox = "From ada@example.org Mon Mar  3 10:00:00 2025\n" + COVER + "\n"
                + "From robin@example.com Mon Mar  3 10:00:01 2025\n" + PATCH.replace(">From here", ">>From here") + "\n"
                + "From grace@example.org Mon Mar  3 11:00:00 2025\n" + REPLY + "\n";
        Path file = Files.writeString(dir.resolve("list.mbox"), mbox);
        Run run = run("parse", "--jsonl", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("COVER_LETTER", "PATCH", "REPLY"), run.lines().stream().map(n -> n.get("kind").asText()).toList());
        assertEquals(List.of("ada@example.org", "ada@example.org", "grace@example.org"),
                run.lines().stream().map(n -> n.get("author_email").asText()).toList());
        assertEquals(List.of(0, 1, 1), run.lines().stream().map(n -> n.get("number").asInt()).toList());
        assertEquals(1, run.lines().get(2).get("trailers").get("Acked-by").asInt());
    }

    @Test
    void publicInboxEpochSkipsDeletionsAndNamesCommits(@TempDir Path dir) throws IOException {
        Path gitDir = dir.resolve("kvm/git/0.git");
        List<String> commits = new ArrayList<>();
        try (InboxRepo inbox = InboxRepo.create(gitDir)) {
            commits.add(inbox.add(COVER));
            commits.add(inbox.add(PATCH));
            inbox.delete(COVER.getBytes(StandardCharsets.UTF_8));
            commits.add(inbox.add(REPLY));
        }
        Run run = run("parse", "--jsonl", gitDir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(commits, run.lines().stream().map(n -> n.get("commit").asText()).toList());
        assertEquals(List.of("COVER_LETTER", "PATCH", "REPLY"), run.lines().stream().map(n -> n.get("kind").asText()).toList());
    }

    @Test
    void missingSourceIsOneLineError(@TempDir Path dir) throws IOException {
        Run run = run("parse", "--jsonl", dir.resolve("nowhere.mbox").toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("error: archive not found: "), run.err());
        assertEquals(1, run.err().strip().lines().count());
    }

    @Test
    void withoutJsonlOneTabSeparatedLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("reply.eml"), REPLY);
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("parse", file.toString()));
        String[] columns = out.toString().strip().split("\t");
        assertEquals(List.of("0000000001", "REPLY", "grace@example.org", "Re: [PATCH v2 1/2] lib: cache the frob table"), List.of(columns));
    }
}
