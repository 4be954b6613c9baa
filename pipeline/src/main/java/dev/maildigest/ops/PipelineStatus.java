package dev.maildigest.ops;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.registry.SchemaRegistry;

/**
 * Where the pipeline stands, as {@code pipeline status} shows it: topics, consumer-group lag,
 * archives ingested, the last digest emitted. Collected from the cluster, so any process (or an
 * operator on another machine) sees the same.
 *
 * @param notes what could not be found out, one readable line each
 */
public record PipelineStatus(
        Instant collectedAt,
        String bootstrapServers,
        List<TopicStatus> topics,
        List<GroupStatus> groups,
        List<ArchiveStatus> archives,
        LastDigest lastDigest,
        List<String> notes) {

    /**
     * @param records records readable with read_committed when {@code exact}; otherwise the sum of
     *        end minus start offsets, an upper bound (transaction markers and compacted-away
     *        records take offsets too)
     * @param sizeBytes bytes on disk, all replicas on all brokers; null when the brokers would not say
     */
    public record TopicStatus(String name, int partitions, long records, boolean exact, Long sizeBytes) {
    }

    /** A consumer or Streams group and its lag (in offsets, markers included) on each partition of the topics it reads. */
    public record GroupStatus(String group, String type, String state, long lag, List<PartitionLag> partitions) {
    }

    /**
     * @param committed the group's committed offset, null when it has committed nothing there yet
     * @param end the last stable offset (what a read_committed reader can reach)
     */
    public record PartitionLag(String topic, int partition, Long committed, long end, long lag) {
    }

    /**
     * The last checkpoint of one archive.
     *
     * @param list the archive's name, key of its checkpoint (and of its transactional id)
     * @param archive where it is read from, as configured (path or URL, credentials removed)
     * @param commitsBehind commits upstream has after {@code commit}; null when it cannot be found
     *        out cheaply (remote archives, outside the ingesting process)
     */
    public record ArchiveStatus(String list, String archive, int epoch, String commit, Instant committedAt,
            Instant updatedAt, long ordinal, long published, long ranges, int rewrites, Long commitsBehind) {
    }

    /** The newest record of the text digest topic. {@code title} is the first line of the document. */
    public record LastDigest(String topic, String key, Instant timestamp, int partition, long offset, String title) {
    }

    /** Reads the status from the cluster of {@code config}; checkpoints are decoded through {@code registry} (null: skipped). */
    public static PipelineStatus collect(PipelineConfig config, SchemaRegistry registry) {
        try (StatusCollector collector = new StatusCollector(config, registry)) {
            return collector.collect();
        }
    }

    public TopicStatus topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    public GroupStatus group(String id) {
        return groups.stream().filter(g -> g.group().equals(id)).findFirst().orElse(null);
    }

    /** The archive named {@code list} (its checkpoint key). */
    public ArchiveStatus archive(String list) {
        return archives.stream().filter(a -> a.list().equals(list)).findFirst().orElse(null);
    }

    /** One JSON document; times in ISO-8601. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status cannot be written as JSON", e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT);
}
