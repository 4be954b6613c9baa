package dev.maildigest.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The topics of the design, with an optional prefix, and the settings each is created with. */
public record Topics(String prefix, int partitions, short replication) {
    private static final Logger log = LoggerFactory.getLogger(Topics.class);

    /** Largest record a topic accepts; patch mails of several MiB must fit. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /**
     * One codec for producers and topics, so the broker never recompresses. Not zstd: zstd-jni
     * initialises a fresh compression context for every producer batch, which cost the ingester
     * half its CPU; lz4 costs a fraction of that on every hop and still keeps mail.raw at about
     * 40% of the mail's size on disk.
     */
    public static final String COMPRESSION = "lz4";

    public static Topics of(String prefix) {
        return new Topics(prefix == null ? "" : prefix, 4, (short) 1);
    }

    public String raw() { return prefix + "mail.raw"; }
    public String digests() { return prefix + "mail.digests"; }
    public String digestsText() { return prefix + "mail.digests.text"; }
    public String deadLetters() { return prefix + "mail.dead-letters"; }
    public String checkpoints() { return prefix + "mail.ingest-checkpoints"; }
    public String schemas() { return "_schemas"; }

    /**
     * A consumer group, transactional id or application id of the pipeline whose topics these are:
     * prefixed like the topics, so that two prefixes on one cluster never share one.
     */
    public String id(String name) { return prefix + name; }

    /** Every topic the pipeline needs, with explicit settings. */
    public List<NewTopic> all() {
        return List.of(
                topic(raw(), partitions, false),
                topic(digests(), partitions, false),
                topic(digestsText(), partitions, false),
                topic(deadLetters(), 1, false),
                topic(checkpoints(), 1, true),
                topic(schemas(), 1, true));
    }

    private NewTopic topic(String name, int partitionCount, boolean compacted) {
        return new NewTopic(name, partitionCount, replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES),
                // Mail archives are history: keep it (the raw topic can be replayed into new digests).
                TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }

    /**
     * Creates the topics that do not exist yet and warns about existing ones on another codec;
     * returns the names of those it created.
     */
    public List<String> createMissing(Admin admin) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = all().stream().filter(t -> !existing.contains(t.name())).toList();
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // another process may create the same topic at the same time: that is fine
                }
            }
            warnIfRecompressed(admin, existing);
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            throw new UserError("cannot create topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while creating topics");
        }
    }

    /** A hint for operators, never a reason not to start: a cluster may deny DescribeConfigs. */
    private void warnIfRecompressed(Admin admin, Set<String> existing) throws InterruptedException {
        try {
            List<String> recompressed = withOtherCompression(admin, existing);
            if (!recompressed.isEmpty()) {
                log.warn("topics {} have another compression.type than the {} the pipeline writes, so the broker recompresses"
                        + " every batch; for each: kafka-configs.sh --alter --entity-type topics --entity-name TOPIC"
                        + " --add-config compression.type={}", String.join(", ", recompressed), COMPRESSION, COMPRESSION);
            }
        } catch (ExecutionException e) {
            log.debug("topic codecs not checked: {}", e.getCause().toString());
        }
    }

    /**
     * Those of the pipeline's topics among {@code existing} that the broker recompresses: compression.type
     * neither {@link #COMPRESSION} nor "producer" (a topic created before the codec changed, or by hand).
     */
    List<String> withOtherCompression(Admin admin, Set<String> existing) throws ExecutionException, InterruptedException {
        List<ConfigResource> ours = all().stream().map(NewTopic::name).filter(existing::contains)
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(ours).all().get();
        return ours.stream()
                .filter(topic -> {
                    ConfigEntry codec = configs.get(topic).get(TopicConfig.COMPRESSION_TYPE_CONFIG);
                    return codec != null && !Set.of(COMPRESSION, "producer").contains(codec.value());
                })
                .map(ConfigResource::name).toList();
    }
}
