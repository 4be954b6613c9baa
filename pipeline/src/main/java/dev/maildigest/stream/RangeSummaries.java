package dev.maildigest.stream;

import java.util.List;
import java.util.function.Function;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RangeSummary;
import dev.maildigest.series.SeriesFacts;

/**
 * A range as the list stage handles it: the range's digest, not yet rendered (its text depends on
 * the series state, which only the list stage has), and the series facts of its messages. The list
 * stage decodes each summary once (a few thousand per archive) and encodes the final digest once.
 */
final class RangeSummaries {
    private RangeSummaries() {
    }

    /** What the range stage emits for a complete range: its digest and its series facts. */
    static Function<List<ParsedMail>, RangeSummary> of(Function<List<ParsedMail>, Digest> digestOfRange) {
        return mails -> new RangeSummary(digestOfRange.apply(mails), SeriesFacts.of(mails));
    }
}
