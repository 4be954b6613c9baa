package dev.maildigest.parse;

import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.SubjectTags;

/**
 * What a message is, from its subject tags, its threading and what its body carries, tried in
 * order: a reply prefix; git request-pull text; a pull tag; a patch tag (or a series marker,
 * version or RFC on a mail that changes files), unless it is a follow-up without changes; any
 * other follow-up but a tagged one with a diff; a diff that starts a thread.
 */
final class KindRules {
    private KindRules() {
    }

    /**
     * What the body holds, as far as the kind is concerned.
     *
     * @param changes     a diff or a diffstat (of the mail's own text, not quoted)
     * @param pullRequest git request-pull output ({@link PullRequestText})
     * @param answers     the text opens with an attribution or a quote, as an answer does
     */
    record Body(boolean changes, boolean pullRequest, boolean answers) {
        static final Body NONE = new Body(false, false, false);
    }

    static MailKind kind(SubjectParser.Subject subject, boolean hasInReplyTo, Body body) {
        SubjectTags tags = subject.tags();
        if (tags.getReply()) {
            return MailKind.REPLY;
        }
        if (body.pullRequest()) {
            return MailKind.PULL_REQUEST;
        }
        if (tags.getPull() && !isPatchOfPull(tags, body)) {
            return MailKind.PULL_REQUEST;
        }
        if (isPatchTagged(subject, body)) {
            boolean cover = tags.getNumber() != null && tags.getNumber() == 0;
            if (hasInReplyTo && !body.changes() && (!cover || body.answers())) {
                // A follow-up that kept [PATCH ...] without Re:; its trailers are reviews. A cover
                // letter has no diff either, and is often sent in reply to the previous version:
                // only opening as an answer does makes it one.
                return MailKind.REPLY;
            }
            return cover ? MailKind.COVER_LETTER : MailKind.PATCH;
        }
        if (hasInReplyTo && (!subject.tagged() || !body.changes())) {
            // A reply whose client dropped the Re: prefix, or kept a tag ([RFC], [Question]) of
            // the mail it answers.
            return MailKind.REPLY;
        }
        if (!hasInReplyTo && body.changes()) {
            // A patch sent by hand: no tag, or only free labels, but a diff.
            return MailKind.PATCH;
        }
        return MailKind.OTHER;
    }

    /** [PATCH ...], or a tag with a series marker, a version or RFC on a mail that changes files. */
    private static boolean isPatchTagged(SubjectParser.Subject subject, Body body) {
        return subject.tags().getPatch() || subject.marker() && body.changes();
    }

    /** [PULL 1/2] with a diff: a patch of the pull its cover letter requests, not a second pull. */
    private static boolean isPatchOfPull(SubjectTags tags, Body body) {
        return tags.getNumber() != null && tags.getNumber() > 0 && body.changes();
    }
}
