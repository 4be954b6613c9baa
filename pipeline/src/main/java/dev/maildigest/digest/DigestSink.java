package dev.maildigest.digest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.Digest;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.registry.AvroSerde;
import dev.maildigest.registry.SchemaRegistry;

/**
 * The output of {@code run}: each new digest printed as text and/or written as files. A consumer
 * group remembers what was delivered, so a restart neither repeats nor skips a digest (a file
 * rewritten after a crash gets the same name and content).
 */
public final class DigestSink implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DigestSink.class);
    public static final String GROUP = "maildigest-run-output";

    private final KafkaConsumer<String, Digest> consumer;
    private final String topic;
    private final PrintStream out;
    private final Path dir;
    private final List<DigestFormat> formats;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private volatile java.util.function.Consumer<Digest> listener = d -> { };
    private volatile long firstDeliveredNanos;
    private volatile RuntimeException failure;

    /**
     * @param out     where to print each digest's text, or null
     * @param dir     where to write files, or null
     */
    public DigestSink(PipelineConfig config, SchemaRegistry registry, PrintStream out, Path dir, List<DigestFormat> formats) {
        this(config, registry, out, dir, formats, null);
    }

    /**
     * @param instanceId the group's static member name (a restart after a crash takes the old place at
     *                   once instead of waiting for its session to expire), or null for a dynamic member
     */
    public DigestSink(PipelineConfig config, SchemaRegistry registry, PrintStream out, Path dir, List<DigestFormat> formats,
                      String instanceId) {
        this.topic = config.topics().digests();
        this.out = out;
        this.dir = dir;
        this.formats = formats;
        java.util.Properties props = config.consumer(GROUP, config.topics().id(GROUP));
        if (instanceId != null) {
            props.putIfAbsent(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        this.consumer = new KafkaConsumer<>(props, AvroSerde.forStringKeys(registry),
                AvroSerde.forValues(registry, Digest.class));
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(topic));
        try {
            while (true) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, Digest> record : records) {
                    deliver(record.value());
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException stopped) {
            log.debug("digest output stopped");
        } catch (RuntimeException e) {
            // The digest stays on the topic: its offset is not committed, so the next start delivers it.
            failure = e;
            log.error("digest output failed: {}", e.getMessage());
        } finally {
            // Leave the group, static member or not: the next start (or the reset tool) finds it empty.
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
    }

    private void deliver(Digest digest) {
        if (dir != null) {
            List<Path> files = DigestFiles.write(dir, digest, formats.toArray(DigestFormat[]::new));
            log.info("digest written list={} first={} last={} files={}", digest.getList(), digest.getFirstShort(),
                    digest.getLastShort(), files.size());
        }
        if (out != null) {
            out.print(digest.getText());
            out.println();
            out.flush();
        }
        if (delivered.getAndIncrement() == 0) {
            firstDeliveredNanos = System.nanoTime();
        }
        messages.addAndGet(digest.getMessages());
        listener.accept(digest);
    }

    /** Also hands each delivered digest to {@code listener} (benchmarks wait for particular ones). */
    public void onDelivered(java.util.function.Consumer<Digest> listener) {
        this.listener = listener;
    }

    /** Messages counted by the digests delivered since this sink started. */
    public long messages() {
        return messages.get();
    }

    /** {@link System#nanoTime()} of the first delivery, 0 before it. */
    public long firstDeliveredNanos() {
        return firstDeliveredNanos;
    }

    /** Why {@link #run()} stopped delivering, or null while it runs or after a normal stop. */
    public RuntimeException failure() {
        return failure;
    }

    /** Digests delivered since this sink started. */
    public long delivered() {
        return delivered.get();
    }

    /** Ends {@link #run()} from another thread. */
    @Override
    public void close() {
        consumer.wakeup();
    }
}
