package dev.maildigest.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.DeadLetter;
import dev.maildigest.ops.PipelineMetrics;
import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.avro.RawMail;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.registry.RecordSerdes;

/**
 * Ingestion of one archive: each range of new commits goes to mail.raw in the same Kafka transaction
 * as the archive's checkpoint after it (a backfill puts several consecutive ranges in one), so that
 * read_committed consumers see a range whole or not at all, and a restart resumes after the last
 * committed range. The producer and the read-ahead thread are those of the {@link IngestWorker} the
 * archive is dealt to; the archive keeps only its reader and checkpoint.
 */
final class ArchiveIngestion implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArchiveIngestion.class);

    private final ArchiveSpec spec;
    private final IngestOptions options;
    private final PipelineConfig config;
    private final Topics topics;
    private final RecordSerdes serdes;
    private final BooleanSupplier stopping;
    private final ArchiveReader reader;
    private KafkaProducer<String, byte[]> producer; // the worker's, during a pass
    private ExecutorService readAhead; // the worker's, during a pass
    private IngestCheckpoint checkpoint;
    private boolean checkpointKnown;
    private boolean startIgnoredLogged;

    ArchiveIngestion(ArchiveSpec spec, IngestOptions options, PipelineConfig config, RecordSerdes serdes,
                     BooleanSupplier stopping) {
        this.spec = spec;
        this.options = options;
        this.config = config;
        this.topics = config.topics();
        this.serdes = serdes;
        this.stopping = stopping;
        this.reader = ArchiveReaders.open(spec, options);
    }

    ArchiveSpec spec() {
        return spec;
    }

    /** Publishes everything the archive has after the checkpoint, range by range, until done or stopped. */
    IngestSummary pass(IngestWorker worker) throws IOException {
        long started = System.nanoTime();
        producer = worker.producer();
        readAhead = worker.readAhead();
        ensureCheckpoint();
        // A starting point (--since, --last) only places an archive's first range; then the checkpoint decides.
        Backlog backlog = checkpoint == null && options.start() != null ? reader.pendingFrom(options.start()) : reader.pending(checkpoint);
        int rewrites = checkpoint == null ? 0 : checkpoint.getRewrites();
        if (backlog.rewritten()) {
            rewrites++;
            log.warn("history rewritten upstream list={} archive={} checkpoint={} resume_after={} new_commits={} rewrites={}",
                    spec.name(), spec.source(), checkpoint.getCommit(),
                    backlog.anchor() == null ? "(start of epoch)" : backlog.anchor().commit(), backlog.entries().size(), rewrites);
            if (backlog.entries().isEmpty()) {
                recordRewrite(backlog.anchor(), rewrites);
            }
        }
        AtomicLong behind = PipelineMetrics.commitsBehind(spec.name());
        behind.set(backlog.entries().size());
        List<PlannedRange> ranges = PlannedRange.numbered(PlannedRange.plan(backlog.entries(), options.maxRange()), ranges(), sequenced());
        boolean backfill = backlog.entries().size() > options.maxRange();
        IngestSummary done = new IngestSummary(0, 0, 0, 0, 0, 0, backlog.rewritten() ? 1 : 0, Duration.ZERO);
        try (BackfillProgress progress = backfill
                ? new BackfillProgress(spec.name(), backlog.entries().size(), BackfillProgress.terminal()) : null) {
            // The next range is read and serialized while the current one is sent and committed.
            Future<PreparedRange> next = ranges.isEmpty() ? null : readAhead(ranges.get(0));
            List<PreparedRange> open = new ArrayList<>(); // sent in the open transaction, not committed yet
            long openBytes = 0;
            boolean stop = stopping.getAsBoolean();
            try {
                for (int i = 0; i < ranges.size() && !stop; i++) {
                    PreparedRange prepared = await(next);
                    next = i + 1 < ranges.size() ? readAhead(ranges.get(i + 1)) : null;
                    if (open.isEmpty()) {
                        producer.beginTransaction();
                    }
                    prepared.records().forEach(producer::send);
                    open.add(prepared);
                    openBytes += prepared.bytes();
                    stop = stopping.getAsBoolean();
                    if (next == null || stop || openBytes >= IngestOptions.TRANSACTION_TARGET_BYTES) {
                        IngestSummary committed = commit(open, rewrites, backfill);
                        done = done.plus(committed);
                        behind.addAndGet(-committed.commits());
                        if (progress != null) {
                            progress.advance(committed.commits(), committed.messages(), committed.bytes());
                        }
                        open.clear();
                        openBytes = 0;
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!open.isEmpty()) {
                    abort(); // its ranges are read and sent again by the next pass, after the checkpoint
                }
                throw e;
            } finally {
                if (next != null) {
                    next.cancel(false); // no interrupt: JGit may close a pack file under an interrupted read
                }
            }
        }
        done = done.withElapsed(Duration.ofNanos(System.nanoTime() - started));
        if (backfill || backlog.rewritten()) {
            log.info("backfill done list={} {}", spec.name(), done);
        }
        return done;
    }

    /** A range read from the archive and serialized, ready to be sent. */
    private record PreparedRange(PlannedRange range, List<ProducerRecord<String, byte[]>> records,
                                 long bytes, int rejected, int deletions, String lastBlob) {
    }

    private Future<PreparedRange> readAhead(PlannedRange range) {
        return readAhead.submit(() -> prepare(range));
    }

    private static PreparedRange await(Future<PreparedRange> next) throws IOException {
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the archive");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Reads the range's messages and serializes them with their dead letters; sends nothing. */
    private PreparedRange prepare(PlannedRange range) throws IOException {
        CommitRange commitRange = range.commitRange();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(range.entries().size() + 1);
        long bytes = 0;
        int rejected = 0;
        int deletions = 0;
        int index = 0;
        String lastBlob = null;
        for (ArchiveEntry entry : range.entries()) {
            if (entry.deletion()) {
                deletions++;
                lastBlob = entry.blob();
                continue;
            }
            ArchiveEntry.LoadedMessage message = entry.content().load(options.maxMessageBytes());
            lastBlob = message.blob() != null ? message.blob() : entry.blob();
            Coordinates coordinates = new Coordinates(spec.name(), spec.source(), entry.epoch(), entry.commit(),
                    entry.ordinal(), commitRange, index++);
            String key = spec.name() + ":" + entry.commit();
            RawMail raw = new RawMail(coordinates, spec.listName(), spec.archiveUrl(), entry.committedAt(), message.size(),
                    message.bytes() == null ? null : ByteBuffer.wrap(message.bytes()), message.rejected());
            records.add(new ProducerRecord<>(topics.raw(), key, serdes.rawMail().serialize(topics.raw(), raw)));
            if (message.rejected() != null) {
                rejected++;
                log.warn("message rejected list={} epoch={} commit={} size={} reason=\"{}\"", spec.name(), entry.epoch(),
                        entry.commit(), message.size(), message.rejected());
                DeadLetter dead = new DeadLetter("ingest", message.rejected(), coordinates, Instant.now(), message.size(), null);
                records.add(new ProducerRecord<>(topics.deadLetters(), key, serdes.deadLetter().serialize(topics.deadLetters(), dead)));
            } else {
                bytes += message.size();
            }
        }
        return new PreparedRange(range, records, bytes, rejected, deletions, lastBlob);
    }

    /** Commits the open transaction: the ranges sent in it and, with them, the checkpoint after the last. */
    private IngestSummary commit(List<PreparedRange> sent, int rewrites, boolean backfill) {
        IngestSummary total = IngestSummary.NONE;
        for (PreparedRange prepared : sent) {
            CommitRange commitRange = prepared.range().commitRange();
            total = total.plus(new IngestSummary(prepared.range().entries().size(), commitRange.getSize(), prepared.rejected(),
                    prepared.deletions(), commitRange.getSize() > 0 ? 1 : 0, prepared.bytes(), 0, Duration.ZERO));
        }
        PreparedRange lastRange = sent.get(sent.size() - 1);
        ArchiveEntry last = lastRange.range().last();
        IngestCheckpoint next = new IngestCheckpoint(spec.name(), spec.source(), last.epoch(), last.commit(), lastRange.lastBlob(),
                last.ordinal(), last.committedAt(), published() + total.messages(), deletions() + total.deletions(),
                ranges() + total.ranges(), rewrites, Instant.now(), sequenced() || total.ranges() > 0);
        send(topics.checkpoints(), spec.name(), serdes.checkpoint().serialize(topics.checkpoints(), next));
        producer.commitTransaction();
        checkpoint = next;
        PipelineMetrics.messagesIngested(spec.name()).increment(total.messages());
        PipelineMetrics.bytesIngested(spec.name()).increment(total.bytes());
        PipelineMetrics.deadLettered("ingest").increment(total.rejected());
        for (PreparedRange prepared : sent) {
            PlannedRange range = prepared.range();
            CommitRange commitRange = range.commitRange();
            String line = "range ingested list={} epoch={} first={} last={} commits={} count={} bytes={} deletions={} rejected={} ordinal={}";
            Object[] args = {spec.name(), range.last().epoch(), commitRange.getFirst(), commitRange.getLast(), commitRange.getCommits(),
                    commitRange.getSize(), prepared.bytes(), prepared.deletions(), prepared.rejected(), range.last().ordinal()};
            if (!backfill || prepared.rejected() > 0) { // a backfill shows its progress instead
                log.info(line, args);
            } else {
                log.debug(line, args);
            }
        }
        return total;
    }

    /** After a rewrite with nothing new: move the checkpoint onto the new history so it is not reported again. */
    private void recordRewrite(ArchiveEntry anchor, int rewrites) {
        IngestCheckpoint.Builder next = IngestCheckpoint.newBuilder(checkpoint).setRewrites(rewrites).setUpdatedAt(Instant.now());
        if (anchor != null) {
            next.setEpoch(anchor.epoch()).setCommit(anchor.commit()).setBlob(anchor.blob()).setCommittedAt(anchor.committedAt());
        }
        IngestCheckpoint moved = next.build();
        producer.beginTransaction();
        try {
            send(topics.checkpoints(), spec.name(), serdes.checkpoint().serialize(topics.checkpoints(), moved));
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
        checkpoint = moved;
    }

    private long published() {
        return checkpoint == null ? 0 : checkpoint.getPublished();
    }

    private long deletions() {
        return checkpoint == null ? 0 : checkpoint.getDeletions();
    }

    private long ranges() {
        return checkpoint == null ? 0 : checkpoint.getRanges();
    }

    /** Whether the last range published carries its sequence, so that the next one can follow it. */
    private boolean sequenced() {
        return checkpoint != null && checkpoint.getSequenced();
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    /**
     * Where the archive stands, as read from the checkpoint topic after every worker fenced its
     * predecessor (the ingester reads it once for all archives).
     */
    void resume(IngestCheckpoint committed) {
        checkpoint = committed;
        checkpointKnown = true;
        if (checkpoint != null && options.start() != null && !startIgnoredLogged) {
            startIgnoredLogged = true;
            log.info("starting point ignored list={} start=\"{}\": the archive has a checkpoint, ingestion resumes after it",
                    spec.name(), options.start());
        }
        if (checkpoint != null) {
            log.info("resuming list={} epoch={} after={} ordinal={} published={} ranges={}", spec.name(), checkpoint.getEpoch(),
                    checkpoint.getCommit(), checkpoint.getOrdinal(), checkpoint.getPublished(), checkpoint.getRanges());
        } else {
            log.info("starting list={} archive={} (no checkpoint yet) from={}", spec.name(), spec.source(),
                    options.start() != null ? options.start() : "the first commit");
        }
    }

    /**
     * After a failure, the checkpoint is read again: the worker's fresh producer has settled the
     * transaction the failure left (committed or aborted), so the topic says where the archive is.
     */
    private void ensureCheckpoint() {
        if (!checkpointKnown) {
            resume(CheckpointStore.readAll(config, serdes).get(spec.name()));
        }
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            log.debug("abort failed list={}: {}", spec.name(), e.toString());
        }
    }

    /** After a failure: the checkpoint is read again before the next pass (the ingester resets the worker). */
    void reset() {
        checkpointKnown = false;
        producer = null;
        readAhead = null;
    }

    @Override
    public void close() {
        reset();
        reader.close(); // after the worker's read-ahead thread stopped: not under a read in progress
    }
}
