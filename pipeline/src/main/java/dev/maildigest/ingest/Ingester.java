package dev.maildigest.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.UserError;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.registry.SchemaRegistry;
import dev.maildigest.registry.SchemaRegistryException;

/**
 * The ingest stage: follows archives and publishes their new messages to mail.raw, range by range,
 * exactly once (see {@link ArchiveIngestion}). {@link #ingestAvailable()} makes one pass;
 * {@link #follow(Duration)} polls until {@link #close()} or an interrupt, retrying an archive that
 * cannot be reached with a growing delay while the others go on.
 *
 * <p>A fixed number of {@link IngestWorker workers} do the work, whatever the number of archives:
 * archive {@code i} of the list is always worker {@code i mod n}'s, so all of an archive's
 * transactions come from one transactional id, and that id's {@code initTransactions} (at start, or
 * after a failure) settles whatever the archive left open before its checkpoint is read.
 */
public final class Ingester implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Ingester.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(10);

    private final List<Followed> archives = new ArrayList<>();
    private final List<IngestWorker> workers = new ArrayList<>();
    private final ExecutorService rounds;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final ReentrantLock working = new ReentrantLock();

    /** An archive and its retry state. */
    private static final class Followed {
        final ArchiveIngestion ingestion;
        int failures;
        long retryAt;

        Followed(ArchiveIngestion ingestion) {
            this.ingestion = ingestion;
        }
    }

    /** With the options' number of workers of an instance named {@code maildigest} (embedding, tests). */
    public Ingester(List<ArchiveSpec> specs, IngestOptions options, PipelineConfig config, SchemaRegistry registry) {
        this(specs, options, WorkerIds.of("maildigest", options.workers()), config, registry);
    }

    public Ingester(List<ArchiveSpec> specs, IngestOptions options, WorkerIds ids, PipelineConfig config, SchemaRegistry registry) {
        if (specs.isEmpty()) {
            throw new UserError("no archive to ingest: give a path or URL, or --archives FILE");
        }
        var names = new HashSet<String>();
        for (ArchiveSpec spec : specs) {
            if (!names.add(spec.name())) {
                throw new UserError("two archives are named '" + spec.name() + "': names must be unique (they key the checkpoints)");
            }
        }
        RecordSerdes serdes = RecordSerdes.using(registry);
        int count = Math.min(ids.workers(), specs.size()); // no idle producer
        rounds = Executors.newFixedThreadPool(count, new ThreadFactory() {
            private final AtomicInteger next = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "ingest-worker-" + next.getAndIncrement());
                t.setDaemon(true);
                return t;
            }
        });
        try {
            for (int i = 0; i < count; i++) {
                workers.add(new IngestWorker(i, ids.transactionalId(config.topics(), i), config, serdes));
            }
            for (ArchiveSpec spec : specs) {
                archives.add(new Followed(new ArchiveIngestion(spec, options, config, serdes, this::stopping)));
            }
            start(ids, config, serdes);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Fences the ids of an earlier run (ours, and those it had beyond ours), which settles the
     * transactions it left open; only then is the checkpoint topic read, once for every archive.
     */
    private void start(WorkerIds ids, PipelineConfig config, RecordSerdes serdes) {
        for (IngestWorker worker : workers) {
            worker.producer();
        }
        for (int i = workers.size(); i < ids.retired(); i++) {
            IngestWorker.fence(ids.transactionalId(config.topics(), i), config, serdes);
        }
        Map<String, IngestCheckpoint> committed = CheckpointStore.readAll(config, serdes);
        for (Followed archive : archives) {
            archive.ingestion.resume(committed.get(archive.ingestion.spec().name()));
        }
        log.info("ingest workers={} archives={} transactional_ids={}", workers.size(), archives.size(),
                workers.stream().map(IngestWorker::transactionalId).toList());
    }

    /** The archives dealt to {@code worker}: every n-th, from its index on. */
    private List<Followed> dealtTo(IngestWorker worker) {
        List<Followed> dealt = new ArrayList<>();
        for (int i = worker.index(); i < archives.size(); i += workers.size()) {
            dealt.add(archives.get(i));
        }
        return dealt;
    }

    /** What one worker does in a round, on its own thread; returns what it published. */
    private interface Share {
        IngestSummary run(IngestWorker worker, List<Followed> dealt) throws IOException;
    }

    /**
     * Runs {@code share} on every worker at once and waits for all of them. The first failure is
     * thrown once all are done (each finishes its current range: no worker is interrupted).
     */
    private IngestSummary round(Share share) {
        ServerManifest.newRound(); // a server root's manifest is read once per round, by the first of its inboxes
        List<Future<IngestSummary>> running = new ArrayList<>();
        for (IngestWorker worker : workers) {
            List<Followed> dealt = dealtTo(worker);
            running.add(rounds.submit(() -> share.run(worker, dealt)));
        }
        IngestSummary total = IngestSummary.NONE;
        RuntimeException first = null;
        for (Future<IngestSummary> result : running) {
            try {
                total = total.plus(awaitUninterruptibly(result));
            } catch (ExecutionException e) {
                RuntimeException failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (first == null) {
                    first = failure;
                    roundFailed = true; // the other workers stop after their current archive
                }
            }
        }
        roundFailed = false;
        if (first != null) {
            throw first;
        }
        return total;
    }

    private IngestSummary awaitUninterruptibly(Future<IngestSummary> result) throws ExecutionException {
        while (true) {
            try {
                return result.get();
            } catch (InterruptedException e) {
                stop.countDown(); // an interrupted caller wants the ingester to stop: the workers see it between ranges
                interrupted = true;
            }
        }
    }

    private volatile boolean roundFailed;
    private volatile boolean interrupted;

    private boolean stopping() {
        return stop.getCount() == 0 || Thread.currentThread().isInterrupted();
    }

    /** One pass over every archive: publishes all that is new. Any failure ends it. */
    public IngestSummary ingestAvailable() {
        working.lock();
        try {
            long started = System.nanoTime();
            IngestSummary total = round((worker, dealt) -> {
                IngestSummary mine = IngestSummary.NONE;
                for (Followed archive : dealt) {
                    if (stopping() || roundFailed) {
                        break;
                    }
                    try {
                        mine = mine.plus(archive.ingestion.pass(worker));
                    } catch (IOException | RuntimeException e) {
                        reset(archive, worker);
                        throw asUserError(archive, e);
                    }
                }
                return mine;
            });
            return total.withElapsed(Duration.ofNanos(System.nanoTime() - started));
        } finally {
            working.unlock();
            restoreInterrupt();
        }
    }

    private void restoreInterrupt() {
        if (interrupted) {
            interrupted = false;
            Thread.currentThread().interrupt();
        }
    }

    /** The archive's checkpoint is read again and the worker's producer made again: the failure may have left either unsure. */
    private static void reset(Followed archive, IngestWorker worker) {
        archive.ingestion.reset();
        worker.reset();
    }

    /**
     * Polls every archive each {@code interval} until closed or interrupted. An archive that fails
     * for a reason that may pass (network, broker, registry) is retried after 5 s, 10 s, 20 s... up to
     * 10 min; a failure the user must fix ends the loop with a {@link UserError}.
     */
    public void follow(Duration interval) {
        log.info("following archives={} workers={} interval_ms={}", archives.size(), workers.size(), interval.toMillis());
        RoundCost cost = new RoundCost();
        while (!stopping()) {
            long roundStart = System.nanoTime();
            long nextRound = roundStart + interval.toNanos();
            AtomicLong nextPoll = new AtomicLong(nextRound);
            IngestSummary published;
            working.lock();
            try {
                cost.start();
                published = round((worker, dealt) -> {
                    long cpu = RoundCost.threadCpu();
                    try {
                        return followRound(worker, dealt, interval, nextPoll);
                    } finally {
                        cost.addWorkerCpu(RoundCost.threadCpu() - cpu);
                    }
                });
                cost.log(archives.size(), published);
            } finally {
                working.unlock();
                restoreInterrupt();
            }
            try {
                stop.await(Math.max(0, nextPoll.get() - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("stopped following");
    }

    /** One worker's share of a poll: each of its archives that is due, a failing one retried later. */
    private IngestSummary followRound(IngestWorker worker, List<Followed> dealt, Duration interval, AtomicLong nextPoll) throws IOException {
        IngestSummary mine = IngestSummary.NONE;
        for (Followed archive : dealt) {
            if (stopping() || roundFailed) {
                break;
            }
            if (System.nanoTime() - archive.retryAt < 0) {
                nextPoll.accumulateAndGet(archive.retryAt, Math::min);
                continue;
            }
            try {
                mine = mine.plus(archive.ingestion.pass(worker));
                if (archive.failures > 0) {
                    log.info("archive reachable again list={} after_failures={}", archive.ingestion.spec().name(), archive.failures);
                }
                archive.failures = 0;
            } catch (IOException | RuntimeException e) {
                reset(archive, worker);
                if (!transientFailure(e)) {
                    throw asUserError(archive, e);
                }
                archive.failures++;
                Duration delay = retryDelay(archive.failures, interval);
                archive.retryAt = System.nanoTime() + delay.toNanos();
                nextPoll.accumulateAndGet(archive.retryAt, Math::min);
                log.warn("ingest failed, will retry list={} attempt={} retry_in={}s error=\"{}\"",
                        archive.ingestion.spec().name(), archive.failures, delay.toSeconds(), oneLine(e));
            }
        }
        return mine;
    }

    /** 5 s doubled at each failure, at most 10 min (or the poll interval when that is longer). */
    static Duration retryDelay(int failures, Duration interval) {
        Duration longest = interval.compareTo(LONGEST_RETRY) > 0 ? interval : LONGEST_RETRY;
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
        return delay.compareTo(longest) > 0 ? longest : delay;
    }

    /** Network, broker or registry trouble that waiting may cure; not a fenced producer or a refused login. */
    static boolean transientFailure(Throwable e) {
        if (e instanceof SchemaRegistryException r) {
            return r.status() < 0 || r.status() >= 500;
        }
        if (e instanceof ProducerFencedException || e instanceof AuthorizationException || e instanceof AuthenticationException
                || e instanceof RecordTooLargeException || e instanceof SerializationException) {
            return false;
        }
        return e instanceof IOException || (e instanceof KafkaException && !(e instanceof UserError));
    }

    private static UserError asUserError(Followed archive, Throwable e) {
        String name = archive.ingestion.spec().name();
        if (e instanceof UserError user) {
            return user;
        }
        if (e instanceof ProducerFencedException) {
            return new UserError("another ingester with the same instance id took over archive " + name
                    + " (same transactional id; two processes share a data folder or copied it): stopping this one", e);
        }
        return new UserError("ingesting " + name + " failed: " + oneLine(e), e);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return message.replaceAll("\\s+", " ");
    }

    /** Stops following after the range being published, then releases the producers and repositories. */
    @Override
    public void close() {
        stop.countDown();
        working.lock();
        try {
            for (IngestWorker worker : workers) {
                worker.close(); // after its read-ahead thread stopped: the readers are closed below
            }
            for (Followed archive : archives) {
                archive.ingestion.close();
            }
            workers.clear();
            archives.clear();
        } finally {
            working.unlock();
        }
        rounds.shutdown();
    }
}
