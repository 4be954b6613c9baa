package dev.maildigest.stream;

import java.util.function.Function;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.RangeSummary;
import dev.maildigest.series.SeriesTracker;

/**
 * The list stage's second step: takes each range of a list in archive order (from
 * {@link ArchiveOrder}, same task), applies its series facts to the list's series state
 * ({@link SeriesTracker}, all state in the stage's stores, so exactly once holds), and emits the
 * final digest with its series activity and its text rendered.
 */
final class SeriesTracking implements Processor<String, RangeSummary, String, Digest> {
    private final Function<Digest, String> textRenderer;
    private ProcessorContext<String, Digest> context;
    private SeriesTracker tracker;

    SeriesTracking(Function<Digest, String> textRenderer) {
        this.textRenderer = textRenderer;
    }

    @Override
    public void init(ProcessorContext<String, Digest> context) {
        this.context = context;
        this.tracker = new SeriesTracker(
                new StoreKeyValues<>(context.getStateStore(DigestTopology.SERIES_INDEX_STORE)),
                new StoreKeyValues<>(context.getStateStore(DigestTopology.SERIES_VERSIONS_STORE)),
                new StoreKeyValues<>(context.getStateStore(DigestTopology.SERIES_LINEAGE_STORE)),
                new StoreKeyValues<>(context.getStateStore(DigestTopology.SERIES_RETENTION_STORE)));
    }

    @Override
    public void process(Record<String, RangeSummary> record) {
        Digest digest = tracker.apply(record.value().getDigest(), record.value().getFacts());
        digest.setText(textRenderer.apply(digest));
        context.forward(record.withValue(digest));
    }
}
