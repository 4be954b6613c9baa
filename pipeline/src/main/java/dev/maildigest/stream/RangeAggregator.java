package dev.maildigest.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.ops.PipelineEvents;
import dev.maildigest.ops.PipelineMetrics;
import io.micrometer.core.instrument.Timer;

/**
 * Collects the parsed messages of each commit range and emits the range's digest once all of them
 * have arrived, whatever their order; a message seen twice (same range, same index) is ignored.
 * The range's state is deleted when its digest is emitted. Completion is decided by counting
 * against the range size the ingester stamped on every record, never by a clock.
 */
final class RangeAggregator implements Processor<String, ParsedMail, String, Digest> {
    private static final Logger log = LoggerFactory.getLogger(RangeAggregator.class);
    private static final StringSerializer KEYS = new StringSerializer();
    private static final Timer AGGREGATE_TIME = PipelineMetrics.stageTime("aggregate");
    /**
     * A digest asks for an immediate commit unless one was asked for less than this ago. A follower's
     * digests are seconds apart and all go out at once; a backfill's come by the dozen a second, and
     * committing after each cost a tenth of its throughput: they wait for the next commit interval.
     */
    static final long COMMIT_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Function<List<ParsedMail>, Digest> digestOfRange;
    private final LongSupplier nanoClock;
    private ProcessorContext<String, Digest> context;
    private KeyValueStore<String, ParsedMail> messages;
    private KeyValueStore<String, Integer> arrived;
    private long nextCommitRequest;

    RangeAggregator(Function<List<ParsedMail>, Digest> digestOfRange, LongSupplier nanoClock) {
        this.digestOfRange = digestOfRange;
        this.nanoClock = nanoClock;
    }

    @Override
    public void init(ProcessorContext<String, Digest> context) {
        this.context = context;
        this.messages = context.getStateStore(DigestTopology.MESSAGES_STORE);
        this.arrived = context.getStateStore(DigestTopology.ARRIVED_STORE);
        this.nextCommitRequest = nanoClock.getAsLong();
    }

    @Override
    public void process(Record<String, ParsedMail> record) {
        long started = System.nanoTime();
        collect(record);
        AGGREGATE_TIME.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private void collect(Record<String, ParsedMail> record) {
        String range = record.key();
        ParsedMail mail = record.value();
        int size = mail.getCoordinates().getRange().getSize();
        String messageKey = RangeKeys.message(range, mail.getCoordinates().getIndex());
        if (messages.get(messageKey) != null) {
            log.debug("duplicate ignored range={} index={}", range, mail.getCoordinates().getIndex());
            return;
        }
        Integer before = arrived.get(range);
        int count = (before == null ? 0 : before) + 1;
        if (before == null && size > 1) {
            PipelineMetrics.rangesOpen().incrementAndGet();
        }
        if (count < size) {
            messages.put(messageKey, mail);
            arrived.put(range, count);
            return;
        }
        List<ParsedMail> all = new ArrayList<>(size);
        List<String> stored = new ArrayList<>(size);
        try (KeyValueIterator<String, ParsedMail> it = messages.prefixScan(RangeKeys.messagePrefix(range), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, ParsedMail> entry = it.next();
                stored.add(entry.key);
                all.add(entry.value);
            }
        }
        stored.forEach(messages::delete); // after the scan: stores are not modified under an open iterator
        all.add(mail);
        all.sort(java.util.Comparator.comparingInt(m -> m.getCoordinates().getIndex()));
        arrived.delete(range);
        if (size > 1) {
            PipelineMetrics.rangesOpen().decrementAndGet();
        }
        Digest digest = digestOfRange.apply(all);
        context.forward(record.withValue(digest));
        long now = nanoClock.getAsLong();
        if (now - nextCommitRequest >= 0) {
            context.commit(); // a digest is what a follower waits for: publish it now, not at the next commit interval
            nextCommitRequest = now + COMMIT_GAP_NANOS;
        }
        PipelineEvents.digestEmitted(digest.getList(), digest.getFirstShort(), digest.getLastShort(),
                digest.getMessages(), digest.getParseFailures());
    }
}
