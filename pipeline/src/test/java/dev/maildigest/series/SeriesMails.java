package dev.maildigest.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.AppliedNotice;
import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.SubjectTags;
import dev.maildigest.avro.Trailer;

/**
 * One made-up range of parsed messages about patch series, built by hand (the parser's rules for
 * change-ids and applied notices are tested on their own): patches, cover letters, replies.
 */
public final class SeriesMails {
    public static final Address ADA = new Address("Ada Lindqvist", "ada@lindqvist.example");
    public static final Address BO = new Address("Bo Okafor", "bo@okafor.example");
    public static final Address EVE = new Address("Eve Marsh", "eve@marsh.example");

    private final String list;
    private final String prefix;
    private final long sequence;
    private final long follows;
    private final List<ParsedMail.Builder> mails = new ArrayList<>();

    private SeriesMails(String list, String prefix, long sequence, long follows) {
        this.list = list;
        this.prefix = prefix;
        this.sequence = sequence;
        this.follows = follows;
    }

    /** Range {@code sequence} of {@code list}, after range {@code follows}; its commits start with {@code prefix}. */
    public static SeriesMails range(String list, String prefix, long sequence, long follows) {
        return new SeriesMails(list, prefix, sequence, follows);
    }

    /** Patch n/N of version v, sent in reply to {@code cover} (null: a thread of its own). */
    public SeriesMails patch(Address author, String id, int version, int number, int total, String subject, String cover,
                             Instant date) {
        String tag = "[PATCH" + (version > 1 ? " v" + version : "") + (total > 1 ? " " + number + "/" + total : "") + "] ";
        mails.add(message(author, id, MailKind.PATCH, tag + subject, subject, cover, cover == null ? id : cover, date)
                .setTags(SubjectTags.newBuilder().setPatch(true).setVersion(version > 1 ? version : null)
                        .setNumber(total > 1 ? number : null).setTotal(total > 1 ? total : null).build()));
        return this;
    }

    public SeriesMails cover(Address author, String id, int version, int total, String subject, Instant date) {
        String tag = "[PATCH" + (version > 1 ? " v" + version : "") + " 0/" + total + "] ";
        mails.add(message(author, id, MailKind.COVER_LETTER, tag + subject, subject, null, id, date)
                .setTags(SubjectTags.newBuilder().setPatch(true).setVersion(version > 1 ? version : null)
                        .setNumber(0).setTotal(total).build()));
        return this;
    }

    /** A reply to {@code to} in the thread of {@code root}, with the trailers given. */
    public SeriesMails reply(Address author, String id, String to, String root, String subject, Instant date, Trailer... trailers) {
        mails.add(message(author, id, MailKind.REPLY, "Re: " + subject, subject, to, root, date)
                .setTags(SubjectTags.newBuilder().setReply(true).build()).setTrailers(List.of(trailers)));
        return this;
    }

    /** Makes {@code sender} the header From of the message added last (its author stays the in-body From). */
    public SeriesMails sentBy(Address sender) {
        mails.get(mails.size() - 1).setSender(sender);
        return this;
    }

    /** Sets b4's change-id on the message added last. */
    public SeriesMails changeId(String changeId) {
        mails.get(mails.size() - 1).setChangeId(changeId);
        return this;
    }

    /** Sets an applied notice on the message added last. */
    public SeriesMails applied(String line, String where, String... commits) {
        mails.get(mails.size() - 1).setApplied(new AppliedNotice(line, where, List.of(commits)));
        return this;
    }

    public static Trailer reviewedBy(Address who) {
        return new Trailer("Reviewed-by", who.getName() + " <" + who.getEmail() + ">", who);
    }

    public static Trailer ackedBy(Address who) {
        return new Trailer("Acked-by", who.getName() + " <" + who.getEmail() + ">", who);
    }

    private static ParsedMail.Builder message(Address author, String id, MailKind kind, String subject, String clean,
                                              String inReplyTo, String root, Instant date) {
        return ParsedMail.newBuilder().setAuthor(author).setSender(author).setKind(kind).setSubject(subject)
                .setCleanSubject(clean).setMessageId(id).setInReplyTo(inReplyTo).setThreadRoot(root).setDate(date)
                .setListId(null);
    }

    /** The messages with their coordinates: commits {@code <prefix>c<i>}, all of one range. */
    public List<ParsedMail> build() {
        int size = mails.size();
        CommitRange range = new CommitRange(prefix + "c0", prefix + "c" + (size - 1), size, size, sequence, follows);
        List<ParsedMail> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            out.add(mails.get(i)
                    .setCoordinates(Coordinates.newBuilder().setList(list).setArchive("/archives/" + list).setEpoch(0)
                            .setCommit(prefix + "c" + i).setOrdinal(i + 1).setRange(range).setIndex(i).build())
                    .build());
        }
        return out;
    }
}
