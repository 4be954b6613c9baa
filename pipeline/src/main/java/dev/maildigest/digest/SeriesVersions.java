package dev.maildigest.digest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.SubjectTags;
import dev.maildigest.series.SeriesFacts;
import dev.maildigest.series.SeriesTitles;

/**
 * Several versions of one series posted in one range. A version is what the series list shows as
 * one line ({@link SeriesLines}; a patch alone is a version of itself). Two versions are of the
 * same series when they share b4's change-id, or the poster and the title (the cover's subject, else the first patch's; a version with neither in the range has
 * no title) up to case and spacing. The newest is the
 * highest version, the later one on a tie (a resend).
 */
final class SeriesVersions {
    private SeriesVersions() {
    }

    /**
     * The patches and covers of versions that a newer version in the same mails supersedes;
     * {@code lineOf} is the series list's grouping of these mails ({@link SeriesLines#of}).
     */
    static Set<ParsedMail> superseded(List<ParsedMail> mails, Function<ParsedMail, String> lineOf) {
        Map<String, Version> byKey = new LinkedHashMap<>();
        for (ParsedMail m : mails) {
            if (m.getKind() != MailKind.PATCH && m.getKind() != MailKind.COVER_LETTER || m.getAuthor() == null) {
                continue;
            }
            byKey.computeIfAbsent(lineOf.apply(m), k -> new Version(byKey.size())).add(m);
        }
        List<Version> versions = new ArrayList<>(byKey.values());
        if (versions.size() < 2) {
            return Collections.emptySet();
        }
        // Versions linked by either identity are one series: a small union-find over the versions.
        int[] parent = new int[versions.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstWith = new HashMap<>();
        for (Version v : versions) {
            for (String identity : v.identities()) {
                Integer other = firstWith.putIfAbsent(identity, v.index);
                if (other != null) {
                    parent[find(parent, v.index)] = find(parent, other);
                }
            }
        }
        Map<Integer, Version> newest = new HashMap<>();
        for (Version v : versions) {
            newest.merge(find(parent, v.index), v, (a, b) -> b.version >= a.version ? b : a);
        }
        Set<ParsedMail> superseded = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Version v : versions) {
            if (newest.get(find(parent, v.index)) != v) {
                superseded.addAll(v.mails);
            }
        }
        return superseded;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static final class Version {
        final int index;
        final List<ParsedMail> mails = new ArrayList<>();
        int version;
        String poster;
        String changeId;
        String title;
        boolean titleFromCover;

        Version(int index) {
            this.index = index;
        }

        void add(ParsedMail m) {
            mails.add(m);
            SubjectTags tags = m.getTags();
            version = tags.getVersion() == null ? 1 : tags.getVersion();
            poster = SeriesFacts.poster(m).getEmail().toLowerCase(Locale.ROOT);
            if (changeId == null && m.getChangeId() != null) {
                changeId = m.getChangeId();
            }
            // Only a cover or a first patch titles a series: patch 56 of a pull's series that
            // carries someone's lone patch is not a new version of it.
            int number = tags.getNumber() == null ? 1 : tags.getNumber();
            boolean cover = m.getKind() == MailKind.COVER_LETTER;
            if (!titleFromCover && (cover || number <= 1) && m.getCleanSubject() != null && !m.getCleanSubject().isBlank()) {
                title = SeriesTitles.comparable(m.getCleanSubject());
                titleFromCover = cover;
            }
        }

        List<String> identities() {
            List<String> ids = new ArrayList<>(2);
            if (changeId != null) {
                ids.add("change-id " + changeId);
            }
            if (title != null) {
                ids.add("title " + poster + " " + title);
            }
            return ids;
        }
    }
}
