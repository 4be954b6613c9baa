package dev.maildigest.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RangeSummary;
import dev.maildigest.ops.PipelineMetrics;
import io.micrometer.core.instrument.Timer;

/**
 * Collects the parsed messages of each commit range and emits the range's summary (its digest and
 * series facts, {@link RangeSummaries}), keyed by list,
 * once all of them have arrived, whatever their order ({@link ArchiveOrder} puts the digests of a
 * list in archive order). Completion is decided by counting against the range size the
 * ingester stamped on every record, never by a clock. A message seen twice (same range, same index)
 * is ignored, and so is any message of a range already digested: the range is remembered for
 * {@link #COMPLETED_RETENTION}, so a late or repeated record never reopens it.
 *
 * <p>Each record goes through the same steps, one method each: {@link #isDuplicate duplicate
 * check}, {@link #remember}, then for the last message {@link #drain}, {@link #emit} and
 * {@link #paceCommit commit pacing}.
 */
final class RangeAggregator implements Processor<String, RangeMail, String, RangeSummary> {
    private static final Logger log = LoggerFactory.getLogger(RangeAggregator.class);
    private static final StringSerializer KEYS = new StringSerializer();
    private static final Timer AGGREGATE_TIME = PipelineMetrics.stageTime("aggregate");
    /**
     * A digest asks for an immediate commit unless one was asked for less than this ago. A follower's
     * digests are seconds apart and all go out at once; a backfill's come by the dozen a second, and
     * committing after each cost a tenth of its throughput: they wait for the next commit interval.
     */
    static final long COMMIT_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /**
     * How long a digested range is remembered. Repeats come from a re-ingested archive or a replayed
     * topic, within days; a month bounds the store at a month of ranges (a few thousand keys per list).
     */
    static final Duration COMPLETED_RETENTION = Duration.ofDays(30);
    /** How often ranges older than the retention are forgotten (wall-clock time). */
    static final Duration EXPIRY_INTERVAL = Duration.ofHours(1);

    private final Function<List<ParsedMail>, RangeSummary> summaryOfRange;
    private final Function<byte[], ParsedMail> decoder;
    private final LongSupplier nanoClock;
    private ProcessorContext<String, RangeSummary> context;
    /** Each message as the bytes it arrived in: decoded once, when its range is complete. */
    private KeyValueStore<String, byte[]> messages;
    private KeyValueStore<String, Integer> arrived;
    private KeyValueStore<String, Long> completed;
    private String task;
    private int openRanges;
    private long nextCommitRequest;

    /** @param decoder reads a message's bytes as they came from the re-partition ({@link RangeMail#encoded}) */
    RangeAggregator(Function<List<ParsedMail>, RangeSummary> summaryOfRange, Function<byte[], ParsedMail> decoder, LongSupplier nanoClock) {
        this.summaryOfRange = summaryOfRange;
        this.decoder = decoder;
        this.nanoClock = nanoClock;
    }

    @Override
    public void init(ProcessorContext<String, RangeSummary> context) {
        this.context = context;
        this.messages = context.getStateStore(DigestTopology.MESSAGES_STORE);
        this.arrived = context.getStateStore(DigestTopology.ARRIVED_STORE);
        this.completed = context.getStateStore(DigestTopology.COMPLETED_STORE);
        this.nextCommitRequest = nanoClock.getAsLong();
        this.task = context.taskId().toString();
        this.openRanges = countOpenRanges();
        PipelineMetrics.rangesOpen(task, openRanges);
        context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forgetOldRanges);
    }

    /** The open ranges are the keys of the arrival counts: restored with the store after a restart. */
    private int countOpenRanges() {
        int open = 0;
        try (KeyValueIterator<String, Integer> it = arrived.all()) {
            while (it.hasNext()) {
                it.next();
                open++;
            }
        }
        return open;
    }

    @Override
    public void process(Record<String, RangeMail> record) {
        long started = System.nanoTime();
        collect(record);
        AGGREGATE_TIME.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private void collect(Record<String, RangeMail> record) {
        String range = record.key();
        RangeMail mail = record.value();
        int size = mail.coordinates().getRange().getSize();
        if (isDuplicate(range, mail.coordinates())) {
            return;
        }
        if (remember(range, mail, size) < size) {
            return;
        }
        List<ParsedMail> all = drain(range, size);
        emit(record, all);
        paceCommit();
    }

    /** A message already stored, or of a range whose digest is out: either way nothing to do. */
    private boolean isDuplicate(String range, Coordinates coordinates) {
        int index = coordinates.getIndex();
        if (completed.get(range) != null) {
            log.debug("message of a digested range ignored range={} index={}", range, index);
            return true;
        }
        if (messages.get(RangeKeys.message(range, index)) != null) {
            log.debug("duplicate ignored range={} index={}", range, index);
            return true;
        }
        return false;
    }

    /** Stores the message and counts it; returns how many of the range's messages are in. */
    private int remember(String range, RangeMail mail, int size) {
        messages.put(RangeKeys.message(range, mail.coordinates().getIndex()), mail.encoded());
        Integer before = arrived.get(range);
        int count = (before == null ? 0 : before) + 1;
        if (count < size) {
            arrived.put(range, count);
            if (before == null) {
                opened(1);
            }
        }
        return count;
    }

    /**
     * Takes the range's messages out of the store, in index order, and marks the range digested
     * (completed, with the wall-clock time, for the retention).
     */
    private List<ParsedMail> drain(String range, int size) {
        List<ParsedMail> all = new ArrayList<>(size);
        List<String> stored = new ArrayList<>(size);
        try (KeyValueIterator<String, byte[]> it = messages.prefixScan(RangeKeys.messagePrefix(range), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> entry = it.next();
                stored.add(entry.key);
                all.add(decoder.apply(entry.value));
            }
        }
        stored.forEach(messages::delete); // after the scan: stores are not modified under an open iterator
        all.sort(Comparator.comparingInt(m -> m.getCoordinates().getIndex()));
        if (size > 1) {
            arrived.delete(range);
            opened(-1);
        }
        completed.put(range, context.currentSystemTimeMs());
        return all;
    }

    private void emit(Record<String, RangeMail> last, List<ParsedMail> all) {
        RangeSummary summary = summaryOfRange.apply(all);
        context.forward(last.withKey(summary.getDigest().getList()).withValue(summary)); // to the list stage, in archive order
    }

    /** A digest is what a follower waits for: pass it on now, unless one was committed a moment ago. */
    private void paceCommit() {
        long now = nanoClock.getAsLong();
        if (now - nextCommitRequest >= 0) {
            context.commit();
            nextCommitRequest = now + COMMIT_GAP_NANOS;
        }
    }

    private void opened(int delta) {
        openRanges += delta;
        PipelineMetrics.rangesOpen(task, openRanges);
    }

    /** Forgets digested ranges older than the retention (tombstones, so the changelog compacts them away). */
    private void forgetOldRanges(long now) {
        long oldest = now - COMPLETED_RETENTION.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = completed.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> entry = it.next();
                if (entry.value < oldest) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(completed::delete);
        if (!expired.isEmpty()) {
            log.debug("digested ranges forgotten count={} older_than_days={}", expired.size(), COMPLETED_RETENTION.toDays());
        }
    }

    @Override
    public void close() {
        PipelineMetrics.forgetRangesOpen(task);
    }
}
