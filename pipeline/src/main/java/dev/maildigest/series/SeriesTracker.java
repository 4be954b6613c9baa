package dev.maildigest.series;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.AppliedNotice;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ReviewTrailer;
import dev.maildigest.avro.SeriesFact;
import dev.maildigest.avro.SeriesStatus;
import dev.maildigest.avro.SeriesVersion;
import dev.maildigest.avro.VersionLink;
import dev.maildigest.avro.VersionMessage;
import dev.maildigest.avro.VersionReview;

/**
 * A list's patch series across ranges: applies each range's {@link SeriesFacts}, in archive order,
 * to the list's state and says what happened to which series in that range.
 *
 * <p>Identity as kernel tooling has it. A version is named by the Message-ID of its cover letter,
 * else of the first of its patches seen. A patch joins the version of the message it replies to,
 * else of its thread root, when that version has the same version number, total and author;
 * otherwise it (or a cover letter) starts a new version. A new version supersedes an older one of
 * smaller version number found by b4's change-id, else by author and normalized subject, else by
 * replying to it; the older one becomes REVISED. A reply counts for the version of the message it
 * replies to (else of its thread root): its review trailers as reviews of that patch, an applied
 * notice as the version applied. A message seen again is ignored.
 *
 * <p>State, all in {@link KeyValues} so that it is changelogged in the pipeline: the message index
 * ({@code <list>/<Message-ID>} → version id), the versions ({@code <list>/<version id>}), the
 * lineage ({@code <list>/c/<change-id>} and {@code <list>/s/<author>/<subject>} → newest version)
 * and what {@link SeriesRetention} needs to forget versions quiet for {@link #RETENTION} of
 * archive time.
 *
 * <p>A range reads each version it touches once and writes it back once, after all its facts.
 */
public final class SeriesTracker {
    /** Kernel series rarely stay quiet half a year and come back; the store stays at half a year of series. */
    public static final Duration RETENTION = Duration.ofDays(180);
    /** Marks the entry of a message a version's patches named as their thread root before it came. */
    private static final String AWAITED = "awaited:";

    private final KeyValues<String> index;
    private final KeyValues<SeriesVersion> versions;
    private final KeyValues<String> lineage;
    private final SeriesRetention retention;

    public SeriesTracker(KeyValues<String> index, KeyValues<SeriesVersion> versions, KeyValues<String> lineage,
                         KeyValues<Long> retention) {
        this.index = index;
        this.versions = versions;
        this.lineage = lineage;
        this.retention = new SeriesRetention(index, versions, lineage, retention, RETENTION);
    }

    /**
     * Applies a range's facts and fills in the digest's series activity, and the series list's
     * titles and earlier counts; returns the same digest.
     */
    public Digest apply(Digest digest, List<SeriesFact> facts) {
        RangeWork work = new RangeWork(index, versions, digest.getList(), digest.getRange().getSequence(), fallbackDate(digest));
        for (SeriesFact fact : facts) {
            if (fact.getAuthor() == null || isDuplicate(work, fact.getMessageId())) {
                continue;
            }
            if (fact.getKind() == MailKind.PATCH || fact.getKind() == MailKind.COVER_LETTER) {
                post(work, fact);
            } else if (fact.getKind() == MailKind.REPLY) {
                reply(work, fact);
            }
        }
        digest.setSeriesActivity(SeriesActivities.of(work));
        SeriesActivities.annotate(digest, work);
        for (SeriesVersion v : work.changed) {
            versions.put(key(work.list, v.getVersionId()), v);
            retention.touched(v);
        }
        retention.advance(work.list, digest.getDateFrom());
        return digest;
    }

    /** The message is indexed and its version holds it (a cover letter awaited by its patches is indexed, not yet held). */
    private boolean isDuplicate(RangeWork work, String messageId) {
        SeriesVersion v = work.versionOf(messageId);
        return v != null && v.getMessages().stream().anyMatch(m -> m.getMessageId().equals(messageId));
    }

    private void post(RangeWork work, SeriesFact fact) {
        SeriesVersion v = joinable(work, fact, fact.getInReplyTo());
        if (v == null) {
            v = joinable(work, fact, fact.getThreadRoot());
        }
        if (v == null) {
            v = joinable(work, fact, fact.getMessageId()); // a cover letter its patches named before it came
        }
        boolean created = v == null;
        if (created) {
            v = work.created(newVersion(work, fact));
        }
        VersionTouch touch = work.touch(v, created);
        touch.posted = true;
        boolean cover = fact.getKind() == MailKind.COVER_LETTER;
        int number = cover ? 0 : fact.getNumber() == null ? 1 : fact.getNumber();
        hold(work, v, fact.getMessageId(), number);
        if (cover) {
            v.setHasCover(true);
            retitle(v, fact.getCleanSubject(), 2);
        } else {
            if (!v.getPatches().contains(number)) {
                List<Integer> patches = new ArrayList<>(v.getPatches());
                patches.add(number);
                patches.sort(Comparator.naturalOrder());
                v.setPatches(patches);
            }
            if (number <= 1) {
                retitle(v, fact.getCleanSubject(), 1);
            }
        }
        if (v.getChangeId() == null && fact.getChangeId() != null) {
            v.setChangeId(fact.getChangeId());
        }
        if (v.getFirstPosted() == null && fact.getDate() != null) {
            v.setFirstPosted(fact.getDate());
        }
        touchedAt(v, work.dateOf(fact));
        if (created && !cover && fact.getThreadRoot() != null && !fact.getThreadRoot().equals(fact.getMessageId())
                && work.indexed(fact.getThreadRoot()) == null) {
            // Its cover letter (or first patch) is not here yet: when it comes, it joins this version.
            work.index(fact.getThreadRoot(), v.getVersionId());
            List<VersionMessage> awaited = new ArrayList<>(v.getMessages());
            awaited.add(new VersionMessage(AWAITED + fact.getThreadRoot(), null));
            v.setMessages(awaited);
        }
        if (created || cover || number <= 1) {
            link(work, v, fact, created);
        }
        work.changed(v);
    }

    /**
     * The version of {@code messageId} if this patch may join it: same version number, total and
     * author, and its place (cover letter, patch n) still free. A patch sent in reply to the same
     * patch of the same version is a repost (a resend, or a revision without a new vN), not a part.
     */
    private SeriesVersion joinable(RangeWork work, SeriesFact fact, String messageId) {
        SeriesVersion v = work.versionOf(messageId);
        if (v == null || v.getVersion() != fact.getVersion() || v.getTotal() != fact.getTotal()
                || !sameAuthor(v.getAuthor(), fact.getAuthor())) {
            return null;
        }
        boolean taken = fact.getKind() == MailKind.COVER_LETTER
                ? v.getHasCover()
                : v.getPatches().contains(fact.getNumber() == null ? 1 : fact.getNumber());
        return taken ? null : v;
    }

    private static SeriesVersion newVersion(RangeWork work, SeriesFact fact) {
        return SeriesVersion.newBuilder()
                .setList(work.list)
                .setVersionId(fact.getMessageId())
                .setSubject(fact.getCleanSubject())
                .setSubjectRank(0)
                .setAuthor(fact.getAuthor())
                .setVersion(fact.getVersion())
                .setTotal(fact.getTotal())
                .setFirstSequence(work.sequence)
                .setFirstPosted(fact.getDate())
                .setLastActivity(work.dateOf(fact))
                .setStatus(SeriesStatus.NEW.name())
                .build();
    }

    private void hold(RangeWork work, SeriesVersion v, String messageId, Integer number) {
        work.index(messageId, v.getVersionId());
        List<VersionMessage> messages = new ArrayList<>(v.getMessages());
        messages.removeIf(m -> m.getMessageId().equals(AWAITED + messageId));
        messages.add(new VersionMessage(messageId, number));
        v.setMessages(messages);
        work.indexedHere.add(messageId);
    }

    private static void retitle(SeriesVersion v, String subject, int rank) {
        if (v.getSubjectRank() < rank) {
            v.setSubject(subject);
            v.setSubjectRank(rank);
        }
    }

    private static void touchedAt(SeriesVersion v, Instant date) {
        if (date.isAfter(v.getLastActivity())) {
            v.setLastActivity(date);
        }
    }

    /**
     * Links the version to the older one it supersedes, if it has none yet (by change-id, by author
     * and subject, by a reply to it), and makes the lineage name it when it is the newest.
     */
    private void link(RangeWork work, SeriesVersion v, SeriesFact fact, boolean created) {
        List<String> keys = new ArrayList<>(2);
        if (fact.getChangeId() != null) {
            keys.add(work.list + "/c/" + fact.getChangeId());
        }
        keys.add(work.list + "/s/" + v.getAuthor().getEmail().toLowerCase(Locale.ROOT) + "/" + SeriesTitles.comparable(fact.getCleanSubject()));
        if (v.getSupersedes() == null) {
            for (String k : keys) {
                String older = lineage.get(k);
                if (older != null && !older.equals(v.getVersionId()) && supersede(work, v, work.version(older))) {
                    break;
                }
            }
        }
        // By reply only for a whole new posting: "[PATCH v2 10/15]" sent alone in reply to patch 10
        // revises that patch, not the series.
        boolean wholePosting = fact.getKind() == MailKind.COVER_LETTER || fact.getNumber() == null || fact.getNumber() <= 1;
        if (v.getSupersedes() == null && created && wholePosting) {
            for (String repliedTo : new String[] {fact.getInReplyTo(), fact.getThreadRoot()}) {
                SeriesVersion older = work.versionOf(repliedTo);
                if (older != null && sameAuthor(older.getAuthor(), v.getAuthor()) && supersede(work, v, older)) {
                    break;
                }
            }
        }
        for (String k : keys) {
            String named = lineage.get(k);
            SeriesVersion current = named == null || named.equals(v.getVersionId()) ? null : work.version(named);
            if (current == null || current.getVersion() <= v.getVersion()) {
                lineage.put(k, v.getVersionId());
                if (!v.getLineageKeys().contains(k)) {
                    List<String> mine = new ArrayList<>(v.getLineageKeys());
                    mine.add(k);
                    v.setLineageKeys(mine);
                }
            }
        }
    }

    /** Makes {@code newer} supersede {@code older} when its version number is higher; says whether it did. */
    private boolean supersede(RangeWork work, SeriesVersion newer, SeriesVersion older) {
        if (older == null || older.getVersion() >= newer.getVersion() || older.getVersionId().equals(newer.getVersionId())) {
            return false;
        }
        newer.setSupersedes(new VersionLink(older.getVersionId(), older.getVersion(), older.getFirstPosted()));
        older.setSupersededBy(new VersionLink(newer.getVersionId(), newer.getVersion(), newer.getFirstPosted()));
        if (!SeriesStatus.APPLIED.name().equals(older.getStatus())) {
            older.setStatus(SeriesStatus.REVISED.name());
        }
        work.changed(older);
        return true;
    }

    private void reply(RangeWork work, SeriesFact fact) {
        SeriesVersion v = work.versionOf(fact.getInReplyTo());
        Integer number = null;
        boolean earlierTarget;
        if (v != null) {
            number = v.getMessages().stream().filter(m -> m.getMessageId().equals(fact.getInReplyTo()))
                    .map(VersionMessage::getNumber).filter(n -> n != null && n > 0).findFirst().orElse(null);
            earlierTarget = !work.indexedHere.contains(fact.getInReplyTo());
        } else {
            v = work.versionOf(fact.getThreadRoot());
            if (v == null) {
                return; // not about a series we know (or one forgotten)
            }
            earlierTarget = !work.indexedHere.contains(fact.getThreadRoot());
        }
        VersionTouch touch = work.touch(v, false);
        hold(work, v, fact.getMessageId(), null);
        if (!fact.getReviews().isEmpty()) {
            List<VersionReview> reviews = new ArrayList<>(v.getReviews());
            for (ReviewTrailer r : fact.getReviews()) {
                reviews.add(new VersionReview(number, r.getName(), r.getPerson()));
                touch.review(r);
            }
            v.setReviews(reviews);
            touch.reviewedLater |= earlierTarget && touch.existedBefore;
        }
        AppliedNotice notice = fact.getApplied();
        if (notice != null) {
            v.setStatus(SeriesStatus.APPLIED.name());
            v.setAppliedLine(notice.getLine());
            v.setAppliedWhere(notice.getWhere());
            v.setAppliedCommits(notice.getCommits());
            v.setAppliedBy(fact.getAuthor());
            v.setAppliedPatch(v.getTotal() > 1 ? number : null);
            v.setAppliedDate(fact.getDate());
            touch.appliedHere = true;
        }
        touchedAt(v, work.dateOf(fact));
        work.changed(v);
    }

    private static Instant fallbackDate(Digest digest) {
        return digest.getDateTo() != null ? digest.getDateTo() : digest.getDateFrom() != null ? digest.getDateFrom() : Instant.EPOCH;
    }

    private static boolean sameAuthor(Address a, Address b) {
        return a.getEmail().equalsIgnoreCase(b.getEmail());
    }

    static String key(String list, String id) {
        return list + "/" + id;
    }

    /** The Message-ID a version's message entry indexes (an awaited cover letter's included). */
    static String heldId(VersionMessage m) {
        return m.getMessageId().startsWith(AWAITED) ? m.getMessageId().substring(AWAITED.length()) : m.getMessageId();
    }
}
