package dev.maildigest.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.embedded.EmbeddedKafka;
import dev.maildigest.ingest.IngestOptions;

/**
 * How fast Kafka alone moves an archive through the pipeline's shape on this machine: the floor
 * under {@code pipeline bench}. Same embedded broker, topics and client settings as the pipeline,
 * same hops (transactional ingest of ranges of 100, grouped up to 8 MiB per transaction; Streams
 * with exactly_once_v2; re-key by range through a repartition topic; cached stores that collect a
 * range; one digest-sized record per range, keyed by list, through a second repartition topic to
 * the list stage's cached stores; the digest and its text out; commits asked for at most every
 * 250 ms as the pipeline does; a read_committed reader), but none of the mail work: messages
 * are preloaded, nothing is parsed, no Avro, no registry, no git. What crosses the repartition
 * topic is a slice of the mail as big as a parsed mail (about 1.4 KB on kvmarm).
 *
 * <pre>
 * ./mvnw -q -B -pl pipeline test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -cp %classpath dev.maildigest.bench.KafkaFloor /tmp/kvmarm/git/0.git"
 * </pre>
 * Add {@code --messages N} after the archive to send N messages, the archive's again and again (as
 * {@link EpochGenerator} makes a long archive of them), and {@code --at-least-once} for the same run
 * without transactions. cpu_s is the
 * process's CPU time between the first send and the last range read; cores_busy is cpu_s / wall_s.
 */
public final class KafkaFloor {
    private static final int RANGE = IngestOptions.DEFAULT_MAX_RANGE;
    private static final int PARSED_SIZE = 1400;
    private static final int HEADER = 3 * Integer.BYTES; // range, range size, index in range
    /** A range's digest and its text, encoded, per message of the range (about what kvmarm's come to). */
    private static final int DIGEST_PER_MESSAGE = 400;
    private static final String LIST = "floor";
    private static final long COMMIT_GAP_NANOS = 250_000_000L; // RangeAggregator's and ArchiveOrder's gap

    public static void main(String[] args) throws Exception {
        boolean exactlyOnce = true;
        int count = 0;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--at-least-once")) {
                exactlyOnce = false;
            } else if (args[i].equals("--messages") && i + 1 < args.length) {
                count = Integer.parseInt(args[++i]);
            } else {
                count = -1;
            }
        }
        if (args.length < 1 || count < 0) {
            System.err.println("usage: KafkaFloor GIT_DIR [--messages N] [--at-least-once]");
            System.exit(2);
        }
        List<byte[]> source = ParserBenchmark.messages(new File(args[0]));
        // A long archive is the source's mail again and again, as EpochGenerator makes one: only the
        // source is held in memory, so 200,000 messages fit in the pipeline's -Xmx1g.
        int total = count == 0 ? source.size() : count;
        List<byte[]> mails = new AbstractList<>() {
            @Override
            public byte[] get(int index) {
                return source.get(index % source.size());
            }

            @Override
            public int size() {
                return total;
            }
        };
        long bytes = mails.stream().mapToLong(m -> m.length).sum();
        int ranges = (mails.size() + RANGE - 1) / RANGE;
        Path dir = Files.createTempDirectory("maildigest-floor");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), null, new Properties(), Topics.of("floor."));
            try (Admin admin = Admin.create(config.admin("floor-setup"))) {
                config.topics().createMissing(admin);
            }
            Properties streamsProps = config.streams("maildigest-floor", dir.resolve("streams"));
            streamsProps.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2"); // as `--stream-threads` by default
            if (!exactlyOnce) {
                streamsProps.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
            }
            try (KafkaStreams streams = new KafkaStreams(topology(config.topics()).build(), streamsProps)) {
                streams.start();
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpuBefore = os.getProcessCpuTime();
                long started = System.nanoTime();
                Thread reader = new Thread(() -> awaitRanges(config, ranges), "floor-reader");
                reader.start();
                produce(config, mails, exactlyOnce);
                long produced = System.nanoTime();
                reader.join();
                long finished = System.nanoTime();
                double wall = (finished - started) / 1e9;
                System.out.printf("floor guarantee=%s messages=%d mb=%.1f ranges=%d wall_s=%.2f msgs_per_s=%.0f mb_per_s=%.1f"
                                + " produce_s=%.2f cpu_s=%.1f cores_busy=%.2f%n",
                        exactlyOnce ? "exactly_once_v2" : "at_least_once", mails.size(), bytes / 1e6, ranges, wall,
                        mails.size() / wall, bytes / 1e6 / wall, (produced - started) / 1e9, (os.getProcessCpuTime() - cpuBefore) / 1e9, (os.getProcessCpuTime() - cpuBefore) / 1e9 / wall);
            }
        }
    }

    /**
     * raw → slice keyed by range → repartition → collect each range in cached stores → one record
     * per range keyed by list → repartition → the list stage's stores → two records per range out
     * (the digest and its text), as {@code DigestTopology} does.
     */
    private static StreamsBuilder topology(Topics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("messages"),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("arrived"),
                Serdes.String(), Serdes.Integer()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("completed"),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("waiting"),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("last-out"),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        KStream<String, byte[]> digests = builder.stream(topics.raw(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .map((key, value) -> KeyValue.pair(String.valueOf(ByteBuffer.wrap(value).getInt()),
                        Arrays.copyOf(value, Math.min(value.length, PARSED_SIZE))))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("by-range"))
                .process(RangeCollector::new, "messages", "arrived", "completed")
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("by-list"))
                .process(ListOrder::new, "waiting", "last-out");
        digests.mapValues(value -> Arrays.copyOfRange(value, 0, value.length / 2))
                .to(topics.digests(), Produced.with(Serdes.String(), Serdes.ByteArray()));
        digests.mapValues(value -> Arrays.copyOfRange(value, value.length / 2, value.length))
                .to(topics.digestsText(), Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder;
    }

    /** At most one commit request per gap, as the pipeline's processors pace theirs after a digest. */
    private static final class Pacing {
        private long next = System.nanoTime();

        void commit(ProcessorContext<?, ?> context) {
            long now = System.nanoTime();
            if (now - next >= 0) {
                context.commit();
                next = now + COMMIT_GAP_NANOS;
            }
        }
    }

    /**
     * The aggregator's work without the digest: count, keep, and on the last message read back,
     * delete, mark the range done and send on a digest-sized record keyed by list.
     */
    private static final class RangeCollector implements Processor<String, byte[], String, byte[]> {
        private final Pacing pacing = new Pacing();
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> messages;
        private KeyValueStore<String, Integer> arrived;
        private KeyValueStore<String, Long> completed;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.messages = context.getStateStore("messages");
            this.arrived = context.getStateStore("arrived");
            this.completed = context.getStateStore("completed");
        }

        @Override
        public void process(Record<String, byte[]> record) {
            ByteBuffer header = ByteBuffer.wrap(record.value());
            header.getInt();
            int size = header.getInt();
            String key = record.key() + "/" + String.format("%06d", header.getInt());
            if (completed.get(record.key()) != null || messages.get(key) != null) {
                return;
            }
            Integer before = arrived.get(record.key());
            int count = (before == null ? 0 : before) + 1;
            if (count < size) {
                messages.put(key, record.value());
                arrived.put(record.key(), count);
                return;
            }
            List<String> keys = new ArrayList<>();
            try (var it = messages.prefixScan(record.key() + "/", new StringSerializer())) {
                while (it.hasNext()) {
                    keys.add(it.next().key);
                }
            }
            keys.forEach(messages::delete);
            arrived.delete(record.key());
            completed.put(record.key(), System.currentTimeMillis());
            ByteBuffer digest = ByteBuffer.allocate(Long.BYTES + size * DIGEST_PER_MESSAGE);
            digest.putLong(Long.parseLong(record.key()) + 1);
            context.forward(record.withKey(LIST).withValue(digest.array()));
            pacing.commit(context);
        }
    }

    /**
     * The list stage's store work without the ordering: look up the last range out and a waiting one,
     * emit, put the last back. Ranges from parallel tasks arrive in any order; all go out.
     */
    private static final class ListOrder implements Processor<String, byte[], String, byte[]> {
        private final Pacing pacing = new Pacing();
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> waiting;
        private KeyValueStore<String, Long> lastOut;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.waiting = context.getStateStore("waiting");
            this.lastOut = context.getStateStore("last-out");
        }

        @Override
        public void process(Record<String, byte[]> record) {
            long sequence = ByteBuffer.wrap(record.value()).getLong();
            Long last = lastOut.get(record.key());
            waiting.get(record.key() + "/" + sequence);
            context.forward(record.withKey(record.key() + "/" + sequence));
            lastOut.put(record.key(), last == null ? sequence : Math.max(last, sequence));
            pacing.commit(context);
        }
    }

    /** Ranges of the default size, several per transaction up to the ingester's target, as it sends a backfill. */
    private static void produce(PipelineConfig config, List<byte[]> mails, boolean exactlyOnce) {
        Properties props = config.transactionalProducer("floor-ingest", "floor-ingest");
        if (!exactlyOnce) {
            props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            if (exactlyOnce) {
                producer.initTransactions();
            }
            long open = 0;
            for (int first = 0; first < mails.size(); first += RANGE) {
                int end = Math.min(mails.size(), first + RANGE);
                if (exactlyOnce && open == 0) {
                    producer.beginTransaction();
                }
                for (int i = first; i < end; i++) {
                    byte[] mail = mails.get(i);
                    ByteBuffer value = ByteBuffer.allocate(HEADER + mail.length)
                            .putInt(first / RANGE).putInt(end - first).putInt(i - first).put(mail);
                    producer.send(new ProducerRecord<>(config.topics().raw(), "c" + i, value.array()));
                    open += mail.length;
                }
                if (open >= IngestOptions.TRANSACTION_TARGET_BYTES || end == mails.size()) {
                    if (exactlyOnce) {
                        producer.commitTransaction();
                    } else {
                        producer.flush();
                    }
                    open = 0;
                }
            }
        }
    }

    private static void awaitRanges(PipelineConfig config, int ranges) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config.consumer("floor-reader", "floor-reader"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(config.topics().digests()));
            int seen = 0;
            while (seen < ranges) {
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
        }
    }
}
