package dev.maildigest.parse;

import static dev.maildigest.parse.Mails.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.maildigest.avro.AppliedNotice;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;

/** Which lines of a reply say that a patch or series was applied, and where to. */
class AppliedTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "Applied to next, thanks!|next",
        "Applied to kvmarm/next, thanks.|kvmarm/next",
        "Thanks, applied.|-",
        "Applied, thanks!|-",
        "Applied|-",
        "Queued for 6.3, thanks.|for 6.3",
        "Queued for 6.4. Thanks.|for 6.4",
        "Queued, thanks.|-",
        "Pushed to kvm-arm64/fixes|kvm-arm64/fixes",
        "Merged into for-next.|for-next",
        "Now applied to the fixes branch.|fixes branch",
        "I've applied this to -next.|-next",
        "I have queued patches 1-3 and 5 to misc/queue, thanks.|misc/queue",
        "Applied to arm64 (for-next/misc), thanks!|arm64 (for-next/misc)",
        "Both now queued up, thanks.|-",
        "Thanks. I've applied this, but a follow-up would be welcome.|-",
        "Applied with the typo in the subject fixed.|-",
        "I queued patches 3-9 on the arm64 for-next/sve, the rest later.|arm64 for-next/sve",
        "Applied to next as well, thanks.|next",
        "Queued 2+4, thanks.|-",
        "I've queued it up, thanks!|-",
        "Applied to arm64 (for-next/boot), thanks!|arm64 (for-next/boot)",
        "Pushed to https://git.example.org/kvm-unit-tests.git master|https://git.example.org/kvm-unit-tests.git master",
        "OK, I've applied this set, minus #17 which went elsewhere.|-",
        "Ok, I pushed this out along with the follow-up patch.|-",
        "Applied the first patch only to counter/next, thanks!|counter/next",
        "Queued patches 2-5 for now.|-",
        "Now merged through misc/queue.|misc/queue",
        "Queued, thanks. I will keep it in the queue after testing the rest.|-",
    })
    void noticesAndWhere(String line, String where) {
        AppliedNotice notice = AppliedText.applied(line);
        assertNotNull(notice, line);
        assertEquals(line, notice.getLine());
        assertEquals(where, notice.getWhere());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "This applies cleanly on top of the current tree.",
        "I applied this locally and tested it on two boards.",
        "Applied on top of v6.1, it fails to build.",
        "I applied the patch on v6.2-rc1, then the guest hung.",
        "Does this still apply?",
        "Applied to next?",
        "I'll queue it after the merge window.",
        "I will apply it once the dependency is merged.",
        "I've pushed an updated branch with the fixes.",
        "I've pushed out my own take on this.",
        "I applied your fix to the helper, and the warning is gone.",
        "Picked up the suggestion for v3. Thanks!",
        "Applied Jane's suggestion in v2.",
        "Merged two helpers into one.",
        "Queued work items run on the next tick.",
        "Pushed to my tree for testing.",
        "Applied this series and verified that the guest still boots.",
    })
    void notNotices(String line) {
        assertNull(AppliedText.applied(line), line);
    }

    @Test
    void longHostileLinesAreReadQuickly() {
        String[] lines = {
            "Applied to " + "a-".repeat(140) + " b c d e f",
            "Applied " + "1, ".repeat(95) + "x",
            "Queued " + "this ".repeat(55),
            "Applied to next " + "(x) ".repeat(70),
        };
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> {
            for (String line : lines) {
                AppliedText.applied(line);
            }
        });
    }

    private static final String HEAD = """
            From: Mary Maintainer <mary@example.org>
            To: counter-dev@lists.example.org
            Subject: Re: [PATCH 0/2] lib: counter: steps
            Date: Tue, 20 Oct 2026 09:00:00 +0200
            Message-ID: <applied@example.org>
            In-Reply-To: <cover@example.org>
            References: <cover@example.org>

            """;

    @Test
    void b4ThankYouListsOneCommitPerPatch() {
        ParsedMail m = parse(HEAD + """
                On Mon, 19 Oct 2026 10:00:00 +0200, Jane Doe wrote:
                > Two small changes to the counter.
                >\s
                > [...]

                Applied to next, thanks!

                [1/2] lib: counter: add a step
                      commit: 0123456789abcdef0123456789abcdef01234567
                [2/2] lib: counter: document the step
                      commit: 89abcdef01

                Cheers,
                Mary
                --\s
                A signature that says applied to everything.
                """);
        assertEquals(MailKind.REPLY, m.getKind());
        AppliedNotice a = m.getApplied();
        assertEquals("Applied to next, thanks!", a.getLine());
        assertEquals("next", a.getWhere());
        assertEquals(List.of("0123456789abcdef0123456789abcdef01234567", "89abcdef01"), a.getCommits());
    }

    @Test
    void quotedNoticeIsSomeoneElses() {
        ParsedMail m = parse(HEAD + """
                On Mon, 19 Oct 2026 10:00:00 +0200, Mary Maintainer wrote:
                > Applied to next, thanks!

                That broke my build, see below.
                """);
        assertNull(m.getApplied());
    }

    @Test
    void continuationOfASentenceIsNotANotice() {
        ParsedMail m = parse(HEAD + """
                I would rather wait until the first patch is
                applied, then rebase the rest.
                """);
        assertNull(m.getApplied());
    }

    @Test
    void originalUnderTheReplyIsNotRead() {
        ParsedMail m = parse(HEAD + """
                Thanks for the numbers.

                -----Original Message-----
                From: Mary Maintainer <mary@example.org>

                Applied to next, thanks!
                """);
        assertNull(m.getApplied());
    }

    @Test
    void pullRequestTrackerNamesTreeAndCommit() {
        ParsedMail m = parse("""
                From: pr-tracker-bot@example.org
                To: Jane Doe <jane@example.org>
                Subject: Re: [GIT PULL] counter fixes for 7.1
                Date: Tue, 20 Oct 2026 09:00:00 +0200
                Message-ID: <tracker@example.org>
                In-Reply-To: <pull@example.org>
                References: <pull@example.org>

                The pull request you sent on Mon, 19 Oct 2026 10:00:00 +0200:

                > https://git.example.org/counter.git tags/counter-fixes

                has been merged into torvalds/linux.git:
                https://git.kernel.org/torvalds/c/fedcba9876543210fedcba9876543210fedcba98

                Thank you!
                """);
        AppliedNotice a = m.getApplied();
        assertEquals("torvalds/linux.git", a.getWhere());
        assertEquals(List.of("fedcba9876543210fedcba9876543210fedcba98"), a.getCommits());
    }

    @Test
    void patchesAndCoversCarryNoNotice() {
        ParsedMail m = parse("""
                From: Jane Doe <jane@example.org>
                Subject: [PATCH] lib: counter: add a step
                Message-ID: <p@example.org>

                Applied to next, thanks!
                ---
                 lib/counter.c | 1 +
                 1 file changed, 1 insertion(+)
                """);
        assertEquals(MailKind.PATCH, m.getKind());
        assertNull(m.getApplied());
    }

    @Test
    void changeIdOfACoverLetter() {
        ParsedMail m = parse("""
                From: Jane Doe <jane@example.org>
                Subject: [PATCH v2 0/2] lib: counter: steps
                Message-ID: <cover@example.org>

                Two small changes.

                ---
                Jane Doe (2):
                      lib: counter: add a step
                      lib: counter: document the step

                 lib/counter.c | 3 ++-
                 1 file changed, 2 insertions(+), 1 deletion(-)
                ---
                base-commit: 0123456789abcdef0123456789abcdef01234567
                change-id: 20261019-counter-steps-0a1b2c3d4e5f

                Best regards,
                --\s
                Jane Doe <jane@example.org>
                """);
        assertEquals(MailKind.COVER_LETTER, m.getKind());
        assertEquals("20261019-counter-steps-0a1b2c3d4e5f", m.getChangeId());
    }

    @Test
    void changeIdOfAReplyIsNotKept() {
        ParsedMail m = parse(HEAD + """
                Thanks for the series.

                change-id: 20261019-counter-steps-0a1b2c3d4e5f
                """);
        assertNull(m.getChangeId());
    }

    @Test
    void changeIdInProseOrQuotedIsNotOne() {
        assertNull(ChangeId.in("text\n> change-id: 20261019-a-0a1b2c3d4e5f\n"));
        assertNull(ChangeId.in("text\nchange-id: what b4 writes?\n"));
        assertEquals("20261019-a-0a1b2c3d4e5f", ChangeId.in("x\nchange-id: 20261019-a-0a1b2c3d4e5f"));
    }
}
