package dev.maildigest.parse;

import static dev.maildigest.parse.Mails.hasProblem;
import static dev.maildigest.parse.Mails.parse;
import static dev.maildigest.parse.Mails.trailerIdentities;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.DiffTotals;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;

/** Multipart, transfer encodings, charsets right and wrong, format=flowed, HTML-only mail. */
class BodyDecodingTest {

    @Test
    void multipartAlternativeTakesTheTextPart() {
        ParsedMail mail = parse("""
                From: Ann <ann@example.org>
                Subject: Re: [PATCH] fix
                Content-Type: multipart/alternative; boundary="b1"

                preamble
                --b1
                Content-Type: text/plain; charset=utf-8

                Plain words.

                Acked-by: Ann <ann@example.org>
                --b1
                Content-Type: text/html; charset=utf-8

                <p>Reviewed-by: Html Only &lt;html@example.org&gt;</p>
                --b1--
                """);
        assertEquals(List.of("Acked-by: ann@example.org"), trailerIdentities(mail));
        assertEquals(List.of(), mail.getProblems());
    }

    @Test
    void patchAttachedToAMultipartMailCountsItsDiff() {
        ParsedMail mail = parse("""
                From: Ann <ann@example.org>
                Subject: [PATCH] attach the fix
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: text/plain; charset=us-ascii

                The fix is attached.

                Signed-off-by: Ann <ann@example.org>
                --outer
                Content-Type: text/x-patch; name="0001-fix.patch"
                Content-Disposition: attachment; filename="0001-fix.patch"

                diff --git a/a.c b/a.c
                --- a/a.c
                +++ b/a.c
                @@ -1,2 +1,2 @@
                -old
                +new
                 same
                --outer
                Content-Type: application/octet-stream
                Content-Transfer-Encoding: base64

                AAECAwQ=
                --outer--
                """);
        assertEquals(MailKind.PATCH, mail.getKind());
        assertEquals("The fix is attached.\n\nSigned-off-by: Ann <ann@example.org>", mail.getCommitMessage());
        assertEquals(new DiffTotals(1, 1, 1, 0, 0, 0), mail.getDiff());
    }

    @Test
    void base64BodyWithInBodyFromAndUtf8() {
        ParsedMail mail = parse("""
                From: Robin Sender <robin@example.com>
                Subject: [PATCH 1/1] lib: smaller table
                Content-Type: text/plain; charset="utf-8"
                Content-Transfer-Encoding: base64

                RnJvbTogQWRhIEF1dGhvciA8YWRhQGV4YW1wbGUub3JnPgoKTWFrZSB0aGUgdGFibGUgc21hbGxl
                cjog5pel5pys6Kqe44Gu44OR44OD44OBIHdvcmtzLgoKU2lnbmVkLW9mZi1ieTogQWRhIEF1dGhv
                ciA8YWRhQGV4YW1wbGUub3JnPgotLS0KIGxpYi90YWJsZS5jIHwgNCArKy0tCiAxIGZpbGUgY2hh
                bmdlZCwgMiBpbnNlcnRpb25zKCspLCAyIGRlbGV0aW9ucygtKQo=
                """);
        assertEquals("ada@example.org", mail.getAuthor().getEmail());
        assertEquals("Make the table smaller: 日本語のパッチ works.\n\nSigned-off-by: Ada Author <ada@example.org>", mail.getCommitMessage());
        assertEquals(new DiffTotals(1, 2, 2, 0, 0, 0), mail.getDiff());
        assertEquals(List.of(), mail.getProblems());
    }

    @Test
    void quotedPrintableWithSoftBreaksAndLatin1() {
        ParsedMail mail = parse("""
                From: Zoe <zoe@example.org>
                Subject: Re: [PATCH] a latin-1 reply
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                This line is long enough that the mailer wrapped it with a soft =
                break, and it says caf=E9.

                Reviewed-by: Zo=EB J=E4ger <zoe@example.org>
                """);
        assertEquals("Zoë Jäger", mail.getTrailers().get(0).getPerson().getName());
        assertEquals(List.of(), mail.getProblems());
    }

    @Test
    void mislabelledUnknownAndInvalidCharsetsFallBackWithAProblem() {
        String utf8Text = """
                From: Zoe <zoe@example.org>
                Subject: Re: s
                Content-Type: text/plain; charset=us-ascii

                Reviewed-by: Zoë Jäger <zoe@example.org>
                """;
        ParsedMail mislabelled = parse(utf8Text);
        assertEquals("Zoë Jäger", mislabelled.getTrailers().get(0).getPerson().getName());
        assertTrue(hasProblem(mislabelled, "read as UTF-8"), mislabelled.getProblems().toString());

        ParsedMail latin1AsUtf8 = parse(utf8Text.replace("us-ascii", "utf-8"), StandardCharsets.ISO_8859_1);
        assertEquals("Zoë Jäger", latin1AsUtf8.getTrailers().get(0).getPerson().getName());
        assertTrue(hasProblem(latin1AsUtf8, "invalid UTF-8"), latin1AsUtf8.getProblems().toString());

        ParsedMail unknown = parse(utf8Text.replace("us-ascii", "x-made-up-charset"));
        assertEquals("Zoë Jäger", unknown.getTrailers().get(0).getPerson().getName());
        assertTrue(hasProblem(unknown, "unknown charset x-made-up-charset"), unknown.getProblems().toString());
        assertNull(unknown.getFailure());
    }

    @Test
    void otherDeclaredCharsetsAreDecoded() {
        ParsedMail mail = parse("""
                From: Ivan <ivan@example.org>
                Subject: Re: s
                Content-Type: text/plain; charset=koi8-r

                Reviewed-by: Иван Петров <ivan@example.org>
                """, java.nio.charset.Charset.forName("koi8-r"));
        assertEquals("Иван Петров", mail.getTrailers().get(0).getPerson().getName());
    }

    @Test
    void formatFlowedLinesAreJoined() {
        ParsedMail mail = parse("""
                From: Flo <flo@example.org>
                Subject: Re: [PATCH] flowed
                Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes

                > Reviewed-by: Quoted Person <quoted@exa\s
                > mple.org>
                Tested-by: Flo Wed <flo@exam\s
                ple.org>
                """);
        assertEquals(List.of("Tested-by: flo@example.org"), trailerIdentities(mail));

        ParsedMail noDelSp = parse("""
                From: Flo <flo@example.org>
                Subject: Re: [PATCH] flowed
                Content-Type: text/plain; format=flowed

                Acked-by: Flo\s
                Wed <flo@example.org>
                 Reviewed-by: stuffed-space@example.org
                """);
        assertEquals(List.of("Acked-by: flo@example.org", "Reviewed-by: stuffed-space@example.org"), trailerIdentities(noDelSp));
        assertEquals("Flo Wed", noDelSp.getTrailers().get(0).getPerson().getName());
    }

    @Test
    void htmlOnlyMailIsReducedToText() {
        ParsedMail mail = parse("""
                From: Html User <html@example.com>
                Subject: Re: [PATCH] something
                Content-Type: text/html; charset=utf-8

                <html><head><style>p { color: red; }</style></head><body>
                <p>Looks good &amp; tested.</p><div>Tested-by: Html User &lt;html@example.com&gt;</div>
                <!-- Reviewed-by: Hidden <hidden@example.com> -->
                </body></html>
                """);
        assertEquals(List.of("Tested-by: html@example.com"), trailerIdentities(mail));
        assertTrue(hasProblem(mail, "HTML-only"));
    }

    @Test
    void crlfLineEndsAreReadLikeLf() {
        ParsedMail mail = parse(MailParserTest.PATCH.replace("\n", "\r\n"));
        assertEquals("ada.author@example.org", mail.getAuthor().getEmail());
        assertEquals("v3: dropped the extra barrier\nv2: renamed the helper", mail.getNotes());
        assertEquals(new DiffTotals(2, 7, 8, 0, 0, 0), mail.getDiff());
        assertFalse(mail.getCommitMessage().contains("\r"));
    }

    @Test
    void eightBitBodyWithoutCharsetIsReadAsUtf8() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("From: a@example.org\nSubject: Re: s\n\nReviewed-by: Zoë <zoe@example.org>\n".getBytes(StandardCharsets.UTF_8));
        ParsedMail mail = parse(bytes.toByteArray());
        assertEquals("Zoë", mail.getTrailers().get(0).getPerson().getName());
    }
}
