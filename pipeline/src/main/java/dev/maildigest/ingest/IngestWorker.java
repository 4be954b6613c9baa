package dev.maildigest.ingest;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.ops.OpsServer;
import dev.maildigest.registry.RecordSerdes;

/**
 * One of the ingester's fixed workers: a transactional producer under a stable id (see
 * {@link WorkerIds}) and one read-ahead thread, shared by the archives dealt to it, one at a time.
 * The archives own only their reader and checkpoint, so following more lists adds no producer,
 * buffer or thread.
 */
final class IngestWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestWorker.class);

    private final int index;
    private final String transactionalId;
    private final PipelineConfig config;
    private final RecordSerdes serdes;
    private final ExecutorService readAhead;
    private KafkaProducer<String, byte[]> producer;
    private AutoCloseable producerMetrics;

    IngestWorker(int index, String transactionalId, PipelineConfig config, RecordSerdes serdes) {
        this.index = index;
        this.transactionalId = transactionalId;
        this.config = config;
        this.serdes = serdes;
        this.readAhead = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingest-read-" + index);
            t.setDaemon(true);
            return t;
        });
    }

    int index() {
        return index;
    }

    String transactionalId() {
        return transactionalId;
    }

    /** Reads and serializes the next range while the current one is sent and committed. */
    ExecutorService readAhead() {
        return readAhead;
    }

    /**
     * The producer, made on first use: its {@code initTransactions} fences an older producer with the
     * same id (a zombie, or this worker before a failure) and settles its last transaction, committed
     * or aborted, so a checkpoint read after it is the truth.
     */
    KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            KafkaProducer<String, byte[]> made = new KafkaProducer<>(config.transactionalProducer(transactionalId, transactionalId),
                    serdes.key(), new ByteArraySerializer());
            try {
                made.initTransactions();
            } catch (RuntimeException e) {
                made.close(Duration.ofSeconds(5));
                throw e;
            }
            producer = made;
            producerMetrics = OpsServer.bind(producer);
            log.debug("ingest worker ready worker={} transactional_id={}", index, transactionalId);
        }
        return producer;
    }

    /** Fences the id of a worker an earlier run had and this one has not, settling its transaction. */
    static void fence(String transactionalId, PipelineConfig config, RecordSerdes serdes) {
        try (var retired = new KafkaProducer<>(config.transactionalProducer(transactionalId, transactionalId),
                serdes.key(), new ByteArraySerializer())) {
            retired.initTransactions();
        }
    }

    /** Drops the producer after a failure: the next use makes a fresh one, which settles what this one left. */
    void reset() {
        if (producer != null) {
            try {
                producerMetrics.close();
            } catch (Exception e) {
                log.debug("unbinding the producer metrics failed worker={}: {}", index, e.toString());
            }
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.debug("closing the producer failed worker={}: {}", index, e.toString());
            }
            producer = null;
        }
    }

    @Override
    public void close() {
        reset();
        readAhead.shutdown(); // no interrupt: JGit may close a pack file under an interrupted read
        try {
            readAhead.awaitTermination(10, TimeUnit.SECONDS); // the readers are closed after this
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
