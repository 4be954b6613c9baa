package dev.maildigest.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * range; one record per range out; a read_committed reader), but none of the mail work: messages
 * are preloaded, nothing is parsed, no Avro, no registry, no git. What crosses the repartition
 * topic is a slice of the mail as big as a parsed mail (about 1.4 KB on kvmarm).
 *
 * <pre>
 * ./mvnw -q -B -pl pipeline test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -cp %classpath dev.maildigest.bench.KafkaFloor /tmp/kvmarm/git/0.git"
 * </pre>
 * Add {@code --at-least-once} after the archive for the same run without transactions. cpu_s is the
 * process's CPU time between the first send and the last range read; cores_busy is cpu_s / wall_s.
 */
public final class KafkaFloor {
    private static final int RANGE = IngestOptions.DEFAULT_MAX_RANGE;
    private static final int PARSED_SIZE = 1400;
    private static final int HEADER = 3 * Integer.BYTES; // range, range size, index in range

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--at-least-once"))) {
            System.err.println("usage: KafkaFloor GIT_DIR [--at-least-once]");
            System.exit(2);
        }
        boolean exactlyOnce = args.length == 1;
        List<byte[]> mails = ParserBenchmark.messages(new File(args[0]));
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

    /** raw → slice keyed by range → repartition → collect each range in cached stores → one record per range. */
    private static StreamsBuilder topology(Topics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("messages"),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("arrived"),
                Serdes.String(), Serdes.Integer()).withCachingEnabled());
        builder.stream(topics.raw(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .map((key, value) -> KeyValue.pair(String.valueOf(ByteBuffer.wrap(value).getInt()),
                        Arrays.copyOf(value, Math.min(value.length, PARSED_SIZE))))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("by-range"))
                .process(RangeCollector::new, "messages", "arrived")
                .to(topics.digests(), Produced.with(Serdes.String(), Serdes.String()));
        return builder;
    }

    /** The aggregator's work without the digest: count, keep, and on the last message read back and delete. */
    private static final class RangeCollector implements Processor<String, byte[], String, String> {
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, byte[]> messages;
        private KeyValueStore<String, Integer> arrived;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.messages = context.getStateStore("messages");
            this.arrived = context.getStateStore("arrived");
        }

        @Override
        public void process(Record<String, byte[]> record) {
            ByteBuffer header = ByteBuffer.wrap(record.value());
            header.getInt();
            int size = header.getInt();
            String key = record.key() + "/" + String.format("%06d", header.getInt());
            if (messages.get(key) != null) {
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
            long kept = record.value().length;
            try (var it = messages.prefixScan(record.key() + "/", new StringSerializer())) {
                while (it.hasNext()) {
                    var entry = it.next();
                    keys.add(entry.key);
                    kept += entry.value.length;
                }
            }
            keys.forEach(messages::delete);
            arrived.delete(record.key());
            context.forward(record.withValue("range " + record.key() + ": " + (keys.size() + 1) + " messages, " + kept + " bytes"));
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
