package dev.maildigest.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the stages need to reach Kafka and the Schema Registry, read in one place: the
 * command line, then Kafka client properties from {@code --config} passed through as Kafka's own
 * tools do. Stage-specific settings (exactly once, sizes) are added by the methods below.
 */
public final class PipelineConfig {
    /** Client property carrying the registry URL, as Confluent's clients name it. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Client property carrying registry basic-auth credentials, user:password. */
    public static final String SCHEMA_REGISTRY_USER_INFO = "basic.auth.user.info";

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final Properties client;
    private final Topics topics;

    public PipelineConfig(String bootstrapServers, String schemaRegistryUrl, Properties client, Topics topics) {
        this.client = client;
        this.bootstrapServers = bootstrapServers != null ? bootstrapServers
                : client.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        this.schemaRegistryUrl = schemaRegistryUrl != null ? schemaRegistryUrl
                : client.getProperty(SCHEMA_REGISTRY_URL);
        this.topics = topics;
    }

    /** Reads a Kafka client properties file, as {@code --command-config} does for Kafka's tools. */
    public static Properties readClientProperties(Path file) {
        Properties props = new Properties();
        if (file == null) {
            return props;
        }
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UserError("cannot read the config file " + file + ": " + e.getMessage());
        }
        return props;
    }

    /** Same settings pointed at another cluster and registry (the embedded ones). */
    public PipelineConfig withEndpoints(String bootstrap, String registryUrl) {
        return new PipelineConfig(bootstrap, registryUrl, client, topics);
    }

    public boolean embedded() {
        return bootstrapServers == null;
    }

    public String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new UserError("no Kafka to connect to: give --bootstrap-server HOST:PORT");
        }
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        if (schemaRegistryUrl == null) {
            throw new UserError("no Schema Registry to use: give --schema-registry-url URL");
        }
        return schemaRegistryUrl;
    }

    public String schemaRegistryUserInfo() {
        return client.getProperty(SCHEMA_REGISTRY_USER_INFO);
    }

    public Topics topics() {
        return topics;
    }

    /** Client properties from the file, bootstrap set; registry keys left out (Kafka warns on unknown keys). */
    private Properties common() {
        Properties p = new Properties();
        client.forEach((k, v) -> {
            if (!Set.of(SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USER_INFO).contains(k)) {
                p.put(k, v);
            }
        });
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    public Properties admin(String clientId) {
        Properties p = common();
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    /** A transactional producer sized for large mails. */
    public Properties transactionalProducer(String clientId, String transactionalId) {
        Properties p = common();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, Topics.COMPRESSION);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(1024 * 1024));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
        return p;
    }

    /** A consumer that sees committed records only. */
    public Properties consumer(String clientId, String groupId) {
        Properties p = common();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    /** Kafka Streams with exactly-once v2 and producer limits for large mails. */
    public Properties streams(String applicationId, Path stateDir) {
        Properties p = common();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // Each EOS commit is a transaction plus a cache flush; 100 ms (the EOS default) spends more time
        // committing than parsing during a backfill. Digests still go out at once (the aggregator asks
        // for a commit), so this bounds only how long parsed mail waits to reach the aggregator.
        p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500");
        // Room for the open ranges' messages (about 1 MB per range of 100), see DigestTopology.
        p.putIfAbsent(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, String.valueOf(64L * 1024 * 1024));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), String.valueOf(Topics.MAX_MESSAGE_BYTES));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), Topics.COMPRESSION);
        // Parsed mail goes out in bursts of whole ranges: bigger batches mean fewer produce requests
        // (and transaction bookkeeping) on the broker; the EOS commit flushes them anyway.
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), String.valueOf(512 * 1024));
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "10");
        p.put(StreamsConfig.topicPrefix("max.message.bytes"), String.valueOf(Topics.MAX_MESSAGE_BYTES));
        p.put(StreamsConfig.topicPrefix("compression.type"), Topics.COMPRESSION);
        p.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, String.valueOf(topics.replication()));
        // The topology has no global store; saying so once silences a warning per StreamsConfig built
        // ("will get enabled by default with Apache Kafka 5.0").
        p.putIfAbsent("processing.exception.handler.global.enabled", "true");
        return p;
    }

    /**
     * Fails with one readable line when the cluster cannot be reached within the timeout, before
     * a stage starts and Kafka's clients retry forever.
     */
    public void requireReachable(long timeoutMs) {
        Properties p = admin("maildigest-probe");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException
                    || e.getCause() instanceof org.apache.kafka.common.errors.AuthorizationException) {
                // Refused at once, not unreachable: say so rather than "waited".
                throw new UserError("Kafka at " + bootstrapServers() + " refused the client: " + e.getCause().getMessage()
                        + " (check the security settings in --config)", e);
            }
            throw new UserError("cannot reach Kafka at " + bootstrapServers() + " (waited " + timeoutMs / 1000 + " s)", e);
        } catch (TimeoutException e) {
            throw new UserError("cannot reach Kafka at " + bootstrapServers() + " (waited " + timeoutMs / 1000 + " s)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while connecting to Kafka at " + bootstrapServers());
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new UserError("cannot use Kafka at " + bootstrapServers() + ": " + e.getMessage());
        }
    }

    /**
     * What a stage does first on a real cluster: fail with one readable line when it is out of
     * reach, then create the pipeline's topics that are missing, whichever stage starts first.
     */
    public void prepareCluster() {
        requireReachable(15_000);
        try (Admin admin = Admin.create(admin("maildigest-setup"))) {
            topics.createMissing(admin);
        }
    }

    /** Properties safe to print: values of keys that look secret are masked. */
    public static Map<String, String> redacted(Properties props) {
        Map<String, String> out = new java.util.TreeMap<>();
        props.forEach((k, v) -> {
            String key = k.toString();
            boolean secret = key.matches("(?i).*(password|secret|token|jaas|user\\.info|credentials).*");
            out.put(key, secret ? "[hidden]" : v.toString());
        });
        return out;
    }
}
