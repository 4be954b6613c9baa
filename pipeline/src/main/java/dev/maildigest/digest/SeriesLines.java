package dev.maildigest.digest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.SubjectTags;
import dev.maildigest.series.SeriesFacts;

/**
 * How one range's patches and cover letters group into the lines of the digest's series list:
 * one poster, version and total (N > 1); a patch with no total stands alone. When the same poster,
 * version and total hold two mails of the same number in different threads (two series posted in
 * one range, or one posted twice), the thread tells them apart. Otherwise the thread is not asked:
 * a series sent without threading (each patch its own thread) is still one line.
 */
final class SeriesLines {
    private SeriesLines() {
    }

    /** The line key of each patch or cover letter among {@code mails}. */
    static Function<ParsedMail, String> of(List<ParsedMail> mails) {
        Map<String, Map<Integer, Set<String>>> threadsByNumber = new HashMap<>();
        for (ParsedMail m : mails) {
            String base = base(m);
            if (base != null && m.getTags().getNumber() != null && m.getThreadRoot() != null) {
                threadsByNumber.computeIfAbsent(base, b -> new HashMap<>())
                        .computeIfAbsent(m.getTags().getNumber(), n -> new HashSet<>()).add(m.getThreadRoot());
            }
        }
        Set<String> postedTwice = new HashSet<>();
        threadsByNumber.forEach((base, numbers) -> {
            if (numbers.values().stream().anyMatch(threads -> threads.size() > 1)) {
                postedTwice.add(base);
            }
        });
        return m -> {
            String base = base(m);
            if (base == null) {
                return "single " + m.getCoordinates().getIndex();
            }
            return postedTwice.contains(base) && m.getThreadRoot() != null ? base + " in " + m.getThreadRoot() : base;
        };
    }

    /** Poster, version and total of a mail of a series; null for a patch that stands alone. */
    private static String base(ParsedMail m) {
        if (m.getKind() != MailKind.PATCH && m.getKind() != MailKind.COVER_LETTER || m.getAuthor() == null) {
            return null;
        }
        SubjectTags tags = m.getTags();
        int total = tags.getTotal() == null ? 1 : tags.getTotal();
        int version = tags.getVersion() == null ? 1 : tags.getVersion();
        return total > 1 ? SeriesFacts.poster(m).getEmail().toLowerCase(Locale.ROOT) + " v" + version + " /" + total : null;
    }
}
