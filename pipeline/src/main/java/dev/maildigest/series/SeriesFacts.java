package dev.maildigest.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.ReviewTrailer;
import dev.maildigest.avro.SeriesFact;
import dev.maildigest.avro.Trailer;

/**
 * The series facts of a range's messages: one per patch or cover letter, and one per reply that
 * gives review trailers or says something was applied. Other messages tell nothing about series
 * and are left out, so that the list stage gets a few hundred bytes per range, not the messages.
 *
 * <p>A patch's series author is who sent it (header From), as patchwork counts submitters: a
 * maintainer who posts a series of other people's patches (each with its in-body From) sends one
 * series, not one per patch author.
 */
public final class SeriesFacts {
    private SeriesFacts() {
    }

    public static List<SeriesFact> of(List<ParsedMail> mails) {
        List<SeriesFact> facts = new ArrayList<>();
        for (ParsedMail m : mails) {
            if (m.getFailure() != null || m.getMessageId() == null || m.getAuthor() == null) {
                continue;
            }
            boolean patch = m.getKind() == MailKind.PATCH || m.getKind() == MailKind.COVER_LETTER;
            List<ReviewTrailer> reviews = m.getKind() == MailKind.REPLY ? reviews(m.getTrailers()) : List.of();
            boolean applied = m.getKind() == MailKind.REPLY && m.getApplied() != null;
            if (!patch && reviews.isEmpty() && !applied) {
                continue;
            }
            Integer version = m.getTags().getVersion();
            Integer total = m.getTags().getTotal();
            facts.add(SeriesFact.newBuilder()
                    .setMessageId(m.getMessageId())
                    .setInReplyTo(m.getInReplyTo())
                    .setThreadRoot(m.getThreadRoot())
                    .setKind(m.getKind())
                    .setAuthor(patch ? poster(m) : m.getAuthor())
                    .setDate(m.getDate())
                    .setCleanSubject(m.getCleanSubject())
                    .setVersion(version == null ? 1 : version)
                    .setNumber(m.getKind() == MailKind.COVER_LETTER ? Integer.valueOf(0) : m.getTags().getNumber())
                    .setTotal(total == null ? 1 : total)
                    .setChangeId(patch ? m.getChangeId() : null)
                    .setReviews(reviews)
                    .setApplied(applied ? m.getApplied() : null)
                    .build());
        }
        return facts;
    }

    /**
     * Who posted a patch or cover letter, and so whose series it is: the sender (header From),
     * else the author. A patch's author is its in-body From, the person who wrote the change.
     */
    public static Address poster(ParsedMail m) {
        return m.getSender() != null ? m.getSender() : m.getAuthor();
    }

    /** Reviewed-by, Acked-by and Tested-by naming a person, as the digest's review table counts them. */
    private static List<ReviewTrailer> reviews(List<Trailer> trailers) {
        List<ReviewTrailer> reviews = new ArrayList<>();
        for (Trailer t : trailers) {
            String name = t.getName().toLowerCase(Locale.ROOT);
            if (t.getPerson() != null && (name.equals("reviewed-by") || name.equals("acked-by") || name.equals("tested-by"))) {
                reviews.add(new ReviewTrailer(t.getName(), t.getPerson()));
            }
        }
        return reviews;
    }
}
