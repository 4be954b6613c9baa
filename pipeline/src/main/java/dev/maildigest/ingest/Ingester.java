package dev.maildigest.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 */
public final class Ingester implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Ingester.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(10);

    private final List<Followed> archives = new ArrayList<>();
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

    public Ingester(List<ArchiveSpec> specs, IngestOptions options, PipelineConfig config, SchemaRegistry registry) {
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
        try {
            for (ArchiveSpec spec : specs) {
                archives.add(new Followed(new ArchiveIngestion(spec, options, config, serdes, this::stopping)));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private boolean stopping() {
        return stop.getCount() == 0 || Thread.currentThread().isInterrupted();
    }

    /** One pass over every archive: publishes all that is new. Any failure ends it. */
    public IngestSummary ingestAvailable() {
        working.lock();
        try {
            IngestSummary total = IngestSummary.NONE;
            long started = System.nanoTime();
            for (Followed archive : archives) {
                if (stopping()) {
                    break;
                }
                try {
                    total = total.plus(archive.ingestion.pass());
                } catch (IOException | RuntimeException e) {
                    archive.ingestion.reset();
                    throw asUserError(archive, e);
                }
            }
            return total.withElapsed(Duration.ofNanos(System.nanoTime() - started));
        } finally {
            working.unlock();
        }
    }

    /**
     * Polls every archive each {@code interval} until closed or interrupted. An archive that fails
     * for a reason that may pass (network, broker, registry) is retried after 5 s, 10 s, 20 s... up to
     * 10 min; a failure the user must fix ends the loop with a {@link UserError}.
     */
    public void follow(Duration interval) {
        log.info("following archives={} interval_ms={}", archives.size(), interval.toMillis());
        while (!stopping()) {
            long nextPoll = System.nanoTime() + interval.toNanos();
            working.lock();
            try {
                for (Followed archive : archives) {
                    if (stopping()) {
                        break;
                    }
                    if (System.nanoTime() - archive.retryAt < 0) {
                        nextPoll = Math.min(nextPoll, archive.retryAt);
                        continue;
                    }
                    try {
                        archive.ingestion.pass();
                        if (archive.failures > 0) {
                            log.info("archive reachable again list={} after_failures={}", archive.ingestion.spec().name(), archive.failures);
                        }
                        archive.failures = 0;
                    } catch (IOException | RuntimeException e) {
                        archive.ingestion.reset();
                        if (!transientFailure(e)) {
                            throw asUserError(archive, e);
                        }
                        archive.failures++;
                        Duration delay = retryDelay(archive.failures, interval);
                        archive.retryAt = System.nanoTime() + delay.toNanos();
                        nextPoll = Math.min(nextPoll, archive.retryAt);
                        log.warn("ingest failed, will retry list={} attempt={} retry_in={}s error=\"{}\"",
                                archive.ingestion.spec().name(), archive.failures, delay.toSeconds(), oneLine(e));
                    }
                }
            } finally {
                working.unlock();
            }
            try {
                stop.await(Math.max(0, nextPoll - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("stopped following");
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
            return new UserError("another ingester took over archive " + name + " (same transactional id): stopping this one", e);
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
            for (Followed archive : archives) {
                archive.ingestion.close();
            }
        } finally {
            working.unlock();
        }
    }
}
