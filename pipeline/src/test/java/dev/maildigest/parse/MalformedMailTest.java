package dev.maildigest.parse;

import static dev.maildigest.parse.Mails.hasProblem;
import static dev.maildigest.parse.Mails.parse;
import static dev.maildigest.parse.Mails.trailerIdentities;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;

/** Bad input never throws: it is read as far as it goes, or comes back with a failure that says why. */
class MalformedMailTest {

    @Test
    void truncatedMultipartKeepsWhatArrived() {
        ParsedMail mail = parse("""
                From: Ann <ann@example.org>
                Subject: Re: [PATCH v2 3/4] cut short
                Content-Type: multipart/mixed; boundary="never-closed"

                --never-closed
                Content-Type: text/plain; charset=utf-8

                Reviewed-by: Ann <ann@example.org>
                and then the connection dro""");
        assertNull(mail.getFailure());
        assertEquals(MailKind.REPLY, mail.getKind());
        assertEquals(List.of("Reviewed-by: ann@example.org"), trailerIdentities(mail));
        assertTrue(hasProblem(mail, "MIME"), mail.getProblems().toString());
    }

    @Test
    void headerCutBeforeTheBody() {
        ParsedMail mail = parse("From: Ann <ann@example.org>\nSubject: [PATCH] only a head");
        assertNull(mail.getFailure());
        assertEquals(MailKind.PATCH, mail.getKind());
        assertEquals("ann@example.org", mail.getAuthor().getEmail());
        assertNull(mail.getCommitMessage());
    }

    @Test
    void badBase64IsDecodedAsFarAsItGoes() {
        ParsedMail mail = parse("""
                From: Ann <ann@example.org>
                Subject: Re: s
                Content-Transfer-Encoding: base64

                UmV2aWV3ZWQtYnk6IE%%%FubiéA8YW5uQGV4YW1wbGUub3JnPgpUaGFua3MhC
                """);
        assertNull(mail.getFailure());
        assertEquals(List.of("Reviewed-by: ann@example.org"), trailerIdentities(mail));
        assertTrue(hasProblem(mail, "MIME"), mail.getProblems().toString());
    }

    @Test
    void nulBytesInHeaderAndBody() {
        ParsedMail mail = parse("From: Ann <ann@example.org>\nSubject: [PATCH] nul\0 in subject\n\n"
                + "Fix it.\0\0\n\nSigned-off-by: Ann <ann@example.org>\n---\n a.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n");
        assertNull(mail.getFailure());
        assertEquals("nul in subject", mail.getCleanSubject());
        assertEquals("Fix it.\n\nSigned-off-by: Ann <ann@example.org>", mail.getCommitMessage());
        assertEquals(1, mail.getDiff().getFiles());
        assertTrue(hasProblem(mail, "NUL"));
    }

    @Test
    void tenThousandLineHeaderBlock() {
        StringBuilder mail = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            mail.append("X-Relay-").append(i).append(": hop ").append(i).append(" of a very long relay chain\n");
        }
        mail.append("From: Ann <ann@example.org>\nSubject: [PATCH 2/3] after the noise\nCc: first@example.org,\n");
        for (int i = 0; i < 10_000; i++) {
            mail.append(" person").append(i).append("@example.org,\n");
        }
        mail.append(" last@example.org\n\nBody.\n\nSigned-off-by: Ann <ann@example.org>\n");
        ParsedMail parsed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parse(mail.toString()));
        assertNull(parsed.getFailure());
        assertEquals("ann@example.org", parsed.getAuthor().getEmail());
        assertEquals(2, parsed.getTags().getNumber());
        StringBuilder cc = new StringBuilder("first@example.org");
        for (int i = 0; i < 10_000; i++) {
            cc.append(", person").append(i).append("@example.org");
        }
        Problems problems = new Problems();
        List<Address> capped = Addresses.list(cc.toString(), problems);
        assertEquals(Addresses.MAX_ADDRESSES, capped.size());
        assertEquals("first@example.org", capped.get(0).getEmail());
        assertTrue(problems.list().stream().anyMatch(p -> p.contains("recipients")), problems.list().toString());
        assertEquals(List.of("Signed-off-by: ann@example.org"), trailerIdentities(parsed));
    }

    @Test
    void twentyMebibyteDiffIsCounted() {
        int lines = 20 * 1024 * 1024 / 32;
        StringBuilder mail = new StringBuilder(lines * 32 + 1000);
        mail.append("From: Ann <ann@example.org>\nSubject: [PATCH] add a big table\n\nA big table.\n\n"
                + "Signed-off-by: Ann <ann@example.org>\n---\n"
                + "diff --git a/table.h b/table.h\nnew file mode 100644\n--- /dev/null\n+++ b/table.h\n"
                + "@@ -0,0 +1," + lines + " @@\n");
        for (int i = 0; i < lines; i++) {
            mail.append("+0x00, 0x01, 0x02, 0x03, 0x04,\n");
        }
        ParsedMail parsed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> parse(mail.toString()));
        assertNull(parsed.getFailure());
        assertEquals(1, parsed.getDiff().getFiles());
        assertEquals(lines, parsed.getDiff().getInsertions());
        assertEquals("A big table.\n\nSigned-off-by: Ann <ann@example.org>", parsed.getCommitMessage());
    }

    @Test
    void twentyMebibyteMessageTextIsCut() {
        String line = "All work and no play makes a very long commit message.\n";
        StringBuilder mail = new StringBuilder("From: Ann <ann@example.org>\nSubject: [PATCH] long story\n\n");
        while (mail.length() < 20 * 1024 * 1024) {
            mail.append(line);
        }
        ParsedMail parsed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> parse(mail.toString()));
        assertNull(parsed.getFailure());
        assertEquals(MailParser.MAX_TEXT, parsed.getCommitMessage().length());
        assertTrue(hasProblem(parsed, "commit message longer than"));
    }

    @Test
    void emptyAndHeaderlessInputAreFailuresWithAReason() {
        assertEquals("empty message", parse(new byte[0]).getFailure());
        assertEquals("empty message", parse("\n\n  \n").getFailure());
        ParsedMail noHeaders = parse("just some words\nwithout any header\n");
        assertNotNull(noHeaders.getFailure());
        assertTrue(noHeaders.getFailure().contains("not a mail"), noHeaders.getFailure());
        assertEquals(Mails.coordinates(), noHeaders.getCoordinates());
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[random.nextInt(4000)];
            random.nextBytes(junk);
            ParsedMail mail = Mails.PARSER.parse(junk, Mails.coordinates());
            assertNotNull(mail.getCoordinates());
        }
    }

    @Test
    void mangledRealisticMailsNeverThrow() {
        byte[] patch = MailParserTest.PATCH.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] copy = patch.clone();
            for (int k = 0; k < 1 + random.nextInt(20); k++) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            byte[] cut = java.util.Arrays.copyOf(copy, random.nextInt(copy.length + 1));
            ParsedMail mail = Mails.PARSER.parse(cut, Mails.coordinates());
            assertNotNull(mail.getKind());
        }
    }

    @Test
    void deeplyNestedMultipartDoesNotOverflow() {
        StringBuilder mail = new StringBuilder("From: Ann <ann@example.org>\nSubject: nested\n");
        int depth = 2000;
        for (int i = 0; i < depth; i++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append("\n");
        }
        mail.append("Content-Type: text/plain\n\nAcked-by: Ann <ann@example.org>\n");
        ParsedMail parsed = parse(mail.toString());
        assertEquals("ann@example.org", parsed.getAuthor().getEmail());
        assertFalse(parsed.getKind() == null);
    }
}
