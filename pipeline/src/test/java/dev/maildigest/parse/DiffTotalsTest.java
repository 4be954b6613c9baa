package dev.maildigest.parse;

import static dev.maildigest.parse.Mails.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.DiffTotals;
import dev.maildigest.avro.ParsedMail;

/** Files, insertions and deletions, from the diffstat or else from the diff. */
class DiffTotalsTest {
    private static final String HEADERS = """
            From: Ada Author <ada@example.org>
            Subject: [PATCH] lib: move and tidy
            Message-ID: <p@example.org>

            Move the helper and make the script runnable.

            Signed-off-by: Ada Author <ada@example.org>
            ---
            """;

    @Test
    void diffstatWithRenameBinaryAndModeChange() {
        ParsedMail mail = parse(HEADERS + """
                 lib/{old_name.c => new_name.c} | 2 +-
                 img/logo.png                   | Bin 0 -> 1234 bytes
                 scripts/run.sh                 | 0
                 3 files changed, 1 insertion(+), 1 deletion(-)
                 create mode 100644 img/logo.png
                 rename lib/{old_name.c => new_name.c} (90%)
                 mode change 100644 => 100755 scripts/run.sh

                diff --git a/lib/old_name.c b/lib/new_name.c
                """);
        assertEquals(new DiffTotals(3, 1, 1, 1, 1, 1), mail.getDiff());
        assertEquals(7, mail.getDiffstat().lines().count());
        assertEquals("Move the helper and make the script runnable.\n\nSigned-off-by: Ada Author <ada@example.org>", mail.getCommitMessage());
        assertNull(mail.getNotes());
    }

    @Test
    void diffItselfWhenThereIsNoDiffstat() {
        ParsedMail mail = parse(HEADERS + """
                diff --git a/lib/old_name.c b/lib/new_name.c
                similarity index 90%
                rename from lib/old_name.c
                rename to lib/new_name.c
                index 1111111..2222222 100644
                --- a/lib/old_name.c
                +++ b/lib/new_name.c
                @@ -1,3 +1,3 @@
                 int a;
                -int b;
                +int c;
                 int d;
                diff --git a/scripts/run.sh b/scripts/run.sh
                old mode 100644
                new mode 100755
                diff --git a/img/logo.png b/img/logo.png
                new file mode 100644
                index 0000000..3333333
                Binary files /dev/null and b/img/logo.png differ
                diff --git a/README b/README
                index 4444444..5555555 100644
                --- a/README
                +++ b/README
                @@ -10,2 +10,3 @@ Intro
                 keep

                +added line
                --\s
                2.43.0
                """);
        // The blank line inside the last hunk is a context line whose space a mailer dropped;
        // the signature after the hunk is not a deletion.
        assertEquals(new DiffTotals(4, 2, 1, 1, 1, 1), mail.getDiff());
        assertNull(mail.getDiffstat());
    }

    @Test
    void plainUnifiedDiffWithoutGitHeaders() {
        ParsedMail mail = parse("""
                From: Old Timer <old@example.org>
                Subject: [PATCH] fix a typo

                diff -u a/doc.txt b/doc.txt
                --- a/doc.txt
                +++ b/doc.txt
                @@ -1 +1 @@
                -teh
                +the
                --- a/other.txt
                +++ b/other.txt
                @@ -1,0 +2,2 @@
                +one
                +two
                """);
        assertEquals(new DiffTotals(2, 3, 1, 0, 0, 0), mail.getDiff());
    }

    @Test
    void noDiffNoTotals() {
        assertNull(parse(HEADERS).getDiff());
    }
}
