package dev.maildigest.parse;

import static dev.maildigest.parse.Mails.parse;
import static dev.maildigest.parse.Mails.trailer;
import static dev.maildigest.parse.Mails.trailerIdentities;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.DiffTotals;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;

/** What a digest shows of patches, cover letters, replies and pull requests. */
class MailParserTest {

    static final String PATCH = """
            From: Robin Sender <robin.sender@example.com>
            To: kvm-list@example.org
            Subject: [PATCH v3 02/17] KVM: arm64: Tidy up the
             vcpu reset path
            Date: Tue, 4 Mar 2025 10:15:02 +0100
            Message-ID: <20250304091502.1234-3-robin.sender@example.com>
            In-Reply-To: <20250304091502.1234-1-robin.sender@example.com>
            References: <20250304091502.1234-1-robin.sender@example.com>
            List-Id: Where the kvm folks talk <kvm-list.example.org>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: 8bit

            From: Ada Author <Ada.Author@Example.ORG>

            The reset path open-codes the same sequence twice. Move it into
            a helper so that both callers share it.

            Reviewed-by: Grace Hopper <grace@example.org>
            Tested-by: "Zed, Tester" <zed@example.net> # on a small board
            Fixes: 0123456789ab ("KVM: arm64: Reset things")
            Link: https://lists.example.org/r/1234@example.com
            Signed-off-by: Ada Author <ada.author@example.org>
            Signed-off-by: Robin Sender <robin.sender@example.com>
            ---
            v3: dropped the extra barrier
            v2: renamed the helper
            ---
             arch/arm64/kvm/reset.c | 12 ++++--------
             arch/arm64/kvm/sys.c   |  3 +++
             2 files changed, 7 insertions(+), 8 deletions(-)

            diff --git a/arch/arm64/kvm/reset.c b/arch/arm64/kvm/reset.c
            index 1111111..2222222 100644
            --- a/arch/arm64/kvm/reset.c
            +++ b/arch/arm64/kvm/reset.c
            @@ -1,3 +1,3 @@
             int a;
            -int b;
            +int c;
             int d;
            --\s
            2.43.0
            """;

    @Test
    void patchAuthorIsTheInBodyFromLowerCasedWithItsNameKept() {
        ParsedMail mail = parse(PATCH);
        assertNull(mail.getFailure());
        assertEquals("Ada Author", mail.getAuthor().getName());
        assertEquals("ada.author@example.org", mail.getAuthor().getEmail());
        assertEquals("robin.sender@example.com", mail.getSender().getEmail());
        assertEquals("Robin Sender", mail.getSender().getName());
    }

    @Test
    void patchSubjectTagsAndKind() {
        ParsedMail mail = parse(PATCH);
        assertEquals(MailKind.PATCH, mail.getKind());
        assertEquals("[PATCH v3 02/17] KVM: arm64: Tidy up the vcpu reset path", mail.getSubject());
        assertEquals("KVM: arm64: Tidy up the vcpu reset path", mail.getCleanSubject());
        assertEquals(3, mail.getTags().getVersion());
        assertEquals(2, mail.getTags().getNumber());
        assertEquals(17, mail.getTags().getTotal());
        assertTrue(mail.getTags().getPatch());
        assertFalse(mail.getTags().getReply());
        assertEquals(List.of(), mail.getTags().getLabels());
    }

    @Test
    void patchCommitMessageNotesDiffstatAndTotals() {
        ParsedMail mail = parse(PATCH);
        assertTrue(mail.getCommitMessage().startsWith("The reset path open-codes the same sequence twice."), mail.getCommitMessage());
        assertTrue(mail.getCommitMessage().endsWith("Signed-off-by: Robin Sender <robin.sender@example.com>"), mail.getCommitMessage());
        assertFalse(mail.getCommitMessage().contains("From: Ada"), "in-body From is not part of the message");
        assertEquals("v3: dropped the extra barrier\nv2: renamed the helper", mail.getNotes());
        assertEquals(" arch/arm64/kvm/reset.c | 12 ++++--------\n"
                + " arch/arm64/kvm/sys.c   |  3 +++\n"
                + " 2 files changed, 7 insertions(+), 8 deletions(-)", mail.getDiffstat());
        assertEquals(new DiffTotals(2, 7, 8, 0, 0, 0), mail.getDiff());
    }

    @Test
    void patchTrailersWithTheirIdentities() {
        ParsedMail mail = parse(PATCH);
        assertEquals(List.of(
                "Reviewed-by: grace@example.org",
                "Tested-by: zed@example.net",
                "Fixes: -",
                "Link: -",
                "Signed-off-by: ada.author@example.org",
                "Signed-off-by: robin.sender@example.com"), trailerIdentities(mail));
        assertEquals("Zed, Tester", trailer(mail, "Tested-by").getPerson().getName());
        assertEquals("\"Zed, Tester\" <zed@example.net> # on a small board", trailer(mail, "Tested-by").getValue());
        assertEquals("0123456789ab (\"KVM: arm64: Reset things\")", trailer(mail, "Fixes").getValue());
    }

    @Test
    void patchThreadingDateAndList() {
        ParsedMail mail = parse(PATCH);
        assertEquals("20250304091502.1234-3-robin.sender@example.com", mail.getMessageId());
        assertEquals("20250304091502.1234-1-robin.sender@example.com", mail.getInReplyTo());
        assertEquals("20250304091502.1234-1-robin.sender@example.com", mail.getThreadRoot());
        assertEquals(Instant.parse("2025-03-04T09:15:02Z"), mail.getDate());
        assertEquals("kvm-list.example.org", mail.getListId());
    }

    static final String COVER = """
            From: Nadia Net <nadia@example.com>
            Subject: [PATCH net-next v10 0/9] net: teach the queue to count
            Date: Wed, 5 Mar 2025 08:00:00 +0000
            Message-ID: <cover.1741161600@example.com>
            Content-Type: text/plain; charset=us-ascii

            This series teaches the queue to count its packets, so that the
            stats no longer walk the list.

            Tested-by: Olaf Bench <olaf@example.org>

            Nadia Net (9):
              net: add a counter
              net: use the counter

             net/core/queue.c   | 40 +++++++++++++++++++++++++++++++---------
             net/core/stats.c   | 12 ++++--------
             2 files changed, 37 insertions(+), 15 deletions(-)

            --\s
            2.43.0
            """;

    @Test
    void coverLetterKeepsItsTextAndShortlogAndHasTheSeriesDiffstat() {
        ParsedMail mail = parse(COVER);
        assertEquals(MailKind.COVER_LETTER, mail.getKind());
        assertEquals(10, mail.getTags().getVersion());
        assertEquals(0, mail.getTags().getNumber());
        assertEquals(9, mail.getTags().getTotal());
        assertEquals(List.of("net-next"), mail.getTags().getLabels());
        assertEquals("net: teach the queue to count", mail.getCleanSubject());
        assertTrue(mail.getCommitMessage().startsWith("This series teaches the queue"), mail.getCommitMessage());
        assertTrue(mail.getCommitMessage().endsWith("  net: use the counter"), mail.getCommitMessage());
        assertFalse(mail.getCommitMessage().contains("files changed"));
        assertTrue(mail.getDiffstat().endsWith(" 2 files changed, 37 insertions(+), 15 deletions(-)"));
        assertEquals(new DiffTotals(2, 37, 15, 0, 0, 0), mail.getDiff());
        assertEquals(List.of("Tested-by: olaf@example.org"), trailerIdentities(mail));
        assertEquals("nadia@example.com", mail.getAuthor().getEmail());
        assertEquals("cover.1741161600@example.com", mail.getThreadRoot(), "a new thread is its own root");
    }

    static final String REPLY = """
            From: Grace Hopper <Grace@Example.org>
            To: Robin Sender <robin.sender@example.com>
            Subject: Re: [PATCH v3 02/17] KVM: arm64: Tidy up the vcpu reset path
            Date: Wed, 5 Mar 2025 11:00:00 -0500
            Message-ID: <reply-1@example.org>
            In-Reply-To: <20250304091502.1234-3-robin.sender@example.com>
            References: <20250304091502.1234-1-robin.sender@example.com>
             <20250304091502.1234-3-robin.sender@example.com>

            On Tue, Mar 04, 2025 at 10:15:02AM +0100, Robin Sender wrote:
            > The reset path open-codes the same sequence twice.
            >
            > Reviewed-by: Quoted Person <quoted@example.org>
            > Signed-off-by: Ada Author <ada.author@example.org>

            Looks right to me.

            Reviewed-by: Grace Hopper <grace@example.org>
            Acked-by: grace.h@example.org

            --\s
            Grace
            Reviewed-by: Not A Trailer <sig@example.org>
            """;

    @Test
    void replyCountsItsOwnTrailersButNotQuotedOnes() {
        ParsedMail mail = parse(REPLY);
        assertEquals(MailKind.REPLY, mail.getKind());
        assertTrue(mail.getTags().getReply());
        assertEquals(List.of("Reviewed-by: grace@example.org", "Acked-by: grace.h@example.org"), trailerIdentities(mail));
        assertNull(mail.getCommitMessage());
        assertNull(mail.getNotes());
        assertNull(mail.getDiff());
        assertEquals("grace@example.org", mail.getAuthor().getEmail());
        assertEquals("KVM: arm64: Tidy up the vcpu reset path", mail.getCleanSubject());
        assertEquals("20250304091502.1234-1-robin.sender@example.com", mail.getThreadRoot());
        assertEquals(Instant.parse("2025-03-05T16:00:00Z"), mail.getDate());
    }

    @Test
    void topPostedReplyStopsAtTheQuotedHeaderBlock() {
        ParsedMail mail = parse("""
                From: Top Poster <top@example.com>
                Subject: RE: [PATCH v2 1/3] something
                In-Reply-To: <p1@example.org>

                Tested-by: Top Poster <top@example.com>

                From: Robin Sender <robin@example.com>
                Sent: Monday, March 3, 2025 10:00 AM
                To: kvm-list@example.org
                Cc: Someone Else <else@example.org>
                Subject: [PATCH v2 1/3] something

                Signed-off-by: Robin Sender <robin@example.com>
                """);
        assertEquals(List.of("Tested-by: top@example.com"), trailerIdentities(mail));
        assertEquals("top@example.com", mail.getAuthor().getEmail());
    }

    @Test
    void pullRequest() {
        ParsedMail mail = parse("""
                From: Maya Maintainer <maya@example.org>
                Subject: [GIT PULL] KVM/arm64 fixes for 6.9, take #2
                Message-ID: <pull-2@example.org>

                The following changes since commit 0123456789abcdef:

                are available in the Git repository at:

                  https://git.example.org/kvm.git tags/kvm-fixes
                """);
        assertEquals(MailKind.PULL_REQUEST, mail.getKind());
        assertTrue(mail.getTags().getPull());
        assertEquals("KVM/arm64 fixes for 6.9, take #2", mail.getCleanSubject());
        assertNull(mail.getCommitMessage());
    }

    @Test
    void newThreadWithoutTagsIsOtherAndUntaggedFollowUpIsReply() {
        String question = """
                From: Curious User <curious@example.com>
                Subject: Question about stage-2 faults
                Message-ID: <q1@example.com>

                How do I read the fault address?
                """;
        assertEquals(MailKind.OTHER, parse(question).getKind());
        String followUp = question.replace("Message-ID: <q1@example.com>", "Message-ID: <q2@example.com>\nIn-Reply-To: <q1@example.com>");
        assertEquals(MailKind.REPLY, parse(followUp).getKind());
    }

    @Test
    void inBodySubjectAndDateOverrideTheHeaders() {
        ParsedMail mail = parse("""
                From: Robin Sender <robin@example.com>
                Subject: [PATCH 1/2] forwarded patch
                Date: Thu, 6 Mar 2025 12:00:00 +0000

                From: Ada Author <ada@example.org>
                Subject: lib: make the frobnicator faster
                Date: Mon, 3 Feb 2025 09:30:00 +0100

                It was slow.

                Signed-off-by: Ada Author <ada@example.org>
                ---
                 lib/frob.c | 2 +-
                 1 file changed, 1 insertion(+), 1 deletion(-)
                """);
        assertEquals(MailKind.PATCH, mail.getKind());
        assertEquals(1, mail.getTags().getNumber());
        assertEquals("lib: make the frobnicator faster", mail.getSubject());
        assertEquals("lib: make the frobnicator faster", mail.getCleanSubject());
        assertEquals(Instant.parse("2025-02-03T08:30:00Z"), mail.getDate());
        assertEquals("ada@example.org", mail.getAuthor().getEmail());
        assertEquals("It was slow.\n\nSigned-off-by: Ada Author <ada@example.org>", mail.getCommitMessage());
        assertEquals(new DiffTotals(1, 1, 1, 0, 0, 0), mail.getDiff());
    }

    @Test
    void patchWithoutDiffstatEndsItsMessageAtTheDiff() {
        ParsedMail mail = parse("""
                From: Ada Author <ada@example.org>
                Subject: [RFC PATCH] mm: try a smaller batch

                Just an idea.

                Signed-off-by: Ada Author <ada@example.org>
                diff --git a/mm/batch.c b/mm/batch.c
                --- a/mm/batch.c
                +++ b/mm/batch.c
                @@ -7 +7 @@
                -#define BATCH 64
                +#define BATCH 32
                """);
        assertEquals(MailKind.PATCH, mail.getKind());
        assertTrue(mail.getTags().getRfc());
        assertEquals("Just an idea.\n\nSigned-off-by: Ada Author <ada@example.org>", mail.getCommitMessage());
        assertNull(mail.getNotes());
        assertNull(mail.getDiffstat());
        assertEquals(new DiffTotals(1, 1, 1, 0, 0, 0), mail.getDiff());
    }

    @Test
    void listFooterIsNotPartOfTheText() {
        ParsedMail mail = parse("""
                From: Grace Hopper <grace@example.org>
                Subject: Re: [PATCH] x86: fix the thing
                Message-ID: <r@example.org>

                Reviewed-by: Grace Hopper <grace@example.org>

                _______________________________________________
                kvm-list mailing list
                kvm-list@example.org
                https://lists.example.org/mailman/listinfo/kvm-list
                """);
        assertEquals(List.of("Reviewed-by: grace@example.org"), trailerIdentities(mail));
    }

    @Test
    void rawMailCoordinatesListNameAndArchiveUrlAreCopied() {
        RawMail raw = RawMail.newBuilder()
                .setCoordinates(Mails.coordinates())
                .setListName("KVM")
                .setArchiveUrl("https://lists.example.org/kvm")
                .setSize(PATCH.length())
                .setMessage(ByteBuffer.wrap(PATCH.getBytes(StandardCharsets.UTF_8)))
                .build();
        ParsedMail mail = Mails.PARSER.parse(raw);
        assertEquals(Mails.coordinates(), mail.getCoordinates());
        assertEquals("KVM", mail.getListName());
        assertEquals("https://lists.example.org/kvm", mail.getArchiveUrl());
        assertEquals("ada.author@example.org", mail.getAuthor().getEmail());
    }

    @Test
    void rejectedRawMailIsAFailureWithTheIngestersReason() {
        RawMail raw = RawMail.newBuilder()
                .setCoordinates(Mails.coordinates())
                .setSize(40_000_000)
                .setMessage(null)
                .setRejected("message of 40000000 bytes is over the 16 MiB limit")
                .build();
        ParsedMail mail = Mails.PARSER.parse(raw);
        assertEquals("message of 40000000 bytes is over the 16 MiB limit", mail.getFailure());
        assertEquals(Mails.coordinates(), mail.getCoordinates());
    }
}
