package dev.maildigest.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.maildigest.config.UserError;

/**
 * The registry's log in a compacted single-partition topic ({@code _schemas}), read with
 * read_committed and written in Kafka transactions under one transactional id per topic. The
 * transactional id is the lock between registries sharing the topic: claiming the writer role
 * fences the previous writer, whose next commit then fails, so a write is always decided on the
 * whole log and two registries never hand out the same id.
 *
 * <p>Why a fenced append rather than an elected leader that others forward writes to (as
 * Confluent's registries do): the broker's transaction coordinator already gives exactly the
 * guarantee needed, one writer per transactional id, and says when it was lost; any instance can
 * then answer any write itself, with no election protocol, no forwarding between instances and no
 * leader to fail over. The cost is a retry when two instances write at the same moment, which
 * for a registry (a few writes a deployment) is nothing. {@code concurrentRegistriesHandOutDistinctIdsAndAgree}
 * and RegistryServiceIT prove it with instances registering at once.
 */
final class KafkaSchemaLog implements SchemaLog {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** bootstrap.servers and the operator's settings (security...), copied for each client. */
    private final Properties client;
    private final String topic;
    private final TopicPartition partition;
    private final KafkaConsumer<String, String> consumer;
    private KafkaProducer<String, String> producer;
    /** Offset of the last record this registry wrote: reads go at least past it. */
    private long lastWritten = -1;

    private KafkaSchemaLog(Properties client, String topic) {
        this.client = client;
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        Properties p = copy(client);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "maildigest-schema-registry-reader");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // reads stop at a known end: do not let the broker hold a fetch for more data
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /** Opens the log in {@code topic}, creating it (compacted, one partition) when missing. */
    static KafkaSchemaLog open(String bootstrapServers, String topic) {
        Properties client = new Properties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return open(client, topic);
    }

    /** The same on the cluster that the Kafka client properties {@code client} reach. */
    static KafkaSchemaLog open(Properties client, String topic) {
        createIfMissing(client, topic);
        return new KafkaSchemaLog(copy(client), topic);
    }

    /**
     * The operator's client settings without the ones the pipeline's other clients take from the
     * same file (the registry's URL and credentials), which Kafka's clients would warn about.
     */
    private static Properties copy(Properties client) {
        Properties p = new Properties();
        client.forEach((k, v) -> {
            String key = k.toString();
            if (!key.startsWith("schema.registry.") && !key.startsWith("basic.auth.")) {
                p.put(key, v);
            }
        });
        return p;
    }

    private static void createIfMissing(Properties client, String topic) {
        String bootstrapServers = client.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        Properties p = copy(client);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, "maildigest-schema-registry-setup");
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // created by another registry meanwhile: fine
                    }
                }
            }
            TopicDescription description = describeOnceKnown(admin, topic);
            if (description.partitions().size() != 1) {
                throw new UserError("the Schema Registry topic " + topic + " has " + description.partitions().size()
                        + " partitions; it must have exactly one");
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new UserError("cannot prepare the Schema Registry topic " + topic + " on " + bootstrapServers + ": " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while preparing the Schema Registry topic " + topic);
        }
    }

    /**
     * The broker that answers may not know a topic the controller has just created: metadata reaches
     * brokers a moment later. Asks again for up to 30 s.
     */
    private static TopicDescription describeOnceKnown(Admin admin, String topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void claimWriter() {
        if (producer != null) {
            return;
        }
        Properties p = copy(client);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "maildigest-schema-registry-writer");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "maildigest-schema-registry-" + topic);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        KafkaProducer<String, String> created = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        try {
            created.initTransactions();
        } catch (KafkaException e) {
            created.close(Duration.ZERO);
            throw RegistryError.store("cannot write to " + topic + ": " + e.getMessage(), e);
        }
        producer = created;
    }

    @Override
    public List<Entry> readNew() {
        List<Entry> entries = new ArrayList<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        try {
            // Commit markers are written after commitTransaction() returns: until they are, the
            // committed end (LSO) lies before this registry's last write, which it must see.
            long end = Math.max(consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition), lastWritten + 1);
            while (consumer.position(partition, READ_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw RegistryError.store("timed out reading " + topic + " up to offset " + end, null);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                    entries.add(new Entry(r.key(), r.value()));
                }
            }
        } catch (KafkaException e) {
            throw RegistryError.store("cannot read " + topic + ": " + e.getMessage(), e);
        }
        return entries;
    }

    @Override
    public void append(List<Entry> entries) {
        if (producer == null) {
            throw new IllegalStateException("claimWriter() first");
        }
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Entry e : entries) {
                sent.add(producer.send(new ProducerRecord<>(topic, 0, e.key(), e.value())));
            }
            producer.commitTransaction();
            lastWritten = sent.get(sent.size() - 1).get().offset();
        } catch (ProducerFencedException | InvalidProducerEpochException | InvalidTxnStateException e) {
            // Another registry's producer took over the transactional id; while the coordinator fences
            // this one, its commit may also be refused as out of state. Nothing was committed either way.
            dropProducer();
            throw new ConflictException("another registry writes to " + topic, e);
        } catch (TransactionAbortableException e) {
            abortQuietly();
            throw new ConflictException("transaction on " + topic + " aborted: " + e.getMessage(), e);
        } catch (AuthenticationException | AuthorizationException e) {
            abortQuietly();
            throw RegistryError.store("cannot write to " + topic + ": " + e.getMessage(), e);
        } catch (KafkaException e) {
            // An outcome the client cannot know, such as the broker's unknown server error on EndTxn
            // seen while two registries fence each other. A new producer's initTransactions settles
            // the open transaction either way, and the write is then decided again on the log as it is.
            dropProducer();
            throw new ConflictException("write to " + topic + " not confirmed: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw RegistryError.store("cannot write to " + topic + ": " + e.getCause(), e); // not after a commit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.store("interrupted while writing to " + topic, e);
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            dropProducer(); // fatal state: the next write starts a new producer
        }
    }

    private void dropProducer() {
        producer.close(Duration.ZERO);
        producer = null;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        consumer.close();
    }
}
