package dev.maildigest.stream;

import java.util.function.LongSupplier;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.RangeSummary;
import dev.maildigest.ops.PipelineEvents;

/**
 * The list stage: receives the digests of one list's ranges ({@link RangeSummaries}), keyed by
 * list, in whatever order the parallel range stage finished them, and passes them on in archive
 * order, keyed by range, to {@link SeriesTracking} (same task, same list), which makes the final digest.
 *
 * <p>The ingester numbers each range ({@link CommitRange#getSequence()}) and names the one it
 * follows ({@link CommitRange#getFollows()}). A digest goes out when the one it follows is out
 * (or it follows none); one that arrives early waits in {@link DigestTopology#WAITING_STORE} under
 * the sequence it follows, so that the digest going out finds its successor with one lookup. The
 * last sequence out per list is in {@link DigestTopology#LAST_OUT_STORE}: a digest at or below it,
 * or one already waiting, is a repeat and is ignored. A digest without a sequence (written before
 * ranges were numbered) goes out at once: there is no order to keep.
 */
final class ArchiveOrder implements Processor<String, RangeSummary, String, RangeSummary> {
    private static final Logger log = LoggerFactory.getLogger(ArchiveOrder.class);

    private final LongSupplier nanoClock;
    private ProcessorContext<String, RangeSummary> context;
    private KeyValueStore<String, RangeSummary> waiting;
    private KeyValueStore<String, Long> lastOut;
    private long nextCommitRequest;

    ArchiveOrder(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public void init(ProcessorContext<String, RangeSummary> context) {
        this.context = context;
        this.waiting = context.getStateStore(DigestTopology.WAITING_STORE);
        this.lastOut = context.getStateStore(DigestTopology.LAST_OUT_STORE);
        this.nextCommitRequest = nanoClock.getAsLong();
    }

    @Override
    public void process(Record<String, RangeSummary> record) {
        String list = record.key();
        RangeSummary digest = record.value();
        CommitRange range = digest.getDigest().getRange();
        if (range.getSequence() == 0) {
            emit(record, digest);
            paceCommit();
            return;
        }
        Long last = lastOut.get(list);
        if (last != null && range.getSequence() <= last) {
            log.debug("digest already out ignored list={} sequence={} last_out={}", list, range.getSequence(), last);
            return;
        }
        if (range.getFollows() != 0 && (last == null || range.getFollows() != last)) {
            String key = waitingKey(list, range.getFollows());
            if (waiting.get(key) != null) {
                log.debug("digest already waiting ignored list={} sequence={}", list, range.getSequence());
            } else {
                waiting.put(key, digest);
                log.debug("digest waits for its predecessor list={} sequence={} follows={} last_out={}",
                        list, range.getSequence(), range.getFollows(), last);
            }
            return;
        }
        long out = emit(record, digest);
        for (RangeSummary next = waiting.get(waitingKey(list, out)); next != null; next = waiting.get(waitingKey(list, out))) {
            waiting.delete(waitingKey(list, out));
            out = emit(record, next);
        }
        lastOut.put(list, out);
        paceCommit();
    }

    /** Forwards the range's summary, keyed by its range, to the series step; returns its sequence. */
    private long emit(Record<String, RangeSummary> trigger, RangeSummary summary) {
        Digest d = summary.getDigest();
        context.forward(trigger.withKey(RangeKeys.range(d.getList(), d.getRange())).withValue(summary));
        PipelineEvents.digestEmitted(d.getList(), d.getFirstShort(), d.getLastShort(), d.getMessages(), d.getParseFailures());
        return d.getRange().getSequence();
    }

    /** A digest is what a follower waits for: publish it now, unless a commit was asked for a moment ago. */
    private void paceCommit() {
        long now = nanoClock.getAsLong();
        if (now - nextCommitRequest >= 0) {
            context.commit();
            nextCommitRequest = now + RangeAggregator.COMMIT_GAP_NANOS;
        }
    }

    /** {@code <list>/<follows, zero-padded>}: the digest that goes out right after {@code follows}. */
    static String waitingKey(String list, long follows) {
        String digits = Long.toString(follows);
        return list + "/" + "0".repeat(Math.max(0, 19 - digits.length())) + digits;
    }
}
