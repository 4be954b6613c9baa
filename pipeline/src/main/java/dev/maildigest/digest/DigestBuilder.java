package dev.maildigest.digest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Contributor;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.DomainCount;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.PatchEntry;
import dev.maildigest.avro.PullRequest;
import dev.maildigest.avro.ReviewActivity;
import dev.maildigest.avro.Series;
import dev.maildigest.avro.SubjectTags;
import dev.maildigest.avro.ThreadActivity;
import dev.maildigest.avro.Trailer;
import dev.maildigest.series.SeriesFacts;

/**
 * Builds the digest of one commit range from its parsed messages, in archive order. Counting rules
 * follow the reference digest: contributors and domains count authors (the in-body From when
 * present), by count descending; ties in reverse order of name, as the reference's
 * {@code sort -rn} lists them; messages that could not be parsed are counted apart.
 */
public final class DigestBuilder {
    /** The reference digest shows the top 15 of each. */
    public static final int TOP = 15;
    public static final int BUSIEST_THREADS = 10;

    private final Function<Digest, String> textRenderer;

    /** @param textRenderer renders the digest as text; its result is stored in the digest */
    public DigestBuilder(Function<Digest, String> textRenderer) {
        this.textRenderer = textRenderer;
    }

    public Digest build(List<ParsedMail> mails) {
        if (mails.isEmpty()) {
            throw new IllegalArgumentException("a range has at least one message");
        }
        ParsedMail first = mails.get(0);
        Coordinates where = first.getCoordinates();
        CommitRange range = where.getRange();
        List<ParsedMail> readable = mails.stream().filter(m -> m.getFailure() == null).toList();
        Function<ParsedMail, String> lineOf = SeriesLines.of(readable);

        Digest digest = Digest.newBuilder()
                .setList(where.getList())
                .setListName(listName(mails, where.getList()))
                .setArchive(where.getArchive())
                .setArchiveUrl(mails.stream().map(ParsedMail::getArchiveUrl).filter(Objects::nonNull).findFirst().orElse(null))
                .setRange(range)
                .setFirstShort(shortId(range.getFirst()))
                .setLastShort(shortId(range.getLast()))
                .setMessages(mails.size())
                .setParseFailures(mails.size() - readable.size())
                .setDateFrom(readable.stream().map(ParsedMail::getDate).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null))
                .setDateTo(readable.stream().map(ParsedMail::getDate).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null))
                .setTopDomains(topDomains(readable))
                .setTopContributors(topContributors(readable))
                .setSeries(series(readable, lineOf))
                .setPatches(patches(readable, lineOf))
                .setPullRequests(pullRequests(readable))
                .setReviews(reviews(readable))
                .setThreads(threads(readable))
                .setText("")
                .build();
        digest.setText(textRenderer.apply(digest));
        return digest;
    }

    /** 8 characters of a commit id; an mbox or Maildir ordinal without its zero padding. */
    static String shortId(String commit) {
        if (commit.chars().allMatch(Character::isDigit)) {
            return commit.replaceFirst("^0+(?=.)", "");
        }
        return commit.length() <= 8 ? commit : commit.substring(0, 8);
    }

    private static String listName(List<ParsedMail> mails, String list) {
        for (ParsedMail m : mails) {
            if (m.getListName() != null && !m.getListName().isBlank()) {
                return m.getListName();
            }
        }
        for (ParsedMail m : mails) {
            String fromListId = ListNames.displayName(m.getListId());
            if (fromListId != null) {
                return fromListId;
            }
        }
        return list.toUpperCase(Locale.ROOT);
    }

    private static String domainOf(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? email : email.substring(at + 1);
    }

    private static List<DomainCount> topDomains(List<ParsedMail> mails) {
        Map<String, Integer> counts = new HashMap<>();
        for (ParsedMail m : mails) {
            if (m.getAuthor() != null) {
                counts.merge(domainOf(m.getAuthor().getEmail()), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .limit(TOP)
                .map(e -> new DomainCount(e.getKey(), e.getValue()))
                .toList();
    }

    private static List<Contributor> topContributors(List<ParsedMail> mails) {
        Map<String, Contributor> byEmail = new LinkedHashMap<>();
        for (ParsedMail m : mails) {
            Address author = m.getAuthor();
            if (author != null) {
                byEmail.computeIfAbsent(author.getEmail(), e -> new Contributor(author, 0))
                        .setCount(byEmail.get(author.getEmail()).getCount() + 1);
            }
        }
        return byEmail.values().stream()
                .sorted(Comparator.comparingInt(Contributor::getCount).reversed()
                        .thenComparing(c -> c.getAuthor().getName() + " <" + c.getAuthor().getEmail() + ">", Comparator.reverseOrder()))
                .limit(TOP)
                .toList();
    }

    private static String displayName(Address a) {
        return a.getName() != null ? a.getName() : a.getEmail();
    }

    private static boolean isPatchOrCover(ParsedMail m) {
        return m.getKind() == MailKind.PATCH || m.getKind() == MailKind.COVER_LETTER;
    }

    /**
     * The series lines of the patch list, grouped as {@link SeriesLines} says. A patch sent twice
     * in one posting (a fix-up under the same number) counts once toward "N of M".
     */
    private static List<Series> series(List<ParsedMail> mails, Function<ParsedMail, String> lineOf) {
        Map<String, Series> byKey = new LinkedHashMap<>();
        Map<String, Set<Integer>> numbers = new HashMap<>();
        for (ParsedMail m : mails) {
            if (!isPatchOrCover(m) || m.getAuthor() == null) {
                continue;
            }
            SubjectTags tags = m.getTags();
            int total = tags.getTotal() == null ? 1 : tags.getTotal();
            int version = tags.getVersion() == null ? 1 : tags.getVersion();
            String key = lineOf.apply(m);
            Series s = byKey.computeIfAbsent(key, k -> Series.newBuilder()
                    .setSubject(m.getCleanSubject())
                    .setAuthor(SeriesFacts.poster(m))
                    .setVersion(version)
                    .setTotal(total)
                    .setPresent(0)
                    .setHasCover(false)
                    .setLabels(labels(tags))
                    .setMessageId(m.getMessageId())
                    .build());
            if (m.getKind() == MailKind.COVER_LETTER) {
                s.setHasCover(true);
                s.setSubject(m.getCleanSubject());
                s.setMessageId(m.getMessageId());
            } else if (tags.getNumber() == null || numbers.computeIfAbsent(key, k -> new HashSet<>()).add(tags.getNumber())) {
                s.setPresent(s.getPresent() + 1);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static List<String> labels(SubjectTags tags) {
        List<String> labels = new ArrayList<>();
        if (tags.getRfc()) {
            labels.add("RFC");
        }
        if (tags.getResend()) {
            labels.add("RESEND");
        }
        labels.addAll(tags.getLabels());
        return labels;
    }

    private static List<PatchEntry> patches(List<ParsedMail> mails, Function<ParsedMail, String> lineOf) {
        Set<ParsedMail> superseded = SeriesVersions.superseded(mails, lineOf);
        List<PatchEntry> patches = new ArrayList<>();
        for (ParsedMail m : mails) {
            if (!isPatchOrCover(m) || m.getAuthor() == null) {
                continue;
            }
            Integer number = m.getTags().getNumber();
            // An older version of a series posted in the same range is one line of the series list.
            boolean isNew = (m.getKind() == MailKind.COVER_LETTER || number == null || number <= 1) && !superseded.contains(m);
            Address sender = m.getSender();
            patches.add(PatchEntry.newBuilder()
                    .setKind(m.getKind())
                    .setSubject(m.getSubject())
                    .setCleanSubject(m.getCleanSubject())
                    .setAuthor(m.getAuthor())
                    .setSender(sender != null && !sender.getEmail().equals(m.getAuthor().getEmail()) ? sender : null)
                    .setMessageId(m.getMessageId())
                    .setCommit(m.getCoordinates().getCommit())
                    .setTags(m.getTags())
                    .setIsNew(isNew)
                    .setCommitMessage(m.getCommitMessage())
                    .setNotes(m.getNotes())
                    .setDiffstat(m.getDiffstat())
                    .setDiff(m.getDiff())
                    .setTrailers(m.getTrailers())
                    .build());
        }
        return patches;
    }

    private static List<PullRequest> pullRequests(List<ParsedMail> mails) {
        return mails.stream()
                .filter(m -> m.getKind() == MailKind.PULL_REQUEST && m.getAuthor() != null)
                .map(m -> new PullRequest(m.getSubject(), m.getAuthor(), m.getMessageId()))
                .toList();
    }

    private static List<ReviewActivity> reviews(List<ParsedMail> mails) {
        Map<String, ReviewActivity> byEmail = new LinkedHashMap<>();
        for (ParsedMail m : mails) {
            for (Trailer t : m.getTrailers()) {
                if (t.getPerson() == null) {
                    continue;
                }
                String name = t.getName().toLowerCase(Locale.ROOT);
                if (!name.equals("reviewed-by") && !name.equals("acked-by") && !name.equals("tested-by")) {
                    continue;
                }
                ReviewActivity r = byEmail.computeIfAbsent(t.getPerson().getEmail(),
                        e -> new ReviewActivity(t.getPerson(), 0, 0, 0));
                switch (name) {
                    case "reviewed-by" -> r.setReviewedBy(r.getReviewedBy() + 1);
                    case "acked-by" -> r.setAckedBy(r.getAckedBy() + 1);
                    default -> r.setTestedBy(r.getTestedBy() + 1);
                }
            }
        }
        return byEmail.values().stream()
                .sorted(Comparator.comparingInt((ReviewActivity r) -> r.getReviewedBy() + r.getAckedBy() + r.getTestedBy()).reversed()
                        .thenComparing(r -> displayName(r.getPerson())))
                .limit(TOP)
                .toList();
    }

    /**
     * Replies counted by the root of their thread, each thread once. A reply's own threadRoot is the
     * first id of its References, or its In-Reply-To when it has none; a mailer that drops or cuts
     * References names a message in the middle of the thread there. When that message is in the
     * range, its own root is followed, so that the thread is not listed twice.
     */
    private static List<ThreadActivity> threads(List<ParsedMail> mails) {
        Map<String, String> rootOf = new HashMap<>();
        for (ParsedMail m : mails) {
            if (m.getMessageId() != null && m.getThreadRoot() != null) {
                rootOf.putIfAbsent(m.getMessageId(), m.getThreadRoot());
            }
        }
        Map<String, ThreadActivity> byRoot = new LinkedHashMap<>();
        for (ParsedMail m : mails) {
            if (m.getKind() != MailKind.REPLY || m.getThreadRoot() == null) {
                continue;
            }
            String root = resolvedRoot(m.getThreadRoot(), rootOf);
            byRoot.computeIfAbsent(root, r -> new ThreadActivity(m.getCleanSubject(), r, 0))
                    .setReplies(byRoot.get(root).getReplies() + 1);
        }
        return byRoot.values().stream()
                .sorted(Comparator.comparingInt(ThreadActivity::getReplies).reversed())
                .limit(BUSIEST_THREADS)
                .toList();
    }

    /** The root a chain of threadRoot links within the range ends at; a loop ends where it closes. */
    static String resolvedRoot(String root, Map<String, String> rootOf) {
        Set<String> seen = new HashSet<>();
        String r = root;
        while (seen.add(r)) {
            String next = rootOf.get(r);
            if (next == null || next.equals(r)) {
                return r;
            }
            r = next;
        }
        return r;
    }
}
