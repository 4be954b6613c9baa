package dev.maildigest.parse;

import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.SubjectTags;

/** design.md, "Parsing rules": what a message is, from its subject tags and threading. */
final class KindRules {
    private KindRules() {
    }

    static MailKind kind(SubjectTags tags, boolean tagged, boolean hasInReplyTo) {
        if (tags.getReply()) {
            return MailKind.REPLY;
        }
        if (tags.getPull()) {
            return MailKind.PULL_REQUEST;
        }
        if (tags.getPatch()) {
            return tags.getNumber() != null && tags.getNumber() == 0 ? MailKind.COVER_LETTER : MailKind.PATCH;
        }
        if (!tagged && hasInReplyTo) {
            // A reply whose client dropped the Re: prefix.
            return MailKind.REPLY;
        }
        return MailKind.OTHER;
    }
}
