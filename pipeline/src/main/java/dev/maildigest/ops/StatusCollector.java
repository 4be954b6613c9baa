package dev.maildigest.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.UserError;
import dev.maildigest.ops.PipelineStatus.ArchiveStatus;
import dev.maildigest.ops.PipelineStatus.GroupStatus;
import dev.maildigest.ops.PipelineStatus.LastDigest;
import dev.maildigest.ops.PipelineStatus.PartitionLag;
import dev.maildigest.ops.PipelineStatus.TopicStatus;
import dev.maildigest.registry.AvroSerde;
import dev.maildigest.registry.SchemaRegistry;

/** Gathers a {@link PipelineStatus} with one admin client and one read_committed consumer. */
final class StatusCollector implements AutoCloseable {
    /** Prefix of the groups and internal topics of the pipeline's stages (Streams: maildigest-stream). */
    static final String STAGE_PREFIX = "maildigest-";
    /** Topics up to this many offsets and bytes are counted by reading them, larger ones from offsets. */
    static final long EXACT_COUNT_MAX_OFFSETS = 100_000;
    static final long EXACT_COUNT_MAX_BYTES = 256L * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String CLIENT_ID = "maildigest-status";

    private final PipelineConfig config;
    private final SchemaRegistry registry;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, TopicDescription> descriptions = new HashMap<>();
    private final Map<TopicPartition, Long> start = new HashMap<>();
    private final Map<TopicPartition, Long> end = new HashMap<>();

    StatusCollector(PipelineConfig config, SchemaRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.admin = Admin.create(config.admin(CLIENT_ID));
        this.consumer = new KafkaConsumer<>(config.consumer(CLIENT_ID, null),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    PipelineStatus collect() {
        Instant now = Instant.now();
        List<String> topicNames = topicNames();
        describe(topicNames);
        Map<String, Long> sizes = sizes(topicNames);

        Set<String> toRead = new LinkedHashSet<>();
        for (String topic : topicNames) {
            Long size = sizes.get(topic);
            if (span(topic) <= EXACT_COUNT_MAX_OFFSETS && (size == null || size <= EXACT_COUNT_MAX_BYTES)) {
                toRead.add(topic);
            }
        }
        String checkpoints = config.topics().checkpoints();
        if (descriptions.containsKey(checkpoints)) {
            toRead.add(checkpoints); // always read: it is compacted and holds one record per archive
        }
        Map<String, Long> counted = new HashMap<>();
        Map<String, IngestCheckpoint> checkpointByArchive = new TreeMap<>();
        CheckpointReader checkpointReader = new CheckpointReader(checkpoints, checkpointByArchive);
        Set<TopicPartition> unfinished = readAll(partitionsOf(toRead), start, record -> {
            counted.merge(record.topic(), 1L, Long::sum);
            if (record.topic().equals(checkpoints)) {
                checkpointReader.accept(record);
            }
        });
        Set<String> complete = new HashSet<>(toRead);
        unfinished.forEach(tp -> complete.remove(tp.topic()));
        if (!unfinished.isEmpty()) {
            notes.add("counting by reading took longer than " + READ_TIMEOUT.toSeconds() + " s: counts of "
                    + unfinished.stream().map(TopicPartition::topic).distinct().sorted().toList() + " are upper bounds");
        }

        List<TopicStatus> topics = new ArrayList<>();
        for (String topic : topicNames) {
            boolean exact = complete.contains(topic);
            topics.add(new TopicStatus(topic, descriptions.get(topic).partitions().size(),
                    exact ? counted.getOrDefault(topic, 0L) : span(topic), exact, sizes.get(topic)));
        }
        return new PipelineStatus(now, config.bootstrapServers(), topics, groups(),
                archives(checkpointByArchive, complete.contains(checkpoints)), lastDigest(), List.copyOf(notes));
    }

    /** The design's topics that exist, then the stages' internal ones (repartition, changelog). */
    private List<String> topicNames() {
        Set<String> existing = await(admin.listTopics().names());
        List<String> names = new ArrayList<>();
        config.topics().all().forEach(t -> {
            if (existing.contains(t.name())) {
                names.add(t.name());
            } else {
                notes.add("topic " + t.name() + " does not exist (yet): nothing has run against this cluster with this prefix");
            }
        });
        existing.stream().filter(n -> n.startsWith(config.topics().id(STAGE_PREFIX))).sorted().forEach(names::add);
        return names;
    }

    private void describe(Collection<String> topics) {
        List<String> missing = topics.stream().filter(t -> !descriptions.containsKey(t)).toList();
        if (missing.isEmpty()) {
            return;
        }
        descriptions.putAll(await(admin.describeTopics(missing).allTopicNames()));
        List<TopicPartition> partitions = partitionsOf(missing);
        start.putAll(offsets(partitions, OffsetSpec.earliest()));
        end.putAll(offsets(partitions, OffsetSpec.latest()));
    }

    private List<TopicPartition> partitionsOf(Collection<String> topics) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : topics) {
            descriptions.get(topic).partitions().forEach(p -> out.add(new TopicPartition(topic, p.partition())));
        }
        return out;
    }

    /** Offsets as a read_committed reader sees them: "latest" is the last stable offset. */
    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> out = new HashMap<>();
        await(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all())
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private long span(String topic) {
        return partitionsOf(List.of(topic)).stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
    }

    /** Bytes on disk per topic, replicas included; empty when the brokers refuse to describe their log dirs. */
    private Map<String, Long> sizes(List<String> topics) {
        Map<String, Long> sizes = new HashMap<>();
        try {
            List<Integer> brokers = await(admin.describeCluster().nodes()).stream().map(Node::id).toList();
            Map<Integer, Map<String, LogDirDescription>> dirs = await(admin.describeLogDirs(brokers).allDescriptions());
            Set<String> wanted = new HashSet<>(topics);
            dirs.values().forEach(byDir -> byDir.values().forEach(dir -> dir.replicaInfos().forEach((tp, replica) -> {
                if (wanted.contains(tp.topic()) && !replica.isFuture()) {
                    sizes.merge(tp.topic(), replica.size(), Long::sum);
                }
            })));
            topics.forEach(t -> sizes.putIfAbsent(t, 0L));
        } catch (UserError e) {
            notes.add("sizes unknown: " + e.getMessage());
        }
        return sizes;
    }

    /**
     * Reads the partitions from {@code from} to the end offsets taken before, as read_committed;
     * records arriving meanwhile are left out. Returns the partitions not read to the end in time.
     */
    private Set<TopicPartition> readAll(List<TopicPartition> partitions, Map<TopicPartition, Long> from,
            Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Set<TopicPartition> remaining = new HashSet<>();
        consumer.assign(partitions);
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, from.get(tp));
            if (end.get(tp) > from.get(tp)) {
                remaining.add(tp);
            }
        }
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (!remaining.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                }
            }
            remaining.removeIf(tp -> consumer.position(tp) >= end.get(tp));
        }
        consumer.unsubscribe();
        return remaining;
    }

    /** Keeps the newest checkpoint per archive name (the key); a record it cannot decode becomes a note, not a failure. */
    private final class CheckpointReader implements Consumer<ConsumerRecord<byte[], byte[]>> {
        private final String topic;
        private final Map<String, IngestCheckpoint> byArchive;
        private final AvroSerde<IngestCheckpoint> serde;
        private final AvroSerde<String> keys;

        CheckpointReader(String topic, Map<String, IngestCheckpoint> byArchive) {
            this.topic = topic;
            this.byArchive = byArchive;
            this.serde = registry == null ? null : AvroSerde.forValues(registry, IngestCheckpoint.class);
            this.keys = registry == null ? null : AvroSerde.forStringKeys(registry);
        }

        /** Keys are Avro strings (the archive's name), as the ingester writes them. */
        @Override
        public void accept(ConsumerRecord<byte[], byte[]> record) {
            if (serde == null) {
                return;
            }
            try {
                String name = record.key() == null ? null : keys.deserialize(topic, record.key());
                if (record.value() == null) {
                    if (name != null) {
                        byArchive.remove(name); // tombstone: the archive was forgotten
                    }
                    return;
                }
                IngestCheckpoint checkpoint = serde.deserialize(topic, record.value());
                byArchive.put(name != null ? name : checkpoint.getList(), checkpoint);
            } catch (RuntimeException e) {
                notes.add("checkpoint at " + topic + "/" + record.partition() + "@" + record.offset()
                        + " is unreadable: " + e.getMessage());
            }
        }
    }

    private List<ArchiveStatus> archives(Map<String, IngestCheckpoint> checkpoints, boolean complete) {
        if (registry == null) {
            notes.add("archives not shown: give --schema-registry-url to read the ingest checkpoints");
            return List.of();
        }
        if (!complete && descriptions.containsKey(config.topics().checkpoints())) {
            notes.add("the checkpoint topic was not read to its end: archives may be out of date");
        }
        List<ArchiveStatus> out = new ArrayList<>();
        checkpoints.forEach((name, c) -> out.add(new ArchiveStatus(
                name, PipelineMetrics.withoutCredentials(c.getArchive()), c.getEpoch(), c.getCommit(), c.getCommittedAt(),
                c.getUpdatedAt(), c.getOrdinal(), c.getPublished(), c.getRanges(), c.getRewrites(), commitsBehind(name, c))));
        return out;
    }

    private static Long commitsBehind(String name, IngestCheckpoint checkpoint) {
        Long counted = UpstreamDistance.commitsAfter(checkpoint.getArchive(), checkpoint.getEpoch(), checkpoint.getCommit());
        return counted != null ? counted : PipelineMetrics.commitsBehindIfKnown(name);
    }

    /** Lag of the stages' groups on every partition of the topics they have committed offsets on. */
    private List<GroupStatus> groups() {
        List<GroupListing> listings = await(admin.listGroups().all()).stream()
                .filter(g -> g.groupId().startsWith(config.topics().id(STAGE_PREFIX)))
                .filter(g -> g.type().orElse(GroupType.UNKNOWN) != GroupType.SHARE)
                .sorted((a, b) -> a.groupId().compareTo(b.groupId()))
                .toList();
        List<GroupStatus> out = new ArrayList<>();
        for (GroupListing listing : listings) {
            String id = listing.groupId();
            GroupType type = listing.type().orElse(GroupType.UNKNOWN);
            Map<TopicPartition, OffsetAndMetadata> committed = type == GroupType.STREAMS
                    ? await(admin.listStreamsGroupOffsets(Map.of(id, new ListStreamsGroupOffsetsSpec())).partitionsToOffsetAndMetadata(id))
                    : await(admin.listConsumerGroupOffsets(id).partitionsToOffsetAndMetadata());
            Set<String> topics = committed.keySet().stream().map(TopicPartition::topic)
                    .collect(Collectors.toCollection(TreeSet::new));
            describe(topics);
            List<PartitionLag> lags = new ArrayList<>();
            long total = 0;
            for (TopicPartition tp : partitionsOf(topics)) {
                OffsetAndMetadata offset = committed.get(tp);
                Long at = offset == null ? null : offset.offset();
                long lag = Math.max(0, end.get(tp) - (at != null ? at : start.get(tp)));
                total += lag;
                lags.add(new PartitionLag(tp.topic(), tp.partition(), at, end.get(tp), lag));
            }
            out.add(new GroupStatus(id, type.toString().toLowerCase(),
                    listing.groupState().map(Object::toString).orElse("unknown"), total, lags));
        }
        return out;
    }

    /**
     * The newest record of the text digest topic: the last record of each partition, found by
     * reading a window before its end (transaction markers take offsets too, so the window widens
     * until a record shows), then the one with the latest timestamp.
     */
    private LastDigest lastDigest() {
        String topic = config.topics().digestsText();
        if (!descriptions.containsKey(topic)) {
            return null;
        }
        Map<TopicPartition, ConsumerRecord<byte[], byte[]>> lastByPartition = new HashMap<>();
        List<TopicPartition> searching = partitionsOf(List.of(topic)).stream().filter(tp -> end.get(tp) > start.get(tp)).toList();
        for (long window = 16; !searching.isEmpty(); window *= 4) {
            Map<TopicPartition, Long> from = new HashMap<>();
            for (TopicPartition tp : searching) {
                from.put(tp, Math.max(start.get(tp), end.get(tp) - window));
            }
            Set<TopicPartition> unfinished = readAll(searching, from,
                    record -> lastByPartition.put(new TopicPartition(record.topic(), record.partition()), record));
            if (!unfinished.isEmpty()) {
                notes.add("the end of " + topic + " could not be read in time: the last digest may be older than shown");
                break;
            }
            searching = searching.stream()
                    .filter(tp -> !lastByPartition.containsKey(tp) && from.get(tp) > start.get(tp))
                    .toList();
        }
        ConsumerRecord<byte[], byte[]> newest = lastByPartition.values().stream()
                .max(Comparator.comparingLong(ConsumerRecord::timestamp)).orElse(null);
        if (newest == null) {
            return null;
        }
        String text = newest.value() == null ? "" : new String(newest.value(), StandardCharsets.UTF_8);
        String title = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        return new LastDigest(topic, newest.key() == null ? null : new String(newest.key(), StandardCharsets.UTF_8),
                Instant.ofEpochMilli(newest.timestamp()), newest.partition(), newest.offset(), title);
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new UserError("Kafka refused a status request: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new UserError("Kafka did not answer a status request within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while collecting the status");
        }
    }

    @Override
    public void close() {
        consumer.close();
        admin.close();
    }
}
